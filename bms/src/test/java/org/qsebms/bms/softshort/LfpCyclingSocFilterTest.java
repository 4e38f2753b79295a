package org.qsebms.bms.softshort;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Locale;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The SOC filter on the simulated LFP pack the soft-short oracle cycles (a healthy {@code psoa-lfp}
 * 6 x 2.5 Ah pack from 0.5 SOC, the cycling profile between 3.0 and 3.5 V, 8 h), in the whole
 * controller: each cell's estimate against the simulated cell's true SOC, read once a minute from
 * 1 h (the drift cue's settle time). The simulated cell has the cathode's OCV hysteresis, and so has
 * the preset the filter runs on. Prints one row of the table in docs/estimation.md per seed.
 */
class LfpCyclingSocFilterTest {
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(ints = {9, 42})
    void theTrueSocStaysInsideTheFiltersBound(int seed) {
        SoftShortRun run = new SoftShortRun("pack: {chemistry: psoa-lfp, seriesCells: 6, capacityAh: 2.5}\n"
                + "loop: {period: 500ms}\ninitial: {soc: 0.5, ambientCelsius: 25, close: true}\n"
                + "load: {type: cycling, cvVolts: 3.5, endVolts: 3.0}\nseed: " + seed + "\n");
        int cells = run.pack.cellCount();
        int minutes = 7 * 60;
        double[] bounds = new double[minutes * cells];
        double sumSq = 0;
        double maxError = 0;
        int inside = 0;
        int n = 0;
        for (int m = 0; m < minutes; m++) {
            run.runTo(1.0 + (m + 1) / 60.0);
            for (int i = 0; i < cells; i++) {
                double error = run.controller.soc().cellSoc(i) - run.pack.cellSoc(i);
                double bound = run.controller.soc().cellSocBound3Sigma(i);
                sumSq += error * error;
                maxError = Math.max(maxError, Math.abs(error));
                inside += Math.abs(error) <= bound ? 1 : 0;
                bounds[n++] = bound;
            }
        }
        Arrays.sort(bounds);
        double coverage = inside / (double) n;
        System.out.printf(
                Locale.ROOT,
                "| psoa-lfp 6 x 2.5 Ah cycling, seed %d | %.2f %% | %.2f %% | %.1f %% | %.1f %% | %.1f %% |%n",
                seed,
                100 * Math.sqrt(sumSq / n),
                100 * maxError,
                100 * coverage,
                100 * bounds[n / 2],
                100 * bounds[n - 1]);
        assertThat(coverage)
                .as("share of per-minute samples with the true SOC inside the 3-sigma bound")
                .isGreaterThanOrEqualTo(0.95);
    }
}
