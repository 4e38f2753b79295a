package org.qsebms.bms.offline.soak;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.qsebms.bms.control.PackLinks;
import org.qsebms.bms.runtime.BmsRuntime;
import org.qsebms.bms.runtime.SimulatedPackSetup;
import org.qsebms.bms.sim.SimulatedHardware;
import org.qsebms.bms.telemetry.NoDelaySocketFactory;
import org.qsebms.config.BmsConfig;
import org.qsebms.config.ConfigLoader;
import org.qsebms.config.LoopConfig;

/**
 * Fleet soak: N simulated packs, each a full BMS (control loop, telemetry thread, own Paho client)
 * in this JVM, publishing state at the loop rate to one broker, and M subscribers reading
 * {@code <root>/+/state} (through a shared subscription when M > 1) and {@code <root>/+/cells}.
 * Reports messages per second, latency from a sample's timestamp to its arrival at a subscriber
 * (an upper bound of broker-to-subscriber latency: it also holds the BMS-side queueing), and lost
 * QoS 1 state messages (gaps in each pack's sequence numbers after the run drained).
 */
public final class FleetSoak {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Probe messages carry their publish time (nanoTime) so the soak measures broker-to-subscriber latency. */
    private static final String PROBE_TOPIC = "qse-bms-soak/probe";

    /** The soak's settings. */
    public record Settings(String url, int packs, Duration duration, Duration period, int subscribers, Path stateDir) {}

    /**
     * The measured outcome.
     *
     * @param states        the window's QoS 1 state messages
     * @param throughput    every message the subscribers received in the window
     * @param sampleLatency from a sample's timestamp to its arrival at a subscriber (ms)
     * @param probeLatency  broker-to-subscriber, from the probe's QoS 1 messages (ms)
     * @param drops         what the packs dropped or overran
     */
    public record Report(
            int packs,
            double seconds,
            StateMessages states,
            Throughput throughput,
            Latency sampleLatency,
            Latency probeLatency,
            Drops drops) {
        public String text() {
            return String.format(
                    Locale.ROOT,
                    "fleet soak: %d packs, %.0f s: %d state messages published, %d received, "
                            + "%d lost, %d duplicates; %d messages received (%.0f msg/s); sample-to-subscriber latency "
                            + "p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms; broker-to-subscriber (probe, %d QoS 1 "
                            + "messages) p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms; loop overruns %d, ring drops %d, "
                            + "spool drops %d",
                    packs,
                    seconds,
                    states.published(),
                    states.received(),
                    states.lost(),
                    states.duplicates(),
                    throughput.messages(),
                    throughput.perSecond(),
                    sampleLatency.p50Ms(),
                    sampleLatency.p90Ms(),
                    sampleLatency.p99Ms(),
                    sampleLatency.maxMs(),
                    probeLatency.count(),
                    probeLatency.p50Ms(),
                    probeLatency.p90Ms(),
                    probeLatency.p99Ms(),
                    probeLatency.maxMs(),
                    drops.loopOverruns(),
                    drops.ringDrops(),
                    drops.spoolDrops());
        }
    }

    /** The window's state messages: published, received once, never received, received again. */
    public record StateMessages(long published, long received, long lost, long duplicates) {}

    /** Messages the subscribers received in the window, and their rate. */
    public record Throughput(long messages, double perSecond) {}

    /** A latency distribution over {@code count} messages, in milliseconds. */
    public record Latency(long count, double p50Ms, double p90Ms, double p99Ms, double maxMs) {}

    /** Loop overruns, telemetry ring drops and spool drops summed over the packs. */
    public record Drops(long loopOverruns, long ringDrops, long spoolDrops) {}

    private record Arrival(String topic, byte[] payload, long arrivalMillis, long arrivalNanos) {}

    private FleetSoak() {}

