package org.qsebms.estimators.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.lang.management.ManagementFactory;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.qsebms.estimators.calibration.CalibratedModel;
import org.qsebms.estimators.calibration.PaperCalibration;
import org.qsebms.estimators.calibration.PaperData;

class QseCellTest {
    private static final CalibratedModel MODEL = PaperCalibration.calibrate(PaperData.bundled());

    private static QseCellParameters labCell(Electrolyte e, Cathode c, double loading) {
        OcvCurve ocv = c == Cathode.LFP ? ReferenceOcv.lfp() : ReferenceOcv.ncm811();
        return QseCellParameters.of(MODEL.laws(e), c, CellGeometry.labCell(loading, 50), ocv);
    }

    @Test
    void terminalVoltageIsAboveOcvWhileChargingAndBelowWhileDischarging() {
        QseCellParameters p = labCell(Electrolyte.PSOA, Cathode.NCM811, 2);
        double ocv = p.ocv().voltsAt(0.5);
        QseCell charging = new QseCell(p, 0.5, 25);
        QseCell discharging = new QseCell(p, 0.5, 25);

        charging.step(+p.oneCAmps(), 1.0);
        discharging.step(-p.oneCAmps(), 1.0);

        assertThat(charging.terminalVolts()).isGreaterThan(ocv);
        assertThat(discharging.terminalVolts()).isLessThan(ocv);
        assertThat(charging.soc()).isGreaterThan(0.5);
        assertThat(discharging.soc()).isLessThan(0.5);
    }

    @Test
    void steadyOverpotentialOfTheCellEqualsTheLawsAtTwentyFiveCelsius() {
        QseCellParameters p = labCell(Electrolyte.PTPA, Cathode.NCM811, 8.6);
        QseCell cell = new QseCell(p, 0.5, 25);
        cell.setAmbientCelsius(25);
        double amps = p.oneCAmps();
        for (int i = 0; i < 600; i++) {
            cell.step(amps, 1.0);
            cell.setCelsius(25);
        }
        double ocv = p.ocv().voltsAt(cell.soc(), 25);
        assertThat(cell.terminalVolts() - ocv).isCloseTo(p.steadyOverpotentialVolts(amps), within(2e-3));
    }

    @Test
    void stepAllocatesNothingAfterWarmUp() {
        QseCell cell = new QseCell(labCell(Electrolyte.PSOA, Cathode.LFP, 2), 0.5, 25);
        double amps = cell.parameters().oneCAmps();
        for (int i = 0; i < 200_000; i++) {
            cell.step((i & 1024) == 0 ? amps : -amps, 1.0);
        }
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long tid = Thread.currentThread().threadId();
        long before = mx.getThreadAllocatedBytes(tid);
        for (int i = 0; i < 1_000_000; i++) {
            cell.step((i & 1024) == 0 ? amps : -amps, 1.0);
        }
        long after = mx.getThreadAllocatedBytes(tid);
        assertThat(after - before).isLessThan(1024);
    }

    @Test
    void lfpHysteresisLiftsTheChargeBranchAboveTheDischargeBranch() {
        QseCellParameters p = labCell(Electrolyte.PSOA, Cathode.LFP, 2);
        QseCell afterCharge = new QseCell(p, 0.3, 25);
        QseCell afterDischarge = new QseCell(p, 0.7, 25);
        double amps = 0.5 * p.oneCAmps();
        while (afterCharge.soc() < 0.5) {
            afterCharge.step(amps, 1.0);
        }
        while (afterDischarge.soc() > 0.5) {
            afterDischarge.step(-amps, 1.0);
        }
        for (int i = 0; i < 3600; i++) {
            afterCharge.step(0, 1.0);
            afterDischarge.step(0, 1.0);
        }
        double gap = afterCharge.terminalVolts() - afterDischarge.terminalVolts();
        assertThat(gap).isCloseTo(2 * Cathode.LFP.hysteresisVolts(), within(0.006));
    }

    @Test
    void polarizationGrowsInTheColdAsTheFittedTemperatureLawSays() {
        QseCellParameters p = labCell(Electrolyte.PSOA, Cathode.NCM811, 2);
        double warm = overpotentialAt(p, 25);
        double cold = overpotentialAt(p, -5);
        assertThat(cold / warm).isCloseTo(p.laws().temperature().factor(-5), within(0.05));
    }

    private static double overpotentialAt(QseCellParameters p, double celsius) {
        QseCell cell = new QseCell(p, 0.5, celsius);
        for (int i = 0; i < 300; i++) {
            cell.step(p.oneCAmps(), 1.0);
            cell.setCelsius(celsius);
        }
        return cell.terminalVolts() - p.ocv().voltsAt(cell.soc(), celsius);
    }

    @Test
    void currentWarmsTheCellAndRestCoolsItBackToAmbient() {
        QseCellParameters p = labCell(Electrolyte.PTPA, Cathode.NCM811, 8.6);
        QseCell cell = new QseCell(p, 0.2, 25);
        for (int i = 0; i < 600; i++) {
            cell.step(3 * p.oneCAmps(), 1.0);
        }
        assertThat(cell.celsius()).isGreaterThan(25.0);
        for (int i = 0; i < 20 * (int) p.thermal().timeConstantSeconds(); i++) {
            cell.step(0, 1.0);
        }
        assertThat(cell.celsius()).isCloseTo(25.0, within(1e-3));
    }

