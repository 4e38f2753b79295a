package org.qsebms.estimators.softshort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.qsebms.estimators.model.EcmParameters;
import org.qsebms.estimators.model.OcvCurve;

/**
 * The detector with passive balancing (the bleed each cell gives its resistor, cell volts over the
 * resistor while its switch is on) and the hysteresis of its flag, on simulated strings of
 * equivalent-circuit cells with capacity and resistance spread and voltage noise.
 */
class SoftShortBalancingAndLatchTest {
    static final double BLEED_OHMS = 33.0;

    /** 8 healthy cells, 1C for 40 min from 90 %, then 8 h of rest while the balancer bleeds the high cells. */
    @ParameterizedTest
    @ValueSource(longs = {71, 72, 73})
    void balancingBleedAtRestIsNotReadAsALeak(long seed) {
        double dt = 1.0;
        int cells = 8;
        SimulatedString string = new SimulatedString(seed, cells, 0.9, 0.001, 0.03, 0.10);
        string.balance(BLEED_OHMS, 0.010);
        SoftShortDetector detector = new SoftShortDetector(SimulatedString.NOMINAL, cells, 0.05, 1800, 0.003, 5);
        double worstExcess = 0;
        double bledAh = 0;
        long flagged = 0;
        for (int k = 0; k < (int) (8.7 * 3600 / dt); k++) {
            double amps = k * dt < 2400 ? -2.0 : 0.0;
            string.step(amps, dt);
            detector.update(amps, string.volts(), string.soc(), string.bleedAmps(), dt);
            for (int i = 0; i < cells; i++) {
                bledAh += string.bleedAmps()[i] * dt / 3600;
                if (k * dt > 2.5 * 3600) { // from 45 min of fit on
                    worstExcess = Math.max(worstExcess, detector.selfDischargeAmps(i));
                }
                if (detector.isFlagged(i) && flagged++ == 0) {
                    System.out.printf(Locale.ROOT, "flagged at %.2f h: %s%n", k * dt / 3600, detector.reason(i));
                }
            }
        }
        System.out.printf(
                Locale.ROOT,
                "balancing at rest, seed %d: %.1f mAh bled, largest excess after 45 min of fit " + "%.2f mA%n",
                seed,
                1000 * bledAh,
                1000 * worstExcess);
        assertThat(bledAh).as("the balancer bled (the test exercises it)").isGreaterThan(0.005);
        assertThat(flagged).as("cell-ticks flagged").isZero();
        assertThat(worstExcess).as("largest excess self-discharge at rest (A)").isLessThan(0.0015);
    }

    /**
     * A 500 ohm short (about 7.5 mA) in the cell the balancer bleeds most after the discharge (the largest, so highest;
     * 20-145 mAh over the rest, more than its leak takes): measured against the unbled cells' median with the doubt of
     * its bleed's accounting as a bound (the location doubt and the resistor tolerance's share of its bleed), it is
     * flagged within the 4 h of rest on each seed, and no other cell is, with or without the short. With the cell's
     * whole mean bleed as the bound (the form before, {@code tolerance} 1) only 4 of these 8 were flagged (71, 73, 74,
     * 78, at 1.77-3.59 h); now 1.67-4.36 h, the late ones the most bled (72, 76: the 3 % capacity spread of their
     * bleed in the standard error).
     */
    @ParameterizedTest
    @ValueSource(longs = {71, 72, 73, 74, 75, 76, 77, 78})
    void aShortInTheCellTheBalancerBleedsMostIsFlagged(long seed) {
        Rest healthy = rest(seed, -1);
        assertThat(healthy.otherFlagged())
                .as("a healthy cell flagged without the short")
                .isFalse();
        int most = 0;
        for (int i = 1; i < healthy.bledAh().length; i++) {
            if (healthy.bledAh()[i] > healthy.bledAh()[most]) {
                most = i;
            }
        }
        Rest shorted = rest(seed, most);
        System.out.printf(
                Locale.ROOT,
                "500 ohm in the most bled cell, seed %d: cell %d bled %.1f mAh, flagged at %.2f h%n",
                seed,
                most + 1,
                1000 * shorted.bledAh()[most],
                shorted.flaggedAtSeconds() / 3600);
        assertThat(shorted.bledAh()[most]).as("the shorted cell was bled (Ah)").isGreaterThan(0.015);
        assertThat(shorted.flaggedAtSeconds()).as("flagged (s)").isLessThan(4.7 * 3600);
        assertThat(shorted.otherFlagged()).as("another cell flagged").isFalse();
    }

