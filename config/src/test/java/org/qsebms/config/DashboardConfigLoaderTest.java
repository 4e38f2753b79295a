package org.qsebms.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class DashboardConfigLoaderTest {
    private final ConfigLoader loader = new ConfigLoader();

    private static final String MINIMAL = """
            pack:
              id: bench-1
              chemistry: psoa-ncm811
              seriesCells: 4
            """;

    @Test
    void withoutASectionTheDashboardIsOffOnLoopbackWithItsDefaults() {
        DashboardConfig d = loader.parse(MINIMAL, "test").dashboard();
        assertThat(d.enabled()).isFalse();
        assertThat(d.host()).isEqualTo("127.0.0.1");
        assertThat(d.port()).isEqualTo(DashboardConfig.DEFAULT_PORT);
        assertThat(d.hasCredentials()).isFalse();
        assertThat(d.allowAnonymousRemote()).isFalse();
        assertThat(d.history()).isEqualTo(Duration.ofMinutes(30));
        assertThat(loader.defaultSimulated().dashboard().enabled())
                .as("run --simulated turns it on, not the file")
                .isFalse();
    }

    @Test
    void aSectionTurnsItOnAndSetsEveryKey() {
        DashboardConfig d = loader.parse(MINIMAL + """
                dashboard:
                  host: 0.0.0.0
                  port: 9090
                  username: viewer
                  passwordFile: /etc/qse-bms/dashboard-password
                  history: 2h
                """, "test").dashboard();
        assertThat(d.enabled()).isTrue();
        assertThat(d.host()).isEqualTo("0.0.0.0");
        assertThat(d.port()).isEqualTo(9090);
        assertThat(d.username()).isEqualTo("viewer");
        assertThat(d.passwordFile()).isEqualTo("/etc/qse-bms/dashboard-password");
        assertThat(d.history()).isEqualTo(Duration.ofHours(2));
        assertThat(loader.parse(MINIMAL + "dashboard:\n  enabled: false\n", "test")
                        .dashboard()
                        .enabled())
                .isFalse();
        assertThat(loader.parse(MINIMAL + "dashboard:\n  allowAnonymousRemote: true\n", "test")
                        .dashboard()
                        .allowAnonymousRemote())
                .isTrue();
    }

    @Test
    void badSettingsAreRejectedWithTheKeyAndTheFix() {
        assertThatThrownBy(() -> loader.parse(MINIMAL + "dashboard:\n  port: 70000\n", "test"))
                .hasMessageStartingWith("dashboard.port: 70000 is outside 0..65535");
        assertThatThrownBy(() -> loader.parse(MINIMAL + "dashboard:\n  passwordEnv: DASH_PW\n", "test"))
                .hasMessageStartingWith("dashboard.username: a password source is configured but no user name");
        assertThatThrownBy(() -> loader.parse(MINIMAL + "dashboard:\n  username: viewer\n", "test"))
                .hasMessageStartingWith("dashboard.username: 'viewer' has no password")
                .hasMessageContaining("dashboard.passwordFile");
        assertThatThrownBy(() -> loader.parse(MINIMAL + """
                dashboard:
                  username: viewer
                  passwordFile: pw
                  passwordEnv: PW
                """, "test"))
                .hasMessageStartingWith("dashboard.passwordEnv: both passwordFile and passwordEnv");
        assertThatThrownBy(() -> loader.parse(MINIMAL + "dashboard:\n  host: ''\n", "test"))
                .hasMessageStartingWith("dashboard.host: is empty");
        assertThatThrownBy(() -> loader.parse(MINIMAL + "dashboard:\n  history: 1s\n", "test"))
                .hasMessageStartingWith("dashboard.history: 1s is outside");
        assertThatThrownBy(() -> loader.parse(MINIMAL + "dashboard:\n  enabled: yes please\n", "test"))
                .hasMessageStartingWith("dashboard.enabled: expected true or false");
        assertThatThrownBy(() -> loader.parse(MINIMAL + "dashboard:\n  prot: 80\n", "test"))
                .hasMessageContaining("dashboard")
                .hasMessageContaining("prot");
    }

    @Test
    void docsConfigurationListsExactlyTheKeysTheLoaderAccepts() throws Exception {
        Set<String> documented = new TreeSet<>();
        for (String line : Files.readAllLines(Path.of("..", "docs", "configuration.md"))) {
            if (line.startsWith("| `dashboard.")) {
                Matcher m = Pattern.compile("`dashboard\\.(\\w+)`").matcher(line.substring(0, line.indexOf(" |", 2)));
                while (m.find()) {
                    documented.add(m.group(1));
                }
            }
        }
        String message = "";
        try {
            loader.parse(MINIMAL + "dashboard:\n  notAKey: 1\n", "test");
        } catch (ConfigException e) {
            message = e.getMessage();
        }
        Matcher allowed = Pattern.compile("allowed keys here are \\[([^]]*)]").matcher(message);
        assertThat(allowed.find()).as(message).isTrue();
        assertThat(documented).containsExactlyInAnyOrder(allowed.group(1).split(", "));
    }
}
