package org.qsebms.bms.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 200 commands of 1 MB each, as fast as the broker takes them, to a BMS running as a child JVM with
 * {@code -Xmx128m} against a real Mosquitto (without {@code message_size_limit}, so every byte reaches
 * the BMS): the inbound queue is bounded by bytes and oversized payloads are dropped before they are
 * queued, so the BMS neither runs out of memory nor stops answering. Its resident set size is sampled
 * every 50 ms from /proc and reported. Skipped when mosquitto is absent.
 */
class InboundMemoryTest {
    private static final int COMMANDS = 200;
    private static final int BYTES = 1 << 20;

    @TempDir
    Path dir;

    private static long rssKib(long pid, String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith(field + ":")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1; // the process has gone
        }
        return -1;
    }

    @Test
    void twoHundredOneMegabyteCommandsUnderXmx128mNeitherExhaustMemoryNorSilenceTheBms() throws Exception {
        assumeTrue(Mosquitto.available(), "mosquitto is not installed (apt-get install mosquitto mosquitto-clients)");
        assumeTrue(Files.isReadable(Path.of("/proc/self/status")), "no /proc to read the resident set size from");
        try (Mosquitto broker = new Mosquitto(dir, "")) {
            String java =
                    Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Path out = dir.resolve("bms.out");
            Process bms = new ProcessBuilder(
                            java,
                            "-Xmx128m",
                            "-cp",
                            System.getProperty("java.class.path"),
                            "org.qsebms.bms.cli.BmsCommand",
                            "run",
                            "--simulated",
                            "--mqtt-url",
                            broker.url(),
                            "--pack-id",
                            "mem",
                            "--duration",
                            "120s",
                            "--state-dir",
                            dir.resolve("state").toString())
                    .redirectErrorStream(true)
                    .redirectOutput(out.toFile())
                    .start();
            try (RecordingSubscriber sub = RecordingSubscriber.subscribe(
                    broker.url(), "qse-bms/mem/state", "qse-bms/mem/cmd/charge-limit/result")) {
                sub.awaitTopic("qse-bms/mem/state", Duration.ofSeconds(60));
                long pid = bms.pid();
                long baseline = rssKib(pid, "VmRSS");
                AtomicLong peak = new AtomicLong(baseline);
                Thread sampler = new Thread(() -> {
                    while (!Thread.currentThread().isInterrupted()) {
                        peak.accumulateAndGet(rssKib(pid, "VmRSS"), Math::max);
                        try {
                            Thread.sleep(50);
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                });
                sampler.start();
                byte[] big = new byte[BYTES];
                Arrays.fill(big, (byte) ' ');
                big[0] = '{';
                big[BYTES - 1] = '}';
                long start = System.nanoTime();
                for (int i = 0; i < COMMANDS; i++) {
                    MqttMessage m = new MqttMessage(big);
                    m.setQos(1);
                    sub.client.publish("qse-bms/mem/cmd/charge-limit", m);
                }
                double sendSeconds = (System.nanoTime() - start) / 1e9;
                long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
                while (sub.on("qse-bms/mem/cmd/charge-limit/result").stream()
                                        .map(r -> r.json().get("seq").asLong())
                                        .distinct()
                                        .count()
                                < COMMANDS
                        && System.nanoTime() < until) {
                    Thread.sleep(100);
                }
                Thread.sleep(1000); // the rate limiter's bucket refills (5 commands/s)
                sub.publish("qse-bms/mem/cmd/charge-limit", "{\"id\":\"after-flood\",\"amps\":0.5}");
                RecordingSubscriber.Received after = sub.await(
                        r -> r.topic().endsWith("/result")
                                && "after-flood".equals(r.json().path("id").asText()),
                        Duration.ofSeconds(30),
                        "answer after the flood");
                sampler.interrupt();
                sampler.join();
                long hwm = rssKib(pid, "VmHWM");
                var received = sub.on("qse-bms/mem/cmd/charge-limit/result");
                // at least once: a result whose PUBACK came late (behind 200 MB inbound) is sent again;
                // seq de-duplicates
                var results = received.stream()
                        .collect(Collectors.toMap(r -> r.json().get("seq").asLong(), r -> r, (a, b) -> a, TreeMap::new))
                        .values()
                        .stream()
                        .toList();
                long oversize = results.stream()
                        .filter(r -> r.json().get("reason").asText().contains("exceeds the 2048-byte"))
                        .count();
                long limited = results.stream()
                        .filter(r -> r.json().get("reason").asText().startsWith("rate limit"))
                        .count();
                String log = Files.readString(out);
                System.out.printf(
                        "inbound memory: %d x %d B commands sent in %.1f s to a -Xmx128m BMS; RSS %d MiB "
                                + "before, peak %d MiB sampled, VmHWM %d MiB; %d results (%d oversize, "
                                + "%d rate-limited), %d duplicates%n",
                        COMMANDS,
                        BYTES,
                        sendSeconds,
                        baseline / 1024,
                        peak.get() / 1024,
                        hwm / 1024,
                        results.size(),
                        oversize,
                        limited,
                        received.size() - results.size());
                assertThat(bms.isAlive())
                        .as("the BMS is still running; its output: %s", out)
                        .isTrue();
                assertThat(log).doesNotContain("OutOfMemoryError");
                assertThat(after.json().get("accepted").asBoolean()).isTrue();
                assertThat(oversize + limited)
                        .as(
                                "every 1 MB command is answered; BMS log: %s",
                                log.lines().filter(l -> l.contains("MQTT")).toList())
                        .isEqualTo(COMMANDS);
            } finally {
                bms.destroy();
                if (!bms.waitFor(20, TimeUnit.SECONDS)) {
                    bms.destroyForcibly();
                }
            }
        }
    }
}
