package org.qsebms.estimators.soc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.qsebms.estimators.model.EcmParameters;
import org.qsebms.estimators.model.EquivalentCircuitCell;
import org.qsebms.estimators.model.OcvCurve;
import org.qsebms.estimators.model.OcvDoubt;

/**
 * The OCV doubt per SOC region (and test temperature) in the filters' bound: the lookup, the
 * refusal of malformed tables, the fast and reference filters agreeing with a table, and, on a
 * simulated cell whose true OCV error changes with SOC (small where the tests measured it well, large
 * near empty), a bound that keeps the truth while it is tighter than one 20 mV doubt where the error is small.
 */
class OcvDoubtTest {
    private static final double[] EDGES = {0, 0.5, 1};

    @Test
    void sigmaIsTheRegionsLinearInTemperatureAndTheDefaultWithoutATable() {
        OcvDoubt d = new OcvDoubt(new double[] {0, 25}, EDGES, new double[] {0.030, 0.010, 0.010, 0.004});
        assertThat(d.sigmaVoltsAt(0.2, 25, 0.02)).isEqualTo(0.010);
        assertThat(d.sigmaVoltsAt(0.7, 25, 0.02)).isEqualTo(0.004);
        assertThat(d.sigmaVoltsAt(0.7, 12.5, 0.02)).isCloseTo(0.007, within(1e-12));
        assertThat(d.sigmaVoltsAt(0.2, -10, 0.02)).as("nearest table below").isEqualTo(0.030);
        assertThat(d.sigmaVoltsAt(0.2, 40, 0.02)).as("nearest table above").isEqualTo(0.010);
        assertThat(d.sigmaVoltsAt(1.3, 25, 0.02))
                .as("SOC beyond the edges: nearer region")
                .isEqualTo(0.004);
        assertThat(OcvDoubt.NONE.sigmaVoltsAt(0.5, 25, 0.02)).isEqualTo(0.02);
        assertThat(OcvDoubt.of(EDGES, new double[] {0.01, 0.002}).sigmaVoltsAt(0.9, -30, 0.02))
                .isEqualTo(0.002);
        EkfTuning t = EkfTuning.defaults();
        assertThat(t.ocvSigmaVolts(OcvDoubt.NONE, 0.5, 25, 0)).isEqualTo(t.ocvSigmaVolts());
        assertThat(t.ocvSigmaVolts(d, 0.7, 25, 10)).isCloseTo(Math.hypot(0.004, 0.005), within(1e-12));
    }