    @Test
    void liquidElectrolyteFlagsShortRiskAtMinusFiveAndQseDoesNot() {
        QseCell le = new QseCell(labCell(Electrolyte.LE, Cathode.LFP, 2), 0.5, -5);
        QseCell psoa = new QseCell(labCell(Electrolyte.PSOA, Cathode.LFP, 2), 0.5, -5);
        assertThat(le.shortRisk()).isTrue();
        assertThat(psoa.shortRisk()).isFalse();
    }

    @Test
    void doublingLayersDoublesCapacityAndHalvesResistances() {
        CellGeometry one = new CellGeometry(50, 1, 8.6, 50, 100);
        CellGeometry two = new CellGeometry(50, 2, 8.6, 50, 100);
        QseCellParameters a =
                QseCellParameters.of(MODEL.laws(Electrolyte.PSOA), Cathode.NCM811, one, ReferenceOcv.ncm811());
        QseCellParameters b =
                QseCellParameters.of(MODEL.laws(Electrolyte.PSOA), Cathode.NCM811, two, ReferenceOcv.ncm811());
        assertThat(b.capacityAh()).isCloseTo(2 * a.capacityAh(), within(1e-12));
        assertThat(b.r0Ohms()).isCloseTo(a.r0Ohms() / 2, within(1e-12));
        assertThat(b.interfaceOhms()).isCloseTo(a.interfaceOhms() / 2, within(1e-12));
        assertThat(b.lithiumReserveAh()).isCloseTo(2 * a.lithiumReserveAh(), within(1e-12));
    }

    @Test
    void simulatedCycleLifeAtThePapersNcm811ConditionFollowsTheLithiumLossLaw() {
        for (Electrolyte e : Electrolyte.values()) {
            QseCellParameters p = labCell(e, Cathode.NCM811, 8.6);
            double law = p.laws()
                    .lithiumLoss()
                    .cyclesToDepletion(p.geometry().lithiumMilliAmpHoursPerCm2(), p.milliAmpsPerCm2(p.oneCAmps()));

            CyclingResult r = new ConstantCurrentCycler(1.0, 1.0, 0.8).run(new QseCell(p, 0.0, 25), 100_000);

            assertThat(r.endOfLife()).as(e.name()).isTrue();
            assertThat((double) r.cycles()).as(e.name()).isCloseTo(law, within(0.15 * law));
        }
    }

    static LongStream seeds() {
        return new SplittableRandom(20260325).longs(12);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void socStaysWithinZeroAndOneAndVoltageStaysFiniteUnderRandomCurrentsWithinCutOffs(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        Electrolyte e = Electrolyte.values()[rnd.nextInt(3)];
        Cathode c = Cathode.values()[rnd.nextInt(2)];
        QseCellParameters p = labCell(e, c, 1 + rnd.nextDouble(10));
        QseCell cell = new QseCell(p, rnd.nextDouble(0.1, 0.9), rnd.nextDouble(-10, 45));
        for (int i = 0; i < 20_000; i++) {
            double amps = rnd.nextDouble(-2, 2) * p.oneCAmps();
            if (amps > 0 && cell.chargeLimitReached() || amps < 0 && cell.dischargeLimitReached()) {
                amps = 0;
            }
            cell.step(amps, 1.0);
            assertThat(cell.soc()).isBetween(-0.01, 1.01);
            assertThat(cell.terminalVolts()).isBetween(2.0, 4.6);
            assertThat(cell.celsius()).isBetween(-11.0, 60.0);
        }
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void fastCellMatchesThePlainReferenceImplementationUnderRandomCurrents(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        QseCellParameters p =
                labCell(Electrolyte.values()[rnd.nextInt(3)], Cathode.values()[rnd.nextInt(2)], 1 + rnd.nextDouble(10));
        double soc = rnd.nextDouble(0.2, 0.8);
        double celsius = rnd.nextDouble(-5, 40);
        QseCell fast = new QseCell(p, soc, celsius);
        ReferenceQseCell slow = new ReferenceQseCell(p, soc, celsius);
        double amps = 0;
        for (int i = 0; i < 5_000; i++) {
            if (rnd.nextInt(50) == 0) {
                amps = rnd.nextInt(4) == 0 ? 0 : rnd.nextDouble(-1, 1) * p.oneCAmps();
            }
            if (amps > 0 && slow.soc > 0.95 || amps < 0 && slow.soc < 0.05) {
                amps = 0;
            }
            fast.step(amps, 1.0);
            slow.step(amps, 1.0);
            assertThat(fast.terminalVolts()).isCloseTo(slow.volts, within(1e-9));
            assertThat(fast.celsius()).isCloseTo(slow.celsius, within(1e-9));
        }
        assertThat(fast.soc()).isCloseTo(slow.soc, within(1e-12));
        assertThat(fast.lithiumReserveAh()).isCloseTo(slow.reserveAh, within(1e-15));
        assertThat(fast.seiFactor()).isCloseTo(slow.seiFactor, within(1e-12));
    }
}
