package org.qsebms.estimators.soc;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.qsebms.estimators.model.EcmParameters;
import org.qsebms.estimators.model.OcvCurve;

/**
 * The SPKF's consider columns corrected with the slope its gain is built with (issue 20, fix20n, 2026-12-07). At a
 * steep top knee with a wide SOC doubt the SOC points' secant is much flatter than the local slope; a column corrected
 * with the local slope against the secant's gain is multiplied by {@code 1 - k h0 < -1} each sample and diverges (on
 * the A123 LFP log at 5 °C the resistance column reached 5e52 in 399 s, then the bound went NaN).
 */
class SpkfConsiderSlopeTest {

    /** A 2 Ah cell whose OCV is a plateau with a steep last tenth (3.30 to 3.60 V): a top knee. */
    private static EcmParameters kneeCell() {
        return EcmParameters.builder()
                .capacityAh(2.0)
                .r0Ohms(0.03)
                .r1Ohms(0.01)
                .tau1Seconds(10)
                .r2Ohms(0.01)
                .tau2Seconds(200)
                .activationEnergyJPerMol(0)
                .ocv(new OcvCurve(new double[] {0, 0.1, 0.9, 1}, new double[] {2.9, 3.2, 3.3, 3.6}, new double[4]))
                .build();
    }

    /** The defaults but a SOC drift (10 per hour) that keeps the SOC doubt open across the knee, as at 5 °C. */
    private static EkfTuning wideDrift() {
        return EkfTuning.builder()
                .currentSigmaAmps(0.05)
                .voltageSigmaVolts(0.080)
                .socDriftSigmaPerHour(10.0)
                .initialSocSigma(0.20)
                .initialRcSigmaVolts(0.02)
                .minOcvSlopeVoltsPerSoc(0.05)
                .gateSigmas(6.0)
                .maxConsecutiveRejections(20)
                .ocvSigmaVolts(0.020)
                .innovationWindowSeconds(60)
                .extrapolationMarginKelvin(5)
                .extrapolationKelvinPerDoubling(25)
                .extrapolationOcvVoltsPerKelvin(0.0005)
                .currentOffsetLimitAmps(0.05)
                .currentGainErrorLimit(0.03)
                .capacityErrorLimit(0.0)
                .mismatchStepC(0.5)
                .mismatchResistanceRatio(4.0)
                .restVoltageSigmaVolts(0.010)
                .overpotentialRatio(1.25)
                .build();
    }

    @Test
    void theBoundStaysFiniteAtATopKneeUnderLoad() {
        SpkfSocEstimator spkf = new SpkfSocEstimator(kneeCell(), new HysteresisModel(0, 30), wideDrift(), 1);
        double[] volts = new double[1];
        double[] celsius = {25};
        double maxBound = 0;
        for (int t = 0; t < 3000; t++) {
            double amps = t % 20 < 10 ? 1.0 : -1.0;
            // a cell near full whose voltage the model (too low a resistance) cannot reach: the estimate sits at 1
            volts[0] = 3.62 + 0.05 * amps;
            spkf.update(amps, volts, celsius, 1.0);
            double bound = spkf.cellSocBound3Sigma(0);
            assertThat(bound).as("bound at %d s", t).isFinite();
            assertThat(spkf.cellSoc(0)).as("SOC at %d s", t).isFinite();
            maxBound = Math.max(maxBound, bound);
        }
        // the SOC doubt held open by the drift: a bound that says so, not one closed on the clamp
        assertThat(maxBound).isGreaterThan(0.1);
    }
}
