package org.qsebms.bms.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.qsebms.bms.offline.scenario.Scenario;
import org.qsebms.bms.offline.scenario.ScenarioLoader;
import org.qsebms.bms.offline.scenario.ScenarioRunner;

/**
 * A cell the soft-short rest fit is judging is not bled ({@link BleedHold}, issue 23, fix23bb). The healthy twin of
 * soft-short oracle rest seed 32255 (le-ncm811 16 x 2.5 Ah at a 1 s loop, 36 min of discharge, then a rest with 15 of
 * 16 cells bled; no short): a healthy cell is held there, and the hold must raise no alarm, end by itself, and leave
 * the balancer levelling the pack.
 */
class SuspectedCellBleedHoldTest {
    private static final String HEALTHY_TWIN_OF_32255 = "name: healthy twin of soft-short oracle rest seed 32255\n"
            + "pack: {chemistry: le-ncm811, seriesCells: 16, capacityAh: 2.5}\n"
            + "loop: {period: 1000ms}\n"
            + "initial: {soc: 0.833, ambientCelsius: 25, close: true}\n"
            + "load: {type: pulses, highAmps: -2.36, high: 36min, lowAmps: 0.0, low: 20h}\n"
            + "faults: []\n"
            + "duration: 186min\n"
            + "limitsEvery: 30min\n"
            + "seed: 32255\n";

    @Test
    void aHealthyCellHeldWhileItsRestFitJudgesItRaisesNoAlarmAndThePackStillLevels() {
        Scenario sc = new ScenarioLoader().parse(HEALTHY_TWIN_OF_32255, Path.of("."), "bleed hold test");
        int n = sc.config().pack().seriesCells();
        double restStart = 36 * 60;
        AtomicInteger alarms = new AtomicInteger();
        int[] heldSeconds = new int[n];
        boolean[] heldAtEnd = new boolean[1];
        double[] spread = {Double.NaN, Double.NaN};
        new ScenarioRunner()
                .run(
                        sc,
                        s -> {
                            if (s.contains("SOFT_SHORT")) {
                                alarms.incrementAndGet();
                            }
                        },
                        (t, pack, ctl) -> {
                            boolean any = false;
                            for (int i = 0; i < n; i++) {
                                if (ctl.bleedHold().held(i)) {
                                    heldSeconds[i]++;
                                    any = true;
                                }
                            }
                            heldAtEnd[0] = any;
                            if (Math.abs(t - restStart) < 0.5 || t >= sc.durationS() - 0.5) {
                                double lo = 1;
                                double hi = 0;
                                for (int i = 0; i < n; i++) {
                                    lo = Math.min(lo, pack.cellSoc(i));
                                    hi = Math.max(hi, pack.cellSoc(i));
                                }
                                spread[t < restStart + 1 ? 0 : 1] = hi - lo;
                            }
                        });
        int most = 0;
        for (int i = 0; i < n; i++) {
            most = Math.max(most, heldSeconds[i]);
        }
        System.out.printf(
                Locale.ROOT,
                "healthy twin of 32255: longest hold %.2f h, SOC spread %.4f at the rest's start, %.4f at the end%n",
                most / 3600.0,
                spread[0],
                spread[1]);
        assertThat(most).as("a healthy cell is held in this rest").isPositive();
        assertThat(alarms.get()).as("SOFT_SHORT lines").isZero();
        assertThat(heldAtEnd[0]).as("a cell still held at the end").isFalse();
        assertThat(spread[1])
                .as("SOC spread at the end against the rest's start")
                .isLessThan(spread[0]);
    }
}
