package org.qsebms.estimators.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.qsebms.estimators.model.EcmParameters;
import org.qsebms.estimators.model.EquivalentCircuitCell;
import org.qsebms.estimators.soc.TestCells;

class UsableCapacityMeterTest {
    /** 2.0 Ah NCM cell, 4.2 V CC-CV charge, 3.5 V discharge cutoff (the test cell's OCV at empty is 3.56 V). */
    private static final UsableCapacitySettings SETTINGS = UsableCapacitySettings.defaults(2.0, 4.2, 3.5);

    private static final int MAX_STEPS = 100_000;

    /** A simulated cell driven through the meter, one second per step, with the cell's own charge as truth. */
    private static final class Bench {
        final EquivalentCircuitCell cell;
        final UsableCapacityMeter meter = new UsableCapacityMeter(SETTINGS);
        final double[] volts = new double[1];
        final double[] celsius = {25};
        long millis;

        Bench(EcmParameters params, double soc) {
            cell = new EquivalentCircuitCell(params, soc, 25);
        }

        void step(double amps) {
            cell.step(amps, 1.0);
            volts[0] = cell.terminalVolts();
            millis += 1000;
            meter.update(amps, volts, celsius, 1.0, millis);
        }

        /** Constant current to 4.2 V, then constant voltage until the current falls to {@code endAmps}. */
        void chargeCcCv(double amps, double endAmps) {
            double i = amps;
            for (int s = 0; i > endAmps; s++) {
                assertThat(s).as("steps of the CC-CV charge").isLessThan(MAX_STEPS);
                step(i);
                if (volts[0] > 4.2) {
                    // hold 4.2 V: take off the excess over the instantaneous resistance
                    i -= (volts[0] - 4.2) / cell.parameters().r0Ohms();
                }
            }
        }

        void rest(int seconds) {
            for (int s = 0; s < seconds; s++) {
                step(0);
            }
        }

        /** Discharges at {@code amps} until the terminal voltage reaches {@code volts}; returns the Ah given. */
        double dischargeTo(double amps, double stopVolts) {
            double before = cell.soc();
            int s = 0;
            do {
                step(-amps);
                assertThat(++s)
                        .as("steps of the discharge to " + stopVolts + " V")
                        .isLessThan(MAX_STEPS);
            } while (volts[0] > stopVolts);
            return (before - cell.soc()) * cell.parameters().capacityAh();
        }
    }

    @Test
    void measuresTheChargeFromAFullChargeToTheCutoffAtTheRateItWasDrawn() {
        Bench b = new Bench(TestCells.ncmCell(), 0.3);
        b.chargeCcCv(1.0, 0.02);
        b.rest(600);
        double delivered = b.dischargeTo(2.0, 3.5);
        assertThat(b.meter.measurements()).isEqualTo(1);
        assertThat(b.meter.lastRejection()).isEmpty();
        UsableCapacity m = b.meter.last();
        // the full mark moves on to the end of the constant-voltage taper; the rest after it counts nothing
        assertThat(m.ampHours()).isCloseTo(delivered, within(0.002));
        assertThat(m.meanDischargeC()).isCloseTo(1.0, within(0.01));
        assertThat(m.meanCelsius()).isEqualTo(25.0);
        assertThat(b.meter.stateOfHealth()).isCloseTo(delivered / 2.0, within(0.001));
        assertThat(b.meter.counting()).isFalse();
    }

    @Test
    void usableCapacityFallsWithResistanceAndRateWhileTheCellsChargeStaysTheSame() {
        EcmParameters fresh = TestCells.ncmCell();
        EcmParameters aged = fresh.scaled(1.0, 4.0);
        double freshAt1C = measure(fresh, 2.0);
        double agedAt1C = measure(aged, 2.0);
        double agedAtC5 = measure(aged, 0.4);
        assertThat(agedAt1C)
                .as("same capacity, four times the resistance: the cutoff comes earlier")
                .isLessThan(0.95 * freshAt1C);
        assertThat(agedAtC5).as("the same aged cell at a fifth of the rate").isGreaterThan(agedAt1C + 0.05);
    }

