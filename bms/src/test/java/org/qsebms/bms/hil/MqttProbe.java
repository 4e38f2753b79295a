package org.qsebms.bms.hil;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/** A separate Paho client that records every message on a topic filter, for tests. */
final class MqttProbe implements AutoCloseable {
    record Received(String topic, String payload, boolean retained) {
        JsonNode json() {
            try {
                return new ObjectMapper().readTree(payload);
            } catch (Exception e) {
                throw new AssertionError("not JSON on " + topic + ": " + payload, e);
            }
        }
    }

    private final MqttClient client;
    private final List<Received> received = new CopyOnWriteArrayList<>();

    /**
     * Connects and subscribes. A connection the embedded broker drops while the subscription is on its way (seen
     * once in a full verify, 2026-12-05: Moquette logged "SUBSCRIBE received on already closed connection" and the
     * probe failed with "Connection lost (32109)" before the test had done anything) is retried with a new client,
     * up to three attempts: the probe only watches, and a watcher that never connected tests nothing.
     */
    MqttProbe(String url, String filter) throws MqttException {
        MqttClient connected = null;
        for (int attempt = 1; connected == null; attempt++) {
            MqttClient c = new MqttClient(url, "probe-" + System.nanoTime(), new MemoryPersistence());
            try {
                MqttConnectOptions o = new MqttConnectOptions();
                o.setCleanSession(true);
                c.connect(o);
                c.subscribe(
                        filter,
                        1,
                        (topic, msg) -> received.add(new Received(
                                topic, new String(msg.getPayload(), StandardCharsets.UTF_8), msg.isRetained())));
                connected = c;
            } catch (MqttException e) {
                c.close(true);
                if (attempt == 3 || e.getReasonCode() != MqttException.REASON_CODE_CONNECTION_LOST) {
                    throw e;
                }
            }
        }
        client = connected;
    }

    List<Received> received() {
        return received;
    }

    Received await(Predicate<Received> what, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            for (Received r : received) {
                if (what.test(r)) {
                    return r;
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no matching message within " + timeout + "; got " + received.size() + " messages: "
                + received.stream()
                        .map(r -> r.topic() + "=" + r.payload())
                        .limit(20)
                        .toList());
    }

    @Override
    public void close() throws MqttException {
        if (client.isConnected()) {
            client.disconnect();
        }
        client.close();
    }
}
