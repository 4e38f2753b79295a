package org.qsebms.bms.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.qsebms.bms.hil.ExampleBoard;
import org.qsebms.bms.runtime.SimulatedPackSetup;
import org.qsebms.config.BmsConfig;
import org.qsebms.config.ConfigLoader;
import org.qsebms.hal.PackHardware;
import org.qsebms.hal.SensorStatus;

/**
 * The simulated board's cell and current front ends state their live repeat chance at rest from their noise (issue
 * 23, fix23bp), which arms the protection's at-rest windows on it; a noiseless one states none. The statement is
 * checked against the board itself: at rest, its readings repeat no more often than it says.
 */
class SimulatedBoardRepeatAtRestTest {
    private static final int SAMPLES = 200_000;

    @Test
    void theSimulatedBoardStatesItsRepeatChanceAtRestFromItsNoise() {
        PackHardware hw = board(0.001, 0.01);
        double cells = hw.cellVoltages().liveRepeatChanceAtRest().orElseThrow();
        double current = hw.current().liveRepeatChanceAtRest().orElseThrow();
        System.out.printf("stated at rest: cells %.3e, current %.3e%n", cells, current);
        // two draws on one clip (the normal's tail beyond 4 sigma, 3.2e-5, squared, on either side) dominate
        assertThat(cells).isBetween(1e-9, 1e-8);
        assertThat(current).isBetween(1e-9, 1e-8);
        PackHardware quiet = board(0.0, 0.0);
        assertThat(quiet.cellVoltages().liveRepeatChanceAtRest())
                .as("noiseless cells: none")
                .isEqualTo(OptionalDouble.empty());
        assertThat(quiet.current().liveRepeatChanceAtRest())
                .as("noiseless current: none")
                .isEqualTo(OptionalDouble.empty());
    }

    /** At rest the board's readings repeat as seldom as it states: no pair of consecutive readings in 200,000. */
    @Test
    void theBoardAtRestRepeatsNoMoreOftenThanItStates() {
        PackHardware hw = board(0.001, 0.01);
        int cells = hw.cellVoltages().cellCount();
        double[] v = new double[cells];
        double[] last = new double[cells];
        SensorStatus[] st = new SensorStatus[cells];
        long cellRepeats = 0;
        long currentRepeats = 0;
        double lastAmps = Double.NaN;
        for (int k = 0; k < SAMPLES; k++) {
            hw.cellVoltages().readInto(v, st);
            double amps = hw.current().readPackAmps();
            for (int i = 0; i < cells; i++) {
                if (k > 0 && Double.compare(v[i], last[i]) == 0) {
                    cellRepeats++;
                }
                last[i] = v[i];
            }
            if (k > 0 && Double.compare(amps, lastAmps) == 0) {
                currentRepeats++;
            }
            lastAmps = amps;
        }
        double statedCells = hw.cellVoltages().liveRepeatChanceAtRest().orElseThrow();
        double statedCurrent = hw.current().liveRepeatChanceAtRest().orElseThrow();
        // at the stated chance the expected count is below 0.01: one repeat would put the statement in doubt
        assertThat(statedCells * cells * SAMPLES).isLessThan(0.01);
        assertThat(cellRepeats).as("cell readings repeated at rest").isZero();
        assertThat(statedCurrent * SAMPLES).isLessThan(0.01);
        assertThat(currentRepeats).as("current readings repeated at rest").isZero();
    }

    private static PackHardware board(double cellNoise, double currentNoise) {
        BmsConfig cfg = new ConfigLoader().load(ExampleBoard.pi4sAds1115());
        return new SimulatedHardware(
                        SimulatedPackSetup.createPack(cfg, 0.5, 25, PackLoad.IDLE, 1), 2, cellNoise, currentNoise, 0.1)
                .hardware();
    }
}
