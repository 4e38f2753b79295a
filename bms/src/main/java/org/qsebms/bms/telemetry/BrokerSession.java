package org.qsebms.bms.telemetry;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.LongSupplier;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.qsebms.config.MqttConfig;
import org.tinylog.Logger;

/**
 * The broker session, supervised. It owns the Paho client, connects and reconnects with backoff,
 * subscribes to an exact list of topics (never a wildcard: a topic the client library cannot decode
 * must never be delivered to it) and publishes. It does not trust the client library to stay alive:
 * a QoS 1 publish that gets no PUBACK within {@link #ACK_TIMEOUT_MILLIS} (the PUBACK is read by
 * Paho's receive thread, so a dead receive thread or a silent broker both show as a missing PUBACK),
 * and a probe published when no QoS 1 message went out for {@link #PROBE_EVERY_NANOS}, end the
 * session: the client is closed forcibly and a new one connects. (Unless messages are still arriving:
 * then the receive thread is alive and only busy, and the session is kept.) It also tells a connection that
 * another client keeps taking over (two BMS with one pack id, or a user with the BMS's client id)
 * from an unreachable broker, and says so in the log. Telemetry thread only, except the callbacks.
 */
final class BrokerSession {
    static final long ACK_TIMEOUT_MILLIS = 3_000;
    static final long PROBE_EVERY_NANOS = 5_000_000_000L;
    private static final long CONNECT_WAIT_MILLIS = 10_000;
    private static final long MIN_BACKOFF_NANOS = 250_000_000L;
    private static final long MAX_BACKOFF_NANOS = 10_000_000_000L;

    /** Receives a message on one of the subscribed topics, on Paho's receive thread; must not block or throw. */
    @FunctionalInterface
    interface Inbound {
        void arrived(String topic, byte[] payload, boolean retained);
    }

    /** What the session publishes right after every connect (status, discovery), in order. */
    @FunctionalInterface
    interface OnConnect {
        List<OutboundMessage> messages();
    }

    private final String url;
    private final String clientId;
    private final MqttConnectOptions options;
    private final String statusTopic;
    private final List<String> subscriptions;
    private final Inbound inbound;
    private final OnConnect onConnect;
    private final LongSupplier nanoClock;
    private final SplittableRandom jitter;
    private final SessionTakeovers takeovers;
    private volatile MqttClient client;
    /**
     * The connect attempt in flight on the connector thread, or null. A broker that takes a connect but does not
     * answer holds an attempt for {@link #CONNECT_WAIT_MILLIS}; on its own thread that wait holds nothing else the
     * telemetry thread does (the status line, the dashboard, spooling).
     */
    private volatile java.util.concurrent.CompletableFuture<String> attempt;

    private java.util.concurrent.ExecutorService connector;
    /** Whether the attempt in flight is the first failure to report (none reported since the last connect). */
    private boolean attemptFirstFailure;

    private volatile long connectedAtNanos;
    private volatile long lastInboundNanos = Long.MIN_VALUE / 2;
    private volatile long lostAtNanos = Long.MIN_VALUE;
    private volatile long lostSessionNanos;
    private volatile long rebuilds;
    private long lastAckNanos;
    private long nextAttemptNanos = Long.MIN_VALUE;
    private long backoffNanos = MIN_BACKOFF_NANOS;
    private boolean reportedUnreachable;
    private boolean everConnected;
    private volatile long reconnects;

    /**
     * @param subscriptions the topics to subscribe to (QoS 1) at every connect; give exact topics: a wildcard lets
     *                      any topic through, also one the client library cannot decode
     */
    BrokerSession(
            String url,
            String clientId,
            MqttConnectOptions options,
            String statusTopic,
            List<String> subscriptions,
            Inbound inbound,
            OnConnect onConnect,
            LongSupplier nanoClock) {
        this.url = url;
        this.clientId = clientId;
        this.options = options;
        this.statusTopic = statusTopic;
        this.subscriptions = List.copyOf(subscriptions);
        this.inbound = inbound;
        this.onConnect = onConnect;
        this.nanoClock = nanoClock;
        this.jitter = new SplittableRandom(clientId.hashCode());
        this.takeovers = new SessionTakeovers(url, clientId, MAX_BACKOFF_NANOS);
        this.client = newClient(); // checks the URL at once
    }

    /** Connect options for a pack: clean session, no automatic reconnect, short keep-alive, the offline will. */
    static MqttConnectOptions options(MqttConfig mqtt, String url, String statusTopic, Map<String, String> env) {
        MqttConnectOptions o = new MqttConnectOptions();
        o.setCleanSession(true); // commands are not queued for us while we are away: a stale command is unsafe
        o.setAutomaticReconnect(false); // this session reconnects, with backoff, and then resubscribes
        o.setConnectionTimeout(5);
        o.setKeepAliveInterval(10);
        o.setMaxInflight(64);
        o.setWill(statusTopic, "offline".getBytes(StandardCharsets.UTF_8), 1, true);
        MqttSecurity.apply(mqtt, url, o, env);
        return o;
    }

