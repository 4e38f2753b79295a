package org.qsebms.estimators.soc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.qsebms.estimators.model.EcmParameters;
import org.qsebms.estimators.model.EquivalentCircuitCell;

/**
 * The start from a voltage where the OCV does not place the SOC ({@link StartSpan}, docs/estimation.md
 * "A start below the LFP plateau"): on a steep OCV the start is the point inversion as before; on the
 * LFP plateau it covers the span the table allows, and a knee met while that span is open does not
 * collapse the SOC doubt, in every filter that shares the start.
 */
class StartSpanTest {
    private static final EkfTuning TUNING = EkfTuning.defaults();

    @Test
    void aSteepOcvLeavesTheStartToThePointInversion() {
        EcmParameters cell = TestCells.ncmCell();
        StartSpan span = new StartSpan(1);
        double sv = TUNING.voltageSigmaVolts();
        for (int j = 0; j <= 20; j++) {
            double volts = cell.ocv().voltsAt(j / 20.0, 25);
            assertThat(span.start(0, cell, TUNING, volts, 25, sv * sv, 0))
                    .as("start at the OCV of SOC %.2f", j / 20.0)
                    .isNaN();
            assertThat(span.open(0)).isFalse();
        }
    }

    @Test
    void aReadingOnThePlateauStartsInTheMiddleOfTheSpanTheTableAllows() {
        EcmParameters cell = TestCells.flatLfpCell();
        StartSpan span = new StartSpan(1);
        double sv = TUNING.voltageSigmaVolts();
        double plateau = cell.ocv().voltsAt(0.6, 25);
        // one reading 1.1 mV above the plateau, one 2.5 mV lower: the point inversion puts them 0.7 apart
        double high = span.start(0, cell, TUNING, plateau + 0.0011, 25, sv * sv, 0);
        double highVariance = span.startVariance(0);
        double low = span.start(0, cell, TUNING, plateau - 0.0014, 25, sv * sv, 0);
        assertThat(cell.ocv().socAt(plateau + 0.0011) - cell.ocv().socAt(plateau - 0.0014))
                .isGreaterThan(0.5);
        assertThat(high).isBetween(0.3, 0.7);
        assertThat(low).isCloseTo(high, org.assertj.core.api.Assertions.within(0.01));
        assertThat(span.open(0)).isTrue();
        assertThat(highVariance).isGreaterThan(TUNING.initialSocSigma() * TUNING.initialSocSigma());
        // the span's floor shrinks with its width once the counted charge cuts it at 0
        double before = span.startVariance(0);
        span.shift(0, -0.5);
        assertThat(span.startVariance(0)).isLessThan(before).isPositive();
        span.shift(0, -1.0);
        assertThat(span.open(0)).isFalse();
    }

    static Stream<Arguments> filters() {
        Function<EcmParameters, SocEstimator> ekf =
                c -> new EkfSocEstimator(c, HysteresisModel.NONE, TUNING, EkfAdaptation.resistance(), 1);
        Function<EcmParameters, SocEstimator> spkf =
                c -> new SpkfSocEstimator(c, HysteresisModel.NONE, TUNING, EkfAdaptation.resistance(), 1);
        Function<EcmParameters, SocEstimator> reference =
                c -> new ReferenceEkfSocEstimator(c, HysteresisModel.NONE, TUNING, EkfAdaptation.resistance(), 1);
        Function<EcmParameters, SocEstimator> pointwise =
                c -> new PointwiseSpkfSocEstimator(c, HysteresisModel.NONE, TUNING, EkfAdaptation.resistance(), 1);
        return Stream.of(
                Arguments.of("EKF", ekf),
                Arguments.of("SPKF", spkf),
                Arguments.of("reference EKF", reference),
                Arguments.of("pointwise SPKF", pointwise));
    }

