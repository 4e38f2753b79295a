package org.qsebms.bms.telemetry;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.qsebms.bms.control.ControllerEvent;
import org.qsebms.bms.control.EventQueue;
import org.tinylog.Logger;

/**
 * The telemetry thread: owns the one Paho client for the process lifetime, drains controller
 * events first (priority lane) and samples second, publishes them, logs state changes and
 * fault edges, and hands every sample to local sinks (the console status line). The control loop
 * only ever offers to its bounded queues; nothing here can block it.
 */
public final class TelemetryPublisher implements AutoCloseable {
    private final MqttClient client;
    private final MqttConnectOptions options;
    private final MqttTopics topics;
    private final TelemetryJson json;
    private final SampleRing ring;
    private final EventQueue events;
    private final Consumer<PackSample> localSink;
    private final LongSupplier epochMillis;
    private final PackSample sample;
    private final AtomicLong published = new AtomicLong();
    private final AtomicLong droppedWhileDisconnected = new AtomicLong();
    private final AtomicLong eventSeq = new AtomicLong();
    private final String url;
    private volatile boolean running;
    private Thread thread;
    private long nextConnectAttemptMillis;
    private long backoffMillis = 500;
    private boolean reportedUnreachable;

    public TelemetryPublisher(String url, MqttTopics topics, SampleRing ring, EventQueue events, int cells, int temps,
                              Consumer<PackSample> localSink, LongSupplier epochMillis) {
        this.url = url;
        this.topics = topics;
        this.json = new TelemetryJson(topics.packId());
        this.ring = ring;
        this.events = events;
        this.localSink = localSink;
        this.epochMillis = epochMillis;
        this.sample = new PackSample(cells, temps);
        try {
            this.client = new MqttClient(url, "qse-bms-" + topics.packId(), new MemoryPersistence());
        } catch (MqttException e) {
            throw new IllegalArgumentException("invalid MQTT broker URL '" + url + "': " + e.getMessage()
                    + "; write tcp://HOST:PORT or ssl://HOST:PORT", e);
        }
        options = new MqttConnectOptions();
        options.setCleanSession(true);
        options.setAutomaticReconnect(true);
        options.setConnectionTimeout(5);
        options.setKeepAliveInterval(5);
        options.setMaxInflight(1000);
        options.setWill(topics.status(), "offline".getBytes(StandardCharsets.UTF_8), 1, true);
    }

    /** Tries to connect once now; returns the failure text, or null when connected. */
    public String connectOnce() {
        try {
            client.connect(options);
            client.publish(topics.status(), "online".getBytes(StandardCharsets.UTF_8), 1, true);
            reportedUnreachable = false;
            backoffMillis = 500;
            Logger.info("MQTT connected to {} as pack {}", url, topics.packId());
            return null;
        } catch (MqttException e) {
            return describe(e);
        }
    }

    private String describe(MqttException e) {
        Throwable cause = e.getCause();
        String why = cause != null && cause.getMessage() != null ? cause.getMessage() : e.getMessage();
        return "MQTT broker " + url + " cannot be reached (" + why + ")";
    }

    public void start() {
        running = true;
        thread = new Thread(this::run, "bms-telemetry");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        while (running) {
            try {
                ensureConnected();
                ControllerEvent e = events.poll(50, TimeUnit.MILLISECONDS);
                while (e != null) {
                    handle(e);
                    e = events.poll();
                }
                while (ring.poll(sample)) {
                    localSink.accept(sample);
                    publish(topics.state(), json.state(sample), true);
                    publish(topics.cells(), json.cells(sample), false);
                }
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException ex) {
                Logger.error(ex, "telemetry error (the control loop is unaffected)");
            }
        }
    }

    private void ensureConnected() {
        if (client.isConnected()) {
            return;
        }
        long now = System.currentTimeMillis();
        if (now < nextConnectAttemptMillis) {
            return;
        }
        String failure = connectOnce();
        if (failure != null) {
            if (!reportedUnreachable) {
                Logger.error("{}; retrying with backoff; the pack stays protected, telemetry is not sent meanwhile", failure);
                reportedUnreachable = true;
            }
            nextConnectAttemptMillis = now + backoffMillis;
            backoffMillis = Math.min(30_000, backoffMillis * 2);
        }
    }

    private void handle(ControllerEvent e) {
        long seq = eventSeq.incrementAndGet();
        switch (e) {
            case ControllerEvent.FaultEdge fe -> {
                var f = fe.fault();
                if (f.raised()) {
                    Logger.warn("fault raised {} [{}]: {}", f.id(), f.code().number(), f.reason());
                } else {
                    Logger.info("fault cleared {} [{}]: {}", f.id(), f.code().number(), f.reason());
                }
                publish(topics.alarms(), json.alarm(f, seq, epochMillis.getAsLong()), false);
            }
            case ControllerEvent.StateChange sc -> {
                Logger.info("state {} -> {}: {}", sc.from(), sc.to(), sc.reason());
                publish(topics.events(), json.event(e, seq, epochMillis.getAsLong()), false);
            }
            case ControllerEvent.ResetOutcome r -> {
                Logger.info("{}", r.reason());
                publish(topics.events(), json.event(e, seq, epochMillis.getAsLong()), false);
            }
        }
    }

    private void publish(String topic, String payload, boolean retained) {
        if (!client.isConnected()) {
            droppedWhileDisconnected.incrementAndGet();
            return;
        }
        try {
            MqttMessage msg = new MqttMessage(payload.getBytes(StandardCharsets.UTF_8));
            msg.setQos(1);
            msg.setRetained(retained);
            client.publish(topic, msg);
            published.incrementAndGet();
        } catch (MqttException ex) {
            droppedWhileDisconnected.incrementAndGet();
        }
    }

    public long published() {
        return published.get();
    }

    public long droppedWhileDisconnected() {
        return droppedWhileDisconnected.get();
    }

    public boolean connected() {
        return client.isConnected();
    }

    /** Drains what is queued, publishes "offline" and disconnects cleanly. */
    @Override
    public void close() {
        running = false;
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        ControllerEvent e;
        while ((e = events.poll()) != null) {
            handle(e);
        }
        while (ring.poll(sample)) {
            publish(topics.state(), json.state(sample), true);
        }
        try {
            if (client.isConnected()) {
                client.publish(topics.status(), "offline".getBytes(StandardCharsets.UTF_8), 1, true);
                client.disconnect(2000);
            }
            client.close(true);
        } catch (MqttException ex) {
            Logger.warn("MQTT disconnect: {}", ex.getMessage());
        }
    }
}
