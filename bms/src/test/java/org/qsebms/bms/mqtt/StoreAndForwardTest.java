package org.qsebms.bms.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qsebms.bms.broker.EmbeddedBroker;
import org.qsebms.bms.control.ControllerEvent;
import org.qsebms.bms.protection.FaultCode;
import org.qsebms.bms.protection.FaultEvent;
import org.qsebms.bms.runtime.BmsRuntime;
import org.qsebms.bms.telemetry.MqttTopics;
import org.qsebms.config.BmsConfig;
import org.qsebms.config.LimitLevel;
import org.qsebms.config.LoopConfig;

/**
 * Store-and-forward: the broker is stopped while the BMS runs, then restarted; every state sample
 * and every alarm (by sequence number) must arrive (once after de-duplication on {@code (boot, seq)};
 * duplicates are counted and bounded) or be accounted for by the spool's drop policy, in order; also
 * across a BMS restart.
 *
 * <p>Volume: the issue asks for a 60 s outage at the production state interval (1 s: 60 states) or
 * at full rate (10 Hz: 600 states). To keep the test near 30 s it runs the loop and the state topic
 * at 40 Hz (25 ms) for a 15 s outage: 600 state samples and 60 alarms are spooled, the same volume
 * as 60 s at 10 Hz. Alarms are injected into the controller's event queue (the queue protection
 * writes fault edges to) every 250 ms, because the simulated pack does not fault on demand.
 *
 * <p>The restarted broker refuses the BMS (credentials gate) until the test's subscriber has
 * subscribed, so nothing the BMS replays can reach the broker before a subscriber is listening.
 */
class StoreAndForwardTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Duration PERIOD = Duration.ofMillis(25);

    @TempDir
    Path dir;
    private final AtomicBoolean bmsMayConnect = new AtomicBoolean(true);
    private final List<AutoCloseable> open = new ArrayList<>();
    private final MqttTopics topics = new MqttTopics("qse-bms", "saf");

    @AfterEach
    void closeAll() {
        for (int i = open.size() - 1; i >= 0; i--) {
            try {
                open.get(i).close();
            } catch (Exception ignored) {
                // best effort
            }
        }
    }

    private EmbeddedBroker broker(int port) {
        EmbeddedBroker b = EmbeddedBroker.start("127.0.0.1", port,
                (clientId, user, pw) -> !clientId.startsWith("qse-bms-") || bmsMayConnect.get());
        open.add(b);
        return b;
    }

    private RecordingSubscriber subscriber(String url) throws Exception {
        RecordingSubscriber s = new RecordingSubscriber(url, true, null, topics.state(), topics.alarms());
        open.add(s);
        return s;
    }

    private BmsConfig config(int spoolMax) throws Exception {
        BmsConfig c = SimulatedBms.config("saf", dir, PERIOD);
        Path pw = dir.resolve("password");
        Files.writeString(pw, "secret\n");
        c = new BmsConfig(c.pack(), c.chemistry(), c.limits(), new LoopConfig(PERIOD, 10), c.hal(), c.mqtt(), c.persistence());
        var m = c.mqtt();
        return c.withMqtt(new org.qsebms.config.MqttConfig(m.url(), m.topicRoot(), PERIOD, "bms", pw.toString(), "", "", "", "",
                m.deadband(), m.stateHeartbeat(), dir.resolve("spool").toString(), spoolMax, m.commandsPerSecond(), ""));
    }

    /** Offers a synthetic alarm every 250 ms into the controller's event queue. */
    private final AtomicBoolean alarmsPaused = new AtomicBoolean();

    /**
     * Stops the broker the way an operator would. A broker that is stopped loses what it acknowledged but had not
     * yet forwarded (Moquette acknowledges before forwarding and persists nothing here): that is the broker's
     * loss, not the BMS's. Alarms are paused around the cut so none is in that window; the state sequence
     * number at the cut is returned so the test can tell the broker's loss from the BMS's.
     */
    private long cut(EmbeddedBroker broker, BmsRuntime bms) throws InterruptedException {
        alarmsPaused.set(true);
        Thread.sleep(400);
        long atCut = bms.publisher().lastStateSeq();
        broker.close();
        alarmsPaused.set(false);
        return atCut;
    }

    private Thread alarms(BmsRuntime bms, AtomicBoolean run, AtomicInteger count) {
        Thread t = new Thread(() -> {
            while (run.get()) {
                if (alarmsPaused.get()) {
                    try {
                        Thread.sleep(10);
                    } catch (InterruptedException e) {
                        return;
                    }
                    continue;
                }
                boolean raised = count.get() % 2 == 0;
                bms.wiring().events().offer(new ControllerEvent.FaultEdge(new FaultEvent(FaultCode.CELL_OVER_VOLTAGE,
                        LimitLevel.MOL, raised, false, "test alarm " + count.incrementAndGet(), System.nanoTime())));
                try {
                    Thread.sleep(250);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        t.start();
        return t;
    }

    /** seq -> times received, for one boot. */
    private static Map<Long, Integer> seqs(List<RecordingSubscriber> subs, String topic, long boot) {
        Map<Long, Integer> out = new TreeMap<>();
        for (RecordingSubscriber s : subs) {
            for (var r : s.on(topic)) {
                var j = r.json();
                if (j.get("boot").asLong() == boot) {
                    out.merge(j.get("seq").asLong(), 1, Integer::sum);
                }
            }
        }
        return out;
    }

    private static long duplicates(Map<Long, Integer> m) {
        return m.values().stream().mapToLong(n -> n - 1).sum();
    }

    private static void awaitTrue(java.util.function.BooleanSupplier c, Duration timeout, String what) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (!c.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(50);
        }
    }

    @Test
    void everyStateAndAlarmArrivesInOrderAfterABrokerOutage() throws Exception {
        int port = EmbeddedBroker.freePort();
        EmbeddedBroker first = broker(port);
        String url = first.url();
        RecordingSubscriber before = subscriber(url);
        BmsRuntime bms = SimulatedBms.start(config(100_000), url);
        open.add(bms);
        AtomicBoolean injecting = new AtomicBoolean(true);
        AtomicInteger injected = new AtomicInteger();
        Thread alarmThread = alarms(bms, injecting, injected);
        before.await(r -> r.topic().equals(topics.state()) && r.json().get("seq").asLong() > 40, WAIT, "live states");

        // the broker goes away for 15 s while the BMS runs at 40 Hz
        long atCut = cut(first, bms);
        long outageStart = System.nanoTime();
        Thread.sleep(15_000);
        long spooledDuringOutage = bms.publisher().spooled();
        long statesAtRestart = bms.publisher().lastStateSeq();
        bmsMayConnect.set(false);
        broker(port);
        RecordingSubscriber after = subscriber(url);
        bmsMayConnect.set(true);
        long outageNanos = System.nanoTime() - outageStart;

        after.await(r -> r.topic().equals(topics.state()) && r.json().get("seq").asLong() > statesAtRestart + 40, WAIT,
                "states after the spool drained");
        injecting.set(false);
        alarmThread.join();
        awaitTrue(() -> bms.publisher().spooled() == 0, WAIT, "empty spool");
        long lastAlarm = bms.publisher().lastAlarmSeq();
        after.await(r -> r.topic().equals(topics.alarms()) && r.json().get("seq").asLong() == lastAlarm, WAIT, "last alarm");
        long lastState = bms.publisher().lastStateSeq();
        after.await(r -> r.topic().equals(topics.state()) && r.json().get("seq").asLong() >= lastState, WAIT, "last state");

        long boot = bms.publisher().boot();
        Map<Long, Integer> states = seqs(List.of(before, after), topics.state(), boot);
        Map<Long, Integer> alarms = seqs(List.of(before, after), topics.alarms(), boot);
        long dropped = bms.publisher().spoolDroppedStates();
        System.out.printf("store-and-forward: outage %.1f s, %d messages spooled, states 1..%d (%d received, %d duplicates, "
                        + "%d dropped by policy), alarms 1..%d (%d received, %d duplicates), %d reconnects%n",
                outageNanos / 1e9, spooledDuringOutage, lastState, states.size(), duplicates(states), dropped, lastAlarm,
                alarms.size(), duplicates(alarms), bms.publisher().reconnects());
        assertThat(spooledDuringOutage).isGreaterThanOrEqualTo(600);
        assertThat(dropped).isZero();
        List<Long> missing = range(1, lastState).stream().filter(q -> !states.containsKey(q)).toList();
        System.out.printf("store-and-forward: state seq at the cut %d; missing %s (held by the broker when it stopped)%n",
                atCut, missing);
        assertThat(missing).allSatisfy(q -> assertThat(q).isBetween(atCut - 2, atCut + 3));
        assertThat(missing.size()).isLessThanOrEqualTo(2);
        assertThat(alarms.keySet()).containsExactlyElementsOf(range(1, lastAlarm));
        assertThat(lastAlarm).isEqualTo(injected.get());
        // at least once: a publish that reached the broker while it was shutting down, but whose PUBACK never came,
        // is sent again from the spool. Measured: 0 duplicates in every run so far; a few are within the contract
        // (consumers de-duplicate on (boot, seq)), more would mean the spool resends what was acknowledged.
        assertThat(duplicates(alarms) + duplicates(states)).isLessThanOrEqualTo(10);
        assertThat(inOrder(after, topics.state(), boot)).isTrue();
        assertThat(inOrder(after, topics.alarms(), boot)).isTrue();
    }

    @Test
    void aFullSpoolDropsOnlyTheOldestStatesAndCountsThem() throws Exception {
        int port = EmbeddedBroker.freePort();
        EmbeddedBroker first = broker(port);
        String url = first.url();
        RecordingSubscriber before = subscriber(url);
        BmsRuntime bms = SimulatedBms.start(config(150), url);
        open.add(bms);
        AtomicBoolean injecting = new AtomicBoolean(true);
        AtomicInteger injected = new AtomicInteger();
        Thread alarmThread = alarms(bms, injecting, injected);
        before.await(r -> r.topic().equals(topics.state()) && r.json().get("seq").asLong() > 10, WAIT, "live states");

        cut(first, bms);
        Thread.sleep(8_000); // ~320 states and 32 alarms into a 150-message spool
        injecting.set(false);
        alarmThread.join();
        long lastAlarm = bms.publisher().lastAlarmSeq();
        bmsMayConnect.set(false);
        broker(port);
        RecordingSubscriber after = subscriber(url);
        bmsMayConnect.set(true);
        awaitTrue(() -> bms.publisher().spooled() == 0 && bms.publisher().connected(), WAIT, "empty spool");
        long lastState = bms.publisher().lastStateSeq();
        after.await(r -> r.topic().equals(topics.state()) && r.json().get("seq").asLong() >= lastState, WAIT, "last state");

        long boot = bms.publisher().boot();
        Map<Long, Integer> states = seqs(List.of(before, after), topics.state(), boot);
        Map<Long, Integer> alarms = seqs(List.of(before, after), topics.alarms(), boot);
        long dropped = bms.publisher().spoolDroppedStates();
        System.out.printf("bounded spool: states 1..%d, %d received, %d dropped by policy (%d periodic in all); "
                + "alarms 1..%d, %d received%n", lastState, states.size(), dropped, bms.publisher().spoolDropped(), lastAlarm,
                alarms.size());
        assertThat(dropped).isPositive();
        // every state is received or counted as dropped. The overlap is at-least-once at work: publishes in flight
        // while Moquette shuts down can reach the subscriber without a PUBACK; the BMS then spools them, and the
        // policy may drop those copies later (measured: 0..4 at 40 Hz)
        // (and, as in the outage test, up to 2 states the broker held when it was stopped)
        assertThat(states.size() + dropped).isBetween(lastState - 2, lastState + 10);
        assertThat(alarms.keySet()).containsExactlyElementsOf(range(1, lastAlarm));
        // the drop policy removes the oldest: every state after the first missing one is a contiguous tail
        List<Long> missing = range(1, lastState).stream().filter(s -> !states.containsKey(s)).toList();
        long firstKeptAfterGap = missing.get(missing.size() - 1) + 1;
        assertThat(states.keySet()).containsAll(range(firstKeptAfterGap, lastState));
        assertThat(bms.wiring().events().dropped()).isZero();
    }

    @Test
    void spooledMessagesSurviveABmsRestartAndGoFirst() throws Exception {
        int port = EmbeddedBroker.freePort();
        String url = "tcp://127.0.0.1:" + port;
        // run 1: the broker never answers
        BmsConfig cfg = config(100_000);
        BmsRuntime run1 = SimulatedBms.start(cfg, url);
        AtomicBoolean injecting = new AtomicBoolean(true);
        AtomicInteger injected = new AtomicInteger();
        Thread alarmThread = alarms(run1, injecting, injected);
        Thread.sleep(5_000);
        injecting.set(false);
        alarmThread.join();
        run1.close();
        long boot1 = run1.publisher().boot();
        long states1 = run1.publisher().lastStateSeq();
        long alarms1 = run1.publisher().lastAlarmSeq();
        assertThat(run1.publisher().spooled()).isGreaterThanOrEqualTo((int) (states1 + alarms1));

        // run 2: same spool directory, broker up
        Thread.sleep(5); // a distinct boot id
        bmsMayConnect.set(false);
        broker(port);
        RecordingSubscriber sub = subscriber(url);
        BmsRuntime run2 = SimulatedBms.start(cfg, url);
        open.add(run2);
        bmsMayConnect.set(true);
        sub.await(r -> r.topic().equals(topics.state()) && r.json().get("boot").asLong() == run2.publisher().boot(), WAIT,
                "a state from run 2");
        sub.await(r -> r.topic().equals(topics.state()) && r.json().get("boot").asLong() == boot1
                && r.json().get("seq").asLong() == states1, WAIT, "last state of run 1");

        Map<Long, Integer> states = seqs(List.of(sub), topics.state(), boot1);
        Map<Long, Integer> alarms = seqs(List.of(sub), topics.alarms(), boot1);
        System.out.printf("restart: run 1 (boot %d) spooled states 1..%d and alarms 1..%d; run 2 delivered %d states, "
                + "%d alarms of run 1%n", boot1, states1, alarms1, states.size(), alarms.size());
        assertThat(states.keySet()).containsExactlyElementsOf(range(1, states1));
        assertThat(alarms.keySet()).containsExactlyElementsOf(range(1, alarms1));
        assertThat(duplicates(states)).isZero();
        // run 1's backlog is delivered before anything of run 2
        List<Long> bootsInArrivalOrder = sub.on(topics.state()).stream().map(r -> r.json().get("boot").asLong()).toList();
        int lastOfRun1 = bootsInArrivalOrder.lastIndexOf(boot1);
        int firstOfRun2 = bootsInArrivalOrder.indexOf(run2.publisher().boot());
        assertThat(lastOfRun1).isLessThan(firstOfRun2);
    }

    private static List<Long> range(long from, long to) {
        List<Long> out = new ArrayList<>();
        for (long i = from; i <= to; i++) {
            out.add(i);
        }
        return out;
    }

    private static boolean inOrder(RecordingSubscriber s, String topic, long boot) {
        long prev = 0;
        for (var r : s.on(topic)) {
            long seq = r.json().get("seq").asLong();
            if (r.json().get("boot").asLong() != boot) {
                continue;
            }
            if (seq <= prev) {
                return false;
            }
            prev = seq;
        }
        return true;
    }
}