    public static Report run(Settings s) throws MqttException, InterruptedException {
        ConcurrentLinkedQueue<Arrival> arrivals = new ConcurrentLinkedQueue<>();
        AtomicLong messages = new AtomicLong();
        List<MqttClient> subs = new ArrayList<>();
        BmsConfig base = new ConfigLoader().defaultSimulated();
        String root = base.mqtt().topicRoot();
        for (int i = 0; i < s.subscribers(); i++) {
            subs.add(subscriber(s, root, arrivals, messages));
        }
        List<BmsRuntime> fleet = new ArrayList<>();
        Map<String, Long> startSeq = new HashMap<>();
        Probe probe = null;
        long steadyStart = 0;
        long steadyEnd = 0;
        long messagesAtStart = 0;
        long messagesAtEnd = 0;
        try {
            for (int p = 0; p < s.packs(); p++) {
                String id = String.format(Locale.ROOT, "soak-%03d", p);
                BmsConfig c = base.withPackId(id)
                        .withPersistenceDirectory(s.stateDir().resolve(id).toString());
                c = BmsConfig.builder()
                        .pack(c.pack())
                        .chemistry(c.chemistry())
                        .limits(c.limits())
                        .loop(new LoopConfig(s.period(), c.loop().overrunsToFault()))
                        .hal(c.hal())
                        .mqtt(c.mqtt().withStateInterval(s.period()))
                        .persistence(c.persistence())
                        .build();
                var m = c.mqtt();
                c = c.withMqtt(org.qsebms.config.MqttConfig.builder()
                        .url(m.url())
                        .topicRoot(m.topicRoot())
                        .stateInterval(m.stateInterval())
                        .username(m.username())
                        .passwordFile(m.passwordFile())
                        .passwordEnv(m.passwordEnv())
                        .caFile(m.caFile())
                        .clientCertFile(m.clientCertFile())
                        .clientKeyFile(m.clientKeyFile())
                        .deadband(m.deadband())
                        .stateHeartbeat(m.stateHeartbeat())
                        .spoolDirectory(m.spoolDirectory())
                        .spoolMaxMessages(m.spoolMaxMessages())
                        .commandsPerSecond(m.commandsPerSecond())
                        .discoveryPrefix("")
                        .build());
                SimulatedHardware sim = SimulatedPackSetup.create(
                        c,
                        0.5,
                        25.0,
                        org.qsebms.bms.sim.CyclingProfile.defaultFor(c.pack().capacityAh()),
                        1000 + p);
                fleet.add(BmsRuntime.start(
                        c, sim.hardware(), PackLinks.followingLimitsWithPulses(sim.pack()), s.url(), x -> {}, true));
            }
            steadyStart = System.nanoTime(); // measured from here: every pack is running
            messagesAtStart = messages.get();
            arrivals.clear(); // first: a state numbered after the snapshot below must not be cleared away
            for (BmsRuntime r : fleet) {
                startSeq.put(r.publisherPackId(), r.publisher().lastStateSeq());
            }
            probe = probe(s.url());
            Thread.sleep(s.duration().toMillis());
            steadyEnd = System.nanoTime();
            messagesAtEnd = messages.get();
        } finally {
            if (probe != null) {
                probe.close();
            }
            for (BmsRuntime r : fleet) {
                r.close();
            }
        }
        double seconds = (steadyEnd - steadyStart) / 1e9;
        Thread.sleep(2000); // let the last acknowledged messages reach the subscribers
        for (MqttClient c : subs) {
            c.disconnect(2000);
            c.close(true);
        }
        Map<String, Long> published = new HashMap<>();
        Map<String, Long> boots = new HashMap<>();
        long loopOverruns = 0;
        long ringDrops = 0;
        long spoolDrops = 0;
        for (BmsRuntime r : fleet) {
            loopOverruns += r.loop().overruns();
            ringDrops += r.wiring().ring().dropped();
            spoolDrops += r.publisher().spoolDropped();
            String id = r.publisherPackId();
            published.put(id, r.publisher().lastStateSeq());
            boots.put(id, r.publisher().boot());
        }
        Map<String, long[]> seen = new HashMap<>();
        List<Long> latencies = new ArrayList<>();
        long received = 0;
        long duplicates = 0;
        List<Long> probeNanos = new ArrayList<>();
        for (Arrival a : arrivals) {
            if (a.topic().equals(PROBE_TOPIC)) {
                probeNanos.add(a.arrivalNanos()
                        - Long.parseLong(new String(a.payload(), java.nio.charset.StandardCharsets.US_ASCII)));
                continue;
            }
            JsonNode j;
            try {
                j = JSON.readTree(a.payload());
            } catch (java.io.IOException e) {
                continue;
            }
            latencies.add(
                    a.arrivalMillis() - Instant.parse(j.get("ts").asText()).toEpochMilli());
            if (!a.topic().endsWith("/state")) {
                continue;
            }
            String id = j.get("packId").asText();
            if (!boots.containsKey(id) || j.get("boot").asLong() != boots.get(id)) {
                continue; // retained state of an earlier run
            }
            long seq = j.get("seq").asLong();
            if (seq <= startSeq.getOrDefault(id, 0L)) {
                continue; // published before the measured window
            }
            long[] bits = seen.computeIfAbsent(id, k -> new long[(int) (published.getOrDefault(k, 0L) / 64 + 2)]);
            int idx = (int) seq;
            if (idx / 64 >= bits.length) {
                continue;
            }
            if ((bits[idx / 64] & (1L << (idx % 64))) != 0) {
                duplicates++;
            } else {
                bits[idx / 64] |= 1L << (idx % 64);
                received++;
            }
        }
        // the window's state messages: those numbered after each pack's last sequence at the window's start
        long total = 0;
        for (Map.Entry<String, Long> e : published.entrySet()) {
            total += e.getValue() - startSeq.getOrDefault(e.getKey(), 0L);
        }
        long[] lat = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
        long windowMessages = messagesAtEnd - messagesAtStart;
        return new Report(
                s.packs(),
                seconds,
                new StateMessages(total, received, total - received, duplicates),
                new Throughput(windowMessages, windowMessages / seconds),
                new Latency(
                        lat.length,
                        pct(lat, 0.50),
                        pct(lat, 0.90),
                        pct(lat, 0.99),
                        lat.length == 0 ? Double.NaN : lat[lat.length - 1]),
                new Latency(
                        probeNanos.size(),
                        pctMs(probeNanos, 0.50),
                        pctMs(probeNanos, 0.90),
                        pctMs(probeNanos, 0.99),
                        pctMs(probeNanos, 1.0)),
                new Drops(loopOverruns, ringDrops, spoolDrops));
    }

