package org.qsebms.estimators.characterization;

import java.util.List;
import java.util.Locale;
import org.qsebms.estimators.model.EcmParameters;
import org.qsebms.estimators.model.EquivalentCircuitModel;
import org.qsebms.estimators.model.TopKneeChargeExcess;

/**
 * Learns the voltage a cell carries under charge at its top knee beyond its OCV and the model's steady drop
 * ({@link TopKneeChargeExcess}) from a pair of OCV tests given one after the other: a slow charge that ends at the
 * top cut-off (its last current a charge, at its highest voltage), then a top-off at the same cut-off (it starts
 * at rest and ends charging at that voltage, a net charge in). The top-off's net charge is what the charge left
 * to go, so the charge's last sample is at SOC {@code 1 - Q / C}; there the model, with the cell charged long
 * enough for its RC pairs, its slow branch and its hysteresis to have settled, predicts
 * {@code OCV + M + (R0 + R1 + R2 + R3) I}, and the voltage's excess over that is what the model has no term for
 * (A123 LFP, S3 then S4: 88 mV at C/30, docs/estimation.md, fix20l and fix20m). The excess is taken as a uniform
 * error within plus or minus itself (GUM type B, as the project's other rated limits): sigma = excess over sqrt 3,
 * from the lower edge of the SOC region ({@link OcvDoubtLearner}'s tenths) it was measured in. No such pair, or no
 * excess: {@link TopKneeChargeExcess#NONE}. A later pair replaces an earlier one only with a larger sigma.
 */
final class TopKneeExcessLearner {
    /** How far the top-off's last charging voltage may lie from the charge's cut-off (V): the same cut-off read twice. */
    static final double CUT_OFF_MATCH_VOLTS = 0.01;
    /** The rest threshold as a fraction of 1C ({@code QseCell}'s): current beyond it moves charge. */
    private static final double REST_C_FRACTION = 1e-3;

    private TopKneeExcessLearner() {}

    /**
     * The excess learnt from {@code ocvTests} (in the order given) with the completed model {@code cell} and its
     * hysteresis magnitude {@code hysteresisVolts}; what was learnt, or why nothing, goes to {@code notes}.
     */
    static TopKneeChargeExcess learn(
            List<CellTestLog> ocvTests,
            double capacityAh,
            EcmParameters cell,
            double hysteresisVolts,
            List<String> notes) {
        double restAmps = REST_C_FRACTION * capacityAh;
        EquivalentCircuitModel model = new EquivalentCircuitModel(cell);
        TopKneeChargeExcess best = TopKneeChargeExcess.NONE;
        String bestNote = null;
        for (int j = 0; j + 1 < ocvTests.size(); j++) {
            CellTestLog charge = ocvTests.get(j);
            CellTestLog topOff = ocvTests.get(j + 1);
            int a = lastMoving(charge, restAmps);
            if (a < 0
                    || !(charge.currentA()[a] > restAmps)
                    || charge.voltageV()[a] < highestCharging(charge, restAmps)) {
                continue; // the charge does not end charging at its highest voltage: no cut-off reached
            }
            int b = lastMoving(topOff, restAmps);
            if (b < 0
                    || !(topOff.currentA()[b] > restAmps)
                    || Math.abs(topOff.voltageV()[b] - charge.voltageV()[a]) > CUT_OFF_MATCH_VOLTS
                    || Math.abs(topOff.currentA()[0]) > restAmps) {
                continue; // not a top-off from rest at the same cut-off
            }
            double netAh = netChargeAh(topOff);
            double soc = 1.0 - netAh / capacityAh;
            int region = (int) Math.floor(soc * OcvDoubtLearner.REGIONS);
            if (!(netAh > 0) || region < OcvDoubtLearner.REGIONS - 1) {
                continue; // no charge in, or more than the top region's: not a top-off
            }
            double amps = charge.currentA()[a];
            double celsius = charge.temperatureC()[a];
            double f = model.temperatureFactor(celsius);
            double predicted = model.ocvVolts(soc, celsius)
                    + hysteresisVolts
                    + model.r0Volts(soc, celsius, f, amps)
                    + cell.r1Ohms() * model.fastFactor(soc, celsius, f) * amps
                    + cell.r2Ohms() * model.slowFactor(soc, celsius, f) * amps
                    + model.polarisationSteadyVolts(soc, f, amps);
            double excess = charge.voltageV()[a] - predicted;
            if (!(excess > 0)) {
                notes.add(String.format(
                        Locale.ROOT,
                        "top-knee charge excess: %s then %s: none (the charge's last voltage %.4f V at %.4f A and SOC"
                                + " %.4f is %.1f mV under the model)",
                        charge.source(),
                        topOff.source(),
                        charge.voltageV()[a],
                        amps,
                        soc,
                        -1000 * excess));
                continue;
            }
            TopKneeChargeExcess learnt =
                    new TopKneeChargeExcess(excess / Math.sqrt(3), region / (double) OcvDoubtLearner.REGIONS);
            if (learnt.sigmaVolts() > best.sigmaVolts()) {
                best = learnt;
                bestNote = String.format(
                        Locale.ROOT,
                        "top-knee charge excess: %s ends charging at %.4f V and %.4f A; the top-off %s takes %.4f Ah"
                                + " more, so that sample is at SOC %.4f, where the model gives %.4f V (OCV %.4f V,"
                                + " hysteresis %.1f mV): an excess of %.1f mV, sigma %.1f mV (over sqrt 3) from SOC"
                                + " %.1f while charging",
                        charge.source(),
                        charge.voltageV()[a],
                        amps,
                        topOff.source(),
                        netAh,
                        soc,
                        predicted,
                        model.ocvVolts(soc, celsius),
                        1000 * hysteresisVolts,
                        1000 * excess,
                        1000 * learnt.sigmaVolts(),
                        learnt.fromSoc());
            }
        }
        notes.add(
                bestNote != null
                        ? bestNote
                        : "top-knee charge excess: none learnt (no OCV test charging to the top cut-off followed by a"
                                + " top-off at it)");
        return best;
    }

    /** The last sample with current beyond the rest threshold, or -1. */
    private static int lastMoving(CellTestLog log, double restAmps) {
        for (int k = log.size() - 1; k >= 0; k--) {
            if (Math.abs(log.currentA()[k]) > restAmps) {
                return k;
            }
        }
        return -1;
    }

    /** The highest voltage while charging. */
    private static double highestCharging(CellTestLog log, double restAmps) {
        double v = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < log.size(); k++) {
            if (log.currentA()[k] > restAmps) {
                v = Math.max(v, log.voltageV()[k]);
            }
        }
        return v;
    }

    /** The charge in over the log (Ah, positive charging), each sample's current held over the step before it. */
    private static double netChargeAh(CellTestLog log) {
        double ah = 0;
        for (int k = 1; k < log.size(); k++) {
            ah += log.currentA()[k] * (log.timeS()[k] - log.timeS()[k - 1]) / 3600.0;
        }
        return ah;
    }
}
