package org.qsebms.bms.broker;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.qsebms.config.ConfigException;
import org.qsebms.config.TextFileBounds;

/**
 * Who may connect to the embedded broker. On a loopback address (127.0.0.1, ::1, localhost) anyone on
 * this machine may, as with a stock Mosquitto. Beyond loopback the broker can open and close the
 * contactors from the network, so it needs a password file ({@code --broker-password-file}: lines
 * {@code user:sha256-hex-of-password}, Moquette's format) or the explicit, loudly logged
 * {@code --allow-anonymous-remote}; without either the BMS refuses to start.
 */
public final class BrokerAccess {
    /**
     * What {@code --broker-password-file} can be: a line is a user and 64 hex digits, about 100 bytes, so 1 MiB holds
     * over 10000 users. Its lines are bounded by its size and never quoted (they carry password hashes). fix23ae:
     * {@code /dev/zero} ended the start in OutOfMemoryError.
     */
    static final TextFileBounds PASSWORD_FILE = new TextFileBounds(
            "broker password file",
            1L << 20,
            "a line is a user and 64 hex digits, about 100 bytes: 1 MiB holds over 10000 users",
            Integer.MAX_VALUE,
            "a line is never quoted: it holds a password's hash");

    private BrokerAccess() {}

    /** True when {@code host} resolves to a loopback address. */
    public static boolean loopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            throw new ConfigException(
                    "--broker-host",
                    "'" + host + "' is not an address of this machine (" + e.getMessage()
                            + "); give 127.0.0.1 (this machine only) or an interface address");
        }
    }

    /**
     * Decides the embedded broker's authentication.
     *
     * @param bmsUser the user name the BMS itself logs in with (mqtt.username), empty when none
     * @return the authenticator, or null for anonymous access
     * @throws ConfigException when a non-loopback host has neither a password file nor the explicit permission,
     *                         or the password file is unusable or lacks the BMS's own user
     */
    public static EmbeddedBroker.Authenticator decide(
            String host, Path passwordFile, boolean allowAnonymousRemote, String bmsUser) {
        if (passwordFile != null) {
            Map<String, byte[]> users = read(passwordFile);
            if (bmsUser.isEmpty() || !users.containsKey(bmsUser)) {
                throw new ConfigException(
                        "mqtt.username",
                        (bmsUser.isEmpty() ? "is not set" : "'" + bmsUser + "' has no line in " + passwordFile)
                                + ": the embedded broker now requires a login, the BMS's "
                                + "own included; set mqtt.username and mqtt.passwordFile (or passwordEnv) in the configuration "
                                + "and give that user a line in " + passwordFile);
            }
            return (clientId, username, password) -> {
                byte[] want = username == null ? null : users.get(username);
                return want != null && password != null && MessageDigest.isEqual(want, sha256(password));
            };
        }
        if (loopback(host)) {
            return null;
        }
        if (!allowAnonymousRemote) {
            throw new ConfigException(
                    "--broker-host",
                    "'" + host + "' serves the embedded MQTT broker beyond this "
                            + "machine, where anyone who reaches it could open and close the contactors; give "
                            + "--broker-password-file FILE (lines user:sha256-hex-of-password, docs/mqtt.md) or, on a closed "
                            + "test network only, --allow-anonymous-remote; or use 127.0.0.1 and a real broker (--mqtt-url)");
        }
        return null;
    }

    /** The warning printed and logged when anonymous remote access was allowed explicitly. */
    public static String anonymousRemoteWarning(String host, int port) {
        return "WARNING: --allow-anonymous-remote: the embedded MQTT broker on " + host + ":" + port + " accepts ANY "
                + "client from the network WITHOUT a password; anyone who reaches this port can open and close the "
                + "contactors and change the current limits. Use --broker-password-file or a real broker with an ACL "
                + "outside a closed test network.";
    }

    private static Map<String, byte[]> read(Path file) {
        List<String> lines;
        try {
            lines = PASSWORD_FILE.lines(file);
        } catch (TextFileBounds.Refused e) {
            throw new ConfigException("--broker-password-file", e.getMessage());
        } catch (IOException e) {
            throw new ConfigException(
                    "--broker-password-file",
                    "cannot read " + file + " (" + e + "); give a readable "
                            + "file of lines user:sha256-hex-of-password");
        }
        Map<String, byte[]> users = new HashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int colon = line.indexOf(':');
            String hex = colon < 0 ? "" : line.substring(colon + 1).strip();
            if (colon <= 0 || !hex.matches("[0-9a-fA-F]{64}")) {
                throw new ConfigException(
                        "--broker-password-file",
                        file + " line " + (i + 1) + " is not "
                                + "user:sha256-hex-of-password (64 hex digits); make one with: printf '%s:%s\\n' USER "
                                + "\"$(printf %s PASSWORD | sha256sum | cut -d' ' -f1)\"");
            }
            users.put(line.substring(0, colon), HexFormat.of().parseHex(hex.toLowerCase(java.util.Locale.ROOT)));
        }
        if (users.isEmpty()) {
            throw new ConfigException("--broker-password-file", file + " has no user; add lines user:sha256-hex");
        }
        return users;
    }

    private static byte[] sha256(byte[] password) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(password);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