    @Test
    void malformedTablesAreRefusedWithTheReason() {
        assertThatThrownBy(() -> new OcvDoubt(new double[] {25}, EDGES, new double[] {0.01}))
                .hasMessageContaining("one sigma per region and temperature");
        assertThatThrownBy(() -> OcvDoubt.of(new double[] {0, 0.5, 0.5}, new double[] {0.01, 0.01}))
                .hasMessageContaining("strictly increasing");
        assertThatThrownBy(() -> OcvDoubt.of(EDGES, new double[] {0.01, 0})).hasMessageContaining("> 0");
        assertThatThrownBy(() -> new OcvDoubt(new double[] {25, 0}, EDGES, new double[] {0.01, 0.01, 0.01, 0.01}))
                .hasMessageContaining("temperatures must be strictly increasing");
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void fastAndReferenceFiltersAgreeWithALearntDoubt(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        EcmParameters params = TestCells.ncmCellWithTablesAtTwoTemperatures()
                .withOcvDoubt(new OcvDoubt(new double[] {0, 25}, new double[] {0, 0.2, 0.6, 1}, new double[] {
                    0.03, 0.012, 0.02, 0.006, 0.003, 0.009
                }));
        HysteresisModel hyst = new HysteresisModel(0.01, 30);
        EkfSocEstimator fast = new EkfSocEstimator(params, hyst, EkfTuning.defaults(), EkfAdaptation.resistance(), 3);
        ReferenceEkfSocEstimator ref =
                new ReferenceEkfSocEstimator(params, hyst, EkfTuning.defaults(), EkfAdaptation.resistance(), 3);
        EquivalentCircuitCell[] truth = new EquivalentCircuitCell[3];
        for (int c = 0; c < 3; c++) {
            truth[c] = new EquivalentCircuitCell(params.scaled(1 + 0.05 * c, 1.1), r.nextDouble(0.4, 0.95), 25);
        }
        // cell 0 starts from its voltage (the doubt at the SOC read from it), the others from a given SOC
        for (int c = 1; c < 3; c++) {
            double start = r.nextDouble(0.2, 0.9);
            fast.setCellSoc(c, start);
            ref.setCellSoc(c, start);
        }
        double[] volts = new double[3];
        double[] celsius = {25, 10, 3};
        for (int k = 0; k < 3000; k++) {
            double amps = (k / 120) % 3 == 0 ? 0 : -r.nextDouble(0.5, 3);
            for (int c = 0; c < 3; c++) {
                truth[c].step(amps, 1.0);
                volts[c] = truth[c].terminalVolts() + 0.002 * r.nextGaussian();
            }
            fast.update(amps, volts, celsius, 1.0);
            ref.update(amps, volts, celsius, 1.0);
            for (int c = 0; c < 3; c++) {
                assertThat(fast.cellSoc(c)).as("soc of cell %d at %d", c, k).isCloseTo(ref.cellSoc(c), within(1e-9));
                assertThat(fast.cellSocBound3Sigma(c))
                        .as("bound of cell %d at %d", c, k)
                        .isCloseTo(ref.cellSocBound3Sigma(c), within(1e-9));
            }
        }
    }

    /**
     * True OCV: the model's plus an error of +4 mV above SOC 0.5 (a well-measured region, doubt 5 mV)
     * and -45 mV below 0.3 (doubt 20 mV), joined linearly between; pulses and rests from SOC 0.9 to 0.05,
     * four seeds, scored after ten minutes.
     */
    @Test
    void theBoundKeepsAnOcvErrorThatChangesWithSocAndIsTighterWhereTheDoubtIsSmall() {
        EcmParameters model = TestCells.ncmCell();
        double[] soc = new double[101];
        double[] volts = new double[101];
        for (int b = 0; b <= 100; b++) {
            soc[b] = b / 100.0;
            double z = soc[b];
            double error = z >= 0.5 ? 0.004 : z <= 0.3 ? -0.045 : -0.045 + (z - 0.3) / 0.2 * 0.049;
            volts[b] = model.ocv().voltsAt(z) + error;
        }
        for (int b = 1; b <= 100; b++) {
            volts[b] = Math.max(volts[b], volts[b - 1]);
        }
        EcmParameters truthParams = EcmParameters.builder()
                .capacityAh(model.capacityAh())
                .r0Ohms(model.r0Ohms())
                .r1Ohms(model.r1Ohms())
                .tau1Seconds(model.tau1Seconds())
                .r2Ohms(model.r2Ohms())
                .tau2Seconds(model.tau2Seconds())
                .activationEnergyJPerMol(model.activationEnergyJPerMol())
                .ocv(new OcvCurve(soc, volts, new double[soc.length]))
                .build();
        EcmParameters learnt = model.withOcvDoubt(OcvDoubt.of(EDGES, new double[] {0.020, 0.005}));
        double worst = 1;
        double learntUpper = 0;
        double defaultUpper = 0;
        for (long seed = 1; seed <= 4; seed++) {
            SplittableRandom r = new SplittableRandom(seed);
            EquivalentCircuitCell truth = new EquivalentCircuitCell(truthParams, 0.9, 25);
            EkfSocEstimator filter = new EkfSocEstimator(
                    learnt, HysteresisModel.NONE, EkfTuning.defaults(), EkfAdaptation.resistance(), 1);
            EkfSocEstimator plain = new EkfSocEstimator(
                    model, HysteresisModel.NONE, EkfTuning.defaults(), EkfAdaptation.resistance(), 1);
            filter.setCellSoc(0, 0.9);
            plain.setCellSoc(0, 0.9);
            double[] v = new double[1];
            double[] t = {25};
            int inside = 0;
            int scored = 0;
            double[] upperLearnt = new double[20000];
            double[] upperPlain = new double[20000];
            int upper = 0;
            for (int k = 0; truth.soc() > 0.05 && k < 40000; k++) {
                double amps = (k / 300) % 2 == 0 ? -r.nextDouble(0.5, 2.0) : 0;
                truth.step(amps, 1.0);
                v[0] = truth.terminalVolts() + 0.002 * r.nextGaussian();
                filter.update(amps, v, t, 1.0);
                plain.update(amps, v, t, 1.0);
                if (k < 600) {
                    continue;
                }
                inside += Math.abs(filter.cellSoc(0) - truth.soc()) <= filter.cellSocBound3Sigma(0) ? 1 : 0;
                scored++;
                if (truth.soc() > 0.55 && upper < upperLearnt.length) {
                    upperLearnt[upper] = filter.cellSocBound3Sigma(0);
                    upperPlain[upper++] = plain.cellSocBound3Sigma(0);
                }
            }
            worst = Math.min(worst, inside / (double) scored);
            learntUpper = Math.max(learntUpper, median(upperLearnt, upper));
            defaultUpper = Math.max(defaultUpper, median(upperPlain, upper));
        }
        System.out.printf(
                Locale.ROOT,
                "OCV error changing with SOC: worst coverage %.1f %%; median bound above SOC 0.55 %.2f %% "
                        + "learnt, %.2f %% with one 20 mV doubt%n",
                100 * worst,
                100 * learntUpper,
                100 * defaultUpper);
        assertThat(worst).isGreaterThanOrEqualTo(0.95);
        assertThat(learntUpper).isLessThan(0.5 * defaultUpper);
    }

    private static double median(double[] xs, int n) {
        double[] s = Arrays.copyOf(xs, n);
        Arrays.sort(s);
        return s[n / 2];
    }
}
