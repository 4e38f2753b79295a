package org.qsebms.bms.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.qsebms.bms.hil.ExampleBoard;
import org.qsebms.bms.runtime.SimulatedPackSetup;
import org.qsebms.config.BmsConfig;
import org.qsebms.config.ConfigLoader;
import org.qsebms.hal.PackHardware;
import org.qsebms.hal.SensorStatus;

/**
 * The simulated board's cell, current and thermistor front ends state their live repeat chance at rest from their
 * noise (issue 23, fix23bp; the thermistors' from their codes too, fix23br), which arms the protection's at-rest
 * windows on it; a noiseless one states none. The statement is
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

    /**
     * fix23br: the thermistor front end states its repeat chance at rest from its 12-bit codes and 0.1 °C noise, the
     * quantity of its prior (fix23bk) taken over every reading it reports OK (-55 to 150 °C), so at least the prior's
     * chance and at least the chance at any steady reading of that range (sought here off the statement's own grid);
     * a noiseless one states none.
     */
    @Test
    void theThermistorsStateTheirRepeatChanceAtRestOverEveryReadingTheyReport() {
        SimulatedHardware board = simulated(25, 0.1);
        long t0 = System.nanoTime();
        double stated = board.hardware().temperatures().liveRepeatChanceAtRest().orElseThrow();
        double ms = (System.nanoTime() - t0) / 1e6;
        double prior = board.hardware()
                .temperatures()
                .declaredRepeatBound()
                .orElseThrow()
                .chance();
        double worstSeen = 0;
        double worstAt = Double.NaN;
        for (double x = -55 + 0.0013; x <= 150; x += 0.0371) {
            double c = SimulatedHardware.repeatChance(x, 0.1);
            if (c > worstSeen) {
                worstSeen = c;
                worstAt = x;
            }
        }
        System.out.printf(
                "thermistors at rest: stated %.4f in %.0f ms (prior %.4f over -40..100 °C); worst off-grid %.4f at %.2f"
                        + " °C%n",
                stated, ms, prior, worstSeen, worstAt);
        assertThat(stated).as("at least the prior's chance").isGreaterThanOrEqualTo(prior);
        assertThat(stated).as("at least the chance at any reading it reports").isGreaterThanOrEqualTo(worstSeen);
        assertThat(stated).as("a statement: below 1").isLessThan(1.0);
        assertThat(simulated(25, 0.0).hardware().temperatures().liveRepeatChanceAtRest())
                .as("noiseless thermistors: none")
                .isEqualTo(OptionalDouble.empty());
    }

    /**
     * At rest the board's thermistor readings repeat no more often than it states: at a room and a hot steady
     * temperature, the share of consecutive identical readings of every channel over 20,000 samples is within three
     * standard deviations of the statement or below it.
     */
    @ParameterizedTest(name = "{0} °C")
    @ValueSource(doubles = {25, 140})
    void theThermistorsAtRestRepeatNoMoreOftenThanTheyState(double celsius) {
        PackHardware hw = simulated(celsius, 0.1).hardware();
        int n = hw.temperatures().channelCount();
        double[] t = new double[n];
        double[] last = new double[n];
        SensorStatus[] st = new SensorStatus[n];
        int samples = 20_000;
        long repeats = 0;
        for (int k = 0; k < samples; k++) {
            hw.temperatures().readInto(t, st);
            for (int i = 0; i < n; i++) {
                assertThat(st[i]).isEqualTo(SensorStatus.OK);
                if (k > 0 && Double.compare(t[i], last[i]) == 0) {
                    repeats++;
                }
                last[i] = t[i];
            }
        }
        double stated = hw.temperatures().liveRepeatChanceAtRest().orElseThrow();
        long pairs = (long) n * (samples - 1);
        double share = repeats / (double) pairs;
        System.out.printf(
                "thermistors at %.0f °C: %d repeats in %d pairs (%.4f), stated %.4f%n",
                celsius, repeats, pairs, share, stated);
        assertThat(repeats).as("a quantised reading repeats at all").isPositive();
        assertThat(share).isLessThanOrEqualTo(stated + 3 * Math.sqrt(stated * (1 - stated) / pairs));
    }

    private static PackHardware board(double cellNoise, double currentNoise) {
        BmsConfig cfg = new ConfigLoader().load(ExampleBoard.pi4sAds1115());
        return new SimulatedHardware(
                        SimulatedPackSetup.createPack(cfg, 0.5, 25, PackLoad.IDLE, 1), 2, cellNoise, currentNoise, 0.1)
                .hardware();
    }

    private static SimulatedHardware simulated(double celsius, double tempNoise) {
        BmsConfig cfg = new ConfigLoader().load(ExampleBoard.pi4sAds1115());
        return new SimulatedHardware(
                SimulatedPackSetup.createPack(cfg, 0.5, celsius, PackLoad.IDLE, 1), 2, 0.001, 0.01, tempNoise);
    }
}
