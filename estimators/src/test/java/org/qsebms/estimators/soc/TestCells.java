package org.qsebms.estimators.soc;

import org.qsebms.estimators.model.EcmParameters;
import org.qsebms.estimators.model.OcvCurve;
import org.qsebms.estimators.model.ResistanceMap;
import org.qsebms.estimators.model.ResistanceVsSoc;
import org.qsebms.estimators.model.TimeConstantsVsTemperature;

/** Cells for estimator tests: Chen2020 NCM811 OCV (sloped) and a Safari-like flat LFP OCV. */
public final class TestCells {
    private TestCells() {}

    public static OcvCurve ncm811() {
        int n = 101;
        double[] soc = new double[n];
        double[] v = new double[n];
        double[] dudt = new double[n];
        for (int i = 0; i < n; i++) {
            soc[i] = i / 100.0;
            double y = 0.9059 - soc[i] * (0.9059 - 0.2613);
            v[i] = -0.8090 * y
                    + 4.4875
                    - 0.0428 * Math.tanh(18.5138 * (y - 0.5542))
                    - 17.7326 * Math.tanh(15.7890 * (y - 0.3117))
                    + 17.5842 * Math.tanh(15.9308 * (y - 0.3120));
        }
        return new OcvCurve(soc, v, dudt);
    }

    /**
     * A 2 Ah cell on {@link #flatLfp()}: R0 30 mOhm, two RC pairs (10 mOhm / 10 s, 10 mOhm / 200 s), no
     * temperature law.
     */
    public static EcmParameters flatLfpCell() {
        return EcmParameters.builder()
                .capacityAh(2.0)
                .r0Ohms(0.03)
                .r1Ohms(0.01)
                .tau1Seconds(10)
                .r2Ohms(0.01)
                .tau2Seconds(200)
                .activationEnergyJPerMol(0)
                .ocv(flatLfp())
                .build();
    }

    public static OcvCurve flatLfp() {
        int n = 101;
        double[] soc = new double[n];
        double[] v = new double[n];
        double[] dudt = new double[n];
        for (int i = 0; i < n; i++) {
            soc[i] = i / 100.0;
            double y = 1 - soc[i] * 0.97;
            v[i] = 3.4323 - 0.8428 * Math.exp(-80.2493 * Math.pow(1 - y, 1.3198)) + 0.0005 * soc[i];
        }
        // the Safari law falls with y: make the table non-decreasing in SOC
        for (int i = 1; i < n; i++) {
            v[i] = Math.max(v[i], v[i - 1] + 1e-6);
        }
        return new OcvCurve(soc, v, dudt);
    }

    public static EcmParameters ncmCell() {
        return EcmParameters.builder()
                .capacityAh(2.0)
                .r0Ohms(0.030)
                .r1Ohms(0.015)
                .tau1Seconds(10)
                .r2Ohms(0.012)
                .tau2Seconds(200)
                .activationEnergyJPerMol(20000)
                .ocv(ncm811())
                .build();
    }

    /** {@link #ncmCell()} with resistances rising towards empty, as the Panasonic NCA cell's do. */
    public static EcmParameters ncmCellWithResistanceVsSoc() {
        return ncmCell()
                .withResistanceVsSoc(new ResistanceVsSoc(
                        new double[] {0.05, 0.1, 0.2, 0.5, 0.9},
                        new double[] {3.8, 2.1, 1.1, 0.9, 1.05},
                        new double[] {2.6, 1.8, 1.0, 0.8, 1.0}));
    }

    /**
     * {@link #ncmCellWithResistanceVsSoc()} measured at 0 and 25 °C: towards empty the resistances
     * rise more steeply at 0 °C, and the cell relaxes more slowly there.
     */
    public static EcmParameters ncmCellWithTablesAtTwoTemperatures() {
        ResistanceVsSoc warm = new ResistanceVsSoc(
                new double[] {0.05, 0.1, 0.2, 0.5, 0.9},
                new double[] {3.8, 2.1, 1.1, 0.9, 1.05},
                new double[] {2.6, 1.8, 1.0, 0.8, 1.0});
        ResistanceVsSoc cold = new ResistanceVsSoc(
                new double[] {0.05, 0.15, 0.3, 0.5, 0.9},
                new double[] {9.0, 4.0, 1.4, 0.9, 1.2},
                new double[] {8.0, 3.0, 1.1, 0.75, 0.95});
        return ncmCell()
                .withResistance(new ResistanceMap(new double[] {0, 25}, java.util.List.of(cold, warm)))
                .withTimeConstants(new TimeConstantsVsTemperature(
                        new double[] {0, 25}, new double[] {15, 10}, new double[] {320, 200}));
    }
}
