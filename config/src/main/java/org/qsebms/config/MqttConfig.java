package org.qsebms.config;

import java.time.Duration;

/**
 * MQTT connection and publishing settings. Credentials are never stored here in clear: they
 * are read from a file or an environment variable at connect time. See docs/mqtt.md.
 *
 * @param url                  broker URL (tcp://host:port or ssl://host:port); empty means the embedded broker
 * @param topicRoot            first topic level, default {@code qse-bms}
 * @param stateInterval        interval between state messages
 * @param username             user name, or empty
 * @param passwordFile         path of a file holding the password, or empty
 * @param passwordEnv          name of an environment variable holding the password, or empty
 * @param caFile               CA certificate (PEM) for TLS, or empty (then the JVM's default trust store)
 * @param clientCertFile       client certificate (PEM) for mutual TLS, or empty
 * @param clientKeyFile        client private key (PEM, PKCS#8, unencrypted) for mutual TLS, or empty
 * @param deadband             state deadband: a state sample within it of the last published one is skipped
 * @param stateHeartbeat       longest time without a state message even when nothing moved
 * @param spoolDirectory       directory of the store-and-forward spool; empty means {@code <persistence>/mqtt-spool}
 * @param spoolMaxMessages     bound of the spool; on overflow the oldest periodic samples are dropped (never alarms)
 * @param commandsPerSecond    sustained command rate accepted (token bucket, burst of twice this); excess is rejected
 * @param discoveryPrefix      Home Assistant discovery prefix, default {@code homeassistant}; empty disables discovery
 * @param serviceResetQueue    the most service resets waiting for the control loop; one more is refused at once. The
 *                             loop judges every one waiting at its tick, so this bounds a tick's work too
 */