    private MqttClient newClient() {
        MqttClient c;
        try {
            c = new MqttClient(url, clientId, new MemoryPersistence());
        } catch (MqttException e) {
            throw new IllegalArgumentException(
                    "invalid MQTT broker URL '" + url + "': " + e.getMessage()
                            + "; write tcp://HOST:PORT or ssl://HOST:PORT",
                    e);
        }
        c.setCallback(new MqttCallback() {
            @Override
            public void connectionLost(Throwable cause) {
                if (client != c) {
                    return; // a client this session already replaced
                }
                long now = nanoClock.getAsLong();
                lostSessionNanos = now - connectedAtNanos;
                lostAtNanos = now;
                Logger.warn(
                        "MQTT connection to {} lost after {} s ({}); spooling and reconnecting with backoff",
                        url,
                        lostSessionNanos / 1_000_000_000L,
                        cause == null ? "no cause" : cause.getMessage());
            }

            @Override
            public void messageArrived(String topic, MqttMessage message) {
                lastInboundNanos = nanoClock.getAsLong();
                inbound.arrived(topic, message.getPayload(), message.isRetained());
            }

            @Override
            public void deliveryComplete(IMqttDeliveryToken token) {
                // synchronous publishes: completion is observed by the publishing call
            }
        });
        return c;
    }

    /**
     * Connects now; returns the failure text (for the caller to report), or null when connected. Subscribes,
     * then publishes what {@link OnConnect} gives (status online, discovery).
     */
    String connect() {
        MqttClient c = client;
        if (c == null) {
            c = newClient();
            client = c;
        }
        try {
            c.setTimeToWait(CONNECT_WAIT_MILLIS);
            c.connect(options);
        } catch (MqttException e) {
            reportedUnreachable = true; // the caller reports this first failure; later ones stay quiet until connected
            return describe(e);
        }
        long now = nanoClock.getAsLong();
        connectedAtNanos = now;
        try {
            if (!subscriptions.isEmpty()) {
                int[] qos = new int[subscriptions.size()];
                java.util.Arrays.fill(qos, 1);
                c.subscribe(subscriptions.toArray(String[]::new), qos);
            }
            c.setTimeToWait(ACK_TIMEOUT_MILLIS);
            for (OutboundMessage m : onConnect.messages()) {
                publish(m);
            }
        } catch (MqttException e) {
            try { // half a session (connected, not subscribed) must not pass for a whole one
                c.disconnectForcibly(0, 500, false);
            } catch (MqttException | RuntimeException ignored) {
                // it is gone either way
            }
            return describe(e);
        }
        boolean takenOver = noteReconnect(now);
        if (everConnected) {
            reconnects++;
        }
        everConnected = true;
        reportedUnreachable = false;
        if (takenOver) { // a takeover fight: the next reconnect waits a growing backoff, so two clients do not hammer
            nextAttemptNanos = now + (long) (backoffNanos * (0.8 + 0.4 * jitter.nextDouble()));
            backoffNanos = Math.min(MAX_BACKOFF_NANOS, backoffNanos * 2);
        } else {
            backoffNanos = MIN_BACKOFF_NANOS;
        }
        lastAckNanos = now;
        return null;
    }

    /** Hands the end of the last session, if any, to the takeover detector; true while a takeover fight goes on. */
    private boolean noteReconnect(long now) {
        long lost = lostAtNanos;
        if (lost == Long.MIN_VALUE) {
            return false;
        }
        lostAtNanos = Long.MIN_VALUE;
        return takeovers.reconnected(now, lost, lostSessionNanos);
    }

    private String describe(MqttException e) {
        Throwable cause = e.getCause();
        String why = cause != null && cause.getMessage() != null ? cause.getMessage() : e.getMessage();
        return "MQTT broker " + url + " cannot be reached (" + why + ")";
    }

