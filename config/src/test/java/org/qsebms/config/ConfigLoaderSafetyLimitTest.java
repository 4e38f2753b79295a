package org.qsebms.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Configuration may only tighten the chemistry's maximum safety limits. */
class ConfigLoaderSafetyLimitTest {
    private final ConfigLoader loader = new ConfigLoader();

    private static String pack(String chemistry, String limits) {
        return "pack:\n  chemistry: " + chemistry + "\n  seriesCells: 4\n  capacityAh: 2.0\n" + limits;
    }

    @Test
    void presetsGiveTheChemistryOperatingWindows() {
        BmsConfig ncm = loader.parse(pack("psoa-ncm811", ""), "t.yaml");
        assertThat(ncm.limits().cellOverVoltage().msl()).isEqualTo(4.30);
        assertThat(ncm.limits().cellUnderVoltage().msl()).isEqualTo(2.80);
        assertThat(ncm.limits().anodicLimitVolts()).isEqualTo(5.6);
        BmsConfig lfp = loader.parse(pack("psoa-lfp", ""), "t.yaml");
        assertThat(lfp.limits().cellOverVoltage().msl()).isEqualTo(3.65);
        assertThat(lfp.limits().cellUnderVoltage().msl()).isEqualTo(2.50);
    }

    /**
     * Issue 23, check23n: an under-voltage MOL tightened up to the over-voltage MOL (or an over-voltage one down to it)
     * left no window, and the controller threw on the usable-capacity settings derived from them (exit 1, "cutoffVolts
     * (3.5 V) must be below fullVolts (3.5 V)").
     */
    @Test
    void rejectsTightenedLimitsThatLeaveNoWindowNamingTheKeyGiven() {
        assertThatThrownBy(() -> loader.parse(
                        pack("le-lfp", "limits:\n  cellUnderVoltage: {mol: 3.5, rsl: 3.45, msl: 3.4}\n"), "t.yaml"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("limits.cellUnderVoltage.mol: leaves no window: limits.cellUnderVoltage.mol"
                        + " 3.5 V is not below limits.cellOverVoltage.mol")
                .hasMessageContaining("by more than 0.05 V");
        assertThatThrownBy(() -> loader.parse(
                        pack("psoa-ncm811", "limits:\n  cellOverVoltage: {mol: 3.02, rsl: 3.1, msl: 3.2}\n"), "t.yaml"))
                .isInstanceOf(ConfigException.class)
                .extracting(e -> ((ConfigException) e).keyPath())
                .isEqualTo("limits.cellOverVoltage.mol");
        assertThatThrownBy(() -> loader.parse(
                        pack("psoa-ncm811", "limits:\n  chargeOverTemperature: {mol: 10, rsl: 12, msl: 14}\n"),
                        "t.yaml"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("no temperature could be charged at");
        BmsConfig narrow = loader.parse(
                pack("psoa-ncm811", "limits:\n  cellUnderVoltage: {mol: 3.6, rsl: 3.5, msl: 3.4}\n"), "t.yaml");
        assertThat(narrow.limits().cellUnderVoltage().mol())
                .as("a narrow window that is one loads")
                .isEqualTo(3.6);
    }

    @Test
    void acceptsATighterMsl() {
        BmsConfig c = loader.parse(
                pack("psoa-ncm811", "limits:\n  cellOverVoltage: {mol: 4.10, rsl: 4.15, msl: 4.20}\n"), "t.yaml");
        assertThat(c.limits().cellOverVoltage().msl()).isEqualTo(4.20);
        assertThat(c.limits().cellOverVoltage().debounce()).hasMillis(300);
    }

    @Test
    void rejectsAnUpperMslWidenedBeyondThePresetWithAClearMessage() {
        assertThatThrownBy(
                        () -> loader.parse(pack("psoa-ncm811", "limits:\n  cellOverVoltage: {msl: 4.40}\n"), "t.yaml"))
                .isInstanceOf(ConfigException.class)
                .hasMessage(
                        "limits.cellOverVoltage.msl: 4.4 V is beyond the psoa-ncm811 chemistry's maximum safety limit "
                                + "of 4.3 V; configuration may only tighten a safety limit, so use a value <= 4.3")
                .extracting(e -> ((ConfigException) e).keyPath())
                .isEqualTo("limits.cellOverVoltage.msl");
    }

    @Test
    void rejectsALowerMslWidenedBeyondThePreset() {
        assertThatThrownBy(() -> loader.parse(
                        pack("psoa-lfp", "limits:\n  cellUnderVoltage: {mol: 2.6, rsl: 2.5, msl: 2.40}\n"), "t.yaml"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(
                        "limits.cellUnderVoltage.msl: 2.4 V is beyond the psoa-lfp chemistry's maximum safety limit of 2.5 V")
                .hasMessageEndingWith("so use a value >= 2.5");
    }

    @Test
    void rejectsAChargeTemperatureFloorBelowTheLithiumMetalLimit() {
        assertThatThrownBy(() -> loader.parse(
                        pack("psoa-ncm811", "limits:\n  chargeUnderTemperature: {mol: 5, rsl: 0, msl: -5}\n"),
                        "t.yaml"))
                .hasMessageContaining("limits.chargeUnderTemperature.msl: -5.0 °C is beyond");
    }

    @Test
    void rejectsAWidenedCurrentLimitInCRate() {
        assertThatThrownBy(() ->
                        loader.parse(pack("psoa-ncm811", "limits:\n  chargeOverCurrentC: {msl: 1.5}\n"), "t.yaml"))
                .hasMessageStartingWith("limits.chargeOverCurrentC.msl: 1.5 C is beyond");
    }

    @Test
    void rejectsUnorderedLevels() {
        assertThatThrownBy(() -> loader.parse(
                        pack("psoa-ncm811", "limits:\n  cellOverVoltage: {mol: 4.25, rsl: 4.2, msl: 4.3}\n"), "t.yaml"))
                .hasMessageContaining("limits.cellOverVoltage")
                .hasMessageContaining("levels must be ordered mol <= rsl <= msl");
    }
}