    private static double pctMs(List<Long> nanos, double q) {
        long[] sorted = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
        return pct(sorted, q) / 1e6;
    }

    /** Publishes a timestamped QoS 1 message every 100 ms from its own client. */
    private static final class Probe {
        private final MqttClient client;
        private final Thread thread;
        private volatile boolean running = true;

        Probe(MqttClient client) {
            this.client = client;
            this.thread = new Thread(this::run, "soak-probe");
            thread.setDaemon(true);
            thread.start();
        }

        private void run() {
            while (running) {
                try {
                    client.publish(
                            PROBE_TOPIC,
                            Long.toString(System.nanoTime()).getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                            1,
                            false);
                    Thread.sleep(100);
                } catch (MqttException e) {
                    System.err.println("soak probe: " + e.getMessage());
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        void close() throws MqttException, InterruptedException {
            running = false;
            thread.join(2000);
            client.disconnect(1000);
            client.close(true);
        }
    }

    private static Probe probe(String url) throws MqttException {
        MqttClient c = new MqttClient(url, "qse-bms-soak-probe-" + UUID.randomUUID(), new MemoryPersistence());
        MqttConnectOptions o = new MqttConnectOptions();
        o.setSocketFactory(new NoDelaySocketFactory());
        c.connect(o);
        return new Probe(c);
    }

    private static double pct(long[] sorted, double q) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)];
    }

    private static MqttClient subscriber(
            Settings s, String root, ConcurrentLinkedQueue<Arrival> arrivals, AtomicLong messages)
            throws MqttException {
        MqttClient c = new MqttClient(s.url(), "qse-bms-soak-sub-" + UUID.randomUUID(), new MemoryPersistence());
        c.setCallback(new MqttCallback() {
            @Override
            public void connectionLost(Throwable cause) {
                System.err.println("soak subscriber lost its connection: " + cause);
            }

            @Override
            public void messageArrived(String topic, MqttMessage msg) {
                messages.incrementAndGet();
                if (!msg.isRetained()) {
                    arrivals.add(new Arrival(topic, msg.getPayload(), System.currentTimeMillis(), System.nanoTime()));
                }
            }

            @Override
            public void deliveryComplete(IMqttDeliveryToken token) {}
        });
        MqttConnectOptions o = new MqttConnectOptions();
        o.setCleanSession(true);
        o.setMaxInflight(1000);
        o.setSocketFactory(new NoDelaySocketFactory());
        c.connect(o);
        String prefix = s.subscribers() > 1 ? "$share/qse-bms-soak/" : "";
        c.subscribe(
                new String[] {prefix + root + "/+/state", prefix + root + "/+/cells", prefix + PROBE_TOPIC},
                new int[] {1, 1, 1});
        return c;
    }
}
