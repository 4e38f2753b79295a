package org.qsebms.bms.telemetry;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.qsebms.config.ConfigException;
import org.qsebms.config.MqttConfig;
import org.qsebms.config.TextFileBounds;

/**
 * Applies credentials and TLS from {@link MqttConfig} to Paho's connect options. The password is
 * read from a file or an environment variable at start-up, held only in the options, and never
 * logged or put into an exception message.
 */
final class MqttSecurity {
    /** What {@code mqtt.passwordFile} can be (one line, never quoted in a refusal). */
    static final TextFileBounds PASSWORD_FILE = TextFileBounds.passwordFile("mqtt password file");

    /**
     * What a PEM file of {@code mqtt.caFile}, {@code clientCertFile} or {@code clientKeyFile} can be: a key or a chain of
     * a few certificates of under 2 kB each; 1 MiB holds even the whole system CA bundle (214 kB, 144 certificates,
     * Ubuntu's /etc/ssl/certs/ca-certificates.crt). fix23ae: {@code caFile: /dev/zero} hung the start, a password file
     * of /dev/zero or 2 GB ended it in OutOfMemoryError.
     */
    static final TextFileBounds PEM_FILE = new TextFileBounds(
            "PEM file",
            1L << 20,
            "a PEM file holds a key or a few certificates of under 2 kB each; the whole system CA bundle is 214 kB",
            Integer.MAX_VALUE,
            "PEM lines are the certificate parser's");

    private MqttSecurity() {}

    /** Sets user name, password and (for ssl:// URLs) the socket factory. */
    public static void apply(MqttConfig cfg, String url, MqttConnectOptions options, Map<String, String> env) {
        if (!cfg.username().isEmpty()) {
            options.setUserName(cfg.username());
            char[] password = password(cfg, env);
            if (password != null) {
                options.setPassword(password);
            }
        } else if (!cfg.passwordFile().isEmpty() || !cfg.passwordEnv().isEmpty()) {
            throw new IllegalArgumentException("mqtt.username: a password source is configured but no user name; "
                    + "set mqtt.username or remove mqtt.passwordFile/mqtt.passwordEnv");
        }
        if (url.startsWith("ssl://")) {
            options.setSocketFactory(new NoDelaySocketFactory.Tls(socketFactory(cfg)));
            options.setHttpsHostnameVerificationEnabled(true);
        } else if (!cfg.caFile().isEmpty() || !cfg.clientCertFile().isEmpty()) {
            throw new IllegalArgumentException("mqtt.url: '" + url + "' is plain TCP but TLS files are configured "
                    + "(mqtt.caFile/clientCertFile); use ssl://HOST:8883 or remove the TLS settings");
        } else {
            options.setSocketFactory(new NoDelaySocketFactory());
        }
    }

    /** The password from mqtt.passwordFile (first line) or mqtt.passwordEnv; null when neither is set. */
    static char[] password(MqttConfig cfg, Map<String, String> env) {
        if (!cfg.passwordFile().isEmpty()) {
            Path p = Path.of(cfg.passwordFile());
            try {
                String text = PASSWORD_FILE.text(p);
                int nl = text.indexOf('\n');
                String line = nl < 0 ? text : text.substring(0, nl);
                if (line.endsWith("\r")) {
                    line = line.substring(0, line.length() - 1);
                }
                if (line.isEmpty()) {
                    throw new ConfigException(
                            "mqtt.passwordFile",
                            p.toAbsolutePath() + " is empty; write the password on its first line");
                }
                return line.toCharArray();
            } catch (TextFileBounds.Refused e) {
                throw new ConfigException("mqtt.passwordFile", e.getMessage());
            } catch (IOException e) {
                throw new ConfigException(
                        "mqtt.passwordFile",
                        "cannot read " + p.toAbsolutePath() + " ("
                                + e.getClass().getSimpleName() + "); check the path and that the BMS user may read it",
                        e);
            }
        }
        if (!cfg.passwordEnv().isEmpty()) {
            String v = env.get(cfg.passwordEnv());
            if (v == null || v.isEmpty()) {
                throw new IllegalArgumentException("mqtt.passwordEnv: environment variable " + cfg.passwordEnv()
                        + " is not set or empty; export it before starting the BMS");
            }
            return v.toCharArray();
        }
        return null;
    }

