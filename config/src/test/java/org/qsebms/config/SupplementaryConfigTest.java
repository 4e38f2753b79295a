package org.qsebms.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The supplementary thresholds are data: preset defaults, and a configuration may only tighten them. */
class SupplementaryConfigTest {
    private final ConfigLoader loader = new ConfigLoader();

    private static String pack(String chemistry, String rest) {
        return "pack:\n  chemistry: " + chemistry + "\n  seriesCells: 4\n  capacityAh: 2.0\n" + rest;
    }

    /** The values that were literals in Java before they moved to presets/supplementary-defaults.yaml. */
    private static SupplementaryLimits formerJavaDefaults() {
        return SupplementaryLimits.builder()
                .cellImbalance(new ThreeLevelLimit(
                        "cellImbalance", LimitDirection.UPPER, 0.05, 0.10, 0.30, 0.01, Duration.ofSeconds(5), "V"))
                .socHigh(new ThreeLevelLimit(
                        "cellSoc", LimitDirection.UPPER, 0.95, 0.99, 1.0, 0.02, Duration.ofSeconds(5), ""))
                .socLow(new ThreeLevelLimit(
                        "cellSoc", LimitDirection.LOWER, 0.05, 0.01, 0.0, 0.02, Duration.ofSeconds(5), ""))
                .softShortScore(new ThreeLevelLimit(
                        "softShortScore", LimitDirection.UPPER, 0.3, 0.6, 0.9, 0.05, Duration.ofSeconds(10), ""))
                .zeroDriftAmps(0.5)
                .zeroDriftDebounce(Duration.ofSeconds(2))
                .tempSpreadCelsius(15.0)
                .tempSpreadDebounce(Duration.ofSeconds(5))
                .tempRateCelsiusPerS(2.0)
                .tempRateWindow(Duration.ofSeconds(1))
                .tempStepCelsius(5.0)
                .stuckMinAmps(0.2)
                .cellStuckWhileFlowing(Duration.ofSeconds(5))
                .tempStuckWhileFlowing(Duration.ofSeconds(60))
                .currentStuckWhileFlowing(Duration.ofSeconds(5))
                .cellStuckAtRest(Duration.ofSeconds(60))
                .tempStuckAtRest(Duration.ofMinutes(10))
                .currentStuckAtRest(Duration.ofSeconds(60))
                .sensorStatusDebounce(Duration.ofMillis(300))
                .cellVoltsAccuracy(0.005)
                .packVoltsAccuracyFraction(0.005)
                .packMismatchDebounce(Duration.ofSeconds(1))
                .shortCircuitFactor(2.0)
                .lockoutTrips(3)
                .lockoutWindow(Duration.ofHours(1))
                .loopProof(Duration.ofSeconds(1))
                // Protection's anodic-limit hysteresis and CURRENT_DEADBAND_AMPS, literals until they moved here
                .anodicHysteresisVolts(0.05)
                .currentDeadbandAmps(0.05)
                // the cells' cross-check of a current sensor frozen at rest (issue 23): new in the data, never in Java
                .currentCrossCheckC(0.25)
                .currentCrossCheckWindow(Duration.ofSeconds(10))
                .currentCrossCheckDebounce(Duration.ofSeconds(1))
                .currentCrossCheckModelDoubt(0.5)
                .currentCrossCheckLaggingFraction(0.25)
                // the cell channels' relative liveness check (issue 23, fifth pass): new in the data, never in Java
                .cellFrozenFalseAlarm(1e-6)
                .tempFrozenFalseAlarm(1e-12)
                .tempFrozenMinHistory(32)
                .tempFrozenPriorRepeat(1)
                .tempFrozenPriorMinCelsius(-40)
                .tempFrozenPriorMaxCelsius(100)
                // the at-rest windows armed by a stated live repeat chance only (issue 23, fix23bp)
                .cellRepeatAtRest(1)
                .currentRepeatAtRest(1)
                // the thermistors' at-rest window armed by a stated live repeat chance only (issue 23, fix23br)
                .temperatureRepeatAtRest(1)
                // the current reading judged by the cells' response (issue 23, fix23au): new in the data
                .currentResponseWindow(Duration.ofSeconds(1))
                .currentResponseStepAmps(1.0)
                .currentResponseMinVolts(0.008)
                .currentResponseFollowFraction(0.25)
                .currentResponseModelDoubt(1.0)
                .currentResponseNoiseSigmas(2.0)
                // the cells' check of a small steady reading's counted charge (issue 23, fix23av/fix23az)
                .currentOffsetWindow(Duration.ofMinutes(30))
                .currentOffsetSettle(Duration.ofHours(1))
                .currentOffsetMaxC(0.25)
                .currentOffsetSteadyC(0.05)
                .currentOffsetNoiseVolts(0.005)
                .currentOffsetOcvDoubt(0.5)
                .currentOffsetModelDoubt(1.0)
                .currentOffsetMinSlope(0.1)
                .softShortBleedHold(0.3)
                .softShortBleedRelease(0.15)
                // the balancer's floor at the top of the OCV's bottom knee (issue 23, fix23bf)
                .balancingKneeSlope(4.0)
                .cellStuckMoveResolutions(2.0)
                .build();
    }

