package org.qsebms.config;

import java.util.Objects;
import java.util.Optional;
import org.qsebms.hal.bq76952.Bq76952Wiring;
import org.qsebms.hal.wiring.WiringConfig;

/**
 * Hardware backend selection and, for the {@code pi4j} backend, how the Pi is wired: ADCs
 * ({@code hal.pi4j}) or a BQ76952 battery monitor ({@code hal.bq76952}); records owned by the
 * hal module. At most one of the two. Whatever the backend, {@code hal.currentSensor} gives the
 * rated accuracy of the sensor that measures the pack current.
 */
public record HalConfig(
        HalBackend backend,
        Optional<WiringConfig> pi4j,
        Optional<Bq76952Wiring> bq76952,
        CurrentSensorRating currentSensor) {
    public HalConfig {
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(pi4j, "pi4j");
        Objects.requireNonNull(bq76952, "bq76952");
        Objects.requireNonNull(currentSensor, "currentSensor");
    }

    /** A backend with an ADC wiring section or none, and the default current sensor rating. */
    HalConfig(HalBackend backend, Optional<WiringConfig> pi4j) {
        this(backend, pi4j, Optional.empty(), CurrentSensorRating.DEFAULTS);
    }

    /** A backend without a Pi wiring section (the simulated backend). */
    HalConfig(HalBackend backend) {
        this(backend, Optional.empty());
    }
}
