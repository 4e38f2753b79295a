package org.qsebms.bms.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qsebms.bms.runtime.BmsRuntime;
import org.qsebms.bms.supervisor.SupervisorState;
import org.qsebms.bms.telemetry.MqttTopics;
import org.qsebms.config.BmsConfig;

/**
 * Hostile traffic on a real Mosquitto (Debian's, as CI installs it) to the real controller on the simulated
 * pack: poison command topics live and retained, retained and empty commands, payloads that are not exactly
 * one JSON object, result sequences, rate-limited results, the final retained state and the loop's timing
 * in {@code state}. Skipped when mosquitto is absent.
 */
class MosquittoHostileTrafficTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    /** Topics that killed Paho's receive thread through the old cmd/+ subscription (issue 18). */
    static final List<String> POISON_LEVELS = List.of(
            "\uD83D\uDCA5",
            "\uFF52\uFF45\uFF53\uFF45\uFF54",
            "reset\uD83D\uDCA5",
            "\u00e9t\u00e9",
            "charge-limit/\uD83D\uDCA5");

    @TempDir
    Path dir;

    Mosquitto broker;
    BmsRuntime bms;
    RecordingSubscriber sub;
    final MqttTopics t = new MqttTopics("qse-bms", "p1");

    @BeforeEach
    void start() throws Exception {
        assumeTrue(Mosquitto.available(), "mosquitto is not installed (apt-get install mosquitto mosquitto-clients)");
        broker = new Mosquitto(dir, "");
    }

    private void startBms(BmsConfig cfg) throws Exception {
        if (sub == null) { // subscribed first: a result to a retained command comes right after the BMS connects
            sub = RecordingSubscriber.subscribe(broker.url(), t.state(), "qse-bms/p1/cmd/+/result");
        }
        bms = SimulatedBms.start(cfg, broker.url());
        sub.await(r -> r.topic().equals(t.state()), WAIT, "first state");
    }

    @AfterEach
    void stop() throws Exception {
        if (bms != null) {
            bms.close();
        }
        if (sub != null) {
            sub.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    private BmsConfig config() {
        return SimulatedBms.config("p1", dir, Duration.ofMillis(200));
    }

    /** The longest silence between two state messages that arrived in [from, to] (nanoTime). */
    private double longestStateGapSeconds(long from, long to) {
        long prev = -1;
        long worst = 0;
        for (RecordingSubscriber.Received r : sub.on(t.state())) {
            if (r.arrivalNanos() < from - 1_000_000_000L || r.arrivalNanos() > to) {
                continue;
            }
            if (prev >= 0) {
                worst = Math.max(worst, r.arrivalNanos() - prev);
            }
            prev = r.arrivalNanos();
        }
        return worst / 1e9;
    }

    private JsonNode answer(String command, String id) throws InterruptedException {
        return sub.await(
                        r -> r.topic().equals(t.commandResult(command))
                                && id.equals(r.json().path("id").asText()),
                        WAIT,
                        "result of " + command + " " + id)
                .json();
    }

    @Test
    void poisonTopicsLiveAndRetainedNeitherSilenceTelemetryNorCommands() throws Exception {
        startBms(config());
        List<String> report = new ArrayList<>();
        int n = 0;
        for (boolean retained : new boolean[] {false, true}) {
            for (String level : POISON_LEVELS) {
                long at = System.nanoTime();
                assertThat(broker.publish(t.base() + "/cmd/" + level, "{\"action\":\"open\"}", retained))
                        .isZero();
                // a valid command right behind it is answered
                String id = "after-" + n++;
                assertThat(broker.publish(t.command("balancing"), "{\"enabled\":true,\"id\":\"" + id + "\"}", false))
                        .isZero();
                assertThat(answer("balancing", id).get("accepted").asBoolean()).isTrue();
                Thread.sleep(2500);
                double gap = longestStateGapSeconds(at, System.nanoTime());
                report.add(String.format(Locale.ROOT, "%s%s %.2f s", retained ? "retained " : "", level, gap));
                assertThat(gap).as("telemetry gap after %s", level).isLessThan(10); // a silenced client: ~21 s
            }
        }
        // the retained poison stays on the broker: a BMS that connects now gets the same treatment
        bms.close();
        long restartAt = System.nanoTime();
        startBms(config());
        assertThat(broker.publish(t.command("balancing"), "{\"enabled\":true,\"id\":\"restarted\"}", false))
                .isZero();
        assertThat(answer("balancing", "restarted").get("accepted").asBoolean()).isTrue();
        Thread.sleep(2500);
        double gap = longestStateGapSeconds(restartAt + 2_000_000_000L, System.nanoTime());
        report.add(String.format(Locale.ROOT, "restart with the retained poison topics %.2f s", gap));
        // every state message of both runs arrived: per boot, seq 1..last without a gap (duplicates are allowed)
        java.util.Map<Long, List<Long>> seqByBoot = new java.util.TreeMap<>();
        for (RecordingSubscriber.Received r : sub.on(t.state())) {
            seqByBoot
                    .computeIfAbsent(r.json().get("boot").asLong(), b -> new ArrayList<>())
                    .add(r.json().get("seq").asLong());
        }
        long lost = 0;
        long duplicates = 0;
        for (List<Long> seqs : seqByBoot.values()) {
            long distinct = seqs.stream().distinct().count();
            duplicates += seqs.size() - distinct;
            lost += java.util.Collections.max(seqs) - java.util.Collections.min(seqs) + 1 - distinct;
        }
        report.add(seqByBoot.values().stream().mapToInt(List::size).sum() + " states received, " + lost + " lost, "
                + duplicates + " duplicates");
        System.out.println("poison topics, longest state gap (200 ms interval): " + String.join("; ", report));
        assertThat(lost).as("state messages lost").isZero();
        assertThat(bms.publisher().sessionRebuilds())
                .as("nothing stalled the session")
                .isZero();
        assertThat(bms.publisher().reconnects()).isZero();
        assertThat(bms.publisher().commandsRejected())
                .as("no poison topic reached the BMS")
                .isZero();
        assertThat(bms.wiring().controller().supervisor().state()).isNotEqualTo(SupervisorState.FAULT);
    }

    @Test
    void retainedAndEmptyCommandsAreNotExecutedAndTheResultSaysWhy() throws Exception {
        // a retained "open" waiting on the broker before the BMS starts
        assertThat(broker.publish(t.command("contactors"), "{\"action\":\"open\",\"id\":\"stale\"}", true))
                .isZero();
        BmsConfig cfg = config();
        startBms(cfg);
        JsonNode stale = answer("contactors", "stale");
        assertThat(stale.get("accepted").asBoolean()).isFalse();
        assertThat(stale.get("reason").asText()).startsWith("not executed: the command was published retained");
        sub.await(
                r -> r.topic().equals(t.state())
                        && r.json().get("mode").asText().equals("NORMAL"),
                WAIT,
                "NORMAL: the retained open was not executed");

        // a reconnect replays it: still not executed
        bms.close();
        startBms(cfg);
        sub.await(
                r -> sub.on(t.commandResult("contactors")).stream()
                                .filter(x -> x.json().path("id").asText().equals("stale"))
                                .count()
                        >= 2,
                WAIT,
                "second answer to the retained open");
        long restarted = System.nanoTime();
        sub.await(
                r -> r.topic().equals(t.state())
                        && r.json().get("mode").asText().equals("NORMAL")
                        && r.arrivalNanos() > restarted,
                WAIT,
                "NORMAL after the reconnect");

        // clearing it (an empty retained message) is not a command either
        assertThat(broker.publish(t.command("contactors"), "", true)).isZero();
        sub.await(
                r -> r.topic().equals(t.commandResult("contactors"))
                        && r.json().get("reason").asText().startsWith("empty payload: not executed"),
                WAIT,
                "empty-payload answer");
        assertThat(broker.publish(t.command("reset"), "", false)).isZero();
        JsonNode reset = sub.awaitTopic(t.commandResult("reset"), WAIT).json();
        assertThat(reset.get("accepted").asBoolean()).isFalse();
        assertThat(reset.get("reason").asText()).startsWith("empty payload: not executed");
        assertThat(bms.wiring().controller().supervisor().state()).isEqualTo(SupervisorState.NORMAL);
    }

    @Test
    void onlyExactlyOneJsonObjectIsACommand() throws Exception {
        startBms(config());
        sub.await(
                r -> r.topic().equals(t.state())
                        && r.json().get("mode").asText().equals("NORMAL"),
                WAIT,
                "NORMAL");
        String[] bad = {
            "{\"action\":\"open\"} <not json>",
            "{\"action\":\"close\"}{\"action\":\"open\"}",
            "{\"action\":\"close\",\"action\":\"open\"}",
            "{\"action\":\"open\"}\n{}"
        };
        for (String payload : bad) {
            assertThat(broker.publish(t.command("contactors"), payload, false)).isZero();
        }
        assertThat(broker.publish(t.command("charge-limit"), "{\"amps\":-0.0}", false))
                .isZero();
        long until = System.nanoTime() + WAIT.toNanos();
        while (sub.on(t.commandResult("contactors")).size() < bad.length && System.nanoTime() < until) {
            Thread.sleep(50);
        }
        assertThat(sub.on(t.commandResult("contactors"))).hasSize(bad.length).allSatisfy(r -> {
            assertThat(r.json().get("accepted").asBoolean()).isFalse();
            assertThat(r.json().get("reason").asText()).startsWith("malformed JSON");
        });
        JsonNode negativeZero =
                sub.awaitTopic(t.commandResult("charge-limit"), WAIT).json();
        assertThat(negativeZero.get("reason").asText()).contains("negative zero");
        Thread.sleep(500);
        assertThat(bms.wiring().controller().supervisor().state()).isEqualTo(SupervisorState.NORMAL);
    }

    @Test
    void eachResultTopicCountsItsOwnSequenceAndRateLimitedResultsCarryTheId() throws Exception {
        startBms(config()); // 5 commands/s, bursts of 10
        for (int i = 0; i < 40; i++) {
            String name = i % 2 == 0 ? "balancing" : "snapshot";
            String payload =
                    name.equals("balancing") ? "{\"enabled\":true,\"id\":\"b" + i + "\"}" : "{\"id\":\"s" + i + "\"}";
            sub.publish(t.command(name), payload);
        }
        long until = System.nanoTime() + WAIT.toNanos();
        while (sub.on(t.commandResult("balancing")).size()
                                + sub.on(t.commandResult("snapshot")).size()
                        < 40
                && System.nanoTime() < until) {
            Thread.sleep(50);
        }
        for (String name : new String[] {"balancing", "snapshot"}) {
            List<RecordingSubscriber.Received> results = sub.on(t.commandResult(name));
            assertThat(results).hasSize(20);
            assertThat(results.stream()
                            .map(r -> r.json().get("seq").asLong())
                            .sorted()
                            .toList())
                    .as("%s results numbered 1..20 without gaps", name)
                    .isEqualTo(java.util.stream.LongStream.rangeClosed(1, 20)
                            .boxed()
                            .toList());
            assertThat(results)
                    .allSatisfy(r -> assertThat(r.json().get("id").isTextual())
                            .as(r.payload())
                            .isTrue());
        }
        List<RecordingSubscriber.Received> limited = sub.received.stream()
                .filter(r -> r.topic().endsWith("/result")
                        && r.json().get("reason").asText().startsWith("rate limit"))
                .toList();
        assertThat(limited).as("the flood is rate-limited").isNotEmpty();
        assertThat(limited)
                .allSatisfy(r -> assertThat(r.json().get("id").asText()).matches("[bs][0-9]+"));
    }

    @Test
    void aCleanStopLeavesTheFinalStateRetainedAndStateCarriesTheLoopTiming() throws Exception {
        startBms(config());
        JsonNode normal = sub.await(
                        r -> r.topic().equals(t.state())
                                && r.json().get("mode").asText().equals("NORMAL"),
                        WAIT,
                        "NORMAL")
                .json();
        assertThat(normal.get("contactors").get("mainPositive").asBoolean()).isTrue();
        assertThat(normal.get("loopOverruns").isIntegralNumber()).isTrue();
        assertThat(normal.get("loopOverruns").asLong()).isGreaterThanOrEqualTo(0);
        assertThat(normal.get("worstTickMillis").asDouble()).isPositive();

        bms.close();
        long overruns = bms.loop().overruns();
        bms = null;
        try (RecordingSubscriber late = RecordingSubscriber.subscribe(broker.url(), t.state(), t.status())) {
            RecordingSubscriber.Received retained = late.awaitTopic(t.state(), WAIT);
            JsonNode last = retained.json();
            assertThat(retained.retained()).isTrue();
            assertThat(last.get("mode").asText()).isEqualTo("SHUTDOWN");
            JsonNode c = last.get("contactors");
            assertThat(c.get("mainPositive").asBoolean()
                            || c.get("mainNegative").asBoolean()
                            || c.get("precharge").asBoolean())
                    .as("contactors open in %s", last)
                    .isFalse();
            assertThat(last.get("loopOverruns").asLong()).isEqualTo(overruns);
            assertThat(late.awaitTopic(t.status(), WAIT).payload()).isEqualTo("offline");
        }
    }
}