    private static double measure(EcmParameters cell, double dischargeAmps) {
        Bench b = new Bench(cell, 0.3);
        b.chargeCcCv(1.0, 0.02);
        b.rest(600);
        b.dischargeTo(dischargeAmps, 3.5);
        assertThat(b.meter.measurements()).isEqualTo(1);
        return b.meter.usableCapacityAh();
    }

    @Test
    void aDischargeInterruptedByARechargeIsAPartialCycleAndIsNotMeasured() {
        Bench b = new Bench(TestCells.ncmCell(), 0.3);
        b.chargeCcCv(1.0, 0.02);
        for (int s = 0; s < 1440; s++) {
            b.step(-2.0); // 0.8 Ah out
        }
        for (int s = 0; s < 900; s++) {
            b.step(1.0); // 0.25 Ah back, more than 10 % of 2 Ah
        }
        b.dischargeTo(2.0, 3.5);
        assertThat(b.meter.measurements()).isZero();
        assertThat(b.meter.usableCapacityAh()).isNaN();
        assertThat(b.meter.lastRejection()).contains("charged back after full").contains("partial cycle");
    }

    @Test
    void regenerativePulsesBetweenDischargesAreCountedNetNotTakenForARecharge() {
        Bench b = new Bench(TestCells.ncmCell(), 0.3);
        b.chargeCcCv(1.0, 0.02);
        double before = b.cell.soc();
        // a drive: 50 s at 2 A out, 20 s at 1.5 A back (braking), 10 s coasting; 0.25 Ah back in all after 30 laps
        for (int lap = 0; lap < 200 && b.volts[0] > 3.5; lap++) {
            for (int s = 0; s < 50 && b.volts[0] > 3.5; s++) {
                b.step(-2.0);
            }
            if (b.volts[0] <= 3.5) {
                break;
            }
            for (int s = 0; s < 20; s++) {
                b.step(1.5);
            }
            b.rest(10);
        }
        assertThat(b.meter.lastRejection()).isEmpty();
        assertThat(b.meter.measurements()).isEqualTo(1);
        double delivered = (before - b.cell.soc()) * b.cell.parameters().capacityAh();
        assertThat(b.meter.usableCapacityAh()).isCloseTo(delivered, within(0.002));
    }

    @Test
    void aChargeStoppedBeforeTheCurrentTaperedIsNotAFullCharge() {
        Bench b = new Bench(TestCells.ncmCell(), 0.3);
        for (int s = 0; b.volts[0] < 4.1; s++) {
            assertThat(s).isLessThan(MAX_STEPS);
            b.step(1.0);
        }
        b.rest(600);
        b.dischargeTo(2.0, 3.5);
        assertThat(b.meter.measurements()).isZero();
        assertThat(b.meter.counting()).isFalse();
    }

    /** One cell's samples given by hand, one second apart unless said otherwise. */
    private static final class Feed {
        final UsableCapacityMeter meter = new UsableCapacityMeter(SETTINGS);
        private final double[] celsius = {25};
        private long millis;

        /** A sample of a constant-voltage charge tapered at full. */
        Feed full() {
            return sample(0.05, 4.19, 1);
        }

        Feed sample(double amps, double volts, double dtSeconds) {
            millis += Math.round(1000 * dtSeconds);
            meter.update(amps, new double[] {volts}, celsius, dtSeconds, millis);
            return this;
        }

        Feed seconds(int n, double amps, double volts) {
            for (int s = 0; s < n; s++) {
                sample(amps, volts, 1);
            }
            return this;
        }
    }

    @Test
    void aLoadPeakThatTouchesTheCutoffSoonAfterFullIsNotTakenAsTheCapacity() {
        Feed f = new Feed()
                .full()
                .seconds(360, -2.0, 3.8) // 0.2 Ah
                .sample(-20.0, 3.45, 1);
        assertThat(f.meter.measurements()).isZero();
        assertThat(f.meter.lastRejection())
                .contains("cutoff was reached after only 0.2")
                .contains("load peak");
    }