    /**
     * The trace of docs/estimation.md on the test LFP cell: at rest at 0.90 (on the plateau), the first
     * sample 2.5 mV low (which the point inversion reads on the bottom knee), then 1 C for 40 min (the
     * truth to 0.23, always on the plateau or its edge). The estimate meets the bottom knee long before
     * the truth does; it must stay off the SOC floor's levels (0.05 and below), and the truth inside
     * the reported bound.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("filters")
    void aKneeMetWhileTheStartSpanIsOpenIsNotReadAsStrongInformation(
            String name, Function<EcmParameters, SocEstimator> make) {
        EcmParameters cell = TestCells.flatLfpCell();
        SocEstimator filter = make.apply(cell);
        EquivalentCircuitCell truth = new EquivalentCircuitCell(cell, 0.9, 25);
        SplittableRandom noise = new SplittableRandom(7);
        double[] v = new double[1];
        double[] t = {25};
        double lowest = 1;
        double worstExcess = Double.NEGATIVE_INFINITY;
        for (int n = 0; n <= 4800; n++) {
            double amps = n < 4 ? 0.0 : -2.0;
            truth.step(amps, 0.5);
            v[0] = truth.terminalVolts() + 0.001 * noise.nextGaussian() + (n == 0 ? -0.0025 : 0.0);
            filter.update(amps, v, t, 0.5);
            lowest = Math.min(lowest, filter.cellSoc(0));
            worstExcess =
                    Math.max(worstExcess, Math.abs(filter.cellSoc(0) - truth.soc()) - filter.cellSocBound3Sigma(0));
        }
        System.out.printf(
                java.util.Locale.ROOT,
                "%s: true %.4f, estimate %.4f, lowest %.4f, bound %.4f%n",
                name,
                truth.soc(),
                filter.cellSoc(0),
                lowest,
                filter.cellSocBound3Sigma(0));
        assertThat(truth.soc()).isGreaterThan(0.2);
        assertThat(lowest).as(name + ": lowest estimate").isGreaterThan(0.05);
        assertThat(worstExcess).as(name + ": largest |error| - bound").isLessThanOrEqualTo(0.0);
    }

    /**
     * The bottom knee met under a discharge from a start on the plateau (the mirror of the top knee's case, on the test
     * LFP cell, which has no top knee): at rest at a true 0.40, the estimate starts at the span's mean (about 0.53) and
     * counts the charge down; the cell is discharged at 0.5 C until its voltage falls to 2.9 V (the truth about 0.03).
     * With the ceiling on the OCV under discharge the span is cut from above as the voltage falls off the plateau, and
     * the estimate must be near empty when the voltage is; the truth inside the bound throughout.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("filters")
    void theBottomKneeUnderDischargeFromAPlateauStartIsFound(String name, Function<EcmParameters, SocEstimator> make) {
        EcmParameters cell = TestCells.flatLfpCell();
        SocEstimator filter = make.apply(cell);
        EquivalentCircuitCell truth = new EquivalentCircuitCell(cell, 0.4, 25);
        SplittableRandom noise = new SplittableRandom(7);
        double[] v = new double[1];
        double[] t = {25};
        double worstExcess = Double.NEGATIVE_INFINITY;
        double atLimit = Double.NaN;
        for (int n = 0; n <= 6000 && Double.isNaN(atLimit); n++) {
            double amps = n < 4 ? 0.0 : -1.0;
            truth.step(amps, 0.5);
            v[0] = truth.terminalVolts() + 0.001 * noise.nextGaussian();
            filter.update(amps, v, t, 0.5);
            worstExcess =
                    Math.max(worstExcess, Math.abs(filter.cellSoc(0) - truth.soc()) - filter.cellSocBound3Sigma(0));
            if (v[0] <= 2.9) {
                atLimit = filter.cellSoc(0);
            }
        }
        System.out.printf(java.util.Locale.ROOT, "%s: at 2.9 V true %.4f, estimate %.4f%n", name, truth.soc(), atLimit);
        assertThat(atLimit).as(name + ": the estimate at 2.9 V").isLessThan(0.15);
        assertThat(worstExcess).as(name + ": largest |error| - bound").isLessThanOrEqualTo(0.0);
    }
}
