package org.qsebms.bms.mqtt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Predicate;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/** A test-side MQTT client that records every message it receives, with its arrival time. */
final class RecordingSubscriber implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    record Received(
            String topic, String payload, boolean retained, int qos, long arrivalNanos, long arrivalEpochMillis) {
        JsonNode json() {
            try {
                return JSON.readTree(payload);
            } catch (Exception e) {
                throw new AssertionError("not JSON on " + topic + ": " + payload, e);
            }
        }
    }

    final MqttClient client;
    final ConcurrentLinkedQueue<Received> received = new ConcurrentLinkedQueue<>();

    /**
     * Connects and subscribes. A connection the broker drops while this client connects or subscribes
     * (Paho's "Connection lost", seen on a freshly restarted embedded broker on a loaded machine) is
     * retried with a new client, at most {@value #CONNECT_ATTEMPTS} times: this client only observes, and
     * nothing can have been missed before its subscription exists. Any other failure is thrown at once.
     */
    RecordingSubscriber(String url, boolean cleanSession, String clientId, String... filters) throws MqttException {
        client = connectAndSubscribe(url, cleanSession, clientId, filters);
    }

    private static final int CONNECT_ATTEMPTS = 3;

    private MqttClient connectAndSubscribe(String url, boolean cleanSession, String clientId, String... filters)
            throws MqttException {
        for (int attempt = 1; ; attempt++) {
            MqttClient c = newClient(url, clientId);
            try {
                c.connect(options(cleanSession));
                for (String f : filters) {
                    c.subscribe(f, 1);
                }
                return c;
            } catch (MqttException e) {
                c.close(true);
                if (e.getReasonCode() != MqttException.REASON_CODE_CONNECTION_LOST || attempt == CONNECT_ATTEMPTS) {
                    throw e;
                }
                System.err.println("test subscriber: connection lost while connecting or subscribing (attempt "
                        + attempt + " of " + CONNECT_ATTEMPTS + "), retrying");
            }
        }
    }

    private MqttClient newClient(String url, String clientId) throws MqttException {
        MqttClient c =
                new MqttClient(url, clientId == null ? "test-" + UUID.randomUUID() : clientId, new MemoryPersistence());
        c.setCallback(new MqttCallback() {
            @Override
            public void connectionLost(Throwable cause) {}

            @Override
            public void messageArrived(String topic, MqttMessage m) {
                received.add(new Received(
                        topic,
                        new String(m.getPayload(), StandardCharsets.UTF_8),
                        m.isRetained(),
                        m.getQos(),
                        System.nanoTime(),
                        System.currentTimeMillis()));
            }

            @Override
            public void deliveryComplete(IMqttDeliveryToken token) {}
        });
        return c;
    }

    private static MqttConnectOptions options(boolean cleanSession) {
        MqttConnectOptions o = new MqttConnectOptions();
        o.setCleanSession(cleanSession);
        o.setMaxInflight(1000);
        o.setAutomaticReconnect(false);
        o.setSocketFactory(new org.qsebms.bms.telemetry.NoDelaySocketFactory());
        o.setUserName("test-subscriber");
        o.setPassword("test".toCharArray());
        return o;
    }

    static RecordingSubscriber subscribe(String url, String... filters) throws MqttException {
        return new RecordingSubscriber(url, true, null, filters);
    }

    void publish(String topic, String payload) throws MqttException {
        client.publish(topic, payload.getBytes(StandardCharsets.UTF_8), 1, false);
    }

    /** Publishes with the retain flag (an empty payload clears the topic's retained message). */
    void publishRetained(String topic, String payload) throws MqttException {
        client.publish(topic, payload.getBytes(StandardCharsets.UTF_8), 1, true);
    }

    List<Received> on(String topic) {
        List<Received> out = new ArrayList<>();
        for (Received r : received) {
            if (r.topic().equals(topic)) {
                out.add(r);
            }
        }
        return out;
    }

    /** Waits until a message matching {@code p} arrived; returns it or fails after {@code timeout}. */
    Received await(Predicate<Received> p, Duration timeout, String what) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            for (Received r : received) {
                if (p.test(r)) {
                    return r;
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no " + what + " within " + timeout + "; got " + received.size() + " messages on "
                + received.stream().map(Received::topic).distinct().toList());
    }

    Received awaitTopic(String topic, Duration timeout) throws InterruptedException {
        return await(r -> r.topic().equals(topic), timeout, "message on " + topic);
    }

    @Override
    public void close() throws MqttException {
        if (client.isConnected()) {
            client.disconnect(1000);
        }
        client.close(true);
    }
}