    @Test
    void aDischargeThatStopsJustAboveTheCutoffEndedThereOneThatStopsWellAboveItGoesOn() {
        Feed f = new Feed()
                .full()
                .seconds(1800, -2.0, 3.8) // 1 Ah
                // a pause 80 mV above the cutoff is not the end of the discharge
                .sample(-2.0, 3.58, 1)
                .sample(0.0, 3.70, 1);
        assertThat(f.meter.measurements()).isZero();
        assertThat(f.meter.counting()).isTrue();
        // 0.5 Ah more; the load stops 10 mV above the cutoff by this sensor's reading, and stays stopped
        f.seconds(900, -2.0, 3.6).sample(-2.0, 3.51, 1).seconds(599, 0.0, 3.65);
        assertThat(f.meter.measurements())
                .as("stopped for less than 10 min: maybe a pause")
                .isZero();
        f.sample(0.0, 3.65, 1);
        assertThat(f.meter.measurements()).isEqualTo(1);
        assertThat(f.meter.usableCapacityAh()).isCloseTo(2702 * 2.0 / 3600, within(1e-9));
    }

    @Test
    void aDischargeStoppedNearTheCutoffAndThenRechargedEndedWhereItStopped() {
        Feed f = new Feed()
                .full()
                .seconds(2699, -2.0, 3.7)
                .sample(-2.0, 3.515, 1) // 1.5 Ah
                .sample(0.0, 3.62, 1)
                .seconds(900, 1.0, 3.8); // 0.25 Ah back
        assertThat(f.meter.lastRejection()).isEmpty();
        assertThat(f.meter.measurements()).isEqualTo(1);
        assertThat(f.meter.usableCapacityAh()).isCloseTo(2700 * 2.0 / 3600, within(1e-9));
    }

    @Test
    void aGapWhileCurrentFlowsVoidsTheDischargeAndAGapAtRestCountsNoCharge() {
        // a resting sample after an hour's gap, reading a small offset: the hour is not counted
        Feed f = new Feed()
                .full()
                .sample(-0.03, 4.15, 3600)
                .seconds(1800, -2.0, 3.7)
                .sample(-2.0, 3.49, 1);
        assertThat(f.meter.usableCapacityAh()).isCloseTo(1801 * 2.0 / 3600, within(1e-9));

        f.full().sample(-2.0, 3.9, 1).sample(-2.0, 3.8, 120);
        assertThat(f.meter.counting()).isFalse();
        assertThat(f.meter.lastRejection()).contains("120 s gap").contains("-2.00 A");
        assertThat(f.meter.measurements()).isEqualTo(1);
    }

    @Test
    void aSensorFaultVoidsTheDischargeInsteadOfEndingIt() {
        UsableCapacityMeter meter = new UsableCapacityMeter(SETTINGS);
        double[] t = {25, 25};
        meter.update(0.05, new double[] {4.19, 4.18}, t, 1, 0);
        meter.update(-2.0, new double[] {3.9, Double.NaN}, t, 1, 1000);
        assertThat(meter.counting()).isFalse();
        assertThat(meter.measurements()).isZero();
        assertThat(meter.lastRejection()).contains("non-finite");
    }

    @Test
    void settingsThatCannotWorkAreRefusedWithTheReason() {
        assertThatThrownBy(() -> SETTINGS.toBuilder()
                        .fullVolts(3.0)
                        .taperAmps(0.1)
                        .cutoffVolts(3.0)
                        .restAmps(0.04)
                        .build())
                .hasMessageContaining("cutoffVolts (3.0 V) must be below fullVolts (3.0 V)");
        assertThatThrownBy(() -> SETTINGS.toBuilder()
                        .fullVolts(4.15)
                        .taperAmps(0.04)
                        .cutoffVolts(3.0)
                        .restAmps(0.04)
                        .build())
                .hasMessageContaining("restAmps")
                .hasMessageContaining("tapering charge would look like a rest");
        assertThatThrownBy(() -> UsableCapacitySettings.defaults(Double.NaN, 4.2, 3.0))
                .hasMessageContaining("nominalCapacityAh must be a positive number, got NaN");
        assertThatThrownBy(() -> UsableCapacitySettings.builder()
                        .nominalCapacityAh(2)
                        .fullVolts(4.15)
                        .taperAmps(0.2)
                        .cutoffVolts(3.0)
                        .build())
                .as("a value never set is refused, not taken as zero")
                .hasMessageContaining("cutoffToleranceVolts must be in [0, 0.5) V, got NaN");
    }
}
