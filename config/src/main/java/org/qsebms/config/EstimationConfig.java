package org.qsebms.config;

import org.qsebms.estimators.soc.SocFilterKind;

/**
 * Settings of the state estimators (the {@code estimation:} section).
 *
 * @param socFilter which SOC filter the controller runs: {@code ekf} (extended Kalman filter) or
 *                  {@code spkf} (Plett's sigma-point Kalman filter); both on the same cell model,
 *                  state and bound (docs/estimation.md compares them)
 */
public record EstimationConfig(SocFilterKind socFilter) {
    /** Without an {@code estimation:} section: {@link SocFilterKind#DEFAULT}. */
    static final EstimationConfig DEFAULTS = new EstimationConfig(SocFilterKind.DEFAULT);

    public EstimationConfig {
        if (socFilter == null) {
            throw new IllegalArgumentException("socFilter must be given");
        }
    }
}
