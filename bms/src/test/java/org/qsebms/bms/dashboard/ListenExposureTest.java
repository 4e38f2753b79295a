package org.qsebms.bms.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.qsebms.config.ConfigException;

class ListenExposureTest {
    private static final String FIX = "set dashboard.username";

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.0.0.2", "localhost", "::1"})
    void loopbackNeedsNoCredentials(String host) {
        ListenExposure e = ListenExposure.check("dashboard", "dashboard.host", host, false, false, FIX);
        assertThat(e.loopback()).isTrue();
        assertThat(e.warning()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.0.0.0", "::"})
    void everyInterfaceWithoutCredentialsIsRefusedWithTheFix(String host) {
        assertThatThrownBy(() -> ListenExposure.check("dashboard", "dashboard.host", host, false, false, FIX))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("dashboard.host: " + host)
                .hasMessageContaining("every network interface without credentials")
                .hasMessageContaining(FIX)
                .hasMessageContaining("127.0.0.1");
    }

    @Test
    void everyInterfaceWithCredentialsIsServedQuietly() {
        ListenExposure e = ListenExposure.check("dashboard", "dashboard.host", "0.0.0.0", true, false, FIX);
        assertThat(e.loopback()).isFalse();
        assertThat(e.warning()).isEmpty();
    }

    @Test
    void anonymousBeyondLoopbackOnlyWithTheOverrideAndThenWithALoudWarning() {
        ListenExposure e = ListenExposure.check("dashboard", "dashboard.host", "0.0.0.0", false, true, FIX);
        assertThat(e.loopback()).isFalse();
        assertThat(e.warning())
                .startsWith("WARNING")
                .contains("WITHOUT CREDENTIALS")
                .contains("every network interface");
    }

    @Test
    void anUnknownHostIsAClearError() {
        assertThatThrownBy(() ->
                        ListenExposure.check("dashboard", "dashboard.host", "no-such-host.invalid", false, false, FIX))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("'no-such-host.invalid' is not an address or a known host name");
    }
}
