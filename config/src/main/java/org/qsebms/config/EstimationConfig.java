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
 * @param selfDischargeLimitPerDay the most SOC (fraction) a healthy cell of the pack loses in a day with
 *                  the BMS off: a restored SOC's doubt grows by this times the days off (as a limit, sigma
 *                  over sqrt(3)); docs/estimation.md, "A restart keeps the SOC's doubt"
 */
public record EstimationConfig(SocFilterKind socFilter, boolean currentOffsetState, double selfDischargeLimitPerDay) {
    /**
     * 0.5 % a day: about five times the 2-3 % a month lithium-ion cells lose at room temperature, for
     * warm storage and for prototype cells with an electrolyte whose self-discharge nobody measured
     * (the seed paper reports none); set by reasoning, not fitted.
     */
    public static final double DEFAULT_SELF_DISCHARGE_LIMIT_PER_DAY = 0.005;

    /** Without an {@code estimation:} section: {@link SocFilterKind#DEFAULT}, no current-offset state. */
    static final EstimationConfig DEFAULTS = new EstimationConfig(SocFilterKind.DEFAULT, false);

    public EstimationConfig {
        if (socFilter == null) {
            throw new IllegalArgumentException("socFilter must be given");
        }
        if (!(selfDischargeLimitPerDay >= 0 && selfDischargeLimitPerDay <= 1)) {
            throw new IllegalArgumentException(
                    "selfDischargeLimitPerDay must lie in 0..1 (a fraction of SOC a day), got "
                            + selfDischargeLimitPerDay);
        }
    }

    /** With the default self-discharge limit ({@link #DEFAULT_SELF_DISCHARGE_LIMIT_PER_DAY}). */
    public EstimationConfig(SocFilterKind socFilter, boolean currentOffsetState) {
        this(socFilter, currentOffsetState, DEFAULT_SELF_DISCHARGE_LIMIT_PER_DAY);
    }
}
