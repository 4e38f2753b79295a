package org.qsebms.estimators.softshort;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The SOC-drift cue on a simulated 12-cell string (2.5 mV noise, 2 % capacity and 5 % resistance
 * spread) with SOC from an EKF that sees only the pack current: a leak resistor on one cell makes
 * its SOC fall behind the median, while cycling (no rest long enough for the rest cue). The short
 * is there from the start; the cue fits from 1 h after start and judges after 1 h of fit, so 2 h
 * is the earliest possible flag. The drift is compared with the leak the resistor draws, V/R/Q.
 */
class SocDriftCueTest {
    static final int CELLS = 12;
    static final double DT = 0.5;
    static final double[] NO_BLEED = new double[CELLS];

    static SocDriftCue cue() {
        return new SocDriftCue(
                SimulatedString.NOMINAL_AH,
                CELLS,
                SoftShortSettings.defaults(new RestSelfDischargeSettings(0.05, 1800, 0.003, 5), 2.0)
                        .drift());
    }

    @ParameterizedTest
    @CsvSource({"31, 100, 3", "32, 100, 3", "33, 200, 3", "34, 200, 3", "35, 500, 6", "36, 500, 6"})
    void flagsALeakingCellUnderCyclingAndMeasuresItsDrift(long seed, double ohms, double withinHours) {
        int shorted = (int) (seed % CELLS);
        SimulatedString string = new SimulatedString(seed, CELLS, 0.6, 0.0025, 0.02, 0.05);
        string.shortCell(shorted, ohms);
        SocDriftCue cue = cue();
        double detectedAt = -1;
        double hours = 6;
        double otherEvidence = 0;
        for (int k = 0; k < (int) (hours * 3600 / DT); k++) {
            double t = k * DT;
            double amps = SimulatedString.cyclingAmps(t);
            string.step(amps, DT);
            cue.update(amps, string.soc(), NO_BLEED, DT);
            if (detectedAt < 0 && cue.evidence(shorted) >= 1) {
                detectedAt = t;
            }
            for (int i = 0; i < CELLS; i++) {
                otherEvidence = Math.max(otherEvidence, i == shorted ? 0 : cue.evidence(i));
            }
        }
        double leakPerHour = 3.8 / ohms / SimulatedString.NOMINAL_AH;
        System.out.printf(
                "drift: seed %d, %.0f ohm: flagged after %.0f s; drift %.2f %%/h (leak %.2f %%/h), se %.3f %%/h; "
                        + "largest evidence on a healthy cell %.2f%n",
                seed,
                ohms,
                detectedAt,
                100 * cue.driftPerHour(shorted),
                100 * leakPerHour,
                100 * cue.driftSePerHour(shorted),
                otherEvidence);
        assertThat(detectedAt).as("seconds to flag by drift alone").isBetween(0.0, withinHours * 3600.0);
        assertThat(cue.driftPerHour(shorted))
                .as("drift vs the leak V/R/Q")
                .isBetween(0.7 * leakPerHour, 1.3 * leakPerHour);
        assertThat(otherEvidence)
                .as("drift evidence on a healthy cell (1 = flag on its own)")
                .isLessThan(0.5);
    }

    /** 0.25C for 3 h with one cell 6 % short of capacity: its SOC falls behind in proportion to charge, not time. */
    @ParameterizedTest
    @ValueSource(longs = {41, 42, 43})
    void doesNotMistakeACapacityMismatchUnderConstantCurrentForDrift(long seed) {
        SimulatedString string = new SimulatedString(seed, CELLS, 0.9, 0.0025, 0.02, 0.05);
        SocDriftCue cue = cue();
        boolean confirmed = false;
        double worst = 0;
        for (int k = 0; k < (int) (3 * 3600 / DT); k++) {
            string.step(-0.5, DT);
            cue.update(-0.5, string.soc(), NO_BLEED, DT);
            for (int i = 0; i < CELLS; i++) {
                confirmed |= cue.confirmed(i);
                worst = Math.max(worst, cue.evidence(i));
            }
        }
        System.out.printf("constant current: seed %d, largest drift evidence %.2f%n", seed, worst);
        assertThat(confirmed)
                .as("drift confirmed on a healthy cell under constant current")
                .isFalse();
    }
}
