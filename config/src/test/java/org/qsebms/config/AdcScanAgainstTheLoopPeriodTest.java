package org.qsebms.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Found by an independent check (check23l, 2026-12-06): config/examples/pi-4s-ads1115.yaml at a
 * 10 ms loop period with the ADS1115s at 250 SPS loaded; the taps chip's conversions alone took
 * longer than the period, every tick overran, and LOOP_OVERRUN latched after 5 ticks telling the
 * user to "reduce the load on this machine". Such a wiring is now refused at load.
 */
class AdcScanAgainstTheLoopPeriodTest {
    private final ConfigLoader loader = new ConfigLoader();

    private static String example() throws Exception {
        return Files.readString(Path.of("examples/pi-4s-ads1115.yaml"));
    }

    @Test
    void aChipWhoseConversionsCannotFitThePeriodIsRefusedNamingIt() throws Exception {
        String text = example();
        assertThat(text).contains("period: 100ms").contains("dataRate: 475");
        String slow = text.replace("period: 100ms", "period: 10ms").replace("dataRate: 475", "dataRate: 250");

        assertThatThrownBy(() -> loader.parse(slow, "pi-4s-ads1115.yaml"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("hal.pi4j.ads1115[0].dataRate: ADS1115 'taps' converts its ")
                .hasMessageContaining("at 250 SPS, which does not fit loop.period (10 ms)")
                .hasMessageContaining("raise dataRate");
    }

    @Test
    void theShippedRateAtTenMillisecondsAndTheSlowRateAtTheShippedPeriodLoad() throws Exception {
        String text = example();
        BmsConfig fast = loader.parse(text.replace("period: 100ms", "period: 10ms"), "pi-4s-ads1115.yaml");
        assertThat(fast.loop().period()).isEqualTo(Duration.ofMillis(10));
        BmsConfig slow = loader.parse(text.replace("dataRate: 475", "dataRate: 250"), "pi-4s-ads1115.yaml");
        assertThat(slow.loop().period()).isEqualTo(Duration.ofMillis(100));
    }
}
