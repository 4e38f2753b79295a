package org.qsebms.estimators.characterization;

import java.util.List;
import java.util.Locale;
import org.qsebms.estimators.model.BottomKneeChargeDeficit;
import org.qsebms.estimators.model.EcmParameters;
import org.qsebms.estimators.model.EquivalentCircuitModel;

/**
 * Learns the voltage a cell falls short of its OCV and the model's steady drop by when it is charged out of its
 * bottom knee after a deep discharge ({@link BottomKneeChargeDeficit}) from an OCV test that charges from there: a
 * log that starts at rest, its last rest voltage below the OCV table's empty end (the cell held at the bottom
 * cut-off, beyond anything the table has), then charges. Its SOC is counted from 0 at its start (the table's empty:
 * the discharge before it ended there). At its first charging sample after five of the slow pair's time constants
 * of charge without a break (the RC pairs settled, {@code WatchedRest}'s rule) the model predicts
 * {@code OCV + M + (R0 + R1 + R2 + R3) I}, and the voltage's shortfall from that is what the model has no state for
 * (A123 LFP, S3 after S2's hold at 2.0 V: docs/estimation.md, fix20o). The shortfall is taken as a uniform error
 * within plus or minus itself (GUM type B, as {@link TopKneeExcessLearner}'s excess): sigma = shortfall over sqrt 3,
 * up to the upper edge of the SOC region ({@link OcvDoubtLearner}'s tenths) it was measured in. No such log, or no
 * shortfall: {@link BottomKneeChargeDeficit#NONE}. A later log replaces an earlier one only with a larger sigma.
 */
final class BottomKneeDeficitLearner {
    /** The rest threshold as a fraction of 1C ({@code QseCell}'s): current beyond it moves charge. */
    private static final double REST_C_FRACTION = 1e-3;
    /** An RC pair counts as settled after this many of its time constants ({@code WatchedRest}'s rule). */
    private static final double SETTLED_TIME_CONSTANTS = 5.0;

    private BottomKneeDeficitLearner() {}

    /**
     * The shortfall learnt from {@code ocvTests} with the completed model {@code cell} and its hysteresis magnitude
     * {@code hysteresisVolts}; what was learnt, or why nothing, goes to {@code notes}.
     */
    static BottomKneeChargeDeficit learn(
            List<CellTestLog> ocvTests,
            double capacityAh,
            EcmParameters cell,
            double hysteresisVolts,
            List<String> notes) {
        double restAmps = REST_C_FRACTION * capacityAh;
        EquivalentCircuitModel model = new EquivalentCircuitModel(cell);
        BottomKneeChargeDeficit best = BottomKneeChargeDeficit.NONE;
        String bestNote = null;
        for (CellTestLog log : ocvTests) {
            double[] t = log.timeS();
            double[] amps = log.currentA();
            double[] volts = log.voltageV();
            int first = firstMoving(log, restAmps);
            if (first < 1 || !(amps[first] > restAmps)) {
                continue; // does not start at rest and then charge
            }
            double restVolts = volts[first - 1];
            double emptyOcv = model.ocvVolts(0.0, log.temperatureC()[first - 1]);
            if (!(restVolts < emptyOcv)) {
                continue; // the rest before the charge is inside the table: not out of a deep discharge
            }
            double ah = 0;
            double charging = 0;
            for (int k = first; k < log.size(); k++) {
                double dt = t[k] - t[k - 1];
                ah += amps[k] * dt / 3600.0;
                if (!(amps[k] > restAmps)) {
                    break; // the charge broke before its RC pairs settled
                }
                charging += dt;
                double celsius = log.temperatureC()[k];
                if (charging < SETTLED_TIME_CONSTANTS * cell.tau2SecondsAt(celsius)) {
                    continue;
                }
                double soc = ah / capacityAh;
                int region = (int) Math.floor(soc * OcvDoubtLearner.REGIONS);
                if (region > 0) {
                    break; // settled only beyond the bottom region: not the knee
                }
                double f = model.temperatureFactor(celsius);
                double predicted = model.ocvVolts(soc, celsius)
                        + hysteresisVolts
                        + model.r0Volts(soc, celsius, f, amps[k])
                        + cell.r1Ohms() * model.fastFactor(soc, celsius, f) * amps[k]
                        + cell.r2Ohms() * model.slowFactor(soc, celsius, f) * amps[k]
                        + model.polarisationSteadyVolts(soc, f, amps[k]);
                double shortfall = predicted - volts[k];
                if (!(shortfall > 0)) {
                    notes.add(String.format(
                            Locale.ROOT,
                            "bottom-knee charge deficit: %s: none (settled under charge at %.4f V, %.4f A and SOC"
                                    + " %.4f, %.1f mV over the model)",
                            log.source(),
                            volts[k],
                            amps[k],
                            soc,
                            -1000 * shortfall));
                    break;
                }
                BottomKneeChargeDeficit learnt = new BottomKneeChargeDeficit(
                        shortfall / Math.sqrt(3), (region + 1) / (double) OcvDoubtLearner.REGIONS);
                if (learnt.sigmaVolts() > best.sigmaVolts()) {
                    best = learnt;
                    bestNote = String.format(
                            Locale.ROOT,
                            "bottom-knee charge deficit: %s charges from a rest at %.4f V (under the OCV table's"
                                    + " empty end, %.4f V); after %.0f s of charge (the RC pairs settled) it reads"
                                    + " %.4f V at %.4f A and SOC %.4f, where the model gives %.4f V (OCV %.4f V,"
                                    + " hysteresis %.1f mV): a shortfall of %.1f mV, sigma %.1f mV (over sqrt 3) below"
                                    + " SOC %.1f while charging",
                            log.source(),
                            restVolts,
                            emptyOcv,
                            charging,
                            volts[k],
                            amps[k],
                            soc,
                            predicted,
                            model.ocvVolts(soc, celsius),
                            1000 * hysteresisVolts,
                            1000 * shortfall,
                            1000 * learnt.sigmaVolts(),
                            learnt.toSoc());
                }
                break;
            }
        }
        notes.add(
                bestNote != null
                        ? bestNote
                        : "bottom-knee charge deficit: none learnt (no OCV test charging from a rest under the OCV"
                                + " table's empty end)");
        return best;
    }

    /** The first sample with current beyond the rest threshold, or -1. */
    private static int firstMoving(CellTestLog log, double restAmps) {
        for (int k = 0; k < log.size(); k++) {
            if (Math.abs(log.currentA()[k]) > restAmps) {
                return k;
            }
        }
        return -1;
    }
}
