package org.qsebms.config;

/**
 * A configuration problem found at start-up. The message names the key path, the bad value,
 * what is allowed and how to fix it.
 */
public final class ConfigException extends RuntimeException {
    private final String keyPath;
    private final String reason;

    public ConfigException(String keyPath, String message) {
        super(keyPath == null || keyPath.isEmpty() ? message : keyPath + ": " + message);
        this.keyPath = keyPath;
        this.reason = message;
    }

    public ConfigException(String keyPath, String message, Throwable cause) {
        super(keyPath == null || keyPath.isEmpty() ? message : keyPath + ": " + message, cause);
        this.keyPath = keyPath;
        this.reason = message;
    }

    /** The message without its key path, to be given again under the path of the entry that holds it. */
    String reason() {
        return reason;
    }

    /** The dotted key path of the offending entry, e.g. {@code limits.cellOverVoltage.msl}. */
    String keyPath() {
        return keyPath;
    }
}
