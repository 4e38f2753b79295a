package org.qsebms.estimators.characterization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.qsebms.estimators.model.EcmParameters;
import org.qsebms.estimators.model.EquivalentCircuitCell;
import org.qsebms.estimators.model.OcvCurve;

class PulseFitterTest {
    static final OcvCurve LINEAR = new OcvCurve(new double[] {0, 1}, new double[] {3.4, 4.2}, new double[2]);

    /** 0.1 s samples: 100 s discharge, 300 s rest, 10 s pulse, 390 s rest; repeated at several SOC. */
    static CellTestLog hppc(EcmParameters p, double amps) {
        EquivalentCircuitCell cell = new EquivalentCircuitCell(p, 0.9, 25);
        int n = 6 * 8000;
        double[] t = new double[n];
        double[] i = new double[n];
        double[] v = new double[n];
        double[] c = new double[n];
        double[] cap = new double[n];
        double[] soc = new double[n];
        double ah = 0;
        for (int k = 0; k < n; k++) {
            int phase = k % 8000;
            double current = phase < 1000 ? -2.0 : phase >= 4000 && phase < 4100 ? amps : 0.0;
            cell.step(current, 0.1);
            ah += current * 0.1 / 3600;
            t[k] = 0.1 * k;
            i[k] = current;
            v[k] = cell.terminalVolts();
            c[k] = 25;
            cap[k] = ah;
            soc[k] = cell.soc();
        }
        return new CellTestLog("synthetic", t, i, v, c, cap, soc);
    }

    @Test
    void recoversTheParametersOfASimulatedCell() {
        EcmParameters truth = EcmParameters.builder()
                .capacityAh(2.0)
                .r0Ohms(0.020)
                .r1Ohms(0.010)
                .tau1Seconds(2.0)
                .r2Ohms(0.015)
                .tau2Seconds(60)
                .activationEnergyJPerMol(0)
                .ocv(LINEAR)
                .build();
        List<PulseFit> fits = new PulseFitter(0.02, 0.4, 60, 360).fitAll(hppc(truth, -4.0), 2.0);
        assertThat(fits).hasSizeGreaterThanOrEqualTo(6);
        for (PulseFit f : fits) {
            assertThat(f.r0Ohms()).isCloseTo(0.020, within(0.001));
            assertThat(f.r1Ohms() + f.r2Ohms()).isCloseTo(0.025, within(0.002));
            assertThat(f.rmsVolts()).isLessThan(0.001);
        }
        double[] medians = CellCharacterizer.medians(fits);
        assertThat(Arrays.stream(medians).allMatch(Double::isFinite)).isTrue();
    }

    /**
     * A slow pair far slower than the fitted window (an hour against 360 s): the window sees only
     * its first tenth, which the OCV drift term can also explain. Fitted freely, the time constant
     * lands wherever the fit ends (here 3,604 s, on noise-free data; on a simulated HPPC test once
     * 7,985,526 s, which the characterizer wrote and its own preset reader refused). The fit is held
     * within the window: every fitted time constant is at most its length, and R0 is still found.
     */
    @Test
    void timeConstantsStayWithinTheFittedWindow() {
        EcmParameters truth = EcmParameters.builder()
                .capacityAh(2.0)
                .r0Ohms(0.020)
                .r1Ohms(0.010)
                .tau1Seconds(2.0)
                .r2Ohms(0.030)
                .tau2Seconds(3600)
                .activationEnergyJPerMol(0)
                .ocv(LINEAR)
                .build();
        List<PulseFit> fits = new PulseFitter(0.02, 0.4, 60, 360).fitAll(hppc(truth, -4.0), 2.0);
        assertThat(fits).isNotEmpty();
        for (PulseFit f : fits) {
            System.out.printf(
                    java.util.Locale.ROOT,
                    "tau1 %.3f s, tau2 %.1f s, R0 %.4f, rms %.5f V%n",
                    f.tau1Seconds(),
                    f.tau2Seconds(),
                    f.r0Ohms(),
                    f.rmsVolts());
            // the window is 360 s; exp(log(360)) may round one ulp above it
            assertThat(f.tau1Seconds()).isPositive().isLessThanOrEqualTo(360.0 * (1 + 1e-12));
            assertThat(f.tau2Seconds()).isPositive().isLessThanOrEqualTo(360.0 * (1 + 1e-12));
            assertThat(f.r0Ohms()).isCloseTo(0.020, within(0.002));
        }
    }

