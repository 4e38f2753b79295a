package org.qsebms.estimators.softshort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.qsebms.estimators.soc.HysteresisModel;

/**
 * A leak at rest drives the leaking cell's OCV hysteresis towards its discharge branch, so its
 * voltage falls faster than its OCV: the rest cue must read the charge the cell lost, not that
 * fall. Four cells at 60 % on an OCV of 0.72 V per unit SOC there, one losing 20 mA from the start,
 * each voltage {@code OCV(soc) - leak R + M h} with the hysteresis stepped by {@link HysteresisModel}
 * (15 mV, 20 per unit SOC, as the LFP presets carry) and 0.2 mV of noise, 3 h of rest.
 */
class RestHysteresisTest {
    private static final HysteresisModel LFP_LIKE = new HysteresisModel(0.015, 20.0);
    private static final double LEAK_AMPS = 0.020;

    @Test
    void aLeakDrivingTheHysteresisIsReadAsTheChargeLost() {
        double withModel = leakReadAfterThreeHours(LFP_LIKE);
        double withoutModel = leakReadAfterThreeHours(HysteresisModel.NONE);
        assertThat(withModel).as("read with the cell's hysteresis").isCloseTo(LEAK_AMPS, within(0.05 * LEAK_AMPS));
        // without it the hysteresis fall (0.3 (1 + h) V per unit SOC, h 0 to -0.3) reads as 25-40 % more charge
        assertThat(withoutModel).as("read without it").isGreaterThan(1.15 * LEAK_AMPS);
    }

    private static double leakReadAfterThreeHours(HysteresisModel detectorModel) {
        var cell = SimulatedString.NOMINAL;
        var detector = new SoftShortDetector(cell, detectorModel, 4, 0.05, 1800, 0.003, 5);
        SplittableRandom noise = new SplittableRandom(5);
        double[] soc = {0.6, 0.6, 0.6, 0.6};
        double[] h = new double[4];
        double[] volts = new double[4];
        double dt = 1.0;
        for (int step = 0; step < 3 * 3600; step++) {
            for (int i = 0; i < 4; i++) {
                double amps = i == 1 ? -LEAK_AMPS : 0.0;
                double dz = amps * dt / (3600 * cell.capacityAh());
                soc[i] += dz;
                h[i] = LFP_LIKE.next(h[i], dz);
                volts[i] = cell.ocv().voltsAt(soc[i])
                        + amps * cell.r0Ohms()
                        + LFP_LIKE.magnitudeVolts() * h[i]
                        + 0.0002 * noise.nextGaussian();
            }
            detector.update(0.0, volts, soc, dt);
        }
        return detector.selfDischargeAmps(1);
    }
}
