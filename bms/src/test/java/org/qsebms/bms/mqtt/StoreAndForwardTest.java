package org.qsebms.bms.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qsebms.bms.broker.EmbeddedBroker;
import org.qsebms.bms.protection.FaultCode;
import org.qsebms.bms.protection.FaultEvent;
import org.qsebms.bms.runtime.BmsRuntime;
import org.qsebms.bms.snapshot.ControllerEvent;
import org.qsebms.bms.telemetry.MqttTopics;
import org.qsebms.config.BmsConfig;
import org.qsebms.config.LimitLevel;
import org.qsebms.config.LoopConfig;

/**
 * Store-and-forward, as the issue states it: the broker is stopped for 60 s while the BMS runs at its full
 * configured rate (10 Hz loop, a state message every tick), then restarted; every alarm and every state sample (by
 * sequence number) arrives exactly once, in order, or is counted by the spool's drop policy. The same across a BMS
 * restart: the first run is stopped cleanly while the broker is down, the next run starts on the same spool
 * directory, and the broker returns 60 s after it stopped.
 *
 * <p>Alarms are injected into the controller's event queue (the queue protection writes fault edges to) every
 * 250 ms, because the simulated pack does not fault on demand; they keep coming across the cut.
 *
 * <p>The cut is made exact: the broker first refuses the BMS's publishes (Moquette discards a refused QoS 1 publish
 * without PUBACK and without forwarding it), then, 0.5 s later, when everything it did acknowledge has reached the
 * subscriber, it is stopped. So nothing can be lost inside the broker (Moquette persists nothing and acknowledges
 * before a subscriber has the message) and nothing acknowledged-then-resent can be duplicated: every state and
 * alarm is either received live before the cut or carried by the BMS's spool, and the accounting is exact. The BMS
 * still sees a publish without PUBACK at the moment the broker goes away, which it must keep and send again.
 *
 * <p>The restarted broker refuses the BMS (credentials gate) until the test's subscriber has subscribed, so nothing
 * the BMS replays can reach the broker before a subscriber is listening.
 */
class StoreAndForwardTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    /** The full state rate: one state message per 10 Hz tick (100 ms is also the shortest {@code stateInterval}). */
    private static final Duration FULL_RATE = Duration.ofMillis(100);

    private static final long OUTAGE_MILLIS = 60_000;
    private static final long ALARM_EVERY_MILLIS = 250;

    @TempDir
    Path dir;

    private final AtomicBoolean bmsMayConnect = new AtomicBoolean(true);
    private final AtomicBoolean bmsMayPublish = new AtomicBoolean(true);
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

    private static boolean isBms(String clientId) {
        return clientId != null && clientId.startsWith("qse-bms-");
    }

    private EmbeddedBroker broker(int port) {
        EmbeddedBroker b = EmbeddedBroker.start(
                "127.0.0.1",
                port,
                (clientId, user, pw) -> !isBms(clientId) || bmsMayConnect.get(),
                (clientId, topic) -> !isBms(clientId) || bmsMayPublish.get());
        open.add(b);
        return b;
    }

    private RecordingSubscriber subscriber(String url) throws Exception {
        RecordingSubscriber s = new RecordingSubscriber(url, true, null, topics.state(), topics.alarms());
        open.add(s);
        return s;
    }

    private Path spoolDir() {
        return dir.resolve("spool");
    }

    /** The simulated pack's configuration with the given loop period, the state topic at every tick, a spool bound. */
    private BmsConfig config(LoopConfig loop, int spoolMax) throws Exception {
        BmsConfig c = SimulatedBms.config("saf", dir, loop.period());
        Path pw = dir.resolve("password");
        Files.writeString(pw, "secret\n");
        c = BmsConfig.builder()
                .pack(c.pack())
                .chemistry(c.chemistry())
                .limits(c.limits())
                .loop(loop)
                .hal(c.hal())
                .mqtt(c.mqtt())
                .persistence(c.persistence())
                .build();
        var m = c.mqtt();
        return c.withMqtt(org.qsebms.config.MqttConfig.builder()
                .url(m.url())
                .topicRoot(m.topicRoot())
                .stateInterval(loop.period())
                .username("bms")
                .passwordFile(pw.toString())
                .passwordEnv("")
                .caFile("")
                .clientCertFile("")
                .clientKeyFile("")
                .deadband(m.deadband())
                .stateHeartbeat(m.stateHeartbeat())
                .spoolDirectory(spoolDir().toString())
                .spoolMaxMessages(spoolMax)
                .commandsPerSecond(m.commandsPerSecond())
                .discoveryPrefix("")
                .build());
    }

    /** The shipped configuration's loop (10 Hz), the state topic at every tick, the default spool bound. */
    private BmsConfig fullRate() throws Exception {
        BmsConfig c = config(SimulatedBms.config("saf", dir, FULL_RATE).loop(), 100_000);
        assertThat(c.loop().period()).isEqualTo(FULL_RATE);
        return c;
    }

    /**
     * Stops the broker with nothing in flight inside it (see the class comment): refuse the BMS's publishes, let what
     * was acknowledged reach the subscriber, stop. Returns the moment of the stop.
     */
    private long cut(EmbeddedBroker broker) throws InterruptedException {
        bmsMayPublish.set(false);
        Thread.sleep(500);
        long stoppedAt = System.nanoTime();
        broker.close();
        bmsMayPublish.set(true);
        return stoppedAt;
    }

    /** Brings the broker back on {@code port}, subscribes, then lets the BMS in; returns the subscriber. */
    private RecordingSubscriber restartBroker(int port, String url) throws Exception {
        bmsMayConnect.set(false);
        broker(port);
        RecordingSubscriber s = subscriber(url);
        bmsMayConnect.set(true);
        return s;
    }

    /** Offers a synthetic alarm every 250 ms (fixed rate) into the controller's event queue while {@code run} is set. */
    private static Thread alarms(BmsRuntime bms, AtomicBoolean run, AtomicInteger count) {
        Thread t = new Thread(() -> {
            long next = System.nanoTime();
            while (run.get()) {
                boolean raised = count.get() % 2 == 0;
                bms.wiring()
                        .events()
                        .offer(new ControllerEvent.FaultEdge(new FaultEvent(
                                FaultCode.CELL_OVER_VOLTAGE,
                                LimitLevel.MOL,
                                raised,
                                false,
                                "test alarm " + count.incrementAndGet(),
                                System.nanoTime())));
                next += ALARM_EVERY_MILLIS * 1_000_000; // fixed rate: 4 alarms per second whatever the sleep overshoot
                try {
                    sleepUntil(next);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        t.start();
        return t;
    }

    /**
     * Reconnect and drain after the broker returned: seconds to reconnect, the spool's size when it reconnected, seconds
     * from reconnecting until the spool is empty.
     */
    private record Drain(double reconnectSeconds, long backlog, double drainSeconds) {}

    private static Drain awaitDrained(BmsRuntime bms, long brokerBackAt) throws InterruptedException {
        long end = System.nanoTime() + WAIT.toNanos();
        long connectedAt = -1;
        long backlog = bms.publisher().spooled();
        while (System.nanoTime() < end) {
            long now = System.nanoTime();
            if (connectedAt < 0) {
                if (bms.publisher().connected()) {
                    connectedAt = now;
                } else {
                    backlog = bms.publisher().spooled();
                }
            }
            if (connectedAt >= 0 && bms.publisher().spooled() == 0) {
                return new Drain((connectedAt - brokerBackAt) / 1e9, backlog, (now - connectedAt) / 1e9);
            }
            Thread.sleep(5);
        }
        throw new AssertionError(
                "spool not drained within " + WAIT + ": " + bms.publisher().spooled() + " left, connected "
                        + bms.publisher().connected());
    }

    /** seq -> times received, for one boot. */
    private static Map<Long, Integer> seqs(List<RecordingSubscriber> subs, String topic, long boot) {
        return seqs(subs, topic, boot, Long.MAX_VALUE);
    }

    /**
     * Sequence numbers received, counted, up to {@code upTo}: the BMS goes on publishing states while
     * the test counts, so state accounting stops at the last state the test waited for.
     */
    private static Map<Long, Integer> seqs(List<RecordingSubscriber> subs, String topic, long boot, long upTo) {
        Map<Long, Integer> out = new TreeMap<>();
        for (RecordingSubscriber s : subs) {
            for (var r : s.on(topic)) {
                var j = r.json();
                if (j.get("boot").asLong() == boot && j.get("seq").asLong() <= upTo) {
                    out.merge(j.get("seq").asLong(), 1, Integer::sum);
                }
            }
        }
        return out;
    }

    private static long lastSeq(RecordingSubscriber s, String topic) {
        return s.on(topic).stream()
                .mapToLong(r -> r.json().get("seq").asLong())
                .max()
                .orElse(0);
    }

    /** Sequence numbers 1..last each received exactly once, nothing else. */
    private static void assertExactlyOnce(Map<Long, Integer> received, long last, String what) {
        assertThat(received.keySet())
                .as(what + ": sequence numbers received")
                .containsExactlyElementsOf(range(1, last));
        assertThat(received.values()).as(what + ": each received once").containsOnly(1);
    }

    private static void awaitTrue(java.util.function.BooleanSupplier c, Duration timeout, String what)
            throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (!c.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(20);
        }
    }

    private static void sleepUntil(long nanos) throws InterruptedException {
        long left = nanos - System.nanoTime();
        if (left > 0) {
            Thread.sleep(left / 1_000_000, (int) (left % 1_000_000));
        }
    }

    /** Waits for the last alarm and the current last state to arrive; returns that state's sequence number. */
    private long awaitLast(RecordingSubscriber sub, BmsRuntime bms) throws InterruptedException {
        long boot = bms.publisher().boot();
        long lastAlarm = bms.publisher().lastAlarmSeq();
        sub.await(
                r -> r.topic().equals(topics.alarms())
                        && r.json().get("boot").asLong() == boot
                        && r.json().get("seq").asLong() == lastAlarm,
                WAIT,
                "last alarm " + lastAlarm);
        long lastState = bms.publisher().lastStateSeq();
        sub.await(
                r -> r.topic().equals(topics.state())
                        && r.json().get("boot").asLong() == boot
                        && r.json().get("seq").asLong() >= lastState,
                WAIT,
                "last state " + lastState);
        return lastState;
    }

    @Test
    void everyStateAndAlarmArrivesExactlyOnceAfterASixtySecondBrokerOutage() throws Exception {
        long testStart = System.nanoTime();
        int port = EmbeddedBroker.freePort();
        EmbeddedBroker first = broker(port);
        String url = first.url();
        RecordingSubscriber before = subscriber(url);
        BmsRuntime bms = SimulatedBms.start(fullRate(), url);
        open.add(bms);
        AtomicBoolean injecting = new AtomicBoolean(true);
        AtomicInteger injected = new AtomicInteger();
        Thread alarmThread = alarms(bms, injecting, injected);
        before.await(
                r -> r.topic().equals(topics.state()) && r.json().get("seq").asLong() >= 20, WAIT, "live states");

        // the broker is stopped for 60 s while the BMS runs at 10 Hz and alarms keep coming
        long stoppedAt = cut(first);
        long liveStates = lastSeq(before, topics.state());
        long liveAlarms = lastSeq(before, topics.alarms());
        sleepUntil(stoppedAt + OUTAGE_MILLIS * 1_000_000);
        long spooledAtReturn = bms.publisher().spooled();
        long statesAtReturn = bms.publisher().lastStateSeq();
        long alarmsAtReturn = bms.publisher().lastAlarmSeq();
        long publishedBefore = bms.publisher().published();
        long brokerBackAt = System.nanoTime();
        RecordingSubscriber after = restartBroker(port, url);
        double outageSeconds = (brokerBackAt - stoppedAt) / 1e9;
        Drain drain = awaitDrained(bms, brokerBackAt);
        long deliveredFromSpool = bms.publisher().published() - publishedBefore;

        injecting.set(false);
        alarmThread.join();
        awaitTrue(
                () -> bms.publisher().spooled() == 0 && bms.publisher().lastAlarmSeq() == injected.get(),
                WAIT,
                "empty queues");
        long lastState = awaitLast(after, bms);

        long boot = bms.publisher().boot();
        long lastAlarm = bms.publisher().lastAlarmSeq();
        Map<Long, Integer> states = seqs(List.of(before, after), topics.state(), boot, lastState);
        Map<Long, Integer> alarms = seqs(List.of(before, after), topics.alarms(), boot);
        long dropped = bms.publisher().spoolDroppedStates();
        System.out.printf(
                "store-and-forward: broker stopped %.1f s at 10 Hz; %d messages spooled (states %d..%d, alarms "
                        + "%d..%d); reconnected %.1f s after the broker returned with %d spooled, drained in %.2f s (%d "
                        + "messages published meanwhile); states 1..%d: %d received, %d dropped by policy; alarms 1..%d: %d "
                        + "received; test %.1f s%n",
                outageSeconds,
                spooledAtReturn,
                liveStates + 1,
                statesAtReturn,
                liveAlarms + 1,
                alarmsAtReturn,
                drain.reconnectSeconds(),
                drain.backlog(),
                drain.drainSeconds(),
                deliveredFromSpool,
                lastState,
                states.size(),
                dropped,
                lastAlarm,
                alarms.size(),
                (System.nanoTime() - testStart) / 1e9);

        assertThat(outageSeconds).isGreaterThanOrEqualTo(60.0);
        // 60 s at 10 Hz: at least 600 state samples and 240 alarms went to the spool (plus health)
        assertThat(statesAtReturn - liveStates).isGreaterThanOrEqualTo(600);
        assertThat(alarmsAtReturn - liveAlarms).isGreaterThanOrEqualTo(OUTAGE_MILLIS / ALARM_EVERY_MILLIS - 1);
        assertThat(spooledAtReturn)
                .isGreaterThanOrEqualTo((statesAtReturn - liveStates) + (alarmsAtReturn - liveAlarms));
        assertThat(dropped).isZero();
        assertThat(bms.publisher().spoolDropped()).isZero();
        assertExactlyOnce(states, lastState, "states");
        assertExactlyOnce(alarms, lastAlarm, "alarms");
        assertThat(lastAlarm).isEqualTo(injected.get());
        assertThat(inOrder(before, topics.state(), boot)).isTrue();
        assertThat(inOrder(before, topics.alarms(), boot)).isTrue();
        assertThat(inOrder(after, topics.state(), boot)).isTrue();
        assertThat(inOrder(after, topics.alarms(), boot)).isTrue();
        assertThat(bms.wiring().events().dropped()).isZero();
        assertThat(bms.wiring().ring().dropped()).isZero();
    }

    @Test
    void aFullSpoolDropsOnlyTheOldestStatesAndCountsThem() throws Exception {
        int port = EmbeddedBroker.freePort();
        EmbeddedBroker first = broker(port);
        String url = first.url();
        RecordingSubscriber before = subscriber(url);
        // 40 Hz so that a 2 s outage overflows a 30-message spool several times over
        BmsRuntime bms = SimulatedBms.start(config(new LoopConfig(Duration.ofMillis(25), 10), 30), url);
        open.add(bms);
        AtomicBoolean injecting = new AtomicBoolean(true);
        AtomicInteger injected = new AtomicInteger();
        Thread alarmThread = alarms(bms, injecting, injected);
        before.await(
                r -> r.topic().equals(topics.state()) && r.json().get("seq").asLong() > 10, WAIT, "live states");

        cut(first);
        long liveStates = lastSeq(before, topics.state());
        Thread.sleep(2_000); // ~100 states and 10 alarms (with the cut's 0.5 s) into a 30-message spool
        injecting.set(false);
        alarmThread.join();
        RecordingSubscriber after = restartBroker(port, url);
        awaitDrained(bms, System.nanoTime());
        awaitTrue(
                () -> bms.publisher().lastAlarmSeq() == injected.get()
                        && bms.publisher().spooled() == 0,
                WAIT,
                "empty queues");
        long lastState = awaitLast(after, bms);

        long boot = bms.publisher().boot();
        long lastAlarm = bms.publisher().lastAlarmSeq();
        Map<Long, Integer> states = seqs(List.of(before, after), topics.state(), boot, lastState);
        Map<Long, Integer> alarms = seqs(List.of(before, after), topics.alarms(), boot);
        long dropped = bms.publisher().spoolDroppedStates();
        List<Long> missing =
                range(1, lastState).stream().filter(s -> !states.containsKey(s)).toList();
        System.out.printf(
                "bounded spool: states 1..%d, %d received, %d dropped by policy (%d periodic in all), missing "
                        + "%d..%d; alarms 1..%d, %d received%n",
                lastState,
                states.size(),
                dropped,
                bms.publisher().spoolDropped(),
                missing.isEmpty() ? 0 : missing.get(0),
                missing.isEmpty() ? 0 : missing.get(missing.size() - 1),
                lastAlarm,
                alarms.size());
        assertThat(dropped).isPositive();
        // exact accounting: every state is received once or counted as dropped, never both, never neither
        assertThat(states.values()).containsOnly(1);
        assertThat(states.keySet()).allSatisfy(s -> assertThat(s).isBetween(1L, lastState));
        assertThat((long) missing.size()).isEqualTo(dropped);
        // the drop policy removes the oldest: the missing states are the first ones spooled after the cut
        assertThat(missing).containsExactlyElementsOf(range(liveStates + 1, liveStates + dropped));
        assertExactlyOnce(alarms, lastAlarm, "alarms");
        assertThat(lastAlarm).isEqualTo(injected.get());
        assertThat(bms.wiring().events().dropped()).isZero();
    }

    @Test
    void spooledMessagesSurviveABmsRestartAndArriveExactlyOnceInOrder() throws Exception {
        long testStart = System.nanoTime();
        int port = EmbeddedBroker.freePort();
        EmbeddedBroker first = broker(port);
        String url = first.url();
        RecordingSubscriber before = subscriber(url);
        BmsConfig cfg = fullRate();
        BmsRuntime run1 = SimulatedBms.start(cfg, url);
        open.add(run1);
        AtomicBoolean injecting1 = new AtomicBoolean(true);
        AtomicInteger injected1 = new AtomicInteger();
        Thread alarms1 = alarms(run1, injecting1, injected1);
        before.await(
                r -> r.topic().equals(topics.state()) && r.json().get("seq").asLong() >= 20, WAIT, "live states");

        // run 1 goes on for 30 s with the broker stopped, then is stopped cleanly
        long stoppedAt = cut(first);
        long liveStates1 = lastSeq(before, topics.state());
        long liveAlarms1 = lastSeq(before, topics.alarms());
        sleepUntil(stoppedAt + OUTAGE_MILLIS / 2 * 1_000_000);
        injecting1.set(false);
        alarms1.join();
        run1.close();
        long boot1 = run1.publisher().boot();
        long states1 = run1.publisher().lastStateSeq();
        long alarmsOf1 = run1.publisher().lastAlarmSeq();
        Map<String, Integer> onDisk = spoolFilesByTopic();
        System.out.printf("restart: run 1 (boot %d) stopped with %s in %s%n", boot1, onDisk, spoolDir());
        // what carries run 1's messages is the spool on disk: exactly its states and alarms after the cut
        assertThat(onDisk.getOrDefault(topics.state(), 0)).isEqualTo((int) (states1 - liveStates1));
        assertThat(onDisk.getOrDefault(topics.alarms(), 0)).isEqualTo((int) (alarmsOf1 - liveAlarms1));

        // run 2 starts on the same spool directory; the broker stays stopped until 60 s after it stopped
        BmsRuntime run2 = SimulatedBms.start(cfg, url);
        open.add(run2);
        AtomicBoolean injecting2 = new AtomicBoolean(true);
        AtomicInteger injected2 = new AtomicInteger();
        Thread alarms2 = alarms(run2, injecting2, injected2);
        long boot2 = run2.publisher().boot();
        assertThat(boot2).isNotEqualTo(boot1);
        sleepUntil(stoppedAt + OUTAGE_MILLIS * 1_000_000);
        long spooledAtReturn = run2.publisher().spooled();
        long brokerBackAt = System.nanoTime();
        RecordingSubscriber after = restartBroker(port, url);
        double outageSeconds = (brokerBackAt - stoppedAt) / 1e9;
        Drain drain = awaitDrained(run2, brokerBackAt);
        injecting2.set(false);
        alarms2.join();
        awaitTrue(
                () -> run2.publisher().spooled() == 0 && run2.publisher().lastAlarmSeq() == injected2.get(),
                WAIT,
                "empty queues");
        long states2 = awaitLast(after, run2);

        Map<Long, Integer> statesOf1 = seqs(List.of(before, after), topics.state(), boot1);
        Map<Long, Integer> alarmsOfRun1 = seqs(List.of(before, after), topics.alarms(), boot1);
        long alarmsOf2 = run2.publisher().lastAlarmSeq();
        Map<Long, Integer> statesOf2 = seqs(List.of(after), topics.state(), boot2, states2);
        Map<Long, Integer> alarmsOfRun2 = seqs(List.of(after), topics.alarms(), boot2);
        System.out.printf(
                "restart: broker stopped %.1f s; run 1 states 1..%d (%d received), alarms 1..%d (%d received); "
                        + "run 2 spooled %d messages (with run 1's), reconnected %.1f s after the broker returned with %d "
                        + "spooled, drained in %.2f s; run 2 states 1..%d (%d received), alarms 1..%d (%d received); "
                        + "dropped %d; test %.1f s%n",
                outageSeconds,
                states1,
                statesOf1.size(),
                alarmsOf1,
                alarmsOfRun1.size(),
                spooledAtReturn,
                drain.reconnectSeconds(),
                drain.backlog(),
                drain.drainSeconds(),
                states2,
                statesOf2.size(),
                alarmsOf2,
                alarmsOfRun2.size(),
                run2.publisher().spoolDropped(),
                (System.nanoTime() - testStart) / 1e9);

        assertThat(outageSeconds).isGreaterThanOrEqualTo(60.0);
        assertThat(run2.publisher().spoolDropped()).isZero();
        assertExactlyOnce(statesOf1, states1, "run 1 states");
        assertExactlyOnce(alarmsOfRun1, alarmsOf1, "run 1 alarms");
        assertThat(alarmsOf1).isEqualTo(injected1.get());
        assertExactlyOnce(statesOf2, states2, "run 2 states");
        assertExactlyOnce(alarmsOfRun2, alarmsOf2, "run 2 alarms");
        assertThat(alarmsOf2).isEqualTo(injected2.get());
        for (long boot : List.of(boot1, boot2)) {
            assertThat(inOrder(after, topics.state(), boot)).isTrue();
            assertThat(inOrder(after, topics.alarms(), boot)).isTrue();
        }
        // run 1's backlog (states and alarms) is delivered before anything of run 2
        List<Long> bootsInArrivalOrder = after.received.stream()
                .filter(r -> r.topic().equals(topics.state()) || r.topic().equals(topics.alarms()))
                .map(r -> r.json().get("boot").asLong())
                .toList();
        assertThat(bootsInArrivalOrder.lastIndexOf(boot1)).isLessThan(bootsInArrivalOrder.indexOf(boot2));
    }

    /** Counts the spool's message files by topic (file format: magic, UTF topic, ...; see DiskSpool). */
    private Map<String, Integer> spoolFilesByTopic() throws Exception {
        Map<String, Integer> out = new TreeMap<>();
        try (Stream<Path> files = Files.list(spoolDir())) {
            for (Path f : files.filter(p -> p.toString().endsWith(".msg")).toList()) {
                try (DataInputStream in = new DataInputStream(Files.newInputStream(f))) {
                    in.readInt();
                    out.merge(in.readUTF(), 1, Integer::sum);
                }
            }
        }
        return out;
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
