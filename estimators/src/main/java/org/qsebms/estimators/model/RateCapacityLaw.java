package org.qsebms.estimators.model;

/**
 * Available discharge capacity versus C-rate: {@code q(C) = q0 / (1 + (C/Cc)^n)}.
 *
 * @param zeroRateMilliAmpHoursPerGram q0, the capacity extrapolated to a vanishing rate (mAh/g)
 * @param halfCapacityRate             Cc, the C-rate at which half of q0 remains
 * @param exponent                     n
 */
public record RateCapacityLaw(double zeroRateMilliAmpHoursPerGram, double halfCapacityRate, double exponent) {

    public RateCapacityLaw {
        if (!(zeroRateMilliAmpHoursPerGram > 0) || !(halfCapacityRate > 0) || !(exponent > 0)) {
            throw new IllegalArgumentException("rate-capacity law needs q0, Cc, n > 0, got "
                    + zeroRateMilliAmpHoursPerGram + ", " + halfCapacityRate + ", " + exponent);
        }
    }

    /** Specific capacity (mAh/g) delivered at {@code cRate}. */
    public double milliAmpHoursPerGram(double cRate) {
        return zeroRateMilliAmpHoursPerGram * availableFraction(cRate);
    }

    /** Fraction of q0 available at {@code cRate} (the sign of the rate is ignored). */
    double availableFraction(double cRate) {
        return 1.0 / (1.0 + Math.pow(Math.abs(cRate) / halfCapacityRate, exponent));
    }
}
