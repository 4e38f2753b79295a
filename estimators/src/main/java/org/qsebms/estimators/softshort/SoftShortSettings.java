package org.qsebms.estimators.softshort;

/**
 * Settings of the soft-short detector: one record per cue and the score threshold. Each cue gives
 * an evidence {@code e = measured / its threshold} (0 unless statistically confirmed); the score
 * of a cell is {@code x / (1 + x)} with {@code x} the sum of its evidences, so one cue at its own
 * threshold gives 0.5.
 *
 * @param scoreThreshold a cell is flagged at or above this score (0..1, default 0.5)
 * @param clearFraction  a flagged cell is cleared only when a measurement shows its leak, with its
 *                       sigma test, below this fraction of the rest threshold (0..1, default 0.5);
 *                       a cue that has no measurement (current flowing, rest too short, flat OCV)
 *                       never clears a flag, and the leak estimate of the flag is held meanwhile
 * @param lone           the lone cell's rest cue, for a pack of one cell ({@link LoneCellRestSettings#DEFAULTS})
 */
record SoftShortSettings(
        RestSelfDischargeSettings rest,
        VoltageDropSettings drops,
        SocDriftSettings drift,
        double scoreThreshold,
        double clearFraction,
        LoneCellRestSettings lone) {
    public SoftShortSettings {
        if (rest == null || drops == null || drift == null || lone == null) {
            throw new IllegalArgumentException("rest, drops, drift and lone-cell settings are required");
        }
        if (!(scoreThreshold > 0 && scoreThreshold < 1)) {
            throw new IllegalArgumentException("scoreThreshold must be in (0, 1), got " + scoreThreshold);
        }
        if (!(clearFraction > 0 && clearFraction < 1)) {
            throw new IllegalArgumentException("clearFraction must be in (0, 1), got " + clearFraction);
        }
    }

    /** With the default clear fraction {@value #DEFAULT_CLEAR_FRACTION} and lone-cell settings. */
    public SoftShortSettings(
            RestSelfDischargeSettings rest, VoltageDropSettings drops, SocDriftSettings drift, double scoreThreshold) {
        this(rest, drops, drift, scoreThreshold, DEFAULT_CLEAR_FRACTION, LoneCellRestSettings.DEFAULTS);
    }

    /** A copy with other lone-cell settings. */
    SoftShortSettings withLone(LoneCellRestSettings lone) {
        return new SoftShortSettings(rest, drops, drift, scoreThreshold, clearFraction, lone);
    }

    /** A flag clears when the leak is shown below half the threshold. */
    public static final double DEFAULT_CLEAR_FRACTION = 0.5;

    /**
     * The rest cue as given, the other two with defaults: drops beyond 5 sigma of 3 mV noise (at
     * least 12 mV) plus 20 % of the cell resistance times the current step, up to what a 1 ohm
     * short can cause, 3 drops within a 30-minute decay; SOC drift from 1 hour after start (SOC estimator settled), sampled every minute, 6-hour
     * forgetting, verdict after 1 hour of fit, 0.3 % SOC sample noise floor, 3 % capacity spread,
     * equivalent to the rest threshold (at least 0.3 %/h of capacity) at 5 sigma, the residuals taken
     * as correlated for up to 1 h (the SOC filter's errors, measured 60-74 min while cycling), samples
     * taken only while every cell's SOC 3-sigma bound is at most 0.25 (cycling at 25 C, the filter
     * reports 0.08-0.12 on NCM and 0.75-1.0 on LFP, where it is up to 0.47 off on the plateau; set
     * from oracle cycling seeds 1-15, see docs/safety.md).
     */
    public static SoftShortSettings defaults(RestSelfDischargeSettings rest, double capacityAh) {
        double driftPerHour = Math.max(0.003, rest.thresholdAmps() / capacityAh);
        return new SoftShortSettings(
                rest,
                new VoltageDropSettings(0.003, 5, 0.012, 0.2, 1800, 3, 1.0),
                new SocDriftSettings(3600, 60, 6 * 3600, 3600, driftPerHour, 5, 0.003, 0.03, 3600, 0.25),
                0.5);
    }

    static void requirePositive(String name, double v) {
        if (!(v > 0) || !Double.isFinite(v)) {
            throw new IllegalArgumentException(name + " must be a finite number > 0, got " + v);
        }
    }

    static void requireNonNegative(String name, double v) {
        if (!(v >= 0) || !Double.isFinite(v)) {
            throw new IllegalArgumentException(name + " must be a finite number >= 0, got " + v);
        }
    }
}
