package org.qsebms.bms.telemetry;

import org.tinylog.Logger;

/**
 * Tells a session that another client keeps taking over (same client id: a second BMS with the same
 * pack id, or a tool using the BMS's client id) from a broker outage: the session ended soon after it
 * began, and the broker accepted the reconnect at once. Three such within 60 s are reported as an
 * error that says what is going on and how to fix it (at most once a minute) and counted.
 * Telemetry thread; {@link #count()} from any thread.
 */
final class SessionTakeovers {
    /** A session that ends this soon after it began, with the broker accepting us again at once, was taken over. */
    private static final long SHORT_SESSION_NANOS = 30_000_000_000L;

    private static final long WINDOW_NANOS = 60_000_000_000L;
    private static final int TO_REPORT = 3;

    private final String url;
    private final String clientId;
    private final long reconnectWithinNanos;
    private final long[] atNanos = new long[TO_REPORT];
    private int cursor;
    private long lastReportNanos = Long.MIN_VALUE;
    private volatile long count;

    /** @param maxBackoffNanos the longest reconnect backoff: a reconnect within about twice that was "at once" */
    SessionTakeovers(String url, String clientId, long maxBackoffNanos) {
        this.url = url;
        this.clientId = clientId;
        this.reconnectWithinNanos = 2 * maxBackoffNanos + 5_000_000_000L;
    }

    /**
     * A session that ended at {@code lostAtNanos} after lasting {@code sessionNanos} was followed by a successful
     * reconnect at {@code nowNanos}. Returns true while a takeover fight goes on (two or more within 60 s).
     */
    boolean reconnected(long nowNanos, long lostAtNanos, long sessionNanos) {
        if (sessionNanos > SHORT_SESSION_NANOS || nowNanos - lostAtNanos > reconnectWithinNanos) {
            return false;
        }
        atNanos[cursor] = nowNanos;
        cursor = (cursor + 1) % atNanos.length;
        int recent = 0;
        for (long t : atNanos) {
            if (t != 0 && nowNanos - t <= WINDOW_NANOS) {
                recent++;
            }
        }
        if (recent < TO_REPORT) {
            return recent > 1;
        }
        count++;
        if (lastReportNanos == Long.MIN_VALUE || nowNanos - lastReportNanos > WINDOW_NANOS) {
            lastReportNanos = nowNanos;
            Logger.error(
                    "MQTT: the broker at {} is reachable but closed our session {} times within 60 s, each time "
                            + "soon after it began: another client is connecting with our client id '{}' and taking the "
                            + "session over. This is not a broker outage. Either a second BMS runs with the same pack id "
                            + "(give every pack a unique pack.id / --pack-id) or a user or tool connects with this client id "
                            + "(on Mosquitto set 'use_username_as_clientid true', see docs/mqtt.md). Reconnecting with a "
                            + "growing backoff meanwhile",
                    url,
                    TO_REPORT,
                    clientId);
        }
        return true;
    }

    /** Takeovers counted (each one after the third within 60 s). */
    long count() {
        return count;
    }
}