    private record Rest(double flaggedAtSeconds, boolean otherFlagged, double[] bledAh) {}

    /** 8 cells, 1C for 40 min from 90 %, then 4 h of rest balancing, a 500 ohm short in {@code shorted} (none: -1). */
    private static Rest rest(long seed, int shorted) {
        double dt = 1.0;
        int cells = 8;
        SimulatedString string = new SimulatedString(seed, cells, 0.9, 0.001, 0.03, 0.10);
        string.balance(BLEED_OHMS, 0.010);
        if (shorted >= 0) {
            string.shortCell(shorted, 500);
        }
        SoftShortDetector detector = new SoftShortDetector(SimulatedString.NOMINAL, cells, 0.05, 1800, 0.003, 5);
        double flaggedAt = Double.POSITIVE_INFINITY;
        boolean other = false;
        double[] bledAh = new double[cells];
        for (int k = 0; k < (int) (4.7 * 3600 / dt); k++) {
            double amps = k * dt < 2400 ? -2.0 : 0.0;
            string.step(amps, dt);
            detector.update(amps, string.volts(), string.soc(), string.bleedAmps(), dt);
            for (int i = 0; i < cells; i++) {
                bledAh[i] += string.bleedAmps()[i] * dt / 3600;
                if (detector.isFlagged(i)) {
                    if (i == shorted) {
                        flaggedAt = Math.min(flaggedAt, k * dt);
                    } else {
                        other = true;
                    }
                }
            }
        }
        return new Rest(flaggedAt, other, bledAh);
    }

    /**
     * The same pack with a 1 kohm short in one low cell: measured within 30 % against the cells that
     * are not bled; where fewer than three cells are left unbled (a cell whose mean bleed over the
     * fit exceeds half the threshold is not in the median), no figure rather than a wrong one. Seed 75's
     * short sits in a cell bled too much for the median: measured against the others, 3.53 mA for 3.63 mA
     * (before, not measured at the end of the rest, its flag held at 3.59 mA).
     */
    @ParameterizedTest
    @ValueSource(longs = {74, 75})
    void aLeakIsMeasuredWhileTheOtherCellsBleed(long seed) {
        double dt = 1.0;
        int cells = 8;
        SimulatedString string = new SimulatedString(seed, cells, 0.9, 0.001, 0.03, 0.10);
        string.balance(BLEED_OHMS, 0.010);
        string.shortCell(2, 1000);
        SoftShortDetector detector = new SoftShortDetector(SimulatedString.NOMINAL, cells, 0.05, 1800, 0.003, 5);
        for (int k = 0; k < (int) (4.7 * 3600 / dt); k++) {
            double amps = k * dt < 2400 ? -2.0 : 0.0;
            string.step(amps, dt);
            detector.update(amps, string.volts(), string.soc(), string.bleedAmps(), dt);
        }
        double truth = string.leakAmps(2);
        String reason = detector.reason(2);
        System.out.printf(
                Locale.ROOT,
                "1 kohm while balancing, seed %d: estimate %.2f mA, truth %.2f mA; %s%n",
                seed,
                1000 * detector.leakAmps(2),
                1000 * truth,
                reason);
        if (detector.leakAmps(2) == 0) {
            assertThat(reason).as("no figure only when there is no measurement").contains("cells measurable, 3 needed");
        } else {
            assertThat(detector.leakAmps(2)).isCloseTo(truth, within(0.3 * truth));
        }
    }

    /**
     * A 150 ohm short in one cell of a cycling string whose balancer bleeds the others down to it
     * whenever it is not discharging: the bleed-corrected SOC drift (the ledger) flags it, the
     * healthy cells stay unflagged.
     */
    @ParameterizedTest
    @ValueSource(longs = {81, 82})
    void theBleedLedgerShowsALeakTheBalancerHides(long seed) {
        double dt = 1.0;
        int cells = 6;
        int shorted = (int) (seed % cells);
        SimulatedString string = new SimulatedString(seed, cells, 0.6, 0.0025, 0.02, 0.05);
        string.balance(BLEED_OHMS, 0.010);
        string.shortCell(shorted, 150);
        SoftShortDetector detector = new SoftShortDetector(SimulatedString.NOMINAL, cells, 0.05, 1800, 0.003, 5);
        double flaggedAt = -1;
        double bled = 0;
        long others = 0;
        for (int k = 0; k < (int) (12 * 3600 / dt); k++) {
            double t = k * dt;
            double amps = SimulatedString.cyclingAmps(t);
            string.step(amps, dt);
            detector.update(amps, string.volts(), string.soc(), string.bleedAmps(), dt);
            for (int i = 0; i < cells; i++) {
                bled += string.bleedAmps()[i] * dt / 3600;
                others += i != shorted && detector.isFlagged(i) ? 1 : 0;
            }
            if (flaggedAt < 0 && detector.isFlagged(shorted)) {
                flaggedAt = t;
            }
        }
        System.out.printf(
                Locale.ROOT,
                "150 ohm, cycling with balancing, seed %d: %.0f mAh bled, flagged after %.1f h; " + "%s%n",
                seed,
                1000 * bled,
                flaggedAt / 3600,
                detector.reason(shorted));
        assertThat(bled).as("the balancer bled (Ah)").isGreaterThan(0.02);
        assertThat(flaggedAt).as("seconds to flag").isBetween(0.0, 12 * 3600.0);
        assertThat(others).as("cell-ticks a healthy cell was flagged").isZero();
    }

