package org.qsebms.bms.broker;

import io.moquette.BrokerConstants;
import io.moquette.broker.Server;
import io.moquette.broker.config.IConfig;
import io.moquette.broker.config.MemoryConfig;
import io.moquette.broker.security.IAuthorizatorPolicy;
import io.moquette.broker.subscriptions.Topic;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Properties;

/**
 * The embedded Moquette MQTT broker used by {@code bms run --simulated}, so a newcomer can watch
 * telemetry with any MQTT client without installing a broker.
 */
public final class EmbeddedBroker implements AutoCloseable {
    private final Server server = new Server();
    private final String host;
    private final int port;

    private EmbeddedBroker(String host, int port) {
        this.host = host;
        this.port = port;
    }

    /**
     * Starts a broker on {@code host:port}.
     *
     * @throws BrokerStartException with a clear message when the port is taken or cannot be bound
     */
    public static EmbeddedBroker start(String host, int port) {
        return start(host, port, null);
    }

    /** Decides whether a client may connect (client id, user name, password); used for credentials in tests and demos. */
    @FunctionalInterface
    public interface Authenticator {
        boolean allow(String clientId, String username, byte[] password);
    }

    /**
     * Starts a broker on {@code host:port}; with an authenticator, anonymous clients are refused and every
     * connection needs a user name the authenticator accepts.
     */
    public static EmbeddedBroker start(String host, int port, Authenticator authenticator) {
        return start(host, port, authenticator, null);
    }

    /** Decides whether a connected client may publish to a topic (client id, topic). */
    @FunctionalInterface
    public interface PublishPolicy {
        boolean mayPublish(String clientId, String topic);
    }

    /**
     * Starts a broker as {@link #start(String, int, Authenticator)} does; with a publish policy, a publish it refuses
     * is discarded by the broker without an acknowledgement and without being forwarded (Moquette's behaviour for an
     * unauthorized publish). Tests use it to quiesce a client before stopping the broker.
     */
    public static EmbeddedBroker start(String host, int port, Authenticator authenticator, PublishPolicy publish) {
        if (!portFree(host, port)) {
            throw new BrokerStartException("cannot start the embedded MQTT broker: port " + port + " on " + host
                    + " is already in use (another broker such as mosquitto may be running); stop it, choose another "
                    + "port with --broker-port PORT, or use that broker with --mqtt-url tcp://" + host + ":" + port);
        }
        EmbeddedBroker b = new EmbeddedBroker(host, port);
        Properties p = new Properties();
        p.setProperty(IConfig.HOST_PROPERTY_NAME, host);
        p.setProperty(IConfig.PORT_PROPERTY_NAME, Integer.toString(port));
        p.setProperty(IConfig.WEB_SOCKET_PORT_PROPERTY_NAME, BrokerConstants.DISABLED_PORT_BIND);
        p.setProperty(IConfig.ALLOW_ANONYMOUS_PROPERTY_NAME, authenticator == null ? "true" : "false");
        p.setProperty(IConfig.PERSISTENCE_ENABLED_PROPERTY_NAME, "false");
        p.setProperty(IConfig.ENABLE_TELEMETRY_NAME, "false");
        p.setProperty(BrokerConstants.METRICS_ENABLE_PROPERTY_NAME, "false");
        p.setProperty(BrokerConstants.BUGSNAG_ENABLE_PROPERTY_NAME, "false");
        p.setProperty(IConfig.BUFFER_FLUSH_MS_PROPERTY_NAME, "immediate"); // flush every write at once
        // as Mosquitto does: a clean-session client may leave its id empty and get one assigned
        // (mosquitto_sub, run as the README says, does exactly that)
        p.setProperty(BrokerConstants.ALLOW_ZERO_BYTE_CLIENT_ID_PROPERTY_NAME, "true");
        try {
            if (authenticator == null && publish == null) {
                b.server.startServer(new MemoryConfig(p));
            } else {
                IAuthorizatorPolicy policy = publish == null
                        ? null
                        : new IAuthorizatorPolicy() {
                            @Override
                            public boolean canWrite(Topic topic, String user, String client) {
                                return publish.mayPublish(client, topic.toString());
                            }

                            @Override
                            public boolean canRead(Topic topic, String user, String client) {
                                return true;
                            }
                        };
                b.server.startServer(
                        new MemoryConfig(p),
                        java.util.List.of(),
                        null,
                        authenticator == null ? null : authenticator::allow,
                        policy);
            }
        } catch (IOException | RuntimeException e) {
            throw new BrokerStartException(
                    "cannot start the embedded MQTT broker on " + host + ":" + port + ": " + e.getMessage()
                            + "; choose another port with --broker-port PORT",
                    e);
        }
        return b;
    }

    /** A free TCP port on the loopback interface (for tests and --broker-port 0). */
    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new BrokerStartException("no free TCP port on the loopback interface: " + e.getMessage(), e);
        }
    }

    static boolean portFree(String host, int port) {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true); // still fails while anything listens; tolerates TIME_WAIT after a restart
            s.bind(new InetSocketAddress(host, port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    public String url() {
        String h = "0.0.0.0".equals(host) ? "127.0.0.1" : host;
        return "tcp://" + h + ":" + port;
    }

    public int port() {
        return port;
    }

    @Override
    public void close() {
        server.stopServer();
    }

    /** The embedded broker could not start; the message says why and what to do. */
    public static final class BrokerStartException extends RuntimeException {
        public BrokerStartException(String message) {
            super(message);
        }

        public BrokerStartException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
