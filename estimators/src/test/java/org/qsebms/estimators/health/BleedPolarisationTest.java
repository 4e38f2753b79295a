package org.qsebms.estimators.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.qsebms.estimators.model.EcmParameters;
import org.qsebms.estimators.model.LithiumInterface;
import org.qsebms.estimators.model.SlowPolarisation;
import org.qsebms.estimators.soc.TestCells;

/**
 * The drop a cell's own balancing bleed holds across it, as the health tracker adds it back to a bled rest (fix20w):
 * on psoa-ncm811's circuit and lithium interface law (the preset's figures, 1.845 Ah), 87 mA (the trace's average
 * bleed).
 */
class BleedPolarisationTest {
    private static final double BLEED = 0.087;
    private static final double DT = 0.5;
    private static final EcmParameters PSOA_NCM811 = TestCells.ncmCell().toBuilder()
            .capacityAh(1.845)
            .r0Ohms(0.002464)
            .r1Ohms(0.009633)
            .tau1Seconds(2.0)
            .r2Ohms(0.02952)
            .tau2Seconds(60.0)
            .activationEnergyJPerMol(26084.0)
            .build();
    private static final LithiumInterface LAW = new LithiumInterface(8.747e-4, 2.897e-5, 0.003846);

    private static double bleedFor(BleedPolarisation drop, double seconds, double celsius) {
        for (double s = 0; s < seconds; s += DT) {
            drop.step(0, BLEED, celsius, 0.5, DT);
        }
        return drop.volts(0, PSOA_NCM811.r0Ohms());
    }

    @Test
    void aSteadyBleedDropsItsInterfaceLawWhichIsThreeTimesTheLinearCircuits() {
        double withLaw = bleedFor(new BleedPolarisation(PSOA_NCM811, LAW, 1), 1800, 25);
        double line = bleedFor(new BleedPolarisation(PSOA_NCM811, LithiumInterface.NONE, 1), 1800, 25);
        double r = PSOA_NCM811.r0Ohms() + PSOA_NCM811.r2Ohms();
        assertThat(withLaw).isCloseTo(BLEED * r + LAW.volts(BLEED), within(1e-9));
        // the linear circuit's steady drop is what the tracker added back before fix20w
        assertThat(line).isCloseTo(BLEED * (r + PSOA_NCM811.r1Ohms()), within(1e-9));
        assertThat(withLaw / line).as("interface law against R1's line").isGreaterThan(2.5);
    }

    @Test
    void aColdCellsDropIsItsArrheniusFactorTimesTheWarmOnes() {
        double warm = bleedFor(new BleedPolarisation(PSOA_NCM811, LAW, 1), 3600, 25);
        double cold = bleedFor(new BleedPolarisation(PSOA_NCM811, LAW, 1), 3600, 0);
        assertThat(cold / warm).isCloseTo(PSOA_NCM811.resistanceFactor(0), within(1e-6));
    }

    @Test
    void aBleedThatStoppedLeavesOnlyWhatItsPairsHaveNotRelaxed() {
        BleedPolarisation drop = new BleedPolarisation(PSOA_NCM811, LAW, 1);
        bleedFor(drop, 1800, 25);
        double second = BLEED * PSOA_NCM811.r2Ohms();
        for (int k = 0; k < 6; k++) {
            drop.step(0, 0.0, 25, 0.5, DT); // 3 s off
        }
        double expected = LAW.volts(BLEED) * Math.exp(-3.0 / 2.0) + second * Math.exp(-3.0 / 60.0);
        assertThat(drop.volts(0, PSOA_NCM811.r0Ohms())).isCloseTo(expected, within(1e-9));
        for (int k = 0; k < 1200; k++) {
            drop.step(0, 0.0, 25, 0.5, DT); // 10 min more
        }
        assertThat(drop.volts(0, PSOA_NCM811.r0Ohms())).isLessThan(1e-5);
    }

    @Test
    void aPresetsSlowBranchCarriesTheBleedToo() {
        SlowPolarisation slow = new SlowPolarisation(250, new double[] {0, 0.5, 1}, new double[] {0.02, 0.01});
        BleedPolarisation drop = new BleedPolarisation(PSOA_NCM811.withSlowPolarisation(slow), LAW, 1);
        double without = bleedFor(new BleedPolarisation(PSOA_NCM811, LAW, 1), 7200, 25);
        double with = bleedFor(drop, 7200, 25);
        // at SOC 0.5 the branch's upper region: 10 mOhm
        assertThat(with - without).isCloseTo(BLEED * 0.01, within(1e-7));
    }

    /**
     * A sample whose bleed, temperature or SOC is not a number (a cell or thermistor reading lost in a replayed log, a
     * SOC the filter could not give) steps nothing: the pairs hold what they had. Before, one NaN entered the pairs'
     * state and every later bled rest was read with a NaN drop, for good.
     */
    @Test
    void aSampleThatIsNotANumberLeavesThePairsAsTheyWere() {
        SlowPolarisation slow = new SlowPolarisation(250, new double[] {0, 0.5, 1}, new double[] {0.02, 0.01});
        BleedPolarisation drop = new BleedPolarisation(PSOA_NCM811.withSlowPolarisation(slow), LAW, 1);
        double before = bleedFor(drop, 1800, 25);
        drop.step(0, Double.NaN, 25, 0.5, DT);
        drop.step(0, BLEED, Double.NaN, 0.5, DT);
        drop.step(0, BLEED, 25, Double.NaN, DT);
        drop.step(0, Double.POSITIVE_INFINITY, 25, 0.5, DT);
        assertThat(drop.volts(0, PSOA_NCM811.r0Ohms())).isCloseTo(before, within(1e-4));
        double after = bleedFor(drop, 60, 25);
        assertThat(after).isFinite().isCloseTo(before, within(1e-4));
    }
}
