package org.qsebms.estimators.characterization;

import java.util.List;
import org.qsebms.estimators.model.EcmParameters;
import org.qsebms.estimators.soc.HysteresisModel;

/**
 * A cell learnt from its own tests.
 *
 * @param cell       ECM at the reference temperature (medians of the pulse fits over 20-95 % SOC)
 *                   with the Arrhenius activation energy fitted across temperatures
 * @param hysteresis OCV hysteresis from the OCV test (zero magnitude when not observed)
 * @param ocvFit     the OCV fit and its note
 * @param pulses     every pulse fit: the SOC/temperature table behind the medians
 * @param notes      decisions taken, for the user
 * @param activationEnergySource where the activation energy came from: {@code fitted from ...}, or
 *                   {@code assumed: ...} when the pulse tests held one temperature (then it is not
 *                   this cell's, and the preset says so)
 */
public record Characterization(
        EcmParameters cell,
        HysteresisModel hysteresis,
        OcvFit ocvFit,
        List<PulseFit> pulses,
        List<String> notes,
        String activationEnergySource) {

    /** Whether the activation energy is an assumption rather than fitted from this cell's tests. */
    public boolean activationEnergyAssumed() {
        return activationEnergySource.startsWith("assumed");
    }
}
