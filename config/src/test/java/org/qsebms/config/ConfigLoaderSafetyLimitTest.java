package org.qsebms.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

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

    /**
     * Issue 23, check23r: the message read "for a upper limit" and said nothing of the fix. It names the order, the
     * values and what to move, for an upper and a lower limit alike.
     */
    @Test
    void rejectsUnorderedLevelsSayingHowToOrderThem() {
        assertThatThrownBy(() -> loader.parse(
                        pack("psoa-ncm811", "limits:\n  cellOverVoltage: {mol: 4.25, rsl: 4.2, msl: 4.3}\n"), "t.yaml"))
                .hasMessage("limits.cellOverVoltage: levels must be ordered mol <= rsl <= msl for an upper limit, got"
                        + " mol=4.25, rsl=4.2, msl=4.3 V; move the levels out of order so that a value rising reaches"
                        + " the MOL first, then the RSL, the MSL last (mol <= rsl <= msl)");
        assertThatThrownBy(() -> loader.parse(
                        pack("psoa-ncm811", "limits:\n  cellUnderVoltage: {mol: 2.85, rsl: 2.9, msl: 2.8}\n"),
                        "t.yaml"))
                .hasMessage("limits.cellUnderVoltage: levels must be ordered mol >= rsl >= msl for a lower limit, got"
                        + " mol=2.85, rsl=2.9, msl=2.8 V; move the levels out of order so that a value falling reaches"
                        + " the MOL first, then the RSL, the MSL last (mol >= rsl >= msl)");
    }

    private void refused(String chemistry, String limits, String keyPath, String message) {
        assertThatThrownBy(() -> loader.parse(pack(chemistry, limits), "t.yaml"))
                .isInstanceOf(ConfigException.class)
                .hasMessage(keyPath + ": " + message)
                .extracting(e -> ((ConfigException) e).keyPath())
                .isEqualTo(keyPath);
    }

    /**
     * Issue 23, check23r: a debounce was only checked against 0..10 min, so {@code cellOverVoltage: {debounce: 10min}}
     * loaded (exit 0) and an over-voltage went untripped for minutes, while the supplementary keys refused the same
     * loosening. A debounce longer than the preset's is refused on every primary limit, in C-rate limits too.
     */
    @Test
    void rejectsADebounceLongerThanThePresets() {
        refused(
                "psoa-ncm811",
                "limits:\n  cellOverVoltage: {debounce: 10min}\n",
                "limits.cellOverVoltage.debounce",
                "10min is longer than the psoa-ncm811 preset's 300ms; configuration may only tighten, so use a"
                        + " debounce <= 300ms");
        refused(
                "psoa-ncm811",
                "limits:\n  dischargeOverCurrentC: {debounce: 10min}\n",
                "limits.dischargeOverCurrentC.debounce",
                "10min is longer than the psoa-ncm811 preset's 500ms; configuration may only tighten, so use a"
                        + " debounce <= 500ms");
        refused(
                "psoa-lfp",
                "limits:\n  chargeUnderTemperature: {debounce: 2001ms}\n",
                "limits.chargeUnderTemperature.debounce",
                "2001ms is longer than the psoa-lfp preset's 2s; configuration may only tighten, so use a debounce"
                        + " <= 2s");
    }

    /**
     * Issue 23, check23r: a hysteresis was only checked against >= 0, so a level could be made to clear at once, nearer
     * the limit than the preset allows. A hysteresis smaller than the preset's is refused.
     */
    @Test
    void rejectsAHysteresisSmallerThanThePresets() {
        refused(
                "psoa-ncm811",
                "limits:\n  cellOverVoltage: {hysteresis: 0}\n",
                "limits.cellOverVoltage.hysteresis",
                "0 V is below the psoa-ncm811 preset's 0.03 V; configuration may only tighten (a larger hysteresis"
                        + " here: a level clears only once the value is back inside it by the hysteresis), so use a"
                        + " hysteresis >= 0.03 V");
        refused(
                "psoa-ncm811",
                "limits:\n  chargeOverCurrentC: {hysteresis: 0.04}\n",
                "limits.chargeOverCurrentC.hysteresis",
                "0.04 C is below the psoa-ncm811 preset's 0.05 C; configuration may only tighten (a larger hysteresis"
                        + " here: a level clears only once the value is back inside it by the hysteresis), so use a"
                        + " hysteresis >= 0.05 C");
        refused(
                "psoa-lfp",
                "limits:\n  dischargeUnderTemperature: {mol: -12, rsl: -16, msl: -20, hysteresis: 1.5}\n",
                "limits.dischargeUnderTemperature.hysteresis",
                "1.5 °C is below the psoa-lfp preset's 2 °C; configuration may only tighten (a larger hysteresis"
                        + " here: a level clears only once the value is back inside it by the hysteresis), so use a"
                        + " hysteresis >= 2 °C");
    }

    /**
     * The tightening that stays allowed: a shorter debounce, a larger hysteresis, and the preset's own values written
     * out (a C-rate hysteresis, 0.05 C, comes back from amps as 0.05000000000000001 C and must still be accepted).
     */
    @Test
    void acceptsAShorterDebounceALargerHysteresisAndThePresetsOwnValues() {
        BmsConfig c = loader.parse(
                pack(
                        "psoa-ncm811",
                        "limits:\n  cellOverVoltage: {hysteresis: 0.05, debounce: 100ms}\n"
                                + "  chargeOverCurrentC: {mol: 0.5, rsl: 0.8, msl: 1.0, hysteresis: 0.05, debounce: 1s}\n"
                                + "  dischargeOverCurrentC: {hysteresis: 0.1, debounce: 0s}\n"),
                "t.yaml");
        assertThat(c.limits().cellOverVoltage().hysteresis()).isEqualTo(0.05);
        assertThat(c.limits().cellOverVoltage().debounce()).hasMillis(100);
        assertThat(c.limits().chargeOverCurrent().hysteresis()).isCloseTo(0.05 * 2.0, within(1e-12));
        assertThat(c.limits().dischargeOverCurrent().debounce()).isZero();
    }

    /**
     * Issue 23, check23r: {@code loop.overrunsToFault} was accepted up to 1000 over a default of 5, a loop fault after
     * 100 s of overruns at 100 ms. More overruns in a row before the fault is a looser check: refused; fewer load.
     */
    @Test
    void rejectsMoreLoopOverrunsBeforeTheFaultThanTheDefault() {
        refused(
                "psoa-ncm811",
                "loop:\n  overrunsToFault: 6\n",
                "loop.overrunsToFault",
                "6 is more overruns than the default's 5; configuration may only tighten (fewer overruns in a row"
                        + " before the loop fault), so use 1..5");
        assertThat(loader.parse(pack("psoa-ncm811", "loop:\n  overrunsToFault: 2\n"), "t.yaml")
                        .loop()
                        .overrunsToFault())
                .isEqualTo(2);
        assertThat(loader.parse(pack("psoa-ncm811", ""), "t.yaml").loop().overrunsToFault())
                .isEqualTo(5);
    }
}
