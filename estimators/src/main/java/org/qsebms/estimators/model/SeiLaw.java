package org.qsebms.estimators.model;

/**
 * Relative growth of the interfacial (SEI) resistance with time at rest and with cycling:
 * {@code R/R0 = (1 + restGain*sqrt(days/30)) * (1 + cycleGain*(1 - exp(-n/CYCLE_SCALE)))}.
 * Square root of time at rest (solvent-diffusion-limited growth); saturating change with cycles
 * (the paper's 100-cycle EIS shows PSOA slightly falling, LE growing).
 *
 * @param restGainPerMonth  relative growth after 30 days at rest
 * @param cycleGain         relative saturated change with cycling (negative: falls)
 */
public record SeiLaw(double restGainPerMonth, double cycleGain) {

    /** Assumed cycle scale of the saturating cycling term (the paper reports one point, 100 cycles). */
    public static final double CYCLE_SCALE = 100.0;

    public static final double DAYS_PER_MONTH = 30.0;

    public SeiLaw {
        if (!(restGainPerMonth > -1) || !(cycleGain > -1)) {
            throw new IllegalArgumentException(
                    "SEI gains must exceed -1 (resistance stays positive), got " + restGainPerMonth + ", " + cycleGain);
        }
    }

    /** R/R0 after {@code restDays} at rest and {@code cycles} full cycles. */
    public double factor(double restDays, double cycles) {
        return restFactor(restDays) * cycleFactor(cycles);
    }

    public double restFactor(double restDays) {
        return 1.0 + restGainPerMonth * Math.sqrt(Math.max(0, restDays) / DAYS_PER_MONTH);
    }

    public double cycleFactor(double cycles) {
        return 1.0 + cycleGain * (1.0 - Math.exp(-Math.max(0, cycles) / CYCLE_SCALE));
    }
}
