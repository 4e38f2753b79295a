package org.qsebms.estimators.characterization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.qsebms.estimators.model.EcmParameters;
import org.qsebms.estimators.model.EquivalentCircuitModel;
import org.qsebms.estimators.model.OcvDoubt;
import org.qsebms.estimators.model.SlowPolarisation;
import org.qsebms.estimators.soc.TestCells;

/**
 * The learner's pooled slow-relaxation statistic (the OCV doubt's largest term on the shared NCA tests),
 * and the doubt a slow charge/discharge pair without rests brackets.
 */
class OcvDoubtLearnerTest {
    @Test
    void thePooledSigmaIsTheChiSquareUpperConfidenceBoundOverEveryRegionsSamples() {
        OcvDoubtLearner.RegionRms samples = new OcvDoubtLearner.RegionRms();
        // five rests in three regions, 2 mV each (one negative: a move after a charge): RMS 2 mV whatever the region
        samples.add(0.15, 0.002);
        samples.add(0.15, -0.002);
        samples.add(0.55, 0.002);
        samples.add(0.85, 0.002);
        samples.add(0.95, 0.002);
        assertThat(samples.total()).isEqualTo(5);
        assertThat(samples.pooledRms()).isCloseTo(0.002, within(1e-12));
        // chi-square with 5 degrees of freedom: its 5 % quantile is 1.1455 (tables), so sqrt(5 / 1.1455) = 2.089
        assertThat(samples.pooledUpperSigma(0.95)).isCloseTo(0.002 * 2.0893, within(2e-6));
    }

    @Test
    void oneLargeRestNoLongerSetsItsRegionAlone() {
        OcvDoubtLearner.RegionRms samples = new OcvDoubtLearner.RegionRms();
        for (int k = 0; k < 60; k++) {
            samples.add(0.05 + (k % 10) / 10.0, 0.005);
        }
        samples.add(0.85, 0.021);
        // the largest in its region was that region's doubt before; pooled, it counts as one rest of 61
        assertThat(samples.largest[8]).isCloseTo(0.021, within(1e-12));
        double pooled = samples.pooledUpperSigma(0.95);
        assertThat(pooled).isGreaterThan(samples.pooledRms()).isLessThan(0.010);
    }

    @Test
    void moreRestsNarrowTheUpperBoundTowardsTheRms() {
        OcvDoubtLearner.RegionRms few = new OcvDoubtLearner.RegionRms();
        OcvDoubtLearner.RegionRms many = new OcvDoubtLearner.RegionRms();
        for (int k = 0; k < 4; k++) {
            few.add(0.5, 0.003);
        }
        for (int k = 0; k < 400; k++) {
            many.add(0.5, 0.003);
        }
        assertThat(few.pooledUpperSigma(0.95)).isGreaterThan(many.pooledUpperSigma(0.95));
        assertThat(many.pooledUpperSigma(0.95)).isCloseTo(0.003, within(0.0003));
        assertThat(new OcvDoubtLearner.RegionRms().pooledUpperSigma(0.95)).isZero();
    }

    /** One hour of a 1.45 A discharge then two hours of rest, at 25 °C, one row a second, with the tester's Ah. */
    private static CellTestLog dischargeThenRest() {
        int n = 3 * 3600;
        double[] t = new double[n];
        double[] i = new double[n];
        double[] v = new double[n];
        double[] c = new double[n];
        double[] soc = new double[n];
        Arrays.fill(v, 3.6);
        Arrays.fill(c, 25);
        Arrays.fill(soc, Double.NaN);
        double[] ah = new double[n];
        for (int k = 0; k < n; k++) {
            t[k] = k;
            i[k] = k < 3600 ? -1.45 : 0;
            ah[k] = k == 0 ? 0 : ah[k - 1] + i[k] / 3600;
        }
        return new CellTestLog("discharge-then-rest", t, i, v, c, ah, soc);
    }

    @Test
    void withoutASlowBranchNothingIsTakenOffTheRests() {
        double[] branch = OcvDoubtLearner.branchVolts(TestCells.ncmCell(), dischargeThenRest(), 2.9);
        assertThat(branch).containsOnly(0.0);
    }

    @Test
    void theSlowBranchsMoveOverARestIsWhatTheFiltersWouldPredict() {
        double tau = 500;
        double ohms = 0.02;
        double[] edges = {0, 0.5, 1};
        EcmParameters cell =
                TestCells.ncmCell().withSlowPolarisation(new SlowPolarisation(tau, edges, new double[] {ohms, ohms}));
        double[] branch = OcvDoubtLearner.branchVolts(cell, dischargeThenRest(), 2.9);
        double f = new EquivalentCircuitModel(cell).temperatureFactor(25);
        // an hour of discharge is 7 time constants: the branch sits at R3 f(T) I when the current stops
        assertThat(branch[3599]).isCloseTo(-ohms * f * 1.45, within(1e-4));
        // then decays with its time constant during the rest: what the doubt learner takes off a rest's move
        assertThat(branch[3599 + 1000]).isCloseTo(branch[3599] * Math.exp(-1000 / tau), within(1e-9));
    }

