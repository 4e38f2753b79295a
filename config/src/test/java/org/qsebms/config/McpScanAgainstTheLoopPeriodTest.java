package org.qsebms.config;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Found by an independent check (check23m, 2026-12-06) of 95e98910: the refusal counted only ADS1115 inputs. An MCP3x08 reads
 * each input in one 24-clock SPI transfer, and clockHz may be as low as 10 kHz (2.4 ms a transfer): the example with
 * its four cell taps moved onto the MCP3008 beside its four NTCs, at 10 kHz and a 10 ms period, needs 8 x 2.4 ms =
 * 19.2 ms of transfers every tick, and loads.
 */
class McpScanAgainstTheLoopPeriodTest {
    @Test
    void anMcp3x08WhoseTransfersCannotFitThePeriodIsRefused() throws Exception {
        String text = Files.readString(Path.of("examples/pi-4s-ads1115.yaml"));
        String slow = text.replace("period: 100ms", "period: 10ms")
                .replace("clockHz: 1000000", "clockHz: 10000")
                .replace("\"taps:0\"", "\"ntc:4\"")
                .replace("\"taps:1\"", "\"ntc:5\"")
                .replace("\"taps:2\"", "\"ntc:6\"")
                .replace("\"taps:3\"", "\"ntc:7\"");
        assertThatThrownBy(() -> new ConfigLoader().parse(slow, "pi-4s-ads1115.yaml"))
                .as("MCP3008 'ntc' with 8 inputs at clockHz 10000 (8 x 24 clocks = 19.2 ms of SPI per tick) at "
                        + "loop.period 10 ms")
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("hal.pi4j.mcp3x08[0].clockHz: MCP3008 'ntc' reads its 8 inputs one after "
                        + "another every tick, 8 x 24 SPI clocks at 10000 Hz = 19.2 ms")
                .hasMessageContaining("does not fit loop.period (10 ms)");
        new ConfigLoader().parse(slow.replace("clockHz: 10000", "clockHz: 100000"), "pi-4s-ads1115.yaml");
    }
}
