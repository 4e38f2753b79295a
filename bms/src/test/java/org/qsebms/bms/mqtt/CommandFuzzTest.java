package org.qsebms.bms.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.SplittableRandom;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qsebms.bms.broker.EmbeddedBroker;
import org.qsebms.bms.command.CommandParser;
import org.qsebms.bms.runtime.BmsRuntime;
import org.qsebms.bms.telemetry.MqttTopics;
import org.qsebms.config.BmsConfig;

/**
 * Sends 10,000 generated bad commands (fixed seed) through a real broker to the running
 * controller and checks that every one is rejected with a reason, no limit is widened and the
 * control loop is not starved meanwhile.
 *
 * <p>Starvation is judged by counting, not by timing: the ticks the loop ran during the flood
 * against the deadlines its own clock (the runtime's {@code System::nanoTime}) scheduled over the
 * same span. Commands never run on the loop thread, so a flood that took the loop's ticks would be
 * a shared lock or a blocking offer, and would cost most of them. An overrun (a tick that ends
 * after the next deadline) is timing: on a loaded 2-core machine the loop thread can wake late with
 * nothing to do with commands, so overruns and the longest tick are printed, not asserted; their
 * figures come from {@code TickTimingRun} in {@code benchmarks} (docs/performance.md).
 */
class CommandFuzzTest {
    private static final int COUNT = 10_000;
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    /** Command topic levels that killed Paho's receive thread through a cmd/+ subscription (issue 18). */
    static final String[] POISON = {
        "\uD83D\uDCA5",
        "\uFF52\uFF45\uFF53\uFF45\uFF54",
        "reset\uD83D\uDCA5",
        "\u00e9t\u00e9",
        "contactors/\uD83D\uDCA5",
        "\uD83D\uDE00\uD83D\uDE00",
        "\uFFFD"
    };

    /** One generated bad command: a topic level under cmd/ and a payload. */
    record Bad(String name, byte[] payload) {}

