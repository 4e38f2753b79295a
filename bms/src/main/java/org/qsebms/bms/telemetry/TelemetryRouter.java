package org.qsebms.bms.telemetry;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.eclipse.paho.client.mqttv3.MqttException;

/**
 * Sends each outbound message at once when the session is up and nothing older waits, otherwise keeps it in the
 * {@link DiskSpool} (QoS 1) or drops and counts it (QoS 0, cells); sends the spool oldest first when the session is
 * back, so each topic stays in order. Telemetry thread only; the counters may be read from any thread.
 */
final class TelemetryRouter {
    private final BrokerSession session;
    private final DiskSpool spool;
    private final LongSupplier nanoClock;
    private final AtomicLong published = new AtomicLong();
    private final AtomicLong droppedQos0 = new AtomicLong();

    TelemetryRouter(BrokerSession session, DiskSpool spool, LongSupplier nanoClock) {
        this.session = session;
        this.spool = spool;
        this.nanoClock = nanoClock;
    }

    void route(OutboundMessage m) {
        if (spool.isEmpty() && session.connected()) {
            try {
                send(m);
                return;
            } catch (MqttException e) {
                // fall through: keep it for later
            }
        }
        if (m.qos() == 0) {
            droppedQos0.incrementAndGet();
            return;
        }
        spool.append(m);
    }

    private void send(OutboundMessage m) throws MqttException {
        session.publish(m);
        published.incrementAndGet();
    }

    /** Sends spooled messages, oldest first, for at most {@code budgetNanos}; returns true when any was sent. */
    boolean drainSpool(long budgetNanos) {
        long deadline = nanoClock.getAsLong() + budgetNanos;
        boolean sent = false;
        while (session.connected() && !spool.isEmpty() && nanoClock.getAsLong() < deadline) {
            OutboundMessage m = spool.peek();
            if (m == null) {
                return sent;
            }
            try {
                send(m);
            } catch (MqttException e) {
                return sent; // kept; resent after reconnect (at least once: the broker may have it already)
            }
            spool.removeFirst();
            sent = true;
        }
        return sent;
    }

    DiskSpool spool() {
        return spool;
    }

    long published() {
        return published.get();
    }

    long droppedQos0() {
        return droppedQos0.get();
    }
}
