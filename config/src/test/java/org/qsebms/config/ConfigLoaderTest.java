package org.qsebms.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
    private final ConfigLoader loader = new ConfigLoader();

    private static final String MINIMAL = """
            pack:
              id: bench-1
              chemistry: psoa-ncm811
              seriesCells: 4
            """;

    @Test
    void defaultSimulatedConfigurationIsA4SeriesPsoaNcm811PackAt10Hz() {
        BmsConfig cfg = loader.defaultSimulated();
        assertThat(cfg.pack().seriesCells()).isEqualTo(4);
        assertThat(cfg.chemistry().electrolyte()).isEqualTo("PSOA");
        assertThat(cfg.chemistry().cathode()).isEqualTo("NCM811");
        assertThat(cfg.loop().period()).isEqualTo(Duration.ofMillis(100));
        assertThat(cfg.hal().backend()).isEqualTo(HalBackend.SIMULATED);
        assertThat(cfg.limits().cellOverVoltage().msl()).isEqualTo(4.30);
        assertThat(cfg.limits().cellUnderVoltage().msl()).isEqualTo(2.80);
        assertThat(cfg.limits().anodicLimitVolts()).isEqualTo(5.6);
    }

    @Test
    void currentLimitsInCRateAreScaledByThePackCapacity() {
        BmsConfig cfg = loader.parse(MINIMAL + "  capacityAh: 4.0\n", "test");
        // preset: charge MSL 1.0 C, discharge MSL 3.0 C
        assertThat(cfg.limits().chargeOverCurrent().msl()).isEqualTo(4.0);
        assertThat(cfg.limits().dischargeOverCurrent().msl()).isEqualTo(12.0);
        assertThat(cfg.limits().chargeOverCurrent().unit()).isEqualTo("A");
    }

    @Test
    void healthDefaultsComeFromThePresetAndMayBeOverridden() {
        BmsConfig cfg = loader.parse(MINIMAL, "test");
        assertThat(cfg.health().npRatio()).isEqualTo(6.85);
        assertThat(cfg.health().bulkOhms()).isEqualTo(cfg.chemistry().cell().r0Ohms());
        assertThat(cfg.health().endOfLifeResistanceMultiple()).isEqualTo(2.0);
        BmsConfig own = loader.parse(
                MINIMAL + "health: {npRatio: 3.0, endOfLifeResistanceMultiple: 1.5, bulkOhms: 0.002}\n", "test");
        assertThat(own.health()).isEqualTo(new HealthConfig(1.5, 3.0, 0.002, UsableCapacityConfig.of(own.limits())));
    }

    @Test
    void capacityLimitWindowsAreOffUnlessTurnedOnAndTakeOnlyABoolean() {
        assertThat(loader.parse(MINIMAL, "test").health().capacityLimitWindows())
                .isFalse();
        assertThat(loader.parse(MINIMAL + "health: {capacityLimitWindows: true}\n", "test")
                        .health()
                        .capacityLimitWindows())
                .isTrue();
        assertThatThrownBy(() -> loader.parse(MINIMAL + "health: {capacityLimitWindows: 1}\n", "test"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("capacityLimitWindows")
                .hasMessageContaining("true or false");
    }

    @Test
    void usableCapacityDefaultsToTheOperatingLimitsAndTakesTheUsersChargerAndCutoff() {
        BmsConfig cfg = loader.parse(MINIMAL, "test");
        assertThat(cfg.health().usableCapacity()).isEqualTo(UsableCapacityConfig.of(4.20, 3.00, 0.1));
        BmsConfig own = loader.parse(
                MINIMAL + "health:\n  usableCapacity: {chargeVolts: 4.15, cutoffVolts: 3.4, taperC: 0.05}\n", "test");
        assertThat(own.health().usableCapacity()).isEqualTo(UsableCapacityConfig.of(4.15, 3.4, 0.05));
        // a limits override moves the default with it
        BmsConfig lower = loader.parse(
                MINIMAL + "limits:\n  cellOverVoltage: {mol: 4.10, rsl: 4.20, msl: 4.30, "
                        + "hysteresis: 0.03, debounce: 300ms}\n",
                "test");
        assertThat(lower.health().usableCapacity().chargeVolts()).isEqualTo(4.10);
    }

    @Test
    void theDocumentedSimulatedExampleLoadsWithItsHealthSection() {
        BmsConfig cfg = loader.load(java.nio.file.Path.of("examples/simulated-4s-psoa-ncm811.yaml"));
        assertThat(cfg.health().usableCapacity()).isEqualTo(UsableCapacityConfig.of(4.15, 3.00, 0.1));
        assertThat(cfg.limits().cellOverVoltage().mol()).isEqualTo(4.15);
    }

    @Test
    void usableCapacityVoltagesOutsideTheSafetyLimitsOrCrossedAreRejectedWithTheFix() {
        assertThatThrownBy(() -> loader.parse(MINIMAL + "health:\n  usableCapacity: {chargeVolts: 4.4}\n", "test"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("health.usableCapacity.chargeVolts")
                .hasMessageContaining("outside 2.8..4.3 V");
        assertThatThrownBy(() -> loader.parse(MINIMAL + "health:\n  usableCapacity: {cutoffVolts: 4.18}\n", "test"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("health.usableCapacity.cutoffVolts")
                .hasMessageContaining("is not below chargeVolts (4.2 V)")
                .hasMessageContaining("set cutoffVolts to where");
        assertThatThrownBy(() -> loader.parse(MINIMAL + "health:\n  usableCapacity: {taperC: 0.01}\n", "test"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("health.usableCapacity.taperC")
                .hasMessageContaining("outside 0.025..1.0 C");
        assertThatThrownBy(() -> loader.parse(MINIMAL + "health:\n  usableCapacity: {taperC: fast}\n", "test"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("health.usableCapacity.taperC")
                .hasMessageContaining("expected a number");
        assertThatThrownBy(() -> loader.parse(MINIMAL + "health:\n  usableCapacity: {cutoff: 3.0}\n", "test"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("health.usableCapacity.cutoff")
                .hasMessageContaining("unknown key");
    }

    @Test
    void theCapacityEndsToleranceTakeTheUsersValuesAndDefaultToTheDocumentedOnes() {
        UsableCapacityConfig d = loader.parse(MINIMAL, "test").health().usableCapacity();
        assertThat(d.fullToleranceVolts()).isEqualTo(0.05);
        assertThat(d.cutoffToleranceVolts()).isEqualTo(0.02);
        assertThat(d.emptyToleranceVolts()).isEqualTo(0.05);
        UsableCapacityConfig own = loader.parse(
                        MINIMAL + "health:\n  usableCapacity: {fullToleranceVolts: 0.02, cutoffToleranceVolts: 0.01,"
                                + " emptyToleranceVolts: 0.03}\n",
                        "test")
                .health()
                .usableCapacity();
        assertThat(own)
                .isEqualTo(new UsableCapacityConfig(d.chargeVolts(), d.cutoffVolts(), d.taperC(), 0.02, 0.01, 0.03));
    }

    @Test
    void capacityEndTolerancesOutsideTheirRangeOrMeetingEachOtherAreRejectedWithTheFix() {
        assertThatThrownBy(
                        () -> loader.parse(MINIMAL + "health:\n  usableCapacity: {fullToleranceVolts: 50}\n", "test"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("health.usableCapacity.fullToleranceVolts")
                .hasMessageContaining("outside 0.005..0.2 V");
        assertThatThrownBy(() ->
                        loader.parse(MINIMAL + "health:\n  usableCapacity: {emptyToleranceVolts: -0.01}\n", "test"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("health.usableCapacity.emptyToleranceVolts");
        assertThatThrownBy(() ->
                        loader.parse(MINIMAL + "health:\n  usableCapacity: {cutoffToleranceVolts: 0.2}\n", "test"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("health.usableCapacity.cutoffToleranceVolts")
                .hasMessageContaining("outside 0.0..0.1 V");
        // the ends 0.3 V apart: 0.2 V tolerances at each end would let one reading mark both
        assertThatThrownBy(() -> loader.parse(
                        MINIMAL + "health:\n  usableCapacity: {chargeVolts: 4.1, cutoffVolts: 3.8,"
                                + " fullToleranceVolts: 0.2, emptyToleranceVolts: 0.2}\n",
                        "test"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("health.usableCapacity.emptyToleranceVolts")
                .hasMessageContaining("could mark both ends");
        // a wider full tolerance moves the cutoff's bound with it
        assertThatThrownBy(() -> loader.parse(
                        MINIMAL + "health:\n  usableCapacity: {cutoffVolts: 4.05, fullToleranceVolts: 0.15}\n", "test"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("health.usableCapacity.cutoffVolts")
                .hasMessageContaining("by more than the 0.15 V");
    }

    @Test
    void healthSettingsOutsideTheirRangeAreRejectedWithTheKeyPath() {
        assertThatThrownBy(() -> loader.parse(MINIMAL + "health: {bulkOhms: 0.01}\n", "test"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("health.bulkOhms")
                .hasMessageContaining("more than the cell's whole R0");
        assertThatThrownBy(() -> loader.parse(MINIMAL + "health: {npRatio: 0.5}\n", "test"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("health.npRatio");
        assertThatThrownBy(() -> loader.parse(MINIMAL + "health: {eolMultiple: 2}\n", "test"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("health.eolMultiple")
                .hasMessageContaining("endOfLifeResistanceMultiple");
    }

    @Test
    void lfpPresetHasItsOwnVoltageWindow() {
        BmsConfig cfg = loader.parse(MINIMAL.replace("psoa-ncm811", "psoa-lfp"), "test");
        assertThat(cfg.limits().cellOverVoltage().msl()).isEqualTo(3.65);
        assertThat(cfg.limits().cellUnderVoltage().msl()).isEqualTo(2.50);
    }

    @Test
    void configMayTightenAnMsl() {
        BmsConfig cfg = loader.parse(MINIMAL + "limits:\n  cellOverVoltage: {mol: 4.1, rsl: 4.15, msl: 4.2}\n", "test");
        assertThat(cfg.limits().cellOverVoltage().msl()).isEqualTo(4.2);
        assertThat(cfg.limits().cellOverVoltage().debounce()).isEqualTo(Duration.ofMillis(300));
    }

    @Test
    void configThatWidensAnMslBeyondTheChemistryIsRejectedWithTheKeyPathAndTheFix() {
        assertThatThrownBy(() -> loader.parse(MINIMAL + "limits:\n  cellOverVoltage: {msl: 4.4}\n", "test"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("limits.cellOverVoltage.msl")
                .hasMessageContaining("4.4 V is beyond the psoa-ncm811 chemistry's maximum safety limit of 4.3 V")
                .hasMessageContaining("use a value <= 4.3");
        assertThatThrownBy(() -> loader.parse(MINIMAL + "limits:\n  chargeUnderTemperature: {msl: -10}\n", "test"))
                .hasMessageContaining("limits.chargeUnderTemperature.msl")
                .hasMessageContaining("use a value >= 0.0");
    }

    @Test
    void unknownKeyIsRejectedWithTheAllowedKeys() {
        assertThatThrownBy(() -> loader.parse(MINIMAL + "  serieCells: 4\n", "test"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("pack.serieCells: unknown key")
                .hasMessageContaining("seriesCells");
    }

    @Test
    void malformedYamlNamesTheLineAndColumn() {
        assertThatThrownBy(() -> loader.parse("pack:\n  id: [unclosed\n  chemistry: x\n", "bad.yaml"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("bad.yaml is not valid YAML at line")
                .hasMessageContaining("column");
    }

    /**
     * Issue 23, check23g: a key given twice was read as the last one without a word, so the file a person checks
     * says one limit and the BMS runs on another.
     */
    @Test
    void aKeyGivenTwiceIsRefusedWithItsLine() {
        assertThatThrownBy(() -> loader.parse(MINIMAL + "  seriesCells: 8\n", "twice.yaml"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("twice.yaml is not valid YAML at line")
                .hasMessageContaining("the key 'seriesCells' is given twice")
                .hasMessageNotContaining("DeserializationFeature");
    }

    @Test
    void outOfRangeNumberNamesTheRange() {
        assertThatThrownBy(() -> loader.parse(MINIMAL.replace("seriesCells: 4", "seriesCells: 0"), "test"))
                .hasMessageContaining("pack.seriesCells: 0 is outside 1..512");
    }

    @Test
    void wrongTypeIsNamed() {
        assertThatThrownBy(() -> loader.parse(MINIMAL.replace("seriesCells: 4", "seriesCells: four"), "test"))
                .hasMessageContaining("pack.seriesCells: expected a whole number, found the text 'four'");
    }

    @Test
    void unknownChemistryListsTheShippedPresets() {
        assertThatThrownBy(() -> loader.parse(MINIMAL.replace("psoa-ncm811", "nmc-graphite"), "test"))
                .hasMessageContaining("pack.chemistry: 'nmc-graphite' is not a shipped preset")
                .hasMessageContaining("psoa-ncm811");
    }

    /** Issue 23, check23x: the service-reset queue is bounded; the bound is configured, within 1..100. */
    @Test
    void theServiceResetQueueIsConfiguredWithinItsRange() {
        assertThat(loader.parse(MINIMAL, "test").mqtt().serviceResetQueue())
                .isEqualTo(MqttConfig.DEFAULT_SERVICE_RESET_QUEUE);
        assertThat(loader.parse(MINIMAL + "mqtt:\n  serviceResetQueue: 40\n", "test")
                        .mqtt()
                        .serviceResetQueue())
                .isEqualTo(40);
        assertThatThrownBy(() -> loader.parse(MINIMAL + "mqtt:\n  serviceResetQueue: 101\n", "test"))
                .hasMessageContaining("mqtt.serviceResetQueue");
        assertThatThrownBy(() -> loader.parse(MINIMAL + "mqtt:\n  serviceResetQueue: 0\n", "test"))
                .hasMessageContaining("mqtt.serviceResetQueue");
    }

    @Test
    void badMqttUrlAndDurationAreExplained() {
        assertThatThrownBy(() -> loader.parse(MINIMAL + "mqtt:\n  url: localhost:1883\n", "test"))
                .hasMessageContaining("mqtt.url: 'localhost:1883' is not a broker URL; write tcp://HOST:PORT");
        assertThatThrownBy(() -> loader.parse(MINIMAL + "loop:\n  period: fast\n", "test"))
                .hasMessageContaining("loop.period: 'fast' is not a duration");
        assertThatThrownBy(() -> loader.parse(MINIMAL + "loop:\n  period: 5s\n", "test"))
                .hasMessageContaining("loop.period: 5s is outside");
    }

    @Test
    void missingFileSaysWhatToDo(@TempDir Path dir) {
        assertThatThrownBy(() -> loader.load(dir.resolve("nope.yaml")))
                .hasMessageContaining("nope.yaml does not exist")
                .hasMessageContaining("--config");
    }

    @Test
    void emptyFileIsRejected(@TempDir Path dir) throws Exception {
        Path f = Files.writeString(dir.resolve("empty.yaml"), "");
        assertThatThrownBy(() -> loader.load(f)).hasMessageContaining("is empty");
    }

    @Test
    void invalidPackIdIsRejectedBecauseItBecomesATopicLevel() {
        assertThatThrownBy(() -> loader.parse(MINIMAL.replace("bench-1", "a/b#"), "test"))
                .hasMessageContaining("pack.id: 'a/b#' is not a valid pack id");
    }

    @Test
    void everyShippedPresetLoadsWithOrderedLimitsBelowTheAnodicLimit() {
        for (String name : PresetCatalog.SHIPPED) {
            ChemistryPreset p = new PresetCatalog().load(name);
            assertThat(p.limits().cellOverVoltage().msl()).isLessThan(p.limits().anodicLimitVolts());
            assertThat(p.limits().cellUnderVoltage().msl())
                    .isLessThan(p.limits().cellOverVoltage().mol());
            assertThat(p.limits().chargeUnderTemperature().msl()).isGreaterThanOrEqualTo(0.0);
            assertThat(p.cell().ocv().maxVolts())
                    .isLessThanOrEqualTo(p.limits().cellOverVoltage().msl() + 1e-9);
        }
    }
}