    /** Held at the cell's own time constants, the linear refit finds its resistances. */
    @Test
    void theRefitAtGivenTimeConstantsFindsTheResistances() {
        EcmParameters truth = EcmParameters.builder()
                .capacityAh(2.0)
                .r0Ohms(0.020)
                .r1Ohms(0.010)
                .tau1Seconds(2.0)
                .r2Ohms(0.015)
                .tau2Seconds(60)
                .activationEnergyJPerMol(0)
                .ocv(LINEAR)
                .build();
        List<PulseFit> fits = new PulseFitter(0.02, 0.4, 60, 360).fitAllAt(hppc(truth, -4.0), 2.0, null, 2.0, 60);
        assertThat(fits).hasSizeGreaterThanOrEqualTo(6);
        for (PulseFit f : fits) {
            assertThat(f.r0Ohms()).isCloseTo(0.020, within(0.001));
            assertThat(f.r1Ohms()).isCloseTo(0.010, within(0.001));
            assertThat(f.r2Ohms()).isCloseTo(0.015, within(0.001));
            assertThat(f.tau2Seconds()).isEqualTo(60);
        }
    }

    /**
     * A pulse whose rest is cut short by the next current step (an HPPC level's move to the next
     * SOC: 400 s at 1 C across an OCV with two kinks) well inside the fitted window. The window is
     * the pulse and its relaxation and ends where the next pulse starts: taken on to the window's
     * length, the linear drift term cannot follow the OCV's bends and the pairs took them up (on the
     * simulated QSE cell's HPPC test, R0 + R1 of 27-48 mOhm at tau1 40-50 s against a true 11 mOhm
     * at 2 s, which made the resistance table step by 2-4x above SOC 0.79; here the fit did not
     * converge and the pulse was dropped).
     */
    @Test
    void theWindowEndsWhereTheNextPulseStarts() {
        OcvCurve kinked =
                new OcvCurve(new double[] {0, 0.55, 0.6, 1}, new double[] {3.5, 3.75, 3.9, 4.2}, new double[4]);
        EcmParameters truth = EcmParameters.builder()
                .capacityAh(2.0)
                .r0Ohms(0.020)
                .r1Ohms(0.010)
                .tau1Seconds(2.0)
                .r2Ohms(0.015)
                .tau2Seconds(20)
                .activationEnergyJPerMol(0)
                .ocv(kinked)
                .build();
        EquivalentCircuitCell cell = new EquivalentCircuitCell(truth, 0.62, 25);
        int n = 1000;
        double[] t = new double[n];
        double[] i = new double[n];
        double[] v = new double[n];
        double[] c = new double[n];
        double[] cap = new double[n];
        double[] soc = new double[n];
        double ah = 0;
        for (int k = 0; k < n; k++) {
            double current = k >= 100 && k < 130 ? -2.0 : k >= 250 && k < 650 ? -2.0 : 0.0;
            cell.step(current, 1.0);
            ah += current / 3600;
            t[k] = k;
            i[k] = current;
            v[k] = cell.terminalVolts();
            c[k] = 25;
            cap[k] = ah;
            soc[k] = cell.soc();
        }
        List<PulseFit> fits =
                new PulseFitter(0.02, 0.4, 60, 600).fitAll(new CellTestLog("kinked", t, i, v, c, cap, soc), 2.0);
        PulseFit first = fits.get(0);
        assertThat(first.socFraction()).isCloseTo(0.62, within(0.001));
        assertThat(first.r0Ohms() + first.r1Ohms()).isCloseTo(0.030, within(0.002));
        assertThat(first.r2Ohms()).isCloseTo(0.015, within(0.002));
        assertThat(first.rmsVolts()).isLessThan(0.001);
    }
}