public record MqttConfig(
        String url,
        String topicRoot,
        Duration stateInterval,
        String username,
        String passwordFile,
        String passwordEnv,
        String caFile,
        String clientCertFile,
        String clientKeyFile,
        StateDeadband deadband,
        Duration stateHeartbeat,
        String spoolDirectory,
        int spoolMaxMessages,
        double commandsPerSecond,
        String discoveryPrefix,
        int serviceResetQueue) {

    static final int DEFAULT_SPOOL_MAX_MESSAGES = 100_000;
    static final double DEFAULT_COMMANDS_PER_SECOND = 5.0;

    /**
     * Above the default rate limiter's burst (10, twice {@link #DEFAULT_COMMANDS_PER_SECOND}), so a burst it lets
     * through is never refused; a service reset is a deliberate act after a lockout, of which one is enough.
     */
    public static final int DEFAULT_SERVICE_RESET_QUEUE = 16;

    /**
     * The largest service-reset queue allowed: a tick judges every one waiting, and check23x measured 2000 commands in
     * one tick at 117-131 ms cold (about 60 us each), so 100 take about 6 ms cold, within the shortest loop periods.
     */
    static final int MAX_SERVICE_RESET_QUEUE = 100;

    MqttConfig withUrl(String newUrl) {
        return toBuilder().url(newUrl).build();
    }

    public MqttConfig withStateInterval(Duration interval) {
        return toBuilder().stateInterval(interval).build();
    }

    MqttConfig withSpool(String directory, int maxMessages) {
        return toBuilder()
                .spoolDirectory(directory)
                .spoolMaxMessages(maxMessages)
                .build();
    }

    MqttConfig withDeadband(StateDeadband band, Duration heartbeat) {
        return toBuilder().deadband(band).stateHeartbeat(heartbeat).build();
    }

    public MqttConfig withCommandsPerSecond(double rate) {
        return toBuilder().commandsPerSecond(rate).build();
    }

    /**
     * Deadband of the state topic; all zero publishes every interval. Discrete values (mode,
     * contactors, trip, current limits) always publish when they change.
     */
    public record StateDeadband(
            double packVolts, double packAmps, double cellVolts, double celsius, double socFraction) {
        public static final StateDeadband NONE = new StateDeadband(0, 0, 0, 0, 0);

        public boolean isNone() {
            return packVolts <= 0 && packAmps <= 0 && cellVolts <= 0 && celsius <= 0 && socFraction <= 0;
        }
    }

    /** Returns {@code url} if it is a broker URL (empty allowed: the embedded broker), else throws naming {@code keyPath}. */
    public static String requireValidUrl(String keyPath, String url) {
        if (!url.isEmpty() && !url.matches("(tcp|ssl)://[^/:]+(:\\d{1,5})?")) {
            throw new ConfigException(
                    keyPath, "'" + url + "' is not a broker URL; write tcp://HOST:PORT or ssl://HOST:PORT");
        }
        return url;
    }

    /**
     * A builder with the connection settings (url, topic root, state interval, user name,
     * password file and variable, CA file) unset (refused by {@link Builder#build()} until set)
     * and every other setting at its default: no client certificate, no deadband, a 60 s
     * heartbeat, the default spool, {@value #DEFAULT_COMMANDS_PER_SECOND} commands per second and
     * the {@code homeassistant} discovery prefix.
     */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding these settings, to change some by name. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Named setters over an existing configuration (see the record's parameters for each one's meaning). */
    public static final class Builder {
        private String url;
        private String topicRoot;
        private Duration stateInterval;
        private String username;
        private String passwordFile;
        private String passwordEnv;
        private String caFile;
        private String clientCertFile;
        private String clientKeyFile;
        private StateDeadband deadband;
        private Duration stateHeartbeat;
        private String spoolDirectory;
        private int spoolMaxMessages;
        private double commandsPerSecond;
        private String discoveryPrefix;
        private int serviceResetQueue;

        private Builder() {
            this.clientCertFile = "";
            this.clientKeyFile = "";
            this.deadband = StateDeadband.NONE;
            this.stateHeartbeat = Duration.ofSeconds(60);
            this.spoolDirectory = "";
            this.spoolMaxMessages = DEFAULT_SPOOL_MAX_MESSAGES;
            this.commandsPerSecond = DEFAULT_COMMANDS_PER_SECOND;
            this.discoveryPrefix = "homeassistant";
            this.serviceResetQueue = DEFAULT_SERVICE_RESET_QUEUE;
        }

        private Builder(MqttConfig c) {
            this.url = c.url;
            this.topicRoot = c.topicRoot;
            this.stateInterval = c.stateInterval;
            this.username = c.username;
            this.passwordFile = c.passwordFile;
            this.passwordEnv = c.passwordEnv;
            this.caFile = c.caFile;
            this.clientCertFile = c.clientCertFile;
            this.clientKeyFile = c.clientKeyFile;
            this.deadband = c.deadband;
            this.stateHeartbeat = c.stateHeartbeat;
            this.spoolDirectory = c.spoolDirectory;
            this.spoolMaxMessages = c.spoolMaxMessages;
            this.commandsPerSecond = c.commandsPerSecond;
            this.discoveryPrefix = c.discoveryPrefix;
            this.serviceResetQueue = c.serviceResetQueue;
        }

        public Builder url(String v) {
            url = v;
            return this;
        }

        public Builder topicRoot(String v) {
            topicRoot = v;
            return this;
        }

        public Builder stateInterval(Duration v) {
            stateInterval = v;
            return this;
        }

        public Builder username(String v) {
            username = v;
            return this;
        }

        public Builder passwordFile(String v) {
            passwordFile = v;
            return this;
        }

        public Builder passwordEnv(String v) {
            passwordEnv = v;
            return this;
        }

        public Builder caFile(String v) {
            caFile = v;
            return this;
        }

        public Builder clientCertFile(String v) {
            clientCertFile = v;
            return this;
        }

        public Builder clientKeyFile(String v) {
            clientKeyFile = v;
            return this;
        }

        public Builder deadband(StateDeadband v) {
            deadband = v;
            return this;
        }

        public Builder stateHeartbeat(Duration v) {
            stateHeartbeat = v;
            return this;
        }

        public Builder spoolDirectory(String v) {
            spoolDirectory = v;
            return this;
        }

        public Builder spoolMaxMessages(int v) {
            spoolMaxMessages = v;
            return this;
        }

        public Builder commandsPerSecond(double v) {
            commandsPerSecond = v;
            return this;
        }

        public Builder serviceResetQueue(int v) {
            serviceResetQueue = v;
            return this;
        }

        public Builder discoveryPrefix(String v) {
            discoveryPrefix = v;
            return this;
        }

        public MqttConfig build() {
            requireSet(url, "url");
            requireSet(topicRoot, "topicRoot");
            requireSet(stateInterval, "stateInterval");
            requireSet(username, "username");
            requireSet(passwordFile, "passwordFile");
            requireSet(passwordEnv, "passwordEnv");
            requireSet(caFile, "caFile");
            return new MqttConfig(
                    url,
                    topicRoot,
                    stateInterval,
                    username,
                    passwordFile,
                    passwordEnv,
                    caFile,
                    clientCertFile,
                    clientKeyFile,
                    deadband,
                    stateHeartbeat,
                    spoolDirectory,
                    spoolMaxMessages,
                    commandsPerSecond,
                    discoveryPrefix,
                    serviceResetQueue);
        }

        private static void requireSet(Object value, String name) {
            if (value == null) {
                throw new IllegalArgumentException(name + " is not set");
            }
        }
    }
}
