package org.qsebms.estimators.soc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.qsebms.estimators.model.EcmParameters;
import org.qsebms.estimators.model.EquivalentCircuitCell;

/**
 * A rest the filter watched re-weighs a start's open span ({@link WatchedRest}, {@link StartSpan#reweighAtRest}):
 * an LFP cell started with no state (the span open over the plateau) that rests with the current path open. At
 * the bottom knee, five slow time constants of rest place the SOC and close the span; on the plateau the rest
 * cannot, and the span stays as wide; a rest counted as 0 A readings (the contactors closed, the current known
 * only to the sensor's offset) changes nothing. The truth is inside the bound throughout, in both filters.
 */
class WatchedRestTest {
    private static final EkfTuning TUNING = EkfTuning.defaults();

    private static SocFilter filter(String kind, EcmParameters cell) {
        return kind.equals("ekf")
                ? new EkfSocEstimator(cell, HysteresisModel.NONE, TUNING, EkfAdaptation.resistance(), 1)
                : new SpkfSocEstimator(cell, HysteresisModel.NONE, TUNING, EkfAdaptation.resistance(), 1);
    }

    /** Rests the cell at {@code soc} for {@code seconds}, as the BMS does with the path open or closed; the bounds. */
    private static double[] rest(SocFilter f, EquivalentCircuitCell truth, double seconds, boolean pathOpen) {
        double[] v = new double[1];
        double[] t = {25};
        double first = Double.NaN;
        for (int k = 0; k < seconds; k++) {
            truth.step(0, 1.0);
            v[0] = truth.terminalVolts();
            if (pathOpen) {
                f.updateWithNothingFlowing(v, t, 1.0);
            } else {
                f.update(0.0, v, t, 1.0);
            }
            if (k == 0) {
                first = f.cellSocBound3Sigma(0);
            }
            assertThat(Math.abs(f.cellSoc(0) - truth.soc()))
                    .as("error at %d s", k)
                    .isLessThanOrEqualTo(f.cellSocBound3Sigma(0));
        }
        return new double[] {first, f.cellSocBound3Sigma(0)};
    }

    @ParameterizedTest(name = "{0} at SOC {1}")
    @CsvSource({"ekf, 0.05", "spkf, 0.05", "ekf, 0.06", "spkf, 0.06"})
    void aWatchedRestAtTheBottomKneePlacesTheSoc(String kind, double soc) {
        EcmParameters cell = TestCells.flatLfpCell();
        SocFilter open = filter(kind, cell);
        double[] bounds = rest(open, new EquivalentCircuitCell(cell, soc, 25), 1200, true);
        SocFilter closed = filter(kind, cell);
        double[] closedBounds = rest(closed, new EquivalentCircuitCell(cell, soc, 25), 1200, false);
        System.out.printf(
                Locale.ROOT,
                "%s, flat LFP at SOC %.2f, 20 min of rest: bound %.4f -> %.4f with the path open, %.4f -> %.4f counted"
                        + " as 0 A%n",
                kind,
                soc,
                bounds[0],
                bounds[1],
                closedBounds[0],
                closedBounds[1]);
        // the start's span was open (one reading with the voltage sigma under load cannot place it)
        assertThat(bounds[0]).isGreaterThan(0.3);
        // five slow time constants (1000 s) later the rest placed it
        assertThat(bounds[1]).isLessThan(0.05);
        assertThat(Math.abs(open.cellSoc(0) - soc)).isLessThan(0.02);
        // a 0 A reading with the contactors closed is no watched rest
        assertThat(closedBounds[1]).isGreaterThan(0.3);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"ekf", "spkf"})
    void aWatchedRestOnThePlateauLeavesTheSpanAsWide(String kind) {
        EcmParameters cell = TestCells.flatLfpCell();
        SocFilter f = filter(kind, cell);
        double[] bounds = rest(f, new EquivalentCircuitCell(cell, 0.5, 25), 3600, true);
        assertThat(bounds[1]).isGreaterThan(0.6);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"ekf", "spkf"})
    void aRestTooShortToRelaxChangesNothingAndCurrentStartsTheCountAgain(String kind) {
        EcmParameters cell = TestCells.flatLfpCell();
        SocFilter f = filter(kind, cell);
        EquivalentCircuitCell truth = new EquivalentCircuitCell(cell, 0.06, 25);
        double[] v = new double[1];
        double[] t = {25};
        // 900 s of rest, then 10 s at 0.1 A, then 900 s more: never 1000 s in a row
        for (int k = 0; k < 1810; k++) {
            boolean flowing = k >= 900 && k < 910;
            truth.step(flowing ? 0.1 : 0.0, 1.0);
            v[0] = truth.terminalVolts();
            if (flowing) {
                f.update(0.1, v, t, 1.0);
            } else {
                f.updateWithNothingFlowing(v, t, 1.0);
            }
        }
        assertThat(f.cellSocBound3Sigma(0)).as("no rest long enough").isGreaterThan(0.3);
        for (int k = 0; k < 200; k++) {
            truth.step(0, 1.0);
            v[0] = truth.terminalVolts();
            f.updateWithNothingFlowing(v, t, 1.0);
        }
        assertThat(f.cellSocBound3Sigma(0)).as("1100 s in a row").isLessThan(0.05);
    }
}
