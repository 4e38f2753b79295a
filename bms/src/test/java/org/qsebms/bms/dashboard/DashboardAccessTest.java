package org.qsebms.bms.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qsebms.config.BmsConfig;
import org.qsebms.config.ConfigException;
import org.qsebms.config.ConfigLoader;
import org.qsebms.config.DashboardConfig;

/** Who may reach the dashboard, over real HTTP: the loopback rule, credentials, the override, a taken port. */
class DashboardAccessTest {
    private static final Map<String, String> ENV = Map.of("DASH_PASSWORD", "s3cret pass");

    private static BmsConfig config(DashboardConfig d) {
        return new ConfigLoader().defaultSimulated().withDashboard(d);
    }

    private static DashboardServer start(DashboardConfig d) {
        return DashboardServer.start(config(d), new DashboardFeed(4, 4, 10), "test", ENV, false);
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static int status(String url, String authorization) throws Exception {
        HttpURLConnection c = (HttpURLConnection) URI.create(url).toURL().openConnection();
        c.setReadTimeout(5_000);
        if (authorization != null) {
            c.setRequestProperty("Authorization", authorization);
        }
        try {
            return c.getResponseCode();
        } finally {
            c.disconnect();
        }
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void everyInterfaceWithoutCredentialsDoesNotStartAndLeavesThePortFree() throws Exception {
        int port = freePort();
        DashboardConfig d =
                DashboardConfig.OFF.withEnabled(true).withHost("0.0.0.0").withPort(port);
        assertThatThrownBy(() -> start(d))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("without credentials")
                .hasMessageContaining("--dashboard-allow-anonymous-remote");
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress("0.0.0.0", port)); // nothing listens there
        }
    }

    @Test
    void withCredentialsEveryRequestNeedsThemAndWrongOnesAreRefused() throws Exception {
        DashboardConfig d = DashboardConfig.OFF
                .withEnabled(true)
                .withHost("0.0.0.0")
                .withPort(0)
                .withCredentials("viewer", "", "DASH_PASSWORD");
        try (DashboardServer server = start(d)) {
            assertThat(server.loopbackOnly()).isFalse();
            assertThat(server.exposureWarning()).isEmpty();
            String url = "http://127.0.0.1:" + server.port() + "/";
            assertThat(status(url, null)).isEqualTo(401);
            assertThat(status(url + "events", null)).isEqualTo(401);
            assertThat(status(url + "api/state", null)).isEqualTo(401);
            assertThat(status(url, basic("viewer", "wrong"))).isEqualTo(401);
            assertThat(status(url, basic("admin", "s3cret pass"))).isEqualTo(401);
            assertThat(status(url, basic("viewer", "s3cret pass"))).isEqualTo(200);
            try (EventStream s = new EventStream(url + "events", basic("viewer", "s3cret pass"))) {
                assertThat(s.status).isEqualTo(200);
                s.next("meta", Duration.ofSeconds(5));
            }
        }
    }

    @Test
    void credentialsAreAlsoEnforcedOnLoopback(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("dashboard-password"), "from-a-file\nignored second line\n");
        DashboardConfig d =
                DashboardConfig.OFF.withEnabled(true).withPort(0).withCredentials("viewer", file.toString(), "");
        try (DashboardServer server = start(d)) {
            assertThat(server.loopbackOnly()).isTrue();
            assertThat(status(server.url(), null)).isEqualTo(401);
            assertThat(status(server.url(), basic("viewer", "from-a-file"))).isEqualTo(200);
        }
    }

    @Test
    void anonymousBeyondLoopbackWithTheExplicitOverride() throws Exception {
        DashboardConfig d = DashboardConfig.OFF
                .withEnabled(true)
                .withHost("0.0.0.0")
                .withPort(0)
                .withAllowAnonymousRemote(true);
        try (DashboardServer server = start(d)) {
            assertThat(server.loopbackOnly()).isFalse();
            assertThat(server.exposureWarning()).contains("WITHOUT CREDENTIALS");
            assertThat(status("http://127.0.0.1:" + server.port() + "/", null)).isEqualTo(200);
        }
    }

    @Test
    void anUnreadablePasswordIsAClearStartError(@TempDir Path dir) {
        DashboardConfig missingFile = DashboardConfig.OFF
                .withEnabled(true)
                .withPort(0)
                .withCredentials("viewer", dir.resolve("absent").toString(), "");
        assertThatThrownBy(() -> start(missingFile))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("dashboard.passwordFile: cannot read")
                .hasMessageContaining("absent");
        DashboardConfig unsetEnv =
                DashboardConfig.OFF.withEnabled(true).withPort(0).withCredentials("viewer", "", "NOT_SET_ANYWHERE");
        assertThatThrownBy(() -> start(unsetEnv))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("NOT_SET_ANYWHERE is not set or empty");
    }

    @Test
    void anAddressThatIsNotThisMachinesIsAClearError() {
        // 192.0.2.1 is TEST-NET-1 (documentation only): no interface here has it, and binding sends nothing
        DashboardConfig d = DashboardConfig.OFF
                .withEnabled(true)
                .withHost("192.0.2.1")
                .withPort(0)
                .withAllowAnonymousRemote(true);
        assertThatThrownBy(() -> start(d))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("dashboard.host (--dashboard-host): cannot serve the dashboard on 192.0.2.1:0")
                .hasMessageContaining("is 192.0.2.1 an address of this machine?");
    }

    @Test
    void aTakenPortIsRefusedUnlessTheDashboardWasNotAskedForExplicitly() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            DashboardConfig d = DashboardConfig.OFF.withEnabled(true).withPort(taken.getLocalPort());
            assertThatThrownBy(() -> start(d))
                    .isInstanceOf(ConfigException.class)
                    .hasMessageContaining("127.0.0.1:" + taken.getLocalPort())
                    .hasMessageContaining("--dashboard-port")
                    .hasMessageContaining("--no-dashboard");
            try (DashboardServer server =
                    DashboardServer.start(config(d), new DashboardFeed(4, 4, 10), "test", ENV, true)) {
                assertThat(server.port()).isNotEqualTo(taken.getLocalPort());
                assertThat(status(server.url(), null)).isEqualTo(200);
            }
        }
    }
}
