package org.qsebms.bms.dashboard;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import org.qsebms.config.ConfigException;
import org.qsebms.config.DashboardConfig;
import org.qsebms.config.TextFileBounds;

/**
 * The dashboard's user name and password (HTTP basic authentication). The password is read once at start-up from
 * {@code dashboard.passwordFile} (first line) or {@code dashboard.passwordEnv}, kept only as a SHA-256 digest, and
 * never logged; a login is compared in constant time.
 */
final class DashboardCredentials {
    /**
     * What {@code dashboard.passwordFile} can be (one line, never quoted in a refusal). fix23ae: {@code /dev/zero}
     * ended the start in OutOfMemoryError and the process hung on.
     */
    static final TextFileBounds PASSWORD_FILE = TextFileBounds.passwordFile("dashboard password file");

    private final String username;
    private final byte[] passwordDigest;

    private DashboardCredentials(String username, byte[] passwordDigest) {
        this.username = username;
        this.passwordDigest = passwordDigest;
    }

    /** The configured credentials, or null when no user name is configured. */
    static DashboardCredentials read(DashboardConfig cfg, Map<String, String> env) {
        if (!cfg.hasCredentials()) {
            return null;
        }
        String password;
        if (!cfg.passwordFile().isEmpty()) {
            Path p = Path.of(cfg.passwordFile());
            String text;
            try {
                text = PASSWORD_FILE.text(p);
            } catch (TextFileBounds.Refused e) {
                throw new ConfigException("dashboard.passwordFile", e.getMessage());
            } catch (IOException e) {
                throw new ConfigException(
                        "dashboard.passwordFile",
                        "cannot read " + p.toAbsolutePath() + " ("
                                + e.getClass().getSimpleName() + "); check the path and that the BMS user may read it");
            }
            password = text.lines().findFirst().orElse("");
            if (password.isEmpty()) {
                throw new ConfigException(
                        "dashboard.passwordFile",
                        p.toAbsolutePath() + " is empty; write the password on its first line");
            }
        } else {
            password = env.get(cfg.passwordEnv());
            if (password == null || password.isEmpty()) {
                throw new ConfigException(
                        "dashboard.passwordEnv",
                        "environment variable " + cfg.passwordEnv()
                                + " is not set or empty; export it before starting the BMS");
            }
        }
        return new DashboardCredentials(cfg.username(), digest(password));
    }

    boolean matches(String user, String password) {
        boolean userOk = MessageDigest.isEqual(digest(user), digest(username));
        boolean passwordOk = MessageDigest.isEqual(digest(password), passwordDigest);
        return userOk & passwordOk;
    }

    private static byte[] digest(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
