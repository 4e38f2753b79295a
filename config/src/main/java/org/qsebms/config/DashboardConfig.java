package org.qsebms.config;

import java.time.Duration;

/**
 * The live dashboard served by the BMS over HTTP (see docs/dashboard.md). Off unless enabled; read-only.
 * Like the MQTT credentials, the password is never held here: it is read from a file or an environment
 * variable at start-up.
 *
 * @param enabled               serve the dashboard
 * @param host                  interface to listen on; beyond loopback it needs credentials or
 *                              {@code allowAnonymousRemote}
 * @param port                  TCP port; 0 picks a free one (printed at start)
 * @param username              user name for HTTP basic authentication, or empty (no authentication)
 * @param passwordFile          path of a file whose first line is the password, or empty
 * @param passwordEnv           name of an environment variable holding the password, or empty
 * @param allowAnonymousRemote  serve beyond loopback without credentials (logged loudly at start)
 * @param history               how far back the charts reach
 */
public record DashboardConfig(
        boolean enabled,
        String host,
        int port,
        String username,
        String passwordFile,
        String passwordEnv,
        boolean allowAnonymousRemote,
        Duration history) {
    public static final int DEFAULT_PORT = 8787;
    public static final String DEFAULT_HOST = "127.0.0.1";
    static final Duration DEFAULT_HISTORY = Duration.ofMinutes(30);

    /** The dashboard off, with its defaults for when a flag turns it on. */
    public static final DashboardConfig OFF =
            new DashboardConfig(false, DEFAULT_HOST, DEFAULT_PORT, "", "", "", false, DEFAULT_HISTORY);

    public DashboardConfig withEnabled(boolean on) {
        return new DashboardConfig(on, host, port, username, passwordFile, passwordEnv, allowAnonymousRemote, history);
    }

    public DashboardConfig withHost(String newHost) {
        return new DashboardConfig(
                enabled, newHost, port, username, passwordFile, passwordEnv, allowAnonymousRemote, history);
    }

    public DashboardConfig withPort(int newPort) {
        return new DashboardConfig(
                enabled, host, newPort, username, passwordFile, passwordEnv, allowAnonymousRemote, history);
    }

    public DashboardConfig withAllowAnonymousRemote(boolean allow) {
        return new DashboardConfig(enabled, host, port, username, passwordFile, passwordEnv, allow, history);
    }

    public DashboardConfig withCredentials(String user, String file, String env) {
        return new DashboardConfig(enabled, host, port, user, file, env, allowAnonymousRemote, history);
    }

    /** True when a user name is configured (the password source is checked when the server starts). */
    public boolean hasCredentials() {
        return !username.isEmpty();
    }
}
