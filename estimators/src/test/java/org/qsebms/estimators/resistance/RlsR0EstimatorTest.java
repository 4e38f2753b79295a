package org.qsebms.estimators.resistance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.qsebms.estimators.model.EcmParameters;
import org.qsebms.estimators.model.EquivalentCircuitCell;
import org.qsebms.estimators.model.OcvCurve;
import org.qsebms.estimators.model.ResistanceVsSoc;

class RlsR0EstimatorTest {
    static final OcvCurve LINEAR = new OcvCurve(new double[] {0, 1}, new double[] {3.4, 4.2}, new double[2]);

    @Test
    void learnsR0NormalisedTo25CFromCurrentStepsAtAnotherTemperature() {
        EcmParameters truth = EcmParameters.builder()
                .capacityAh(2.0)
                .r0Ohms(0.030)
                .r1Ohms(0.010)
                .tau1Seconds(10)
                .r2Ohms(0.010)
                .tau2Seconds(100)
                .activationEnergyJPerMol(30000)
                .ocv(LINEAR)
                .build();
        EcmParameters prior = truth.scaled(1.0, 0.6);
        EquivalentCircuitCell cell = new EquivalentCircuitCell(truth, 0.8, 5);
        RlsR0Estimator rls = new RlsR0Estimator(prior, 1, 0.99, 0.5);
        SplittableRandom r = new SplittableRandom(3);
        double[] v = new double[1];
        double[] t = {5};
        for (int k = 0; k < 3000; k++) {
            double amps = k % 5 == 0 ? r.nextDouble(-4, 2) : Double.NaN;
            amps = Double.isNaN(amps) ? cell.lastAmps() : amps;
            cell.step(amps, 0.1);
            v[0] = cell.terminalVolts();
            rls.update(amps, v, t);
        }
        // with 0.1 s steps the RC pairs add a little: R0 + R1 (1 - exp(-0.1/10)) ~ R0 + 1 %
        assertThat(rls.cellR0At25Ohms(0)).isCloseTo(0.030, within(0.002));
    }

    @Test
    void refersR0ToTheNominalSocThroughTheCellsTable() {
        // R0 three times its nominal value at 10 % SOC, as a cell near empty
        EcmParameters truth = EcmParameters.builder()
                .capacityAh(2.0)
                .r0Ohms(0.030)
                .r1Ohms(0.010)
                .tau1Seconds(10)
                .r2Ohms(0.010)
                .tau2Seconds(100)
                .activationEnergyJPerMol(30000)
                .ocv(LINEAR)
                .build()
                .withResistanceVsSoc(
                        new ResistanceVsSoc(new double[] {0.1, 0.3}, new double[] {3, 1}, new double[] {3, 1}));
        EquivalentCircuitCell cell = new EquivalentCircuitCell(truth, 0.1, 25);
        RlsR0Estimator withSoc = new RlsR0Estimator(truth, 1, 0.99, 0.5, 0.005);
        RlsR0Estimator withoutSoc = new RlsR0Estimator(truth, 1, 0.99, 0.5, 0.005);
        SplittableRandom r = new SplittableRandom(5);
        double[] v = new double[1];
        double[] t = {25};
        double[] soc = new double[1];
        double amps = 0;
        for (int k = 0; k < 3000; k++) {
            // steps of 1-3 A with alternating sign keep the SOC at 10 %
            amps = k % 5 == 0 ? (amps > 0 ? -1 : 1) * r.nextDouble(0.5, 1.5) : amps;
            cell.step(amps, 0.1);
            v[0] = cell.terminalVolts();
            soc[0] = cell.soc();
            withSoc.update(amps, v, t, soc);
            withoutSoc.update(amps, v, t);
        }
        assertThat(withSoc.cellR0At25Ohms(0)).isCloseTo(0.030, within(0.002));
        assertThat(withoutSoc.cellR0At25Ohms(0)).isCloseTo(0.090, within(0.006));
    }
}
