package org.qsebms.config;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Found by check23z (issue 23, 2026-12-07): values a user gets wrong in a configuration file (a negative time, a zero interval, a
 * limit in mV or in kelvin, a hysteresis in mV). Each must be refused with the key it is under (what and where); the
 * message is printed by the failure when it loads.
 */
class HostileConfigValuesTest {
    private final ConfigLoader loader = new ConfigLoader();

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "limits.cellOverVoltage.debounce | limits:\\n  cellOverVoltage: {debounce: -300ms}",
                "limits.cellOverVoltage.hysteresis | limits:\\n  cellOverVoltage: {hysteresis: -0.03}",
                "limits.cellOverVoltage.hysteresis | limits:\\n  cellOverVoltage: {hysteresis: 30}",
                "limits.cellUnderVoltage | limits:\\n  cellUnderVoltage: {mol: 3000, rsl: 2900, msl: 2800}",
                "limits.cellOverVoltage | limits:\\n  cellOverVoltage: {mol: 4150, rsl: 4200, msl: 4250}",
                "limits.dischargeOverTemperature | limits:\\n  dischargeOverTemperature: {mol: 318.15, rsl: 323.15, msl: 328.15}",
                "loop.period | loop:\\n  period: -100ms",
                "loop.period | loop:\\n  period: 0ms",
                "persistence.interval | persistence:\\n  interval: -10s",
                "persistence.interval | persistence:\\n  interval: 0s",
                "mqtt.stateInterval | mqtt:\\n  stateInterval: 0s",
                "mqtt.stateInterval | mqtt:\\n  stateInterval: -1s",
                "limits.chargeOverCurrentC | limits:\\n  chargeOverCurrentC: {mol: -0.5, rsl: -0.4, msl: -0.3}",
                "limits.cellOverVoltage.msl | limits:\\n  cellOverVoltage: {msl: 4.25V}",
            })
    void refusedNamingTheKey(String key, String yaml) {
        String text = "pack:\n  chemistry: psoa-ncm811\n  seriesCells: 4\n  capacityAh: 2.0\n"
                + yaml.replace("\\n", "\n") + "\n";
        assertThatThrownBy(() -> {
                    loader.parse(text, "t.yaml");
                    throw new AssertionError("loaded without a word: " + yaml);
                })
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(key);
    }

    /**
     * The range a refused duration is told to lie in is printed as Java's ISO-8601 text ("outside PT0S..PT10M", "outside
     * PT0.01S..PT1S"), which is not how the file writes durations (300ms, 10min): the fix is given in a notation the
     * user does not write. A user expects the range in the file's own units.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "limits.cellOverVoltage.debounce | limits:\\n  cellOverVoltage: {debounce: -300ms}",
                "loop.period | loop:\\n  period: 0ms",
                "persistence.interval | persistence:\\n  interval: -10s",
            })
    void aRefusedDurationIsToldItsRangeInTheFilesUnits(String key, String yaml) {
        String text = "pack:\n  chemistry: psoa-ncm811\n  seriesCells: 4\n  capacityAh: 2.0\n"
                + yaml.replace("\\n", "\n") + "\n";
        assertThatThrownBy(() -> loader.parse(text, "t.yaml"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(key)
                .hasMessageNotContaining("PT");
    }
}
