package org.qsebms.estimators.model;

/**
 * Cathode materials of the seed paper. Cut-offs are terminal-voltage limits used in the paper
 * (not OCV points). The nominal specific capacity defines 1 C (NCM811 175 mAh/g makes the
 * paper's 8.6 mg/cm² at 1 C the stated ≈1.5 mA/cm²; LFP 160 mAh/g, a literature value, is also
 * its zero-rate capacity since the paper has no LFP rate table), and the hysteresis amplitude is the half-gap between charge
 * and discharge OCV branches (LFP 10-20 mV per the reference OCV notes; NCM811 none), with its rate
 * gamma: the state moves towards a branch by a factor e per 1/gamma of full capacity passed (LFP 20,
 * assumed: the branch is reached after about 5 % of capacity). The simulated cell ({@link QseCell})
 * and the presets {@code bms model calibrate} writes both take the hysteresis from here.
 */
public enum Cathode {
    NCM811(4.30, 2.80, 175.0, 0.0, 0.0),
    LFP(3.65, 2.50, 160.0, 0.015, 20.0);

    private final double upperCutoffVolts;
    private final double lowerCutoffVolts;
    private final double nominalMilliAmpHoursPerGram;
    private final double hysteresisVolts;
    private final double hysteresisRatePerSoc;

    Cathode(
            double upperCutoffVolts,
            double lowerCutoffVolts,
            double nominalMilliAmpHoursPerGram,
            double hysteresisVolts,
            double hysteresisRatePerSoc) {
        this.upperCutoffVolts = upperCutoffVolts;
        this.lowerCutoffVolts = lowerCutoffVolts;
        this.nominalMilliAmpHoursPerGram = nominalMilliAmpHoursPerGram;
        this.hysteresisVolts = hysteresisVolts;
        this.hysteresisRatePerSoc = hysteresisRatePerSoc;
    }

    double upperCutoffVolts() {
        return upperCutoffVolts;
    }

    double lowerCutoffVolts() {
        return lowerCutoffVolts;
    }

    /** Specific capacity (mAh/g) that defines 1 C; LFP's zero-rate capacity. */
    public double nominalMilliAmpHoursPerGram() {
        return nominalMilliAmpHoursPerGram;
    }

    /** Hysteresis amplitude M of the one-state hysteresis model (V). */
    public double hysteresisVolts() {
        return hysteresisVolts;
    }

    /** Rate gamma of the one-state hysteresis model (per unit SOC passed); 0 where the cathode has none. */
    public double hysteresisRatePerSoc() {
        return hysteresisRatePerSoc;
    }

    /** True when the cathode's OCV has a charge/discharge hysteresis. */
    public boolean hasHysteresis() {
        return hysteresisVolts > 0;
    }
}
