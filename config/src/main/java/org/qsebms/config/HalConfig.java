package org.qsebms.config;

import java.util.Objects;
import java.util.Optional;
import org.qsebms.hal.wiring.WiringConfig;

/**
 * Hardware backend selection and, for the {@code pi4j} backend, how the Pi is wired
 * ({@code hal.pi4j}, a record owned by the hal module).
 */
public record HalConfig(HalBackend backend, Optional<WiringConfig> pi4j) {
    public HalConfig {
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(pi4j, "pi4j");
    }

    /** A backend without a Pi wiring section (the simulated backend). */
    public HalConfig(HalBackend backend) {
        this(backend, Optional.empty());
    }
}
