package org.qsebms.bms.control;

import java.util.SplittableRandom;

/**
 * The drive of the random days the coverage tests run: a new pack current every 5-60 s, mostly discharge up to
 * 1.5 A, a charge up to 0.8 A now and then, a pause of 0 A now and then, and kept within 0.25..0.9 SOC.
 */
final class RandomDriveCurrent {
    private RandomDriveCurrent() {}

    /** The next current (A, charge positive) for a pack whose first cell is at {@code soc}. */
    static double next(SplittableRandom r, double soc) {
        double amps = r.nextDouble() < 0.25 ? r.nextDouble(0, 0.8) : -r.nextDouble(0, 1.5);
        if (soc < 0.25) {
            amps = r.nextDouble(0.2, 0.8);
        } else if (soc > 0.9) {
            amps = -r.nextDouble(0.2, 1.5);
        } else if (r.nextDouble() < 0.15) {
            amps = 0;
        }
        return amps;
    }

    /** Seconds until the next change of current. */
    static double hold(SplittableRandom r) {
        return r.nextDouble(5, 60);
    }
}
