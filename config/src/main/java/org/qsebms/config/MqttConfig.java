package org.qsebms.config;

import java.time.Duration;

/**
 * MQTT connection and publishing settings. Credentials are never stored here in clear: they
 * are read from a file or an environment variable at connect time.
 *
 * @param url            broker URL (tcp://host:port or ssl://host:port); empty means the embedded broker
 * @param topicRoot      first topic level, default {@code qse-bms}
 * @param stateInterval  interval between state messages
 * @param username       user name, or empty
 * @param passwordFile   path of a file holding the password, or empty
 * @param passwordEnv    name of an environment variable holding the password, or empty
 * @param caFile         CA certificate (PEM) for TLS, or empty
 */
public record MqttConfig(
        String url,
        String topicRoot,
        Duration stateInterval,
        String username,
        String passwordFile,
        String passwordEnv,
        String caFile) {
}
