package org.qsebms.bms.telemetry;

/**
 * The topic layout: {@code <root>/<packId>/<leaf>}. One level per pack so a fleet can share a
 * broker, bridge {@code <root>/#} and use shared subscriptions. Documented in docs/mqtt.md.
 */
public record MqttTopics(String root, String packId) {
    /** Version of every JSON payload's schema; bumped on incompatible changes. */
    public static final int SCHEMA_VERSION = 1;

    public String base() {
        return root + "/" + packId;
    }

    /** Retained "online"/"offline", set to offline by the last will. */
    public String status() {
        return base() + "/status";
    }

    public String state() {
        return base() + "/state";
    }

    public String cells() {
        return base() + "/cells";
    }

    public String health() {
        return base() + "/health";
    }

    public String alarms() {
        return base() + "/alarms";
    }

    public String events() {
        return base() + "/events";
    }

    /** Subscription filter for every command. */
    String commandFilter() {
        return base() + "/cmd/+";
    }

    public String command(String name) {
        return base() + "/cmd/" + name;
    }

    public String commandResult(String name) {
        return base() + "/cmd/" + name + "/result";
    }
}
