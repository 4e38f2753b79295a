package org.qsebms.estimators.characterization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.qsebms.estimators.model.EcmParameters;
import org.qsebms.estimators.model.EquivalentCircuitCell;
import org.qsebms.estimators.model.TopKneeChargeExcess;
import org.qsebms.estimators.soc.TestCells;

/**
 * {@link TopKneeExcessLearner} on an OCV test pair simulated from a known cell: a C/30 charge to the cut-off whose
 * last voltage carries a known excess over the equivalent circuit, then a top-off at that cut-off whose charge is
 * what was left to go. The learner must find the excess (sigma = excess over sqrt 3) from the region it lies in, and
 * nothing from the pair in the wrong order or without an excess.
 */
class TopKneeExcessLearnerTest {
    private static final EcmParameters CELL = TestCells.ncmCell();
    private static final double EXCESS = 0.07;

    private static CellTestLog log(String name, List<double[]> rows) {
        int n = rows.size();
        double[] t = new double[n];
        double[] i = new double[n];
        double[] v = new double[n];
        for (int k = 0; k < n; k++) {
            t[k] = rows.get(k)[0];
            i[k] = rows.get(k)[1];
            v[k] = rows.get(k)[2];
        }
        double[] celsius = new double[n];
        Arrays.fill(celsius, 25.0);
        double[] nan = new double[n];
        Arrays.fill(nan, Double.NaN);
        return new CellTestLog(name, t, i, v, celsius, nan.clone(), nan);
    }

    /** The charge (to SOC {@code endSoc}, the last voltage {@code excess} over the circuit) and the top-off. */
    private static List<CellTestLog> pair(double endSoc, double excess) {
        EquivalentCircuitCell truth = new EquivalentCircuitCell(CELL, 0.5, 25);
        double amps = CELL.capacityAh() / 30;
        List<double[]> charge = new ArrayList<>();
        double t = 0;
        charge.add(new double[] {t, 0, truth.terminalVolts()});
        while (truth.soc() + amps * 10 / 3600 / CELL.capacityAh() < endSoc) {
            truth.step(amps, 10);
            t += 10;
            charge.add(new double[] {t, amps, truth.terminalVolts()});
        }
        double[] last = charge.get(charge.size() - 1);
        last[2] += excess;
        double cutOff = last[2];
        for (int k = 0; k < 100; k++) {
            t += 10;
            charge.add(new double[] {t, 0, cutOff - 0.1});
        }
        // the top-off: a rest, then what is left to go at a small current held at the cut-off
        double leftAh = (1 - truth.soc()) * CELL.capacityAh();
        double topAmps = 0.02;
        List<double[]> topOff = new ArrayList<>();
        double u = 0;
        topOff.add(new double[] {u, 0, cutOff - 0.08});
        int steps = (int) Math.round(leftAh / topAmps * 3600 / 10);
        for (int k = 0; k < steps; k++) {
            u += 10;
            topOff.add(new double[] {u, leftAh * 3600 / (steps * 10.0), cutOff});
        }
        u += 10;
        topOff.add(new double[] {u, 0, cutOff - 0.01});
        return List.of(log("charge", charge), log("top-off", topOff));
    }

    @Test
    void learnsTheExcessAtTheChargesEndFromTheTopOff() {
        List<String> notes = new ArrayList<>();
        TopKneeChargeExcess learnt = TopKneeExcessLearner.learn(pair(0.985, EXCESS), CELL.capacityAh(), CELL, 0, notes);
        // the circuit's RC pairs settle at C/30 to within the SOC step's change of their factors: 0.5 mV
        assertThat(learnt.sigmaVolts()).as(notes.toString()).isCloseTo(EXCESS / Math.sqrt(3), within(0.0005));
        assertThat(learnt.fromSoc()).isEqualTo(0.9);
        assertThat(notes).anyMatch(n -> n.contains("charge") && n.contains("top-off"));
    }

    @Test
    void learnsNothingFromThePairInTheWrongOrderOrWithoutAnExcess() {
        List<CellTestLog> logs = pair(0.985, EXCESS);
        List<String> notes = new ArrayList<>();
        assertThat(TopKneeExcessLearner.learn(List.of(logs.get(1), logs.get(0)), CELL.capacityAh(), CELL, 0, notes))
                .isEqualTo(TopKneeChargeExcess.NONE);
        assertThat(TopKneeExcessLearner.learn(pair(0.985, -0.01), CELL.capacityAh(), CELL, 0, notes))
                .isEqualTo(TopKneeChargeExcess.NONE);
    }
}