    static Bad generate(SplittableRandom rnd, double maxChargeAmps, double maxDischargeAmps) {
        String[] names = {"reset", "charge-limit", "discharge-limit", "balancing", "snapshot", "contactors"};
        String name = names[rnd.nextInt(names.length)];
        String limitName = rnd.nextBoolean() ? "charge-limit" : "discharge-limit";
        double max = limitName.equals("charge-limit") ? maxChargeAmps : maxDischargeAmps;
        return switch (rnd.nextInt(16)) {
            case 0 -> { // random bytes
                byte[] b = new byte[1 + rnd.nextInt(200)];
                for (int i = 0; i < b.length; i++) {
                    b[i] = (byte) rnd.nextInt(256);
                }
                b[0] = (byte) '{'; // never an empty or blank payload (which is valid for reset/snapshot)
                b[b.length - 1] = (byte) 0xff; // and never valid UTF-8
                yield new Bad(name, b);
            }
            case 1 -> new Bad(name, utf8("{\"amps\":" + rnd.nextInt(100) + ",")); // truncated JSON
            case 2 -> new Bad("x" + Long.toHexString(rnd.nextLong()), utf8("{}")); // unknown command
            case 3 -> new Bad(limitName, utf8("{\"amps\":\"" + rnd.nextInt(100) + "\"}")); // wrong type
            case 4 ->
                new Bad(limitName, utf8("{\"amps\":" + (max + 0.001 + rnd.nextDouble() * 1e6) + "}")); // above RSL
            case 5 -> new Bad(limitName, utf8("{\"amps\":" + (-0.001 - rnd.nextDouble() * 100) + "}")); // negative
            case 6 ->
                new Bad(
                        name,
                        utf8("{\"id\":\"" + "y".repeat(2100 + rnd.nextInt(5000))
                                + "\"}")); // oversized, under Moquette's 8 KB frame limit
            case 7 -> new Bad("balancing", utf8("{\"enabled\":" + (rnd.nextBoolean() ? "\"true\"" : "1") + "}"));
            case 8 -> new Bad(name, utf8("{\"id\":\"z\",\"unexpected\":" + rnd.nextInt() + "}")); // unknown field
            // deep nesting / not an object
            case 9 -> new Bad(name, utf8("[".repeat(20 + rnd.nextInt(40)) + "]".repeat(5)));
            // issue 18: not exactly one JSON object, duplicate keys, a negative zero, an empty payload, odd sizes
            case 10 ->
                new Bad(
                        "contactors",
                        utf8("{\"action\":\"" + (rnd.nextBoolean() ? "open" : "close") + "\"}"
                                + new String[] {
                                            " <not json>", "{\"action\":\"open\"}", " {}", " 1", " null", "]", "\u0000"
                                        }
                                        [rnd.nextInt(7)]));
            case 11 ->
                new Bad(
                        rnd.nextBoolean() ? "contactors" : limitName,
                        utf8(
                                rnd.nextBoolean()
                                        ? "{\"action\":\"close\",\"action\":\"open\"}"
                                        : "{\"amps\":" + rnd.nextInt(2) + ",\"amps\":" + rnd.nextInt(2) + "}"));
            case 12 ->
                new Bad(
                        limitName,
                        utf8("{\"amps\":" + new String[] {"-0.0", "-0e0", "-0.000E+3", "-0.0e-7"}[rnd.nextInt(4)]
                                + "}")); // a negative zero ("-0", an integer, is plain 0)
            case 13 -> new Bad(name, new byte[0]); // how a retained message is cleared: never a command
            case 14 -> new Bad(name, utf8(" ".repeat(rnd.nextInt(1, 100)))); // blank: not an object
            default -> { // sizes around the 2048-byte limit (Moquette's 8 KB frame limit bounds the largest)
                int size = new int[] {2049, 2050, 4096, 8000}[rnd.nextInt(4)];
                byte[] b = new byte[size];
                java.util.Arrays.fill(b, (byte) ' ');
                b[0] = '{';
                b[size - 1] = '}';
                yield new Bad(name, b);
            }
        };
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The loop's counts over a span: the ticks it ran, the deadlines it counted as missed and those
     * its own clock scheduled ({@code System::nanoTime} in {@link BmsRuntime}, one per period).
     */
    record LoopCount(long clockNanos, long ticks, long missed, long overruns, long periodNanos) {
        static LoopCount of(BmsRuntime bms) {
            return new LoopCount(
                    System.nanoTime(),
                    bms.wiring().controller().ticks(),
                    bms.loop().missedTicks(),
                    bms.loop().overruns(),
                    bms.loop().periodNanos());
        }

        /** The counts from {@code start} to this. */
        LoopCount since(LoopCount start) {
            return new LoopCount(
                    clockNanos - start.clockNanos,
                    ticks - start.ticks,
                    missed - start.missed,
                    overruns - start.overruns,
                    periodNanos);
        }

        long scheduled() {
            return clockNanos / periodNanos;
        }

        /**
         * At least half the scheduled deadlines got their tick. A starved loop (one blocked behind the
         * command path) runs almost none; a loop thread merely waking late on a busy machine runs
         * nearly all of them, the late ones counted as overruns.
         */
        void assertNotStarved() {
            assertThat(scheduled()).as("deadlines scheduled during the flood").isPositive();
            assertThat(ticks)
                    .as("ticks run of %d deadlines scheduled (%d missed, %d overruns)", scheduled(), missed, overruns)
                    .isGreaterThanOrEqualTo((scheduled() + 1) / 2);
        }

        @Override
        public String toString() {
            return String.format(
                    java.util.Locale.ROOT,
                    "%d ticks run of %d scheduled over %.1f s, %d missed, %d overruns",
                    ticks,
                    scheduled(),
                    clockNanos / 1e9,
                    missed,
                    overruns);
        }
    }

    @Test
    void tenThousandBadCommandsAreRejectedWithoutWideningLimitsOrDisturbingTheLoop() throws Exception {
        try (EmbeddedBroker broker = EmbeddedBroker.start("127.0.0.1", EmbeddedBroker.freePort())) {
            BmsConfig base = SimulatedBms.config("fuzz", dir, Duration.ofMillis(100));
            BmsConfig cfg = base.withMqtt(base.mqtt().withCommandsPerSecond(1000)); // let the parser see every command
            MqttTopics t = new MqttTopics("qse-bms", "fuzz");
            BmsRuntime bms = SimulatedBms.start(cfg, broker.url());
            try (RecordingSubscriber sub =
                    RecordingSubscriber.subscribe(broker.url(), "qse-bms/fuzz/cmd/+/result", t.state())) {
                // given valid caps below the protection limits
                sub.publish(t.command("charge-limit"), "{\"amps\":1.0}");
                sub.publish(t.command("discharge-limit"), "{\"amps\":1.5}");
                sub.await(
                        r -> r.topic().equals(t.commandResult("discharge-limit")),
                        Duration.ofSeconds(10),
                        "cap result");
                sub.await(
                        r -> r.topic().equals(t.state())
                                && r.json().get("dischargeLimitAmps").asDouble() <= 1.5,
                        Duration.ofSeconds(10),
                        "state with the caps applied");
                Thread.sleep(300); // states published before the caps took effect are still in flight
                long acceptedBefore = bms.publisher().commandsAccepted();
                LoopCount before = LoopCount.of(bms);
                sub.received.clear();

                // when 10,000 bad commands arrive
                SplittableRandom rnd = new SplittableRandom(20261125L);
                long unknownNames = 0;
                long poisonSent = 0;
                RawMqttPublisher raw = new RawMqttPublisher(broker.url(), "fuzz-raw");
                double maxCharge = cfg.limits().chargeOverCurrent().rsl();
                double maxDischarge = cfg.limits().dischargeOverCurrent().rsl();
                long start = System.nanoTime();
                for (int i = 0; i < COUNT; i++) {
                    Bad b = generate(rnd, maxCharge, maxDischarge);
                    if (!CommandParser.NAMES.contains(b.name())) {
                        unknownNames++; // the BMS subscribes to the exact names: the broker never forwards these
                    }
                    if (i % 50 == 25) { // a poison topic (issue 18), live or retained, through a raw MQTT client
                        byte[] topic = (t.base() + "/cmd/" + POISON[rnd.nextInt(POISON.length)])
                                .getBytes(StandardCharsets.UTF_8);
                        try {
                            raw.publish(topic, utf8("{\"action\":\"open\"}"), rnd.nextBoolean());
                        } catch (java.io.IOException brokerHungUp) {
                            raw = new RawMqttPublisher(broker.url(), "fuzz-raw-" + i);
                        }
                        poisonSent++;
                    }
                    MqttMessage m = new MqttMessage(b.payload());
                    m.setQos(1);
                    sub.client.publish(t.command(b.name()), m);
                    if (i % 250
                            == 249) { // keep within the BMS's 1024-command inbound queue (overflow would be counted)
                        long sent = i + 1;
                        long until = System.nanoTime() + 10_000_000_000L;
                        while (sub.received.size() < sent - unknownNames - 500 && System.nanoTime() < until) {
                            Thread.sleep(5);
                        }
                    }
                }
                long sendNanos = System.nanoTime() - start;
                LoopCount duringFlood = LoopCount.of(bms).since(before);
                raw.close();
                long end = System.nanoTime() + WAIT.toNanos();
                while (System.nanoTime() < end
                        && sub.received.stream()
                                                .filter(r -> r.topic().endsWith("/result"))
                                                .count()
                                        + bms.publisher().inboundOverflow()
                                < COUNT - unknownNames) {
                    Thread.sleep(100);
                }

                // then every one was rejected with a reason, none applied
                var results = sub.received.stream()
                        .filter(r -> r.topic().endsWith("/result"))
                        .toList();
                System.out.printf(
                        "fuzz: %d bad commands (%d on unknown names) and %d poison topics sent in %.1f s; "
                                + "%d results, %d inbound overflow; loop max tick %.2f ms, %d overruns, "
                                + "%d exceptions%n",
                        COUNT,
                        unknownNames,
                        poisonSent,
                        sendNanos / 1e9,
                        results.size(),
                        bms.publisher().inboundOverflow(),
                        bms.loop().maxTickNanos() / 1e6,
                        bms.loop().overruns(),
                        bms.loop().exceptions());
                assertThat(bms.publisher().inboundOverflow()).isZero();
                assertThat(results).hasSize((int) (COUNT - unknownNames));
                assertThat(results)
                        .noneMatch(r -> r.json().get("command").asText().startsWith("x"));
                assertThat(results).allSatisfy(r -> {
                    assertThat(r.json().get("accepted").asBoolean())
                            .as(r.payload())
                            .isFalse();
                    assertThat(r.json().get("reason").asText()).isNotBlank();
                });
                assertThat(bms.publisher().commandsAccepted()).isEqualTo(acceptedBefore);
                var operator = bms.wiring().controller().operatorSettings();
                assertThat(operator.chargeCapAmps()).isEqualTo(1.0);
                assertThat(operator.dischargeCapAmps()).isEqualTo(1.5);
                assertThat(operator.balancingEnabled()).isTrue();
                assertThat(sub.on(t.state())).isNotEmpty().allSatisfy(r -> {
                    assertThat(r.json().get("chargeLimitAmps").asDouble()).isLessThanOrEqualTo(1.0);
                    assertThat(r.json().get("dischargeLimitAmps").asDouble()).isLessThanOrEqualTo(1.5);
                });
                // and the loop was not starved: it ran most of the ticks its own clock scheduled while the commands
                // arrived
                System.out.println("fuzz: " + duringFlood);
                duringFlood.assertNotStarved();
                assertThat(bms.loop().exceptions()).isZero();
            } finally {
                bms.close();
            }
        }
    }

    @Test
    void aFloodOfValidCommandsIsRateLimitedWithAReason() throws Exception {
        try (EmbeddedBroker broker = EmbeddedBroker.start("127.0.0.1", EmbeddedBroker.freePort())) {
            BmsConfig cfg = SimulatedBms.config("flood", dir, Duration.ofMillis(100)); // default 5 commands/s, burst 10
            MqttTopics t = new MqttTopics("qse-bms", "flood");
            BmsRuntime bms = SimulatedBms.start(cfg, broker.url());
            try (RecordingSubscriber sub = RecordingSubscriber.subscribe(broker.url(), t.commandResult("balancing"))) {
                Thread.sleep(500);
                LoopCount before = LoopCount.of(bms);
                long start = System.nanoTime();
                for (int i = 0; i < 300; i++) {
                    sub.publish(t.command("balancing"), "{\"enabled\":true}");
                }
                double publishSeconds = (System.nanoTime() - start) / 1e9;
                long end = System.nanoTime() + 30_000_000_000L;
                while (sub.received.size() < 300 && System.nanoTime() < end) {
                    Thread.sleep(50);
                }
                // the bucket refills until the BMS has taken the last command, which on a loaded machine is
                // after the last publish: the bound counts the whole span up to the last answer
                double seconds = (System.nanoTime() - start) / 1e9;
                LoopCount duringFlood = LoopCount.of(bms).since(before);
                long accepted = sub.received.stream()
                        .filter(r -> r.json().get("accepted").asBoolean())
                        .count();
                long limited = sub.received.stream()
                        .filter(r -> r.json().get("reason").asText().startsWith("rate limit"))
                        .count();
                assertThat(sub.received).hasSize(300);
                assertThat(accepted).isLessThanOrEqualTo(10 + (long) Math.ceil(5 * (seconds + 1)));
                assertThat(limited).isEqualTo(300 - accepted);
                System.out.printf(
                        "flood: 300 commands published in %.2f s, answered in %.2f s, %d accepted, %d rate-limited; "
                                + "loop max tick %.2f ms; %s%n",
                        publishSeconds, seconds, accepted, limited, bms.loop().maxTickNanos() / 1e6, duringFlood);
                duringFlood.assertNotStarved();
                assertThat(bms.loop().exceptions()).isZero();
            } finally {
                bms.close();
            }
        }
    }
}
