package org.qsebms.estimators.soc;

/**
 * Plett's dynamic hysteresis: a state h in [-1, 1] that moves towards +1 while charging and -1
 * while discharging, at a rate proportional to the charge passed; the OCV is shifted by
 * {@code magnitudeVolts * h}. Matters for LFP, negligible for NCM/NCA.
 *
 * @param magnitudeVolts half the charge/discharge OCV gap
 * @param ratePerSoc     gamma: h relaxes by a factor e per 1/gamma of SOC passed
 */
public record HysteresisModel(double magnitudeVolts, double ratePerSoc) {
    public static final HysteresisModel NONE = new HysteresisModel(0.0, 1.0);

    public HysteresisModel {
        if (!(magnitudeVolts >= 0) || !Double.isFinite(magnitudeVolts)) {
            throw new IllegalArgumentException("magnitudeVolts must be a finite number >= 0, got " + magnitudeVolts);
        }
        if (!(ratePerSoc > 0) || !Double.isFinite(ratePerSoc)) {
            throw new IllegalArgumentException("ratePerSoc must be a finite number > 0, got " + ratePerSoc);
        }
    }

    /** Next hysteresis state after passing {@code deltaSoc} (signed, charging positive). */
    public double next(double h, double deltaSoc) {
        if (deltaSoc == 0.0) {
            return h;
        }
        double decay = Math.exp(-Math.abs(ratePerSoc * deltaSoc));
        return decay * h + (1 - decay) * Math.signum(deltaSoc);
    }
}
