package org.qsebms.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qsebms.estimators.soc.EkfTuning;

/**
 * {@code hal.currentSensor}: the pack current sensor's rated zero offset and gain error, which the
 * SOC filters' bound carries; read from real files, with the default equal to the filters' own.
 */
class CurrentSensorRatingConfigTest {
    private final ConfigLoader loader = new ConfigLoader();

    @TempDir
    Path dir;

    private static final String PACK = """
            pack:
              id: bench-1
              chemistry: psoa-ncm811
              seriesCells: 4
            """;

    private BmsConfig load(String text) throws IOException {
        return loader.load(Files.writeString(dir.resolve("bms.yaml"), PACK + text));
    }

    private BmsConfig withSensor(String sensorLines) throws IOException {
        return load("hal:\n  backend: simulated\n  currentSensor:\n" + sensorLines);
    }

    @Test
    void withoutTheSectionTheLimitsAreTheFiltersDefaults() throws IOException {
        EkfTuning filters = EkfTuning.defaults();
        for (BmsConfig c : new BmsConfig[] {
            load(""), load("hal:\n  backend: simulated\n"), withSensor("    {}\n"), loader.defaultSimulated()
        }) {
            assertThat(c.hal().currentSensor().offsetLimitAmps()).isEqualTo(filters.currentOffsetLimitAmps());
            assertThat(c.hal().currentSensor().gainErrorLimit()).isEqualTo(filters.currentGainErrorLimit());
        }
    }

    @Test
    void bothLimitsAreReadAndOneAloneKeepsTheOtherDefault() throws IOException {
        CurrentSensorRating both = withSensor("    offsetLimitAmps: 0.012\n    gainErrorLimit: 0.005\n")
                .hal()
                .currentSensor();
        assertThat(both).isEqualTo(new CurrentSensorRating(0.012, 0.005));
        CurrentSensorRating offsetOnly =
                withSensor("    offsetLimitAmps: 0.2\n").hal().currentSensor();
        assertThat(offsetOnly.offsetLimitAmps()).isEqualTo(0.2);
        assertThat(offsetOnly.gainErrorLimit()).isEqualTo(CurrentSensorRating.DEFAULTS.gainErrorLimit());
        CurrentSensorRating zero = withSensor("    offsetLimitAmps: 0\n    gainErrorLimit: 0\n")
                .hal()
                .currentSensor();
        assertThat(zero).isEqualTo(new CurrentSensorRating(0, 0));
    }

    @Test
    void theShippedExamplesStateTheDefaultAndABetterSensorIsReadBesideAPiWiring() throws IOException {
        for (String example : new String[] {"examples/pi-4s-ads1115.yaml", "examples/simulated-4s-psoa-ncm811.yaml"}) {
            assertThat(loader.load(Path.of(example)).hal().currentSensor())
                    .as(example)
                    .isEqualTo(CurrentSensorRating.DEFAULTS);
        }
        String example = Files.readString(Path.of("examples/pi-4s-ads1115.yaml"));
        String better = example.replace("offsetLimitAmps: 0.05 ", "offsetLimitAmps: 0.02 ")
                .replace("gainErrorLimit: 0.03 ", "gainErrorLimit: 0.01 ");
        assertThat(better).isNotEqualTo(example);
        BmsConfig c = loader.load(Files.writeString(dir.resolve("pi.yaml"), better))
                .withPackId("other")
                .withPersistenceDirectory("elsewhere");
        assertThat(c.hal().pi4j()).isPresent();
        assertThat(c.hal().currentSensor()).isEqualTo(new CurrentSensorRating(0.02, 0.01));
    }

    @Test
    void theZeroWhileOpenIsOnUnlessSaidOtherwise() throws IOException {
        assertThat(CurrentSensorRating.DEFAULTS.zeroWhileOpen()).isTrue();
        assertThat(withSensor("    offsetLimitAmps: 0.02\n")
                        .hal()
                        .currentSensor()
                        .zeroWhileOpen())
                .isTrue();
        CurrentSensorRating off = withSensor("    zeroWhileOpen: false\n").hal().currentSensor();
        assertThat(off)
                .isEqualTo(new CurrentSensorRating(
                        CurrentSensorRating.DEFAULTS.offsetLimitAmps(),
                        CurrentSensorRating.DEFAULTS.gainErrorLimit(),
                        false));
    }

    @Test
    void aZeroWhileOpenThatIsNoBooleanIsRefused() {
        assertThatThrownBy(() -> withSensor("    zeroWhileOpen: yes please\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("hal.currentSensor.zeroWhileOpen: expected true or false");
    }

    @Test
    void aNegativeOffsetLimitIsRefusedWithTheMagnitudeToWrite() {
        assertThatThrownBy(() -> withSensor("    offsetLimitAmps: -0.05\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("hal.currentSensor.offsetLimitAmps: -0.05 A is negative")
                .hasMessageContaining("either sign")
                .hasMessageContaining("write 0.05");
    }

    @Test
    void aGainLimitInPercentIsRefusedWithTheFraction() {
        assertThatThrownBy(() -> withSensor("    gainErrorLimit: 3\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("hal.currentSensor.gainErrorLimit: 3.0 is a gain error of 300.0 %")
                .hasMessageContaining("a fraction, not a percentage")
                .hasMessageContaining("write 0.03");
    }

    @Test
    void aNegativeGainLimitIsRefused() {
        assertThatThrownBy(() -> withSensor("    gainErrorLimit: -0.03\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("hal.currentSensor.gainErrorLimit: -0.03 is negative")
                .hasMessageContaining("write 0.03");
    }

    @Test
    void notANumberIsRefusedForEitherLimit() {
        assertThatThrownBy(() -> withSensor("    offsetLimitAmps: NaN\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("hal.currentSensor.offsetLimitAmps: NaN is not a limit")
                .hasMessageContaining("remove the key for the default 0.05 A");
        assertThatThrownBy(() -> withSensor("    gainErrorLimit: nan\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("hal.currentSensor.gainErrorLimit: NaN is not a limit")
                .hasMessageContaining("0.03 for 3 %");
        // YAML's own .nan is refused by the parser already, with the line
        assertThatThrownBy(() -> withSensor("    offsetLimitAmps: .nan\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("is not valid YAML at line 8");
        assertThatThrownBy(() -> withSensor("    offsetLimitAmps: 1e999\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("hal.currentSensor.offsetLimitAmps: an infinite offset limit");
        assertThatThrownBy(() -> withSensor("    gainErrorLimit: three percent\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("hal.currentSensor.gainErrorLimit: expected a number");
    }

    @Test
    void anUnknownKeyInTheSectionIsRefused() {
        assertThatThrownBy(() -> withSensor("    offsetLimitA: 0.05\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("hal.currentSensor.offsetLimitA: unknown key")
                .hasMessageContaining("gainErrorLimit")
                .hasMessageContaining("offsetLimitAmps");
    }
}
