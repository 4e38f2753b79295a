package org.qsebms.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The {@code balancing:} section: its defaults from the limits, each key, and each refusal. */
class BalancingConfigTest {
    private final ConfigLoader loader = new ConfigLoader();

    private static final String MINIMAL = """
            pack:
              id: bench-1
              chemistry: psoa-ncm811
              seriesCells: 4
            """;

    private BalancingConfig parse(String section) {
        return loader.parse(MINIMAL + section, "test").balancing();
    }

    @Test
    void withoutASectionTheBalancerRunsAsItAlwaysDid() {
        BmsConfig cfg = loader.parse(MINIMAL, "test");
        BalancingConfig b = cfg.balancing();
        assertThat(b.enabled()).isTrue();
        assertThat(b.mode()).isEqualTo(BalancingConfig.Mode.VOLTAGE);
        assertThat(b.thresholdVolts()).isEqualTo(0.010);
        assertThat(b.duty()).isEqualTo(0.8);
        assertThat(b.minCellVolts()).isEqualTo(cfg.limits().cellUnderVoltage().mol());
        assertThat(b.maxCelsius())
                .isEqualTo(cfg.limits().chargeOverTemperature().mol());
        assertThat(parse("balancing: {}\n")).isEqualTo(b);
        assertThat(loader.defaultSimulated().balancing())
                .isEqualTo(BalancingConfig.of(loader.defaultSimulated().limits()));
    }

    @Test
    void everyKeyIsRead() {
        BmsConfig cfg = loader.parse(MINIMAL, "test");
        double floor = cfg.limits().cellUnderVoltage().mol() + 0.2;
        double ceiling = cfg.limits().chargeOverTemperature().mol() - 5;
        BalancingConfig b = parse("balancing:\n  enabled: false\n  mode: soc\n  thresholdVolts: 0.02\n"
                + "  thresholdSoc: 0.05\n  minCellVolts: " + floor + "\n  maxCelsius: " + ceiling + "\n  duty: 0.5\n");
        assertThat(b).isEqualTo(new BalancingConfig(false, BalancingConfig.Mode.SOC, 0.02, 0.05, floor, ceiling, 0.5));
    }

    @Test
    void aFloorUnderTheUnderVoltageMolIsRefusedWithTheRange() {
        double mol = loader.parse(MINIMAL, "test").limits().cellUnderVoltage().mol();
        assertThatThrownBy(() -> parse("balancing:\n  minCellVolts: " + (mol - 0.1) + "\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("balancing.minCellVolts: " + (mol - 0.1) + " V is outside " + mol + "..")
                .hasMessageContaining("may not bleed a cell the under-voltage MOL already warns of")
                .hasMessageContaining("remove the key for the MOL");
        assertThatThrownBy(() -> parse("balancing:\n  minCellVolts: 3.3 V\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("balancing.minCellVolts: expected a number in V");
    }

    @Test
    void aCeilingAboveTheChargeOverTemperatureMolIsRefused() {
        double mol =
                loader.parse(MINIMAL, "test").limits().chargeOverTemperature().mol();
        assertThatThrownBy(() -> parse("balancing:\n  maxCelsius: " + (mol + 1) + "\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("balancing.maxCelsius: " + (mol + 1) + " °C is outside")
                .hasMessageContaining("the resistors heat the cells");
    }

    @Test
    void outOfRangeAndUnknownValuesAreRefusedByKey() {
        assertThatThrownBy(() -> parse("balancing:\n  duty: 0\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("balancing.duty: 0.0 fraction of each 10 s period is outside 0.01..1.0");
        assertThatThrownBy(() -> parse("balancing:\n  duty: 80\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("balancing.duty: 80.0");
        assertThatThrownBy(() -> parse("balancing:\n  thresholdVolts: 10\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("balancing.thresholdVolts: 10.0 V is outside 0.001..0.5 V");
        assertThatThrownBy(() -> parse("balancing:\n  mode: current\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("balancing.mode: 'current' is not one of");
        assertThatThrownBy(() -> parse("balancing:\n  enabled: sometimes\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("balancing.enabled: expected true or false");
        assertThatThrownBy(() -> parse("balancing:\n  minCellVolt: 3.5\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("balancing.minCellVolt");
    }

    @Test
    void theSectionSurvivesTheCommandLineOverrides() {
        BmsConfig c = loader.parse(MINIMAL + "balancing:\n  enabled: false\n", "test")
                .withPackId("other")
                .withMqttUrl("tcp://127.0.0.1:1884")
                .withPersistenceDirectory("elsewhere")
                .withDashboard(DashboardConfig.OFF);
        assertThat(c.balancing().enabled()).isFalse();
    }
}
