package org.qsebms.bms.offline.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A current sensor frozen at rest (issue 23, docs/safety.md): its reading, about 0 A, says nothing
 * flows, so its own liveness check waits for the 60 s at-rest window. Before the cells' cross-check
 * ({@code CurrentFlowCrossCheck}) the pack closed again under a 1 A load raised CURRENT_STUCK only
 * 71.9 s into the run, with 50 s of flow unseen. Every run goes through the scenario loader and
 * runner on the real controller and the simulated pack read through the real drivers.
 *
 * <p>The other half: cells that move at rest for other reasons, with the sensor frozen, must not be
 * read as a current (CURRENT_STUCK then comes from the at-rest window only, 60 s after the freeze):
 * relaxation after a discharge or a charge, an ambient step, the balancer bleeding, a load below
 * the cross-check's current; and a live sensor is never judged stuck (charging at constant voltage,
 * pulses with rests).
 */
class CurrentStuckAtRestScenarioTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The defaults' cross-check window and debounce: a step of at least 0.25 C is found within half the window
     * left after the debounce, plus the debounce (docs/safety.md), plus one period. */
    private static final double BOUND_S = (10.0 - 1.0) / 2 + 1.0;

    /** A run with the truth per tick: true pack current and each cell's discharged charge. */
    private record Run(ScenarioLog log, List<double[]> truth) {
        /** The first tick at or after {@code fromS} where the true current exceeds {@code amps} in magnitude. */
        double onset(double fromS, double amps) {
            for (double[] x : truth) {
                if (x[0] >= fromS && Math.abs(x[1]) > amps) {
                    return x[0];
                }
            }
            return Double.NaN;
        }

        double[] at(double s) {
            for (double[] x : truth) {
                if (x[0] >= s - 1e-9) {
                    return x;
                }
            }
            return truth.get(truth.size() - 1);
        }

        JsonNode stuck() {
            return log.first("fault", n -> n.get("id").asText().equals("CURRENT_STUCK.MSL"));
        }
    }

    private static Run run(String yaml) {
        Scenario sc = new ScenarioLoader().parse(yaml, Path.of("."), "inline scenario");
        List<JsonNode> lines = new ArrayList<>();
        List<double[]> truth = new ArrayList<>();
        ScenarioRunner.Result r = new ScenarioRunner()
                .run(
                        sc,
                        s -> {
                            try {
                                lines.add(JSON.readTree(s));
                            } catch (Exception e) {
                                throw new AssertionError("not JSON: " + s, e);
                            }
                        },
                        (seconds, pack, controller) -> {
                            double[] x = new double[2 + pack.cellCount()];
                            x[0] = seconds;
                            x[1] = pack.packAmps();
                            for (int i = 0; i < pack.cellCount(); i++) {
                                x[2 + i] = pack.cellDischargedAh(i);
                            }
                            truth.add(x);
                        });
        return new Run(new ScenarioLog(lines, r), truth);
    }

    private static String pack(int periodMs) {
        return "pack: {chemistry: psoa-ncm811, seriesCells: 4, capacityAh: 2.0}\nloop: {period: " + periodMs + "ms}\n";
    }

    /**
     * The scenario of docs/safety.md: closed under a 1 A load, opened at 5 s, the current sensor
     * freezes at rest at 12 s, the pack is closed again at 20 s; and the same with a 1 A charge.
     */
    @ParameterizedTest
    @CsvSource({"100, -1.0", "150, -1.0", "250, -1.0", "100, 1.0", "150, 1.0", "250, 1.0"})
    void aSensorFrozenAtRestIsFoundByTheCellsWhenTheLoadComes(int periodMs, double amps) {
        Run r = run(pack(periodMs) + "initial: {soc: 0.6}\n"
                + "load: {type: constant, amps: " + amps + "}\n"
                + "faults:\n  - {at: 12s, type: currentSensorStuck}\n"
                + "commands:\n  - {at: 5s, type: open}\n  - {at: 20s, type: close}\n"
                + "duration: 90s\n");
        double onset = r.onset(20, 0.2);
        double raised = r.log().raised("CURRENT_STUCK.MSL");
        System.out.printf(
                Locale.ROOT,
                "frozen at rest, %+.1f A at %d ms: flow from %.2f s, CURRENT_STUCK at %.2f s (%.2f s after)%n",
                amps,
                periodMs,
                onset,
                raised,
                raised - onset);
        assertThat(onset).as("the load flows after the close").isBetween(20.0, 23.0);
        assertThat(raised - onset)
                .as("CURRENT_STUCK after the flow began; log:\n%s", r.log().dump())
                .isBetween(0.0, BOUND_S + periodMs / 1000.0 + 1e-6);
        assertThat(r.stuck().get("reason").asText()).contains("every cell moved");
        assertThat(r.log().reached("FAULT", 20)).isEqualTo(raised);
    }

    /**
     * The sensor freezes a moment before the load comes, after a rest of more than the window: the cells are
     * judged over the part of the window since the freeze, so the bound holds from the load's start however
     * short the freeze's lead. Before, the cells were judged only once the reading had been unchanged for the
     * whole window: CURRENT_STUCK came a window after the freeze (random oracle seed 215713: 6.9 s after a 29 A
     * load, the freeze 3.9 s before it; here, with a 0.5 s lead, the load went unseen for 9.5 s and more).
     */
    @ParameterizedTest
    @CsvSource({"100, 0.5", "250, 0.5", "100, 2.0", "150, 3.9", "250, 3.9", "100, 8.0"})
    void aSensorFrozenJustBeforeTheLoadIsFoundWithinTheBound(int periodMs, double leadS) {
        double loadS = 20.0;
        Run r = run(pack(periodMs) + "initial: {soc: 0.6}\nload: {type: idle}\n"
                + "faults:\n  - {at: " + (int) Math.round((loadS - leadS) * 1000) + "ms, type: currentSensorStuck}\n"
                + "  - {at: " + (int) (loadS * 1000) + "ms, type: forceCurrent, amps: -1.0}\n"
                + "duration: 40s\n");
        double onset = r.onset(loadS - 1, 0.2);
        double raised = r.log().raised("CURRENT_STUCK.MSL");
        System.out.printf(
                Locale.ROOT,
                "frozen %.1f s before a -1 A load at %d ms: flow from %.2f s, CURRENT_STUCK at %.2f s (%.2f s after)%n",
                leadS,
                periodMs,
                onset,
                raised,
                raised - onset);
        assertThat(onset).as("the load flows from its start").isBetween(loadS, loadS + 0.3);
        assertThat(raised - onset)
                .as("CURRENT_STUCK after the flow began; log:\n%s", r.log().dump())
                .isBetween(0.0, BOUND_S + periodMs / 1000.0 + 1e-6);
        assertThat(r.stuck().get("reason").asText()).contains("every cell moved");
    }

    /** With the sensor frozen at {@code freezeS}, CURRENT_STUCK comes from the at-rest window, not from the cells. */
    private static void onlyTheAtRestWindow(Run r, double freezeS, int periodMs) {
        double raised = r.log().raised("CURRENT_STUCK.MSL");
        System.out.printf(
                Locale.ROOT,
                "frozen at %.1f s (%d ms): CURRENT_STUCK at %.2f s: %s%n",
                freezeS,
                periodMs,
                raised,
                r.stuck().get("reason").asText());
        assertThat(r.stuck().get("reason").asText())
                .as("raised by the at-rest window, not by the cells")
                .doesNotContain("every cell moved");
        assertThat(raised).isBetween(freezeS + 60 - periodMs / 1000.0, freezeS + 60 + periodMs / 1000.0 + 1e-6);
    }

    /** Relaxation after a 1.5 C discharge or a 0.75 C charge of 30 s, the contactors closed, the sensor frozen at rest. */
    @ParameterizedTest
    @CsvSource({"100, -3.0", "150, -3.0", "250, -3.0", "100, 1.5", "150, 1.5", "250, 1.5"})
    void relaxationAfterALoadIsNotACurrent(int periodMs, double amps) {
        Run r = run(pack(periodMs) + "initial: {soc: 0.5}\n"
                + "load: {type: pulses, highAmps: " + amps + ", high: 30s, lowAmps: 0.0, low: 10min}\n"
                + "faults:\n  - {at: 32s, type: currentSensorStuck}\n"
                + "duration: 100s\n");
        assertThat(Math.abs(r.at(29)[1])).as("the pulse flows").isGreaterThan(1.2);
        assertThat(r.at(32)[1]).as("at rest when frozen").isEqualTo(0.0);
        onlyTheAtRestWindow(r, 32, periodMs);
    }

    /** An ambient step of 35 °C (up from 25, down from 25 to -10) while resting closed with the sensor frozen. */
    @ParameterizedTest
    @CsvSource({"100, 60", "150, 60", "250, 60", "100, -10", "250, -10"})
    void aTemperatureChangeIsNotACurrent(int periodMs, double celsius) {
        Run r = run(pack(periodMs) + "initial: {soc: 0.5, ambientCelsius: 25}\n"
                + "ambient:\n  - {at: 6s, celsius: " + celsius + "}\n"
                + "load: {type: idle}\n"
                + "faults:\n  - {at: 5s, type: currentSensorStuck}\n"
                + "duration: 70s\n");
        onlyTheAtRestWindow(r, 5, periodMs);
    }

    /** An 8-cell pack resting closed after a discharge while the balancer bleeds some cells, the sensor frozen. */
    @ParameterizedTest
    @ValueSource(ints = {100, 150, 250})
    void balancingBleedIsNotACurrent(int periodMs) {
        Run r = run("pack: {chemistry: psoa-ncm811, seriesCells: 8, capacityAh: 2.0}\nloop: {period: " + periodMs
                + "ms}\ninitial: {soc: 0.9, ambientCelsius: 25}\n"
                + "load: {type: pulses, highAmps: -2.0, high: 5min, lowAmps: 0.0, low: 20h}\n"
                + "faults:\n  - {at: 302s, type: currentSensorStuck}\n"
                + "duration: 370s\nseed: 7\n");
        double[] from = r.at(302);
        double[] to = r.at(361);
        int bleeding = 0;
        for (int i = 2; i < from.length; i++) {
            bleeding += to[i] - from[i] > 1e-7 ? 1 : 0;
        }
        assertThat(bleeding).as("cells bled while the sensor was frozen").isBetween(1, from.length - 3);
        onlyTheAtRestWindow(r, 302, periodMs);
    }

    /**
     * A small load (0.1 and 0.3 A on 2 Ah, below the cross-check's 0.25 C) coming while the sensor is
     * frozen at rest: the sensor is stuck, so CURRENT_STUCK is right either way; it must come no later
     * than the at-rest window. On these Li-metal cells the interface's overpotential (an asinh of the
     * current density, docs/safety.md) moves the cells by several mV even at 0.1 A, more than R0 and
     * the RC pairs predict, so the cells find it before the window.
     */
    @ParameterizedTest
    @CsvSource({"100, -0.1", "250, -0.1", "100, -0.3", "150, -0.3", "250, -0.3"})
    void aSmallLoadOnAFrozenSensorIsFoundNoLaterThanTheAtRestWindow(int periodMs, double amps) {
        Run r = run(pack(periodMs) + "initial: {soc: 0.5}\nload: {type: idle}\n"
                + "faults:\n  - {at: 5s, type: currentSensorStuck}\n"
                + "  - {at: 10s, type: forceCurrent, amps: " + amps + "}\n"
                + "duration: 70s\n");
        double raised = r.log().raised("CURRENT_STUCK.MSL");
        System.out.printf(
                Locale.ROOT,
                "frozen at 5 s, %+.1f A from 10 s (%d ms): CURRENT_STUCK at %.2f s: %s%n",
                amps,
                periodMs,
                raised,
                r.stuck().get("reason").asText());
        assertThat(Math.abs(r.at(raised - 0.3)[1] - amps))
                .as("the small load flows")
                .isLessThan(0.01);
        assertThat(raised).isBetween(10.0, 65 + periodMs / 1000.0 + 1e-6);
    }

    /** A load below the live sensor's noise (5 mA, a standby draw) is not a stuck sensor. */
    @ParameterizedTest
    @ValueSource(ints = {100, 150, 250})
    void aLoadBelowTheLiveSensorsResolutionIsNotAStuckSensor(int periodMs) {
        Run r = run(pack(periodMs) + "initial: {soc: 0.5}\nload: {type: idle}\n"
                + "faults:\n  - {at: 5s, type: forceCurrent, amps: -0.005}\n"
                + "duration: 130s\n");
        assertThat(r.at(100)[1]).isEqualTo(-0.005);
        assertThat(r.log().raisedIds()).doesNotContain("CURRENT_STUCK.MSL");
        assertThat(r.log().result().finalState()).isEqualTo("NORMAL");
    }

    /** A live sensor is never judged stuck: a CC-CV charge into its constant-voltage tail, and pulses with rests. */
    @ParameterizedTest
    @ValueSource(ints = {100, 150, 250})
    void aLiveSensorIsNotJudgedStuckWhileChargingAtConstantVoltageOrPulsing(int periodMs) {
        Run cv = run(pack(periodMs) + "initial: {soc: 0.93}\nload: {type: cycling}\nduration: 40min\n");
        Run pulses = run(pack(periodMs) + "initial: {soc: 0.6}\n"
                + "load: {type: pulses, highAmps: -2.0, high: 5s, lowAmps: 0.0, low: 20s}\nduration: 5min\n");
        assertThat(cv.log().raisedIds()).doesNotContain("CURRENT_STUCK.MSL");
        assertThat(pulses.log().raisedIds()).doesNotContain("CURRENT_STUCK.MSL");
        assertThat(cv.log().result().finalState()).isEqualTo("NORMAL");
        assertThat(pulses.log().result().finalState()).isEqualTo("NORMAL");
    }

    /**
     * Found by the cells, the channel stays stuck until its reading changes: a reset while it is frozen
     * is refused, and one after the freeze ends (its reading changes again) is accepted.
     */
    @ParameterizedTest
    @ValueSource(ints = {100, 250})
    void aResetIsRefusedWhileTheReadingStaysFrozenAndAcceptedOnceItChanges(int periodMs) {
        Run r = run(pack(periodMs) + "initial: {soc: 0.6}\n"
                + "load: {type: constant, amps: -1.0, obeysLimits: true}\n"
                + "faults:\n  - {at: 12s, type: currentSensorStuck, for: 20s}\n"
                + "commands:\n  - {at: 5s, type: open}\n  - {at: 20s, type: close}\n"
                + "  - {at: 28s, type: reset}\n  - {at: 36s, type: reset}\n"
                + "duration: 40s\n");
        assertThat(r.stuck().get("reason").asText()).contains("every cell moved");
        assertThat(r.log().raised("CURRENT_STUCK.MSL")).isLessThan(28.0);
        assertThat(r.log().resets()).as(r.log().dump()).containsExactly(false, true);
    }
}
