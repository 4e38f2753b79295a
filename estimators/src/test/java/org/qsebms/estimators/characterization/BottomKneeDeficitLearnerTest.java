package org.qsebms.estimators.characterization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.qsebms.estimators.model.BottomKneeChargeDeficit;
import org.qsebms.estimators.model.EcmParameters;
import org.qsebms.estimators.model.EquivalentCircuitCell;
import org.qsebms.estimators.model.EquivalentCircuitModel;
import org.qsebms.estimators.soc.TestCells;

/**
 * {@link BottomKneeDeficitLearner} on an OCV test simulated from a known cell: a rest at a voltage under the OCV
 * table's empty end (the cell held at the bottom cut-off), then a C/30 charge from SOC 0 whose voltage falls a known
 * shortfall under the equivalent circuit. The learner must find the shortfall (sigma = shortfall over sqrt 3) up to
 * the region it lies in, and nothing from the same charge after a rest inside the table or without a shortfall.
 */
class BottomKneeDeficitLearnerTest {
    private static final EcmParameters CELL = TestCells.ncmCell();
    private static final double SHORTFALL = 0.09;

    /** A rest at {@code restVolts}, then a C/30 charge from SOC 0 for 2 h, {@code shortfall} under the circuit. */
    private static CellTestLog charge(double restVolts, double shortfall) {
        EquivalentCircuitCell truth = new EquivalentCircuitCell(CELL, 0.0, 25);
        double amps = CELL.capacityAh() / 30;
        List<double[]> rows = new ArrayList<>();
        double t = 0;
        for (int k = 0; k < 10; k++) {
            rows.add(new double[] {t, 0, restVolts});
            t += 10;
        }
        for (int k = 0; k < 720; k++) {
            truth.step(amps, 10);
            rows.add(new double[] {t, amps, truth.terminalVolts() - shortfall});
            t += 10;
        }
        int n = rows.size();
        double[] time = new double[n];
        double[] current = new double[n];
        double[] volts = new double[n];
        for (int k = 0; k < n; k++) {
            time[k] = rows.get(k)[0];
            current[k] = rows.get(k)[1];
            volts[k] = rows.get(k)[2];
        }
        double[] celsius = new double[n];
        Arrays.fill(celsius, 25.0);
        double[] nan = new double[n];
        Arrays.fill(nan, Double.NaN);
        return new CellTestLog("charge", time, current, volts, celsius, nan.clone(), nan);
    }

    private static double emptyOcv() {
        return new EquivalentCircuitModel(CELL).ocvVolts(0.0, 25);
    }

    @Test
    void learnsTheShortfallOfAChargeOutOfADeepDischarge() {
        List<String> notes = new ArrayList<>();
        BottomKneeChargeDeficit learnt = BottomKneeDeficitLearner.learn(
                List.of(charge(emptyOcv() - 0.3, SHORTFALL)), CELL.capacityAh(), CELL, 0, notes);
        // the circuit's RC pairs settle at C/30 within 5 tau2 to within the SOC step's change of their factors
        assertThat(learnt.sigmaVolts()).as(notes.toString()).isCloseTo(SHORTFALL / Math.sqrt(3), within(0.001));
        assertThat(learnt.toSoc()).isEqualTo(0.1);
        assertThat(notes).anyMatch(n -> n.contains("bottom-knee charge deficit") && n.contains("shortfall"));
    }

    @Test
    void learnsNothingFromARestInsideTheTableOrWithoutAShortfall() {
        List<String> notes = new ArrayList<>();
        assertThat(BottomKneeDeficitLearner.learn(
                        List.of(charge(emptyOcv() + 0.01, SHORTFALL)), CELL.capacityAh(), CELL, 0, notes))
                .isEqualTo(BottomKneeChargeDeficit.NONE);
        assertThat(BottomKneeDeficitLearner.learn(
                        List.of(charge(emptyOcv() - 0.3, -0.01)), CELL.capacityAh(), CELL, 0, notes))
                .isEqualTo(BottomKneeChargeDeficit.NONE);
    }
}