    /**
     * Connects when due (backoff) and supervises a connected session: probes it when no QoS 1 publish was
     * acknowledged for {@link #PROBE_EVERY_NANOS}. Returns true when the session is up.
     */
    boolean maintain() {
        long now = nanoClock.getAsLong();
        java.util.concurrent.CompletableFuture<String> pending = attempt;
        if (pending != null) {
            if (!pending.isDone()) {
                return false;
            }
            attempt = null;
            return connectFinished(pending.join(), now);
        }
        if (connected()) {
            if (now - lastAckNanos > PROBE_EVERY_NANOS) {
                try { // a retained "online" again: harmless for every reader, and it needs a PUBACK
                    publish(new OutboundMessage(
                            statusTopic,
                            "online".getBytes(StandardCharsets.UTF_8),
                            1,
                            true,
                            OutboundMessage.Lane.PRIORITY));
                } catch (MqttException e) {
                    return false; // publish() ended the session when it was a timeout
                }
            }
            return true;
        }
        if (nextAttemptNanos != Long.MIN_VALUE && now < nextAttemptNanos) {
            return false;
        }
        attemptFirstFailure = !reportedUnreachable;
        if (connector == null) {
            connector = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "bms-mqtt-connect-" + clientId);
                t.setDaemon(true);
                return t;
            });
        }
        attempt = java.util.concurrent.CompletableFuture.supplyAsync(this::connect, connector)
                .exceptionally(e -> "MQTT connect failed: " + e.getMessage());
        return false;
    }

    /** The telemetry thread takes the result of a finished connect attempt: null when connected, else the failure. */
    private boolean connectFinished(String failure, long now) {
        if (failure == null) {
            Logger.info("MQTT connected to {} as {}", url, clientId);
            return connected();
        }
        if (attemptFirstFailure) {
            Logger.error(
                    "{}; the BMS runs and protects the pack anyway and keeps retrying with backoff, spooling telemetry."
                            + " Check --mqtt-url (is the broker running and reachable?)",
                    failure);
        }
        nextAttemptNanos = now + (long) (backoffNanos * (0.8 + 0.4 * jitter.nextDouble()));
        backoffNanos = Math.min(MAX_BACKOFF_NANOS, backoffNanos * 2);
        return false;
    }

    /** True when connected and no connect attempt is in flight (until it is taken, the session is the connector's). */
    boolean connected() {
        MqttClient c = client;
        return attempt == null && c != null && c.isConnected();
    }

    /**
     * Publishes and, for QoS 1, waits for the PUBACK up to {@link #ACK_TIMEOUT_MILLIS}. A timeout ends the session
     * (see the class comment) and is rethrown, so the caller keeps the message for the next session.
     */
    void publish(OutboundMessage m) throws MqttException {
        MqttClient c = client;
        if (c == null) {
            throw new MqttException(MqttException.REASON_CODE_CLIENT_NOT_CONNECTED);
        }
        try {
            c.publish(m.topic(), m.payload(), m.qos(), m.retained());
        } catch (MqttException e) {
            if (e.getReasonCode() == MqttException.REASON_CODE_CLIENT_TIMEOUT && !receiving()) {
                rebuild("no PUBACK for a QoS 1 message within " + ACK_TIMEOUT_MILLIS + " ms");
            }
            throw e;
        }
        if (m.qos() > 0) {
            lastAckNanos = nanoClock.getAsLong();
        }
    }

    /**
     * True while the receive thread is handing us messages: then a late PUBACK is a busy link (a flood of inbound
     * messages queued before it), not a dead thread, and the session is kept (the message is kept for later).
     */
    private boolean receiving() {
        return nanoClock.getAsLong() - lastInboundNanos < ACK_TIMEOUT_MILLIS * 1_000_000L;
    }

    /** Ends a stalled session: the client is closed forcibly and the next {@link #maintain()} connects a new one. */
    void rebuild(String why) {
        MqttClient c = client;
        client = null;
        rebuilds++;
        nextAttemptNanos = Long.MIN_VALUE; // reconnect at once: the broker was reachable a moment ago
        Logger.warn(
                "MQTT session to {} stalled ({}): the client's receive thread died or the broker stopped "
                        + "answering; closing it and connecting a new session",
                url,
                why);
        if (c != null) {
            try {
                c.disconnectForcibly(0, 500, false);
            } catch (MqttException | RuntimeException e) {
                // closing a dead session: nothing more to do
            }
            try {
                c.close(true);
            } catch (MqttException | RuntimeException e) {
                // idem
            }
        }
    }

    /** Publishes "offline" (retained) and disconnects; the session ends for good. */
    void close() {
        java.util.concurrent.ExecutorService x = connector;
        if (x != null) {
            x.shutdownNow(); // an attempt in flight is abandoned; its client is closed below or by its failure
        }
        java.util.concurrent.CompletableFuture<String> pending = attempt;
        if (pending != null) {
            try { // give an attempt that is about to finish its moment, so its client is the one closed below
                pending.get(500, java.util.concurrent.TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                // abandoned: the connector thread is a daemon
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            attempt = null;
        }
        MqttClient c = client;
        client = null;
        if (c == null) {
            return;
        }
        try {
            if (c.isConnected()) {
                c.publish(statusTopic, "offline".getBytes(StandardCharsets.UTF_8), 1, true);
                c.disconnect(2000);
            }
        } catch (MqttException ex) {
            Logger.warn("MQTT disconnect: {}", ex.getMessage());
        }
        try {
            c.close(true);
        } catch (MqttException ex) {
            Logger.warn("MQTT close: {}", ex.getMessage());
        }
    }

    /** Reconnects after the first connection (takeovers and rebuilds included). */
    long reconnects() {
        return reconnects;
    }

    /** Sessions ended because they stalled (no PUBACK in time). */
    long rebuilds() {
        return rebuilds;
    }

    /** Times another client took the session over, counted once three came within 60 s. */
    long takeovers() {
        return takeovers.count();
    }

    String url() {
        return url;
    }
}
