package org.qsebms.bms.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Locale;
import org.assertj.core.data.Percentage;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.qsebms.bms.offline.scenario.Scenario;
import org.qsebms.bms.offline.scenario.ScenarioLoader;
import org.qsebms.bms.offline.scenario.ScenarioRunner;

/**
 * A small or slowly cycled pack counts the charge that flows, though its current sits under the 50 mA deadband the
 * BMS takes for the current sensor's zero. Found by check23w (defect 1) in the deadband fix23ai gave the throughput:
 * a 0.2 Ah cell cycled at C/5 (40 mA) counted 0.198 of 0.914 Ah in 24 h (-78 %), a 2 Ah cell at C/40 (50 mA) 0.694
 * of 1.192 Ah (-42 %). Kept as a known miss: a threshold on each reading cannot tell a small pack's real 40 mA from a
 * parked pack's 30 mA zero offset (tried 2026-12-06: the smaller of the deadband and C/50 counted the 0.2 Ah cell
 * right, +0.8 %, but the 2 Ah pack at C/40 -11 % and a parked 2 Ah pack with a 30 mA offset 43 mAh in 6 h, against
 * ParkedPackThroughputTest's 10 mAh). docs/estimation.md, "Throughput under the deadband".
 */
class LowRateThroughputTest {

    /** Currents beyond the deadband are counted to the charge (guards the known miss below from spreading). */
    @ParameterizedTest(name = "{0} Ah, 1 cell, cycling at C/{1}")
    @CsvSource({"2.0, 20", "2.0, 5"})
    void aPackCycledBeyondTheDeadbandCountsItsThroughput(double capacityAh, double cDivisor) {
        judge(capacityAh, cDivisor);
    }

    @org.junit.jupiter.api.Disabled(
            "known miss (check23w), measured 2026-12-06: 0.2 Ah at C/5 (40 mA) 0.1977 of 0.9136 Ah"
                    + " (-78 %), 2 Ah at C/40 (50 mA) 0.6938 of 1.1916 Ah (-42 %); judged by fix23ap: a pack closed"
                    + " from the first tick cannot be told from ParkedPackThroughputTest's on the current alone"
                    + " (docs/estimation.md, \"the learnt zero and a mean, judged\")")
    @ParameterizedTest(name = "{0} Ah, 1 cell, cycling at C/{1}")
    @CsvSource({"0.2, 5", "2.0, 40"})
    void aSlowlyCycledPackCountsItsThroughput(double capacityAh, double cDivisor) {
        judge(capacityAh, cDivisor);
    }

    private static void judge(double capacityAh, double cDivisor) {
        double c = 1.0 / cDivisor;
        String yaml = String.format(
                Locale.ROOT,
                "name: slow\npack: {chemistry: psoa-ncm811, seriesCells: 1, capacityAh: %s}\n"
                        + "loop: {period: 1s}\ninitial: {soc: 0.5, ambientCelsius: 25, close: true}\n"
                        + "load: {type: cycling, chargeC: %s, pulseC: %s, baseC: %s, cutoffC: %s}\n"
                        + "duration: 24h\nlimitsEvery: 6h\n",
                capacityAh,
                c,
                c,
                c,
                Math.min(0.05, c / 2));
        Scenario sc = new ScenarioLoader().parse(yaml, Path.of("."), "slow cycling");
        double[] f = new double[3];
        new ScenarioRunner().run(sc, s -> {}, (t, pack, ctl) -> {
            double trueAh = 0;
            for (int i = 0; i < pack.cellCount(); i++) {
                trueAh += pack.cellChargedAh(i) + pack.cellDischargedAh(i);
            }
            f[0] = ctl.ahThroughput();
            f[1] = ctl.healthTracker().equivalentFullCycles();
            f[2] = trueAh / pack.cellCount();
        });
        String figure = String.format(
                Locale.ROOT,
                "%s Ah at C/%s (%.1f mA): throughput %.4f Ah, equivalent full cycles %.4f, true charge %.4f Ah",
                capacityAh,
                cDivisor,
                capacityAh * c * 1000,
                f[0],
                f[1],
                f[2]);
        System.out.println(figure);
        assertThat(f[2]).as(figure).isGreaterThan(0.5 * capacityAh);
        assertThat(f[0]).as(figure).isCloseTo(f[2], Percentage.withPercentage(5));
        assertThat(f[1]).as(figure).isCloseTo(f[0] / (2 * capacityAh), Percentage.withPercentage(5));
    }
}
