package org.qsebms.estimators.soc;

import java.util.Locale;
import org.qsebms.estimators.model.EcmParameters;

/**
 * Which SOC filter runs: the extended Kalman filter ({@link EkfSocEstimator}) or Plett's
 * sigma-point Kalman filter ({@link SpkfSocEstimator}). Both run the one process model
 * ({@code EquivalentCircuitModel}) with the same state, tuning, adaptation and bound; the
 * configuration key {@code estimation.socFilter} and {@code bms replay --filter} name them
 * {@code ekf} and {@code spkf}.
 */
public enum SocFilterKind {
    EKF,
    SPKF;

    /** The default of the controller and {@code bms replay} (docs/estimation.md: the comparison that chose it). */
    public static final SocFilterKind DEFAULT = EKF;

    /** The name used in configuration and on the command line: {@code ekf} or {@code spkf}. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The kind named {@code text} ({@code ekf} or {@code spkf}, any case).
     *
     * @throws IllegalArgumentException naming the value and the allowed ones
     */
    public static SocFilterKind parse(String text) {
        if (text != null) {
            for (SocFilterKind k : values()) {
                if (k.configName().equalsIgnoreCase(text.trim())) {
                    return k;
                }
            }
        }
        throw new IllegalArgumentException("'" + text + "' is not a SOC filter; use ekf (extended Kalman filter) "
                + "or spkf (sigma-point Kalman filter)");
    }

    /** A filter of this kind for {@code cellCount} cells of {@code cell}. */
    public SocFilter create(
            EcmParameters cell, HysteresisModel hysteresis, EkfTuning tuning, EkfAdaptation adaptation, int cellCount) {
        return switch (this) {
            case EKF -> new EkfSocEstimator(cell, hysteresis, tuning, adaptation, cellCount);
            case SPKF -> new SpkfSocEstimator(cell, hysteresis, tuning, adaptation, cellCount);
        };
    }
}
