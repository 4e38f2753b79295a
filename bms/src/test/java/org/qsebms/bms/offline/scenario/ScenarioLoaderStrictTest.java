package org.qsebms.bms.offline.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.qsebms.config.ConfigException;

/** Scenario files that used to be accepted silently are refused with the key and the reason. */
class ScenarioLoaderStrictTest {
    private static final String HEAD = "pack: {chemistry: psoa-ncm811, seriesCells: 4, capacityAh: 2.0}\n";

    private static Scenario parse(String body) {
        return new ScenarioLoader().parse(HEAD + body, Path.of("."), "test.yaml");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "negative time|faults: [{at: -5s, type: reset}]\\nduration: 10s|faults[0].at|negative",
                "unitless duration|duration: 10|duration|has no unit",
                "unitless time|faults: [{at: 5, type: reset}]\\nduration: 10s|faults[0].at|has no unit",
                "fault without its cell|faults: [{at: 1s, type: cellSensorStuck}]\\nduration: 10s|faults[0].cell|missing",
                "fractional cell|faults: [{at: 1s, type: cellSensorStuck, cell: 2.7}]\\nduration: 10s|faults[0].cell|not a whole number",
                "seed that is not a number|seed: abc\\nduration: 10s|seed|not a whole number",
                "injection after the end|faults: [{at: 30s, type: cellSensorStuck, cell: 1}]\\nduration: 10s|faults[0].at|after the end",
                "key the type does not take|faults: [{at: 1s, type: currentSensorBusError, cell: 1}]\\nduration: 10s|faults[0].cell|does not take",
                "volts on a reset|commands: [{at: 1s, type: reset, volts: 2}]\\nduration: 10s|commands[0].volts|does not take",
                "for on a command|commands: [{at: 1s, type: open, for: 2s}]\\nduration: 10s|commands[0].for|does not take",
                "unknown type|faults: [{at: 1s, type: meteor}]\\nduration: 10s|faults[0].type|is not known",
                "obeysLimits not boolean|load: {type: idle, obeysLimits: maybe}\\nduration: 10s|load.obeysLimits|not true or false",
                "balancer floor under the MOL|balancing: {minCellVolts: 1.0}\\nduration: 10s|balancing.minCellVolts|under-voltage MOL",
                // issue 23, check23g: accepted before, doing nothing or the last of two
                "an injection of no time|faults: [{at: 1s, type: cellSensorStuck, cell: 1, for: 0s}]\\nduration: 10s|faults[0].for|lasts no time",
                "a pulse of no time|load: {type: pulses, highAmps: -1, high: 0s, lowAmps: 0, low: 0s}\\nduration: 10s|load.high|longer than 0 s",
                "a pause of no time|load: {type: pulses, highAmps: -1, high: 2s, lowAmps: 0, low: 0ms}\\nduration: 10s|load.low|longer than 0 s",
                "a key twice|initial: {soc: 0.5}\\ninitial: {soc: 0.9}\\nduration: 10s|line 3|the key 'initial' is given twice",
                "a key twice in a fault|faults: [{at: 1s, type: cellSensorStuck, cell: 1, cell: 3}]\\nduration: 10s|not valid YAML|the key 'cell' is given twice",
                "YAML's not-a-number|initial: {soc: .nan}\\nduration: 10s|line 2|finite number",
                // issue 23, check23r: accepted before (exit 0), running nothing, wrapping or doing nothing
                "a run of no time|duration: 0s|duration|0 s: a run of no time simulates nothing",
                "a run beyond the longest|duration: 100000000h|duration|longer than the longest run a scenario may take, 10000h",
                "limits lines at every tick|limitsEvery: 0s\\nduration: 10s|limitsEvery|would print a limits line at every tick",
                "a seed beyond a long|seed: 99999999999999999999999\\nduration: 10s|seed|outside the range of a seed",
                "a loop overrun of no time|faults: [{at: 1s, type: loopOverrun, tick: 0s}]\\nduration: 10s|faults[0].tick|no processor time does nothing",
                "a cycle ending above its charge|load: {type: cycling, cvVolts: 3.6, endVolts: 4.0}\\nduration: 10s|load.endVolts|4.0 V is not below cvVolts (3.6 V)",
                "a cycle ending at its charge|load: {type: cycling, cvVolts: 3.6, endVolts: 3.6}\\nduration: 10s|load.endVolts|set endVolts below cvVolts"
            })
    void refusesWithTheKeyAndTheReason(String what, String body, String key, String reason) {
        assertThatThrownBy(() -> parse(body.replace("\\n", "\n")))
                .as(what)
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(key)
                .hasMessageContaining(reason);
    }

    @Test
    void aWellFormedFileWithEveryActionKindLoadsAsTypedActions() {
        Scenario sc = parse("""
                faults:
                  - {at: 1s, type: thermistorShort, channel: 2, for: 2s}
                  - {at: 2s, type: loopOverrun, tick: 250ms, for: 1s}
                  - {at: 3s, type: contactorFailsToClose, contactor: PRECHARGE}
                commands:
                  - {at: 4s, type: serviceReset}
                duration: 10s
                seed: 7
                """);
        assertThat(sc.actions()).hasSize(4);
        assertThat(sc.actions().get(0)).isInstanceOf(ScenarioAction.TemperatureSensor.class);
        assertThat(sc.actions().get(1)).isEqualTo(new ScenarioAction.LoopOverrun(2, 1, 0.25));
        assertThat(sc.actions().get(3)).isEqualTo(new ScenarioAction.Command("serviceReset", 4));
        assertThat(sc.seed()).isEqualTo(7);
    }
    /** The edges of what check23r's refusals leave: the longest run, the widest seeds, the least spacing. */
    @Test
    void theEdgesOfTheNewRefusalsStillLoad() {
        assertThat(parse("duration: 10000h\n").durationS()).isEqualTo(ScenarioLoader.MAX_DURATION_S);
        assertThat(parse("duration: 1ms\n").durationS()).isEqualTo(0.001);
        assertThat(parse("seed: 9223372036854775807\nduration: 1s\n").seed()).isEqualTo(Long.MAX_VALUE);
        assertThat(parse("seed: -9223372036854775808\nduration: 1s\n").seed()).isEqualTo(Long.MIN_VALUE);
        assertThat(parse("limitsEvery: 1ms\nduration: 1s\n").limitsEveryS()).isEqualTo(0.001);
        assertThat(parse("faults: [{at: 1s, type: loopOverrun, tick: 1ms}]\nduration: 2s\n")
                        .actions())
                .containsExactly(new ScenarioAction.LoopOverrun(1, Double.POSITIVE_INFINITY, 0.001));
    }

    /**
     * Issue 23, check23g: a drive-cycle row of NaN, Infinity or 1e400 amps parsed (only "abc" was refused), and the run
     * then drove the pack with it and logged garbage ("packAmps":"NaN", a minimum cell voltage of 9e14 V).
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"NaN", "Infinity", "-Infinity", "1e400", "20000"})
    void aDriveCycleRowNoLoadCanDrawIsRefusedWithItsLine(String amps, @org.junit.jupiter.api.io.TempDir Path dir)
            throws java.io.IOException {
        java.nio.file.Files.writeString(dir.resolve("cycle.csv"), "time_s,amps\n0,-1.0\n5," + amps + "\n10,-1.0\n");
        assertThatThrownBy(() -> new ScenarioLoader()
                        .parse(HEAD + "load: {type: driveCycle, file: cycle.csv}\nduration: 30s\n", dir, "test.yaml"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("load.file")
                .hasMessageContaining("line 3")
                .hasMessageContaining(amps)
                .hasMessageContaining("fix the row");
    }
}