    @Test
    void aConfigurationMayNotLoosenTheAnodicHysteresisNorWidenTheDeadband() {
        assertThatThrownBy(() ->
                        loader.parse(pack("psoa-lfp", "supplementary:\n  anodicHysteresisVolts: 0.02\n"), "t.yaml"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("supplementary.anodicHysteresisVolts: 0.02 V is below the psoa-lfp preset's 0.05 V; "
                        + "configuration may only tighten (a higher value here), so use a value in 0.05..1.0");
        assertThatThrownBy(
                        () -> loader.parse(pack("psoa-lfp", "supplementary:\n  currentDeadbandAmps: 0.2\n"), "t.yaml"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(
                        "supplementary.currentDeadbandAmps: 0.2 A is above the psoa-lfp preset's 0.05 A");
        BmsConfig tighter = loader.parse(
                pack("psoa-lfp", "supplementary:\n  anodicHysteresisVolts: 0.1\n  currentDeadbandAmps: 0.02\n"),
                "t.yaml");
        assertThat(tighter.supplementary().anodicHysteresisVolts()).isEqualTo(0.1);
        assertThat(tighter.supplementary().currentDeadbandAmps()).isEqualTo(0.02);
    }

    /**
     * The cells' while-flowing window's move multiple (issue 23, fix23bu): 2 from the defaults; a configuration may
     * only lower it (the window judges sooner), never below 1 (a live reading need not leave its code before one code
     * of move), nor raise it.
     */
    @Test
    void theCellsStuckMoveMultipleMayOnlyBeLoweredAndNotBelowOne() {
        assertThat(loader.parse(pack("psoa-lfp", ""), "t.yaml").supplementary().cellStuckMoveResolutions())
                .isEqualTo(2.0);
        assertThat(loader.parse(pack("psoa-lfp", "supplementary:\n  cellStuckMoveResolutions: 1.5\n"), "t.yaml")
                        .supplementary()
                        .cellStuckMoveResolutions())
                .isEqualTo(1.5);
        assertThatThrownBy(() ->
                        loader.parse(pack("psoa-lfp", "supplementary:\n  cellStuckMoveResolutions: 3\n"), "t.yaml"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("cellStuckMoveResolutions");
        assertThatThrownBy(() ->
                        loader.parse(pack("psoa-lfp", "supplementary:\n  cellStuckMoveResolutions: 0.5\n"), "t.yaml"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("cellStuckMoveResolutions");
        assertThatThrownBy(() -> SupplementaryLimits.defaults().toBuilder()
                        .cellStuckMoveResolutions(0.9)
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cellStuckMoveResolutions must be at least 1");
    }

    /**
     * The thermistors' own-rate liveness check (issue 23, sixth pass): a configuration may make it fire sooner (a
     * higher false-alarm probability, a shorter minimum history), not later, and cannot switch it off (0).
     */
    @Test
    void theThermistorsOwnRateCheckMayOnlyBeTightened() {
        BmsConfig tighter = loader.parse(
                pack("psoa-lfp", "supplementary:\n  tempFrozenFalseAlarm: 1.0e-9\n  tempFrozenMinHistory: 16\n"),
                "t.yaml");
        assertThat(tighter.supplementary().tempFrozenFalseAlarm()).isEqualTo(1e-9);
        assertThat(tighter.supplementary().tempFrozenMinHistory()).isEqualTo(16);
        refused(
                "  tempFrozenFalseAlarm: 0\n",
                "supplementary.tempFrozenFalseAlarm",
                "0.0  is below the psoa-lfp preset's 1.0E-12 ; configuration may only tighten (a higher value here),"
                        + " so use a value in 1.0E-12..0.01");
        refused(
                "  tempFrozenMinHistory: 64\n",
                "supplementary.tempFrozenMinHistory",
                "64.0 pairs is above the psoa-lfp preset's 32.0 pairs; configuration may only tighten (a lower value"
                        + " here), so use a value in 8.0..32.0");
        assertThatThrownBy(() -> formerJavaDefaults().toBuilder()
                        .tempFrozenFalseAlarm(1.0)
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("tempFrozenFalseAlarm must be a probability in [0, 1)");
    }

    /**
     * A real thermistor front end states no repeat chance (fix23bk): the shipped data states none, and a measured bound
     * is stated with its range; a configuration may not make it an impossible chance.
     */
    @Test
    void aMeasuredThermistorRepeatBoundIsStatedOnlyByTheConfiguration() {
        assertThat(SupplementaryLimits.defaults().statedThermistorRepeatBound())
                .as("shipped: none")
                .isEmpty();
        BmsConfig measured = loader.parse(
                pack("psoa-lfp", "supplementary:\n  tempFrozenPriorRepeat: 0.2\n  tempFrozenPriorMinCelsius: -45\n"),
                "t.yaml");
        assertThat(measured.supplementary().statedThermistorRepeatBound())
                .contains(new org.qsebms.hal.ThermistorRepeatBound(0.2, -45, 100));
        refused(
                "  tempFrozenPriorRepeat: 0\n",
                "supplementary.tempFrozenPriorRepeat",
                "0.0  is outside 0.01..1.0 ; use a value in that range");
    }

    /**
     * fix23bp: the cells' and the current's live repeat chance at rest is stated only by the configuration (or the
     * front end); shipped: none, so the at-rest windows are not armed for a real front end. A stated chance is read,
     * tighten-only; an impossible chance (0, or above 1) is refused with the key and the range.
     */
    @Test
    void aMeasuredRepeatChanceAtRestIsStatedOnlyByTheConfiguration() {
        assertThat(SupplementaryLimits.defaults().statedCellRepeatAtRest())
                .as("shipped: none")
                .isEmpty();
        assertThat(SupplementaryLimits.defaults().statedCurrentRepeatAtRest())
                .as("shipped: none")
                .isEmpty();
        BmsConfig measured = loader.parse(
                pack("psoa-lfp", "supplementary:\n  cellRepeatAtRest: 0.3\n  currentRepeatAtRest: 0.05\n"), "t.yaml");
        assertThat(measured.supplementary().statedCellRepeatAtRest()).hasValue(0.3);
        assertThat(measured.supplementary().statedCurrentRepeatAtRest()).hasValue(0.05);
        refused(
                "  cellRepeatAtRest: 0\n",
                "supplementary.cellRepeatAtRest",
                "0.0  is outside 1.0E-12..1.0 ; use a value in that range");
        refused(
                "  currentRepeatAtRest: 1.5\n",
                "supplementary.currentRepeatAtRest",
                "1.5  is outside 1.0E-12..1.0 ; use a value in that range");
    }

    /**
     * fix23br: the thermistor front end's live repeat chance at rest (a steady temperature), stated as the cells' and
     * the current's are: shipped none (the thermistors' at-rest window not armed for a real front end), a measured
     * one read and kept apart from the other two and from {@code tempFrozenPriorRepeat}, tighten-only (a value above
     * the shipped 1 refused), an impossible chance refused with the key and the range.
     */
    @Test
    void aMeasuredThermistorRepeatChanceAtRestIsStatedOnlyByTheConfiguration() {
        assertThat(SupplementaryLimits.defaults().statedTemperatureRepeatAtRest())
                .as("shipped: none")
                .isEmpty();
        BmsConfig measured =
                loader.parse(pack("psoa-lfp", "supplementary:\n  temperatureRepeatAtRest: 0.4\n"), "t.yaml");
        assertThat(measured.supplementary().statedTemperatureRepeatAtRest()).hasValue(0.4);
        assertThat(measured.supplementary().statedCellRepeatAtRest())
                .as("the cells' not stated by it")
                .isEmpty();
        assertThat(measured.supplementary().statedCurrentRepeatAtRest())
                .as("the current's not stated by it")
                .isEmpty();
        assertThat(measured.supplementary().statedThermistorRepeatBound())
                .as("the thermistor prior not stated by it")
                .isEmpty();
        refused(
                "  temperatureRepeatAtRest: 0\n",
                "supplementary.temperatureRepeatAtRest",
                "0.0  is outside 1.0E-12..1.0 ; use a value in that range");
        refused(
                "  temperatureRepeatAtRest: 1.5\n",
                "supplementary.temperatureRepeatAtRest",
                "1.5  is outside 1.0E-12..1.0 ; use a value in that range");
        assertThatThrownBy(() -> formerJavaDefaults().toBuilder()
                        .temperatureRepeatAtRest(Double.NaN)
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("temperatureRepeatAtRest must be a probability in (0, 1]");
    }

    @Test
    void aBuilderRefusesAThresholdNeverSet() {
        assertThatThrownBy(
                        () -> formerJavaDefaults().toBuilder().loopProof(null).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("loopProof is not set");
        assertThat(formerJavaDefaults().toBuilder().build()).isEqualTo(formerJavaDefaults());
    }

    @Test
    void shippedDefaultsAreExactlyTheFormerJavaValues() {
        assertThat(SupplementaryLimits.defaults()).isEqualTo(formerJavaDefaults());
        for (String preset : PresetCatalog.SHIPPED) {
            BmsConfig c = loader.parse(pack(preset, ""), "t.yaml");
            assertThat(c.supplementary()).as(preset).isEqualTo(formerJavaDefaults());
            assertThat(c.chemistry().supplementary()).as(preset).isEqualTo(formerJavaDefaults());
        }
    }

    @Test
    void aTighteningSectionIsApplied() {
        BmsConfig c = loader.parse(
                pack(
                        "psoa-ncm811",
                        "supplementary:\n"
                                + "  socHigh: {mol: 0.90, rsl: 0.93, msl: 0.95, debounce: 2s}\n"
                                + "  socLow: {mol: 0.10, rsl: 0.07, msl: 0.05}\n"
                                + "  cellImbalance: {mol: 0.03, rsl: 0.05, msl: 0.10}\n"
                                + "  softShortScore: {mol: 0.2, rsl: 0.4, msl: 0.6, debounce: 5s}\n"
                                + "  shortCircuitFactor: 1.5\n"
                                + "  cellStuckWhileFlowing: 2s\n"
                                + "  cellVoltsAccuracy: 0.002\n"
                                + "  packVoltsAccuracyFraction: 0.002\n"
                                + "  lockoutTrips: 2\n"
                                + "  lockoutWindow: 2h\n"
                                + "  packMismatchDebounce: 500ms\n"
                                + "  sensorStatusDebounce: 100ms\n"),
                "t.yaml");
        SupplementaryLimits s = c.supplementary();
        assertThat(s.socHigh().msl()).isEqualTo(0.95);
        assertThat(s.socHigh().debounce()).isEqualTo(Duration.ofSeconds(2));
        assertThat(s.socHigh().hysteresis()).isEqualTo(0.02);
        assertThat(s.socLow().msl()).isEqualTo(0.05);
        assertThat(s.cellImbalance().msl()).isEqualTo(0.10);
        assertThat(s.softShortScore().rsl()).isEqualTo(0.4);
        assertThat(s.shortCircuitFactor()).isEqualTo(1.5);
        assertThat(s.cellStuckWhileFlowing()).isEqualTo(Duration.ofSeconds(2));
        assertThat(s.packMismatchToleranceVolts(4, 16.0)).isCloseTo(4 * 0.002 + 0.002 * 16, within());
        assertThat(s.lockoutTrips()).isEqualTo(2);
        assertThat(s.lockoutWindow()).isEqualTo(Duration.ofHours(2));
        assertThat(s.packMismatchDebounce()).isEqualTo(Duration.ofMillis(500));
        assertThat(s.sensorStatusDebounce()).isEqualTo(Duration.ofMillis(100));
        // untouched keys keep the preset's value
        assertThat(s.tempStuckAtRest()).isEqualTo(Duration.ofMinutes(10));
    }

    private static org.assertj.core.data.Offset<Double> within() {
        return org.assertj.core.data.Offset.offset(1e-12);
    }

    private void refused(String section, String keyPath, String message) {
        assertThatThrownBy(() -> loader.parse(pack("psoa-lfp", "supplementary:\n" + section), "t.yaml"))
                .isInstanceOf(ConfigException.class)
                .hasMessage(keyPath + ": " + message)
                .extracting(e -> ((ConfigException) e).keyPath())
                .isEqualTo(keyPath);
    }

    @Test
    void wideningIsRefusedNamingKeyValueRangeAndFix() {
        refused(
                "  socHigh: {msl: 1.0, rsl: 0.99, mol: 0.95, debounce: 6s}\n",
                "supplementary.socHigh.debounce",
                "6s is longer than the psoa-lfp preset's 5s; configuration may only tighten, so use a debounce <= 5s");
        // issue 23, check23r: a hysteresis below the preset's (0: the imbalance clears the moment it dips under a
        // level) was accepted on the three-level supplementary limits
        refused(
                "  cellImbalance: {hysteresis: 0}\n",
                "supplementary.cellImbalance.hysteresis",
                "0 V is below the psoa-lfp preset's 0.01 V; configuration may only tighten (a larger hysteresis here:"
                        + " a level clears only once the value is back inside it by the hysteresis), so use a"
                        + " hysteresis >= 0.01 V");
        refused(
                "  socLow: {hysteresis: 0.01}\n",
                "supplementary.socLow.hysteresis",
                "0.01 is below the psoa-lfp preset's 0.02; configuration may only tighten (a larger hysteresis here:"
                        + " a level clears only once the value is back inside it by the hysteresis), so use a"
                        + " hysteresis >= 0.02");
        refused(
                "  cellImbalance: {msl: 0.4}\n",
                "supplementary.cellImbalance.msl",
                "0.4 V is beyond the psoa-lfp preset's limit of 0.3 V; configuration may only tighten a safety "
                        + "limit, so use a value <= 0.3");
        refused(
                "  socLow: {mol: 0.04, rsl: 0.0, msl: -0.01}\n",
                "supplementary.socLow",
                "-0.01  is outside 0.0..1.0 ; give mol, rsl and msl in that range");
        refused(
                "  shortCircuitFactor: 3.0\n",
                "supplementary.shortCircuitFactor",
                "3.0 x MSL is above the psoa-lfp preset's 2.0 x MSL; configuration may only tighten (a lower value"
                        + " here), so use a value in 1.01..2.0");
        refused(
                "  lockoutTrips: 5\n",
                "supplementary.lockoutTrips",
                "5 is more trips than the psoa-lfp preset's 3; configuration may only tighten (fewer trips before "
                        + "the lockout), so use 2..3");
        refused(
                "  lockoutWindow: 10min\n",
                "supplementary.lockoutWindow",
                "10min is shorter than the psoa-lfp preset's 1h; configuration may only tighten (a longer duration "
                        + "here), so use a duration in 1h..168h");
        refused(
                "  cellStuckAtRest: 2min\n",
                "supplementary.cellStuckAtRest",
                "2min is longer than the psoa-lfp preset's 1min; configuration may only tighten (a shorter duration"
                        + " here), so use a duration in 1ms..1min");
        refused(
                "  cellVoltsAccuracy: 0.01\n",
                "supplementary.cellVoltsAccuracy",
                "0.01 V is above the psoa-lfp preset's 0.005 V; configuration may only tighten (a lower value "
                        + "here), so use a value in 1.0E-5..0.005");
    }

    @Test
    void malformedValuesAreRefused() {
        assertThatThrownBy(() -> loader.parse(pack("psoa-lfp", "supplementary:\n  lockoutTrips: 2.5\n"), "t.yaml"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("supplementary.lockoutTrips: expected a whole number");
        assertThatThrownBy(() -> loader.parse(pack("psoa-lfp", "supplementary:\n  loopProof: soon\n"), "t.yaml"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("supplementary.loopProof");
        assertThatThrownBy(
                        () -> loader.parse(pack("psoa-lfp", "supplementary:\n  shortCircuitFactor: abc\n"), "t.yaml"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("supplementary.shortCircuitFactor: expected a number");
        assertThatThrownBy(
                        () -> loader.parse(pack("psoa-lfp", "supplementary:\n  shortCircuitFactor: 1.0\n"), "t.yaml"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("supplementary.shortCircuitFactor: 1.0 x MSL is outside 1.01..100.0");
        assertThatThrownBy(() -> loader.parse(pack("psoa-lfp", "supplementary:\n  stuckAmps: 1\n"), "t.yaml"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("stuckAmps");
        assertThatThrownBy(() -> loader.parse(
                        pack("psoa-lfp", "supplementary:\n  socHigh: {mol: 0.99, rsl: 0.95, msl: 0.98}\n"), "t.yaml"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("supplementary.socHigh");
    }

    @Test
    void aPresetFileMayOverrideTheShippedDefaults(@TempDir Path dir) throws Exception {
        String lfp = new String(
                PresetCatalog.class
                        .getClassLoader()
                        .getResourceAsStream("presets/psoa-lfp.yaml")
                        .readAllBytes(),
                java.nio.charset.StandardCharsets.UTF_8);
        String ocv = "ocv/li_lfp_ocv_safari2011.csv";
        Path ocvFile = dir.resolve(ocv);
        Files.createDirectories(ocvFile.getParent());
        try (var in = PresetCatalog.class.getClassLoader().getResourceAsStream(ocv)) {
            Files.copy(in, ocvFile);
        }
        Path preset = dir.resolve("custom.yaml");
        Files.writeString(preset, lfp + "supplementary:\n  shortCircuitFactor: 1.6\n  lockoutTrips: 4\n");
        BmsConfig c = loader.parse(pack(preset.toString(), ""), "t.yaml");
        assertThat(c.supplementary().shortCircuitFactor()).isEqualTo(1.6);
        assertThat(c.supplementary().lockoutTrips()).isEqualTo(4);
        assertThat(c.supplementary().loopProof()).isEqualTo(Duration.ofSeconds(1));
        // the configuration is then bounded by the preset's own values
        assertThatThrownBy(() ->
                        loader.parse(pack(preset.toString(), "supplementary:\n  shortCircuitFactor: 1.8\n"), "t.yaml"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("so use a value in 1.01..1.6");
    }
}
