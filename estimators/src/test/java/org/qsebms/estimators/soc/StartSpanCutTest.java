package org.qsebms.estimators.soc;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.qsebms.estimators.model.EcmParameters;

/** A start span cut under load ({@link StartSpan#cutUnderLoad}), on the test LFP cell's plateau. */
class StartSpanCutTest {
    private static final EkfTuning TUNING = EkfTuning.defaults();

    /**
     * The cut under load ({@link StartSpan#cutUnderLoad}, docs/estimation.md "The LFP top knee: the overpotential
     * ratio measured"): on the test LFP cell's plateau a discharge whose voltage stands the model's overpotential
     * below the plateau cuts nothing; one whose voltage stands below the plateau by more than the measured ratio of
     * it plus three rest and three OCV sigmas cuts the span from above, to where the OCV meets that ceiling, and moves
     * an estimate above the cut span's middle down to it.
     */
    @Test
    void aVoltageUnderLoadBeyondTheMeasuredOverpotentialCutsTheSpan() {
        EcmParameters cell = TestCells.flatLfpCell();
        StartSpan span = new StartSpan(1);
        double sv = TUNING.voltageSigmaVolts();
        double plateau = cell.ocv().voltsAt(0.6, 25);
        double start = span.start(0, cell, TUNING, plateau, 25, sv * sv, 0);
        double amps = -1.0;
        double ohms = cell.r0Ohms() + cell.r1Ohms() + cell.r2Ohms();
        // the model's own steady overpotential: nothing cut
        assertThat(span.cutUnderLoad(0, start, cell, TUNING, plateau + ohms * amps, amps, 25, 1.0, 0.5, 0.0, 0))
                .isEqualTo(start);
        double widthBefore = span.startVariance(0);
        // 0.15 V under the plateau beyond the ratio's allowance: only the bottom knee's SOCs explain it
        double margin = 3 * (TUNING.restVoltageSigmaVolts() + TUNING.ocvSigmaVolts());
        double volts = plateau - 0.15 - margin + TUNING.overpotentialRatio() * ohms * amps;
        double cut = span.cutUnderLoad(0, start, cell, TUNING, volts, amps, 25, 1.0, 0.5, 0.0, 0);
        assertThat(cut).as("the estimate after the cut").isLessThan(0.1).isPositive();
        assertThat(span.startVariance(0)).isLessThan(widthBefore);
        assertThat(span.open(0)).isTrue();
        // charging on the plateau with the model's overpotential: nothing cut from below
        assertThat(span.cutUnderLoad(0, cut, cell, TUNING, plateau - 0.25 - ohms, 1.0, 25, 1.0, 0.5, 0.0, 0))
                .isEqualTo(cut);
    }

    /**
     * The cut runs every step while a span is open, so the update must still allocate nothing there: 192 cells of
     * the test LFP cell started on the plateau (every span open) under a current that charges and discharges.
     */
    @Test
    void updatesWithOpenSpansUnderLoadAllocateNothing() {
        EcmParameters cell = TestCells.flatLfpCell();
        int cells = 192;
        java.util.List<SocEstimator> filters = java.util.List.of(
                new EkfSocEstimator(cell, new HysteresisModel(0.01, 30), TUNING, EkfAdaptation.resistance(), cells),
                new SpkfSocEstimator(cell, new HysteresisModel(0.01, 30), TUNING, EkfAdaptation.resistance(), cells));
        double[] v = new double[cells];
        double[] t = new double[cells];
        java.util.Arrays.fill(t, 25);
        double plateau = cell.ocv().voltsAt(0.6, 25);
        com.sun.management.ThreadMXBean mx =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long tid = Thread.currentThread().threadId();
        for (SocEstimator filter : filters) {
            for (int k = 0; k < 21000; k++) {
                double amps = (k / 50) % 2 == 0 ? 1.0 : -1.0;
                java.util.Arrays.fill(v, plateau + 0.05 * amps);
                if (k == 20000) {
                    assertThat(filter.cellSocBound3Sigma(0))
                            .as("the span still open")
                            .isGreaterThan(0.5);
                }
                long before = mx.getThreadAllocatedBytes(tid);
                filter.update(amps, v, t, 0.1);
                long after = mx.getThreadAllocatedBytes(tid);
                if (k >= 20000) {
                    assertThat(after - before)
                            .as(filter.getClass().getSimpleName())
                            .isLessThan(64);
                }
            }
        }
    }
}
