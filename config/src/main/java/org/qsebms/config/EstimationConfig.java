package org.qsebms.config;

import org.qsebms.estimators.soc.SocFilterKind;

/**
 * Settings of the state estimators (the {@code estimation:} section).
 *
 * @param socFilter which SOC filter the controller runs: {@code ekf} (extended Kalman filter) or
 *                  {@code spkf} (Plett's sigma-point Kalman filter); both on the same cell model,
 *                  state and bound (docs/estimation.md compares them)
 * @param currentOffsetState whether the SOC filter estimates each cell's current offset (Plett's bias
 *                  augmentation, {@code CurrentOffsetDoubt.piCurrentChannel()}'s doubt): off by default;
 *                  on, it also follows a cell's own leak, so the soft-short drift cue reads a leak in a
 *                  cycling pack from estimates that do not lag it (docs/safety.md, "The leak as the SOC
 *                  filter's current-offset state")
 */
public record EstimationConfig(SocFilterKind socFilter, boolean currentOffsetState) {
    /** Without an {@code estimation:} section: {@link SocFilterKind#DEFAULT}, no current-offset state. */
    static final EstimationConfig DEFAULTS = new EstimationConfig(SocFilterKind.DEFAULT, false);

    public EstimationConfig {
        if (socFilter == null) {
            throw new IllegalArgumentException("socFilter must be given");
        }
    }
}
