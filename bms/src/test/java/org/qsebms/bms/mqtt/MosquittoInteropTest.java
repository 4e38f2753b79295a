package org.qsebms.bms.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Interoperability with a real Mosquitto: the BMS runs as a child JVM exactly as a user starts it
 * ({@code bms run --simulated --mqtt-url ... --pack-id ...}); telemetry is read with
 * {@code mosquitto_sub} and a command sent with {@code mosquitto_pub}. Skipped when Debian's
 * mosquitto and mosquitto-clients are not installed.
 */
class MosquittoInteropTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    Mosquitto broker;
    Process bms;
    Process sub;
    final List<String[]> lines = new CopyOnWriteArrayList<>(); // {retained, topic, payload}

    @BeforeEach
    void start() throws Exception {
        assumeTrue(
                Mosquitto.available(),
                "mosquitto and mosquitto-clients are not installed (apt-get install mosquitto mosquitto-clients)");
        broker = new Mosquitto(dir, "");
        sub = new ProcessBuilder(
                        Mosquitto.SUB.toString(),
                        "-h",
                        "127.0.0.1",
                        "-p",
                        Integer.toString(broker.port),
                        "-t",
                        "qse-bms/interop/#",
                        "-t",
                        "homeassistant/#",
                        "-q",
                        "1",
                        "-F",
                        "%r|%t|%p")
                .redirectErrorStream(true)
                .start();
        Thread reader = new Thread(() -> {
            try (BufferedReader r =
                    new BufferedReader(new InputStreamReader(sub.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    lines.add(line.split("\\|", 3));
                }
            } catch (IOException ignored) {
                // process ended
            }
        });
        reader.setDaemon(true);
        reader.start();
        Thread.sleep(300); // mosquitto_sub subscribed
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        bms = new ProcessBuilder(
                        java,
                        "-cp",
                        System.getProperty("java.class.path"),
                        "org.qsebms.bms.cli.BmsCommand",
                        "run",
                        "--simulated",
                        "--mqtt-url",
                        broker.url(),
                        "--pack-id",
                        "interop",
                        "--duration",
                        "60s",
                        "--state-dir",
                        dir.resolve("state").toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("bms.out").toFile())
                .start();
    }

    @AfterEach
    void stop() throws Exception {
        for (Process p : new Process[] {bms, sub}) {
            if (p != null) {
                p.destroy();
                if (!p.waitFor(10, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            }
        }
        if (broker != null) {
            broker.close();
        }
    }

    private String[] await(Predicate<String[]> p, String what) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < end) {
            for (String[] l : lines) {
                if (l.length == 3 && p.test(l)) {
                    return l;
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("mosquitto_sub saw no " + what + "; it saw " + lines.size() + " lines; BMS output in "
                + dir.resolve("bms.out"));
    }

    private static JsonNode json(String[] line) throws IOException {
        return JSON.readTree(line[2]);
    }

    /** One retained message on {@code topic}, read by a fresh mosquitto_sub: {retained, topic, payload}. */
    private String[] retainedOnce(String topic) throws Exception {
        Process p = new ProcessBuilder(
                        Mosquitto.SUB.toString(),
                        "-h",
                        "127.0.0.1",
                        "-p",
                        Integer.toString(broker.port),
                        "-t",
                        topic,
                        "-C",
                        "1",
                        "-W",
                        "10",
                        "-F",
                        "%r|%t|%p")
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        p.waitFor(15, TimeUnit.SECONDS);
        return out.split("\\|", 3);
    }

    @Test
    void bmsRunPublishesEverythingToMosquittoAndAnswersACommandFromMosquittoPub() throws Exception {
        assertThat(await(l -> l[1].equals("qse-bms/interop/status"), "status")[2])
                .isEqualTo("online");
        JsonNode state = json(await(l -> l[1].equals("qse-bms/interop/state"), "state"));
        assertThat(state.get("schema").asInt()).isEqualTo(1);
        assertThat(state.get("packId").asText()).isEqualTo("interop");
        assertThat(json(await(l -> l[1].equals("qse-bms/interop/cells"), "cells"))
                        .get("cells"))
                .hasSize(4);
        assertThat(json(await(l -> l[1].equals("qse-bms/interop/health"), "health"))
                        .get("capacityAh")
                        .asDouble())
                .isPositive();
        JsonNode discovery =
                json(await(l -> l[1].equals("homeassistant/sensor/qse-bms_interop/soc/config"), "discovery"));
        assertThat(discovery.get("unit_of_measurement").asText()).isEqualTo("%");
        assertThat(discovery.get("availability_topic").asText()).isEqualTo("qse-bms/interop/status");

        Process pub = new ProcessBuilder(
                        Mosquitto.PUB.toString(),
                        "-h",
                        "127.0.0.1",
                        "-p",
                        Integer.toString(broker.port),
                        "-q",
                        "1",
                        "-t",
                        "qse-bms/interop/cmd/charge-limit",
                        "-m",
                        "{\"id\":\"from-mosquitto_pub\",\"amps\":0.25}")
                .redirectErrorStream(true)
                .start();
        assertThat(pub.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(pub.exitValue()).isZero();
        JsonNode result = json(await(l -> l[1].equals("qse-bms/interop/cmd/charge-limit/result"), "command result"));
        assertThat(result.get("accepted").asBoolean()).isTrue();
        assertThat(result.get("id").asText()).isEqualTo("from-mosquitto_pub");
        await(
                l -> l[1].equals("qse-bms/interop/state")
                        && l[2].contains("\"chargeLimitAmps\":")
                        && chargeLimit(l) <= 0.25,
                "state with the charge limit lowered to 0.25 A");

        // retained: state, status and discovery are there for a client that connects later
        assertThat(retainedOnce("qse-bms/interop/state")[0]).isEqualTo("1");
        assertThat(retainedOnce("homeassistant/sensor/qse-bms_interop/pack_voltage/config")[0])
                .isEqualTo("1");

        // a clean stop leaves "offline" retained on status
        bms.destroy();
        assertThat(bms.waitFor(20, TimeUnit.SECONDS)).isTrue();
        String[] status = retainedOnce("qse-bms/interop/status");
        assertThat(status[0]).isEqualTo("1");
        assertThat(status[2]).isEqualTo("offline");
        // and the retained state is the final one: SHUTDOWN, every contactor open (not a stale NORMAL)
        JsonNode last = json(retainedOnce("qse-bms/interop/state"));
        assertThat(last.get("mode").asText()).isEqualTo("SHUTDOWN");
        assertThat(last.get("contactors").toString()).doesNotContain("true");
    }

    @Test
    void lastWillSetsStatusOfflineWhenTheBmsDiesWithoutGoodbye() throws Exception {
        await(l -> l[1].equals("qse-bms/interop/state"), "state");

        bms.destroyForcibly(); // SIGKILL: no shutdown hook, the broker publishes the will after the keep-alive lapses

        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        String[] status;
        do {
            Thread.sleep(500);
            status = retainedOnce("qse-bms/interop/status");
        } while (!(status.length == 3 && status[2].equals("offline")) && System.nanoTime() < end);
        assertThat(status[2]).isEqualTo("offline");
    }

    private static double chargeLimit(String[] l) {
        try {
            return JSON.readTree(l[2]).get("chargeLimitAmps").asDouble();
        } catch (IOException e) {
            return Double.NaN;
        }
    }
}