    /**
     * Raise and clear thresholds differ: a 500 ohm short flagged at rest stays flagged, with its
     * leak estimate held, through an hour of current (no rest measurement) and a rest shorter than
     * the settle time; once the short is gone, a rest that shows the leak below half the threshold clears it.
     */
    @Test
    void aFlagIsHeldUntilARestShowsTheLeakGone() {
        double dt = 1.0;
        int cells = 6;
        SimulatedString string = new SimulatedString(91, cells, 0.6, 0.001, 0.03, 0.10);
        string.shortCell(1, 500);
        SoftShortDetector detector = new SoftShortDetector(SimulatedString.NOMINAL, cells, 0.05, 1800, 0.003, 5);
        run(string, detector, 0.0, 2.5 * 3600, dt);
        assertThat(detector.isFlagged(1)).as("flagged after 2.5 h of rest").isTrue();
        double held = detector.leakAmps(1);
        assertThat(held).isCloseTo(string.leakAmps(1), within(0.3 * string.leakAmps(1)));
        run(string, detector, -1.0, 3600, dt);
        run(string, detector, 0.0, 1200, dt);
        assertThat(detector.isFlagged(1))
                .as("still flagged after current and a short rest")
                .isTrue();
        assertThat(detector.leakAmps(1)).as("leak estimate held").isEqualTo(held);
        string.shortCell(1, Double.POSITIVE_INFINITY);
        run(string, detector, -1.0, 600, dt);
        run(string, detector, 0.0, 4 * 3600, dt);
        System.out.println("after the short healed: " + detector.reason(1));
        assertThat(detector.isFlagged(1))
                .as("cleared by a rest showing no leak")
                .isFalse();
    }

    private static void run(
            SimulatedString string, SoftShortDetector detector, double amps, double seconds, double dt) {
        for (int k = 0; k < (int) (seconds / dt); k++) {
            string.step(amps, dt);
            detector.update(amps, string.volts(), string.soc(), string.bleedAmps(), dt);
        }
    }

    /** Where the OCV is flat (an LFP plateau) the voltage cannot show a leak: no measurement, no number. */
    @Test
    void aFlatOcvGivesNoRestMeasurementInsteadOfAWrongOne() {
        int m = 11;
        double[] s = new double[m];
        double[] v = new double[m];
        for (int i = 0; i < m; i++) {
            s[i] = i / 10.0;
            v[i] = 3.30 + 0.001 * s[i];
        }
        EcmParameters flat = EcmParameters.builder()
                .capacityAh(2.0)
                .r0Ohms(0.03)
                .r1Ohms(0.015)
                .tau1Seconds(8)
                .r2Ohms(0.012)
                .tau2Seconds(150)
                .activationEnergyJPerMol(20000)
                .ocv(new OcvCurve(s, v, new double[m]))
                .build();
        SoftShortDetector detector = new SoftShortDetector(flat, 4, 0.05, 1800, 0.003, 5);
        double[] volts = new double[4];
        double[] soc = {0.5, 0.5, 0.5, 0.5};
        for (int k = 0; k < 3 * 3600; k++) {
            for (int i = 0; i < 4; i++) {
                // cell 0 falls 2 mV/h: on this OCV that would be a leak of about 4 A
                volts[i] = 3.3005 - (i == 0 ? 0.002 * k / 3600.0 : 0.0);
            }
            detector.update(0.0, volts, soc, 1.0);
        }
        assertThat(detector.selfDischargeAmps(0)).isZero();
        assertThat(detector.isFlagged(0)).isFalse();
        assertThat(detector.reason(0))
                .contains("self-discharge not measurable at rest (OCV flatter than 250 mV per "
                        + "unit SOC here; 0 of 4 cells measurable, 2 needed)");
    }
}
