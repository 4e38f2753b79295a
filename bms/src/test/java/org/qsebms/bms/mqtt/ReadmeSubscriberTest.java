package org.qsebms.bms.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qsebms.bms.broker.EmbeddedBroker;
import org.qsebms.bms.runtime.BmsRuntime;

/**
 * The README's way to watch the simulated BMS: Debian's {@code mosquitto_sub -h 127.0.0.1 -t
 * 'qse-bms/#' -v} against the embedded broker, with no client id given (mosquitto_sub then sends
 * an empty one, which a broker accepts for a clean session). Skipped without mosquitto-clients.
 */
class ReadmeSubscriberTest {
    @TempDir
    Path dir;

    @Test
    void mosquittoSubAsTheReadmeGivesItSeesTheTelemetry() throws Exception {
        assumeTrue(
                Files.isExecutable(Mosquitto.SUB),
                "mosquitto-clients is not installed (apt-get install mosquitto-clients)");
        try (EmbeddedBroker broker = EmbeddedBroker.start("127.0.0.1", EmbeddedBroker.freePort());
                BmsRuntime bms =
                        SimulatedBms.start(SimulatedBms.config("readme", dir, Duration.ofMillis(200)), broker.url())) {
            Process sub = new ProcessBuilder(
                            Mosquitto.SUB.toString(),
                            "-h",
                            "127.0.0.1",
                            "-p",
                            Integer.toString(broker.port()),
                            "-t",
                            "qse-bms/#",
                            "-v",
                            "-C",
                            "3",
                            "-W",
                            "20")
                    .redirectErrorStream(true)
                    .start();
            assertThat(sub.waitFor(30, TimeUnit.SECONDS))
                    .as("mosquitto_sub finished")
                    .isTrue();
            String out = new String(sub.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(sub.exitValue()).as(out).isZero();
            assertThat(out.lines().toList())
                    .hasSize(3)
                    .allMatch(l -> l.startsWith("qse-bms/" + bms.publisherPackId() + "/"));
        }
    }
}
