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
        // one such sample follows a sample within the model's overpotential: it alone cuts nothing
        assertThat(span.cutUnderLoad(0, start, cell, TUNING, volts, amps, 25, 1.0, 0.5, 0.0, 0))
                .isEqualTo(start);
        assertThat(span.startVariance(0)).isEqualTo(widthBefore);
        double cut = span.cutUnderLoad(0, start, cell, TUNING, volts, amps, 25, 1.0, 0.5, 0.0, 0);
        assertThat(cut).as("the estimate after the cut").isLessThan(0.1).isPositive();
        assertThat(span.startVariance(0)).isLessThan(widthBefore);
        assertThat(span.open(0)).isTrue();
        // charging on the plateau with the model's overpotential: nothing cut from below
        assertThat(span.cutUnderLoad(0, cut, cell, TUNING, plateau - 0.25 - ohms, 1.0, 25, 1.0, 0.5, 0.0, 0))
                .isEqualTo(cut);
    }

    /**
     * A cut takes the weaker of two samples in a row of the same sign, so one glitch under load (a reading that
     * got past the filter's gate) cuts nothing: discharging on the test LFP cell's plateau, one sample whose ceiling
     * lies on the bottom knee, between samples at the model's overpotential, leaves the span and the estimate as the
     * same samples without it do; two such samples in a row cut the span to the bottom knee.
     */
    @Test
    void oneSampleBeyondTheCeilingCutsNothing() {
        EcmParameters cell = TestCells.flatLfpCell();
        StartSpan quiet = new StartSpan(1);
        StartSpan glitched = new StartSpan(1);
        double sv = TUNING.voltageSigmaVolts();
        double plateau = cell.ocv().voltsAt(0.6, 25);
        double start = quiet.start(0, cell, TUNING, plateau, 25, sv * sv, 0);
        glitched.start(0, cell, TUNING, plateau, 25, sv * sv, 0);
        double amps = -1.0;
        double ohms = cell.r0Ohms() + cell.r1Ohms() + cell.r2Ohms();
        double normal = plateau + ohms * amps;
        double margin = 3 * (TUNING.restVoltageSigmaVolts() + TUNING.ocvSigmaVolts());
        double glitch = plateau - 0.15 - margin + TUNING.overpotentialRatio() * ohms * amps;
        double quietSoc = start;
        double glitchedSoc = start;
        for (double volts : new double[] {normal, glitch, normal, glitch, normal}) {
            quietSoc = quiet.cutUnderLoad(0, quietSoc, cell, TUNING, normal, amps, 25, 1.0, 0.5, 0.0, 0);
            glitchedSoc = glitched.cutUnderLoad(0, glitchedSoc, cell, TUNING, volts, amps, 25, 1.0, 0.5, 0.0, 0);
        }
        assertThat(glitchedSoc)
                .as("the estimate after single-sample glitches, against the same samples without them")
                .isEqualTo(quietSoc)
                .isGreaterThan(0.3);
        assertThat(glitched.startVariance(0)).isEqualTo(quiet.startVariance(0));
        glitched.cutUnderLoad(0, glitchedSoc, cell, TUNING, glitch, amps, 25, 1.0, 0.5, 0.0, 0);
        glitchedSoc = glitched.cutUnderLoad(0, glitchedSoc, cell, TUNING, glitch, amps, 25, 1.0, 0.5, 0.0, 0);
        assertThat(glitchedSoc)
                .as("the estimate after two such samples in a row")
                .isLessThan(0.1);
        assertThat(glitched.startVariance(0)).isLessThan(quiet.startVariance(0));
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