    /**
     * A rest after a discharge logged like the Panasonic C/20 test's last one: a row a second for
     * 1,000 s, then no row for {@code gapSeconds}, then 600 rows more {@code coolingKelvin} colder.
     */
    private static CellTestLog restWithAGap(double gapSeconds, double coolingKelvin) {
        int before = 600;
        int rest = 1000;
        int n = before + rest + 600;
        double[] t = new double[n];
        double[] i = new double[n];
        double[] v = new double[n];
        double[] c = new double[n];
        double[] ah = new double[n];
        double[] soc = new double[n];
        Arrays.fill(soc, Double.NaN);
        for (int k = 0; k < n; k++) {
            boolean afterGap = k >= before + rest;
            t[k] = k + (afterGap ? gapSeconds : 0);
            i[k] = k < before ? -1.45 : 0;
            ah[k] = k == 0 ? 0 : ah[k - 1] + i[k] / 3600;
            v[k] = k < before ? 3.6 : afterGap ? 3.68 : 3.7;
            c[k] = 25 - (afterGap ? coolingKelvin : 0);
        }
        return new CellTestLog("rest-with-a-gap", t, i, v, c, ah, soc);
    }

    @Test
    void aRestEndsWhereTheCellLeavesTheTemperatureItsDoubtIsLearntFor() {
        // the 25 °C C/20 test's last rest: its final row 13.6 K colder, 13.6 h later
        CellTestLog cooled = restWithAGap(48969, 13.6);
        assertThat(OcvDoubtLearner.restEvidenceEnd(cooled, 600, 2199, 25)).isEqualTo(1599);
        // within the temperature grouping the rest runs to its last row, gap or not
        CellTestLog warm = restWithAGap(48969, OcvTemperatureFitter.OCV_GROUP_KELVIN - 1);
        assertThat(OcvDoubtLearner.restEvidenceEnd(warm, 600, 2199, 25)).isEqualTo(2199);
        // and a rest learnt for another temperature group ends at its first row
        assertThat(OcvDoubtLearner.restEvidenceEnd(warm, 600, 2199, 0.6)).isEqualTo(600);
    }

    private static final double CAPACITY_AH = 2.0;
    private static final double DC_OHMS = 0.05;

    /**
     * A C/20 test without rests on {@code cell}, one row a minute, from full: {@code withCharge} false
     * stops after the discharge. Its branches are the OCV {@code belowMv} under (discharge) and {@code
     * aboveMv} over (charge), besides the resistive drop {@code DC_OHMS I}, with the tester's Ah counter.
     */
    private static CellTestLog slowPair(EcmParameters cell, double belowMv, double aboveMv, boolean withCharge) {
        double amps = CAPACITY_AH / 20;
        int half = 20 * 60;
        int n = withCharge ? 2 * half : half;
        double[] t = new double[n];
        double[] i = new double[n];
        double[] v = new double[n];
        double[] c = new double[n];
        double[] ah = new double[n];
        double[] soc = new double[n];
        Arrays.fill(c, 25);
        Arrays.fill(soc, Double.NaN);
        for (int k = 0; k < n; k++) {
            t[k] = 60.0 * k;
            i[k] = k < half ? -amps : amps;
            ah[k] = k == 0 ? 0 : ah[k - 1] + i[k] * 60 / 3600;
            double z = Math.max(0, Math.min(1, 1 + ah[k] / CAPACITY_AH));
            double offset = k < half ? -belowMv / 1000 : aboveMv / 1000;
            v[k] = cell.ocv().voltsAt(z, 25) + i[k] * DC_OHMS + offset;
        }
        return new CellTestLog("c20", t, i, v, c, ah, soc);
    }

    private static OcvDoubt learnt(EcmParameters cell, CellTestLog log, double hysteresisVolts, List<String> notes) {
        return new OcvDoubtLearner(new OcvFitter(0.005 * CAPACITY_AH, 0.08, 600))
                .learn(List.of(log), CAPACITY_AH, DC_OHMS, cell, hysteresisVolts, 0.020, notes);
    }

    @Test
    void aSlowPairWithoutRestsBracketsTheTableByItsFartherBranch() {
        EcmParameters cell = TestCells.ncmCell();
        List<String> notes = new ArrayList<>();
        // 6 mV either side of the OCV after the resistive drop, the model's hysteresis those 6 mV
        OcvDoubt symmetric = learnt(cell, slowPair(cell, 6, 6, true), 0.006, notes);
        assertThat(symmetric.isNone()).isFalse();
        for (double z = 0.15; z < 0.9; z += 0.1) {
            // at least the 6 mV either branch is off; a little more where the OCV bends inside a 1 % bin
            assertThat(symmetric.sigmaVoltsAt(z, 25, Double.NaN))
                    .as("SOC %.2f", z)
                    .isBetween(0.0059, 0.0065);
        }
        assertThat(notes).anyMatch(n -> n.contains("bracketed by the slow charge and discharge branches"));
        // one-sided (the charge branch 10 mV over the table, the discharge branch on it): the farther
        // branch bounds the table (the model's 5 mV hysteresis is the half gap: nothing unexplained adds on)
        OcvDoubt oneSided = learnt(cell, slowPair(cell, 0, 10, true), 0.005, new ArrayList<>());
        assertThat(oneSided.sigmaVoltsAt(0.55, 25, Double.NaN)).isBetween(0.0099, 0.0105);
    }

    @Test
    void aBracketWiderThanTheDefaultKeepsTheDefault() {
        EcmParameters cell = TestCells.ncmCell();
        OcvDoubt wide = learnt(cell, slowPair(cell, 30, 30, true), 0.030, new ArrayList<>());
        assertThat(wide.sigmaVoltsAt(0.55, 25, Double.NaN)).isEqualTo(0.020);
    }

    @Test
    void aDischargeAloneBracketsNothingAndKeepsTheDefault() {
        EcmParameters cell = TestCells.ncmCell();
        List<String> notes = new ArrayList<>();
        assertThat(learnt(cell, slowPair(cell, 6, 6, false), 0, notes)).isEqualTo(OcvDoubt.NONE);
        assertThat(notes).anyMatch(n -> n.contains("nothing was learnt"));
    }
}
