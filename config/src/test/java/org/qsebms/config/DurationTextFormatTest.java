package org.qsebms.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A duration in a message is written as the file writes it (check23z, 2026-12-07: a refused duration was told its range
 * as "PT0S..PT10M"), and reads back as the same duration.
 */
class DurationTextFormatTest {
    @Test
    void aDurationIsWrittenInTheFilesUnitsAndReadsBack() {
        Duration[] durations = {
            Duration.ZERO,
            Duration.ofNanos(500),
            Duration.ofNanos(450_000),
            Duration.ofNanos(1_500_000),
            Duration.ofMillis(300),
            Duration.ofMillis(-300),
            Duration.ofSeconds(2),
            Duration.ofSeconds(90),
            Duration.ofMinutes(10),
            Duration.ofHours(1),
            Duration.ofDays(3650)
        };
        String[] written = {"0ms", "0.5us", "450us", "1500us", "300ms", "-300ms", "2s", "90s", "10min", "1h", "87600h"};
        for (int i = 0; i < durations.length; i++) {
            String text = DurationText.format(durations[i]);
            assertThat(text).as("%s", durations[i]).isEqualTo(written[i]);
            assertThat(DurationText.parse("t", text)).as(text).isEqualTo(durations[i]);
        }
    }
}
