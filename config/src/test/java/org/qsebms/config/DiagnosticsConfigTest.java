package org.qsebms.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The {@code health.diagnostics} section: values, defaults and errors that say what to fix. */
class DiagnosticsConfigTest {
    private static BmsConfig parse(String diagnostics) {
        return new ConfigLoader()
                .parse(
                        "pack: {chemistry: psoa-ncm811, seriesCells: 4, capacityAh: 2.0}\n" + "health:\n  diagnostics: "
                                + diagnostics + "\n",
                        "test.yaml");
    }

    @Test
    void offUnlessConfigured() {
        BmsConfig cfg = new ConfigLoader().parse("pack: {chemistry: psoa-ncm811, seriesCells: 4}\n", "test.yaml");
        assertThat(cfg.health().diagnostics()).isEqualTo(DiagnosticsConfig.OFF);
        assertThat(cfg.health().diagnostics().enabled()).isFalse();
    }

    @Test
    void readsEveryKeyWithItsUnit() {
        DiagnosticsConfig d = parse("{everyCycles: 50, every: 168h, minSoc: 0.4, maxSoc: 0.6, minCelsius: 20, "
                        + "maxCelsius: 30, idle: 5min, minRest: 20min, maxRest: 2h, relaxedVoltsPerMinute: 0.0005, "
                        + "pulseC: 1.0, "
                        + "pulse: 5s}")
                .health()
                .diagnostics();
        assertThat(d.enabled()).isTrue();
        assertThat(d.everyCycles()).isEqualTo(50);
        assertThat(d.every()).isEqualTo(Duration.ofHours(168));
        assertThat(d.minSoc()).isEqualTo(0.4);
        assertThat(d.maxCelsius()).isEqualTo(30);
        assertThat(d.minRest()).isEqualTo(Duration.ofMinutes(20));
        assertThat(d.pulseC()).isEqualTo(1.0);
        assertThat(d.pulse()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void badValuesSayWhereWhatAndHowToFix() {
        assertThatThrownBy(() -> parse("{minSoc: 0.3}"))
                .hasMessageContaining("health.diagnostics.everyCycles")
                .hasMessageContaining("neither everyCycles nor every is set");
        assertThatThrownBy(() -> parse("{everyCycles: 10, minSoc: 0.7, maxSoc: 0.3}"))
                .hasMessageContaining("health.diagnostics.maxSoc")
                .hasMessageContaining("not above minSoc");
        // the band must stay inside the temperature MOLs (psoa-ncm811: charging from 10 °C, up to 40 °C)
        assertThatThrownBy(() -> parse("{everyCycles: 10, maxCelsius: 45}"))
                .hasMessageContaining("health.diagnostics.maxCelsius");
        assertThatThrownBy(() -> parse("{everyCycles: 10, minCelsius: 5}"))
                .hasMessageContaining("health.diagnostics.minCelsius");
        // the pulse stays inside the discharge-current MOL (2 C)
        assertThatThrownBy(() -> parse("{everyCycles: 10, pulseC: 3}"))
                .hasMessageContaining("health.diagnostics.pulseC");
        assertThatThrownBy(() -> parse("{everyCycles: 10, minRest: 1h, maxRest: 30min}"))
                .hasMessageContaining("health.diagnostics.maxRest")
                .hasMessageContaining("shorter than minRest");
        assertThatThrownBy(() -> parse("{everyCycles: 10, pulses: 3}")).hasMessageContaining("pulses");
    }
}