    /** TLS socket factory trusting mqtt.caFile (or the JVM defaults) with an optional client certificate. */
    static SSLSocketFactory socketFactory(MqttConfig cfg) {
        try {
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            if (cfg.caFile().isEmpty()) {
                tmf.init((KeyStore) null);
            } else {
                KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
                trust.load(null, null);
                int i = 0;
                for (Certificate c : certificates(Path.of(cfg.caFile()), "mqtt.caFile")) {
                    trust.setCertificateEntry("ca" + i++, c);
                }
                tmf.init(trust);
            }
            KeyManagerFactory kmf = null;
            if (!cfg.clientCertFile().isEmpty()) {
                List<Certificate> chain = certificates(Path.of(cfg.clientCertFile()), "mqtt.clientCertFile");
                PrivateKey key = privateKey(Path.of(cfg.clientKeyFile()));
                KeyStore ks = KeyStore.getInstance("PKCS12");
                ks.load(null, null);
                char[] none = new char[0];
                ks.setKeyEntry("client", key, none, chain.toArray(new Certificate[0]));
                kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                kmf.init(ks, none);
            }
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
            return ctx.getSocketFactory();
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalArgumentException(
                    "mqtt TLS setup failed (" + e.getMessage() + "); check mqtt.caFile, "
                            + "mqtt.clientCertFile and mqtt.clientKeyFile are PEM files",
                    e);
        }
    }

    private static List<Certificate> certificates(Path p, String key) throws IOException, GeneralSecurityException {
        try (InputStream in = new ByteArrayInputStream(pem(p, key))) {
            Collection<? extends Certificate> certs =
                    CertificateFactory.getInstance("X.509").generateCertificates(in);
            if (certs.isEmpty()) {
                throw new IllegalArgumentException(key + ": " + p.toAbsolutePath() + " holds no PEM certificate");
            }
            return new ArrayList<>(certs);
        } catch (IOException e) {
            throw new IllegalArgumentException(
                    key + ": cannot read " + p.toAbsolutePath() + " (" + e.getMessage() + ")", e);
        }
    }

    /** The bytes of the PEM file {@code p} set as {@code key}, within {@link #PEM_FILE}; a refusal is a config error. */
    private static byte[] pem(Path p, String key) throws IOException {
        try {
            return PEM_FILE.bytes(p);
        } catch (TextFileBounds.Refused e) {
            throw new ConfigException(key, e.getMessage());
        }
    }

    private static PrivateKey privateKey(Path p) throws IOException, GeneralSecurityException {
        String pem = new String(pem(p, "mqtt.clientKeyFile"), StandardCharsets.US_ASCII);
        if (!pem.contains("-----BEGIN PRIVATE KEY-----")) {
            throw new IllegalArgumentException("mqtt.clientKeyFile: " + p.toAbsolutePath() + " is not an unencrypted "
                    + "PKCS#8 PEM key; convert it with: openssl pkcs8 -topk8 -nocrypt -in KEY -out KEY.pk8.pem");
        }
        String b64 = pem.substring(
                        pem.indexOf("-----BEGIN PRIVATE KEY-----") + 27, pem.indexOf("-----END PRIVATE KEY-----"))
                .replaceAll("\\s", "");
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(Base64.getDecoder().decode(b64));
        for (String alg : List.of("RSA", "EC", "Ed25519")) {
            try {
                return KeyFactory.getInstance(alg).generatePrivate(spec);
            } catch (GeneralSecurityException ignored) {
                // try the next algorithm
            }
        }
        throw new IllegalArgumentException(
                "mqtt.clientKeyFile: " + p.toAbsolutePath() + " is neither an RSA, EC nor Ed25519 key");
    }
}
