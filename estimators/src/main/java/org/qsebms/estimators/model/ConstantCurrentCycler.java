package org.qsebms.estimators.model;

/**
 * The paper's cycling protocol applied to a {@link QseCell}: constant-current charge to the
 * upper cut-off followed by a constant-voltage tail (current halved each time the cut-off is
 * reached, down to C/20), then constant-current discharge until the rate-capacity limit or the
 * lower cut-off, repeated until end of life or a time limit. Pure: time is simulated.
 *
 * @param cRate                 charge and discharge rate (C)
 * @param dtSeconds             step
 * @param capacityLimitFraction end-of-life capacity fraction (e.g. 0.8)
 */
public record ConstantCurrentCycler(double cRate, double dtSeconds, double capacityLimitFraction) {

    private static final double CV_END_C = 0.05;

    public ConstantCurrentCycler {
        if (!(cRate > 0) || !(dtSeconds > 0) || !(capacityLimitFraction > 0 && capacityLimitFraction < 1)) {
            throw new IllegalArgumentException("cycler needs cRate > 0, dt > 0, 0 < capacity limit < 1, got " + cRate
                    + ", " + dtSeconds + ", " + capacityLimitFraction);
        }
    }

    /** Cycles {@code cell} until end of life or {@code maxHours}. */
    public CyclingResult run(QseCell cell, double maxHours) {
        double oneC = cell.parameters().oneCAmps();
        double amps = cRate * oneC;
        double cvEndAmps = CV_END_C * oneC;
        long maxSteps = (long) Math.ceil(maxHours * 3600.0 / dtSeconds);
        long steps = 0;
        long cycles = 0;
        double lastDischargeAh = 0;
        boolean charging = true;
        double chargeAmps = amps;
        double socAtDischargeStart = cell.soc();
        boolean endOfLife = false;
        while (steps < maxSteps) {
            if (charging) {
                cell.step(chargeAmps, dtSeconds);
                if (cell.chargeLimitReached()) {
                    chargeAmps *= 0.5;
                    if (chargeAmps < cvEndAmps || cell.soc() >= 1.0) {
                        charging = false;
                        chargeAmps = amps;
                        socAtDischargeStart = cell.soc();
                    }
                }
            } else {
                cell.step(-amps, dtSeconds);
                if (cell.dischargeLimitReached()) {
                    lastDischargeAh = (socAtDischargeStart - cell.soc())
                            * cell.parameters().capacityAh();
                    charging = true;
                    cycles++;
                    if (cell.isEndOfLife(capacityLimitFraction)) {
                        endOfLife = true;
                        steps++;
                        break;
                    }
                }
            }
            steps++;
        }
        return new CyclingResult(
                cycles, steps * dtSeconds / 3600.0, steps, endOfLife, cell.lithiumReserveAh(), lastDischargeAh);
    }
}
