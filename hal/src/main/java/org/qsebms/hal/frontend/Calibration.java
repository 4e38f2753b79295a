package org.qsebms.hal.frontend;

/** A linear correction {@code corrected = gain * measured + offset}, from configuration. */
public record Calibration(double gain, double offset) {
    static final Calibration IDENTITY = new Calibration(1.0, 0.0);

    public Calibration {
        if (!(gain > 0) || !Double.isFinite(gain) || !Double.isFinite(offset)) {
            throw new IllegalArgumentException(
                    "calibration gain must be a positive finite number and offset finite, got gain " + gain
                            + ", offset " + offset);
        }
    }

    public double apply(double measured) {
        return gain * measured + offset;
    }
}
