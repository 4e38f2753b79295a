package org.qsebms.bms.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.qsebms.bms.measure.PackMeasurement;
import org.qsebms.bms.sim.PackLoad;
import org.qsebms.bms.testing.SimRig;
import org.qsebms.config.PresetCatalog;
import org.qsebms.estimators.model.EcmParameters;
import org.qsebms.estimators.soc.SocEstimator;
import org.qsebms.hal.BalancingSwitches;

class PassiveBalancerTest {
    private final PackMeasurement m = new PackMeasurement(4, 4);
    private final Switches out = new Switches(4);
    private final FixedSoc soc = new FixedSoc(4);

    PassiveBalancerTest() {
        Arrays.fill(m.cellVolts, 3.70);
        Arrays.fill(m.cellCelsius, 25.0);
        m.cellVolts[2] = 3.75;
        m.computeExtremes();
    }

    /** 10 mV threshold, off at 40 °C, floor 3.0 V, always on (duty 1 of 1). */
    private static PassiveBalancer always(PassiveBalancer.Mode mode) {
        return new PassiveBalancer(mode, 0.010, 0.02, 40.0, 3.0, 1, 1);
    }

    @Test
    void bleedsOnlyCellsAboveTheLowestByTheThresholdAtRest() {
        PassiveBalancer b = always(PassiveBalancer.Mode.VOLTAGE);
        b.decide(m, null, true, out);
        assertThat(out.on).containsExactly(false, false, true, false);
        assertThat(b.cellsOn()).isEqualTo(1);
    }

    @Test
    void balancesWhileChargingButNeverWhileDischarging() {
        PassiveBalancer b = always(PassiveBalancer.Mode.VOLTAGE);
        m.packAmps = 1.0;
        b.decide(m, null, true, out);
        assertThat(out.on[2]).isTrue();
        m.packAmps = -1.0;
        b.decide(m, null, true, out);
        assertThat(out.on).containsOnly(false);
    }

    @Test
    void stopsAtTheTemperatureLimitAndWhenNotAllowed() {
        PassiveBalancer b = always(PassiveBalancer.Mode.VOLTAGE);
        b.decide(m, null, false, out);
        assertThat(out.on).containsOnly(false);
        b.decide(m, null, true, out);
        assertThat(out.on[2]).isTrue();
        m.cellCelsius[0] = 41.0;
        m.computeExtremes();
        b.decide(m, null, true, out);
        assertThat(out.on).containsOnly(false);
        // a rest that began over the limit: aRestThatBeganOverTheCeilingIsNotBalancedWhenItsCellsCool
    }

    @Test
    void dutyCapLimitsOnTimeToItsFraction() {
        PassiveBalancer b = new PassiveBalancer(PassiveBalancer.Mode.VOLTAGE, 0.010, 0.02, 40.0, 3.0, 10, 3);
        int onTicks = 0;
        for (int i = 0; i < 1000; i++) {
            b.decide(m, null, true, out);
            onTicks += out.on[2] ? 1 : 0;
        }
        assertThat(onTicks).isEqualTo(300);
    }

    @Test
    void aRestThatBeganUnderTheFloorIsNotBalancedWhenItsCellsRelaxAcrossIt() {
        PassiveBalancer b = new PassiveBalancer(PassiveBalancer.Mode.VOLTAGE, 0.010, 0.02, 40.0, 3.72, 1, 1);
        b.decide(m, null, true, out); // the rest begins with the lowest cell at 3.70 V, under the floor
        assertThat(out.on).containsOnly(false);
        for (int i = 0; i < 4; i++) {
            m.cellVolts[i] += 0.05; // relaxed up across the floor, the same rest
        }
        m.computeExtremes();
        b.decide(m, null, true, out);
        assertThat(out.on).as("still the rest that began under the floor").containsOnly(false);
        m.packAmps = 0.5;
        b.decide(m, null, true, out);
        assertThat(out.on[2]).as("charging above the floor").isTrue();
        m.packAmps = 0.0;
        b.decide(m, null, true, out);
        assertThat(out.on[2]).as("a new rest that begins above the floor").isTrue();
    }

    @Test
    void aRestThatBeganOverTheCeilingIsNotBalancedWhenItsCellsCool() {
        PassiveBalancer b = always(PassiveBalancer.Mode.VOLTAGE);
        m.cellCelsius[1] = 41.0;
        m.computeExtremes();
        b.decide(m, null, true, out);
        m.cellCelsius[1] = 30.0;
        m.computeExtremes();
        b.decide(m, null, true, out);
        assertThat(out.on).containsOnly(false);
    }

    @Test
    void aRestIsJudgedAtItsFirstValidMeasurementNotBefore() {
        PassiveBalancer b = always(PassiveBalancer.Mode.VOLTAGE);
        PackMeasurement first = new PackMeasurement(4, 4); // no cell channel read: no extremes
        Arrays.fill(first.cellVolts, Double.NaN);
        first.computeExtremes();
        b.decide(first, null, true, out);
        assertThat(out.on).containsOnly(false);
        b.decide(m, null, true, out);
        assertThat(out.on[2])
                .as("the rest's first valid measurement is within the limits")
                .isTrue();
    }

    @Test
    void socModeFollowsTheEstimatedSocNotTheVoltage() {
        PassiveBalancer b = always(PassiveBalancer.Mode.SOC);
        soc.soc[0] = 0.60;
        soc.soc[1] = 0.55;
        soc.soc[2] = 0.55; // highest voltage, but not above in SOC
        soc.soc[3] = 0.58;
        b.decide(m, soc, true, out);
        assertThat(out.on).containsExactly(true, false, false, true);
    }

    /**
     * A cell read under its own bleed is not the lowest until the preset's cell has relaxed from it: at -15 °C the
     * bled cell reads 50 mV under the others, its drop, and the others are not bled after it (check23u); a cell
     * that still reads that low after the preset's longest time constant at its temperature is taken as the lowest.
     */
    @Test
    void aCellReadUnderItsOwnBleedIsNotTakenForTheLowestUntilItHasRelaxed() {
        EcmParameters cell = new PresetCatalog().load("psoa-ncm811").cell();
        Arrays.fill(m.celsiusAtCell, -15.0);
        PassiveBalancer b = new PassiveBalancer(
                PassiveBalancer.Mode.VOLTAGE, 0.010, 0.02, 40.0, 3.0, 1, 1, new BleedRelaxation(cell, 1.0, 4));
        b.decide(m, null, true, out);
        assertThat(out.on).containsExactly(false, false, true, false);
        m.cellVolts[2] = 3.65; // its bleed's drop
        m.computeExtremes();
        b.decide(m, null, true, out);
        assertThat(out.on).as("nobody bled after the bled cell's drop").containsOnly(false);
        double relaxSeconds = Math.max(cell.tau1SecondsAt(-15.0), cell.tau2SecondsAt(-15.0));
        for (int s = 1; s < relaxSeconds; s++) {
            b.decide(m, null, true, out);
            assertThat(out.on).as("%d s after its bleed", s).containsOnly(false);
        }
        b.decide(m, null, true, out);
        assertThat(out.on).as("relaxed and still lowest").containsExactly(true, true, false, true);
    }

    @Test
    void withoutARelaxationTheLowestReadingIsTheReference() {
        PassiveBalancer b = always(PassiveBalancer.Mode.VOLTAGE);
        b.decide(m, null, true, out);
        m.cellVolts[2] = 3.65;
        m.computeExtremes();
        b.decide(m, null, true, out);
        assertThat(out.on).containsExactly(true, true, false, true);
    }

    @Test
    void rejectsADutyAboveItsPeriod() {
        assertThatThrownBy(() -> new PassiveBalancer(PassiveBalancer.Mode.VOLTAGE, 0.01, 0.02, 40, 3, 10, 11))
                .hasMessage("balancing duty 11 of 10 ticks is invalid; need 0 <= on <= period and period >= 1");
    }

    @Test
    void balancingStateReachesTelemetryThroughTheController() {
        SimRig rig = new SimRig(PackLoad.IDLE);
        rig.pack.setCellSoc(1, 0.8); // cell 2 well above the others
        rig.ticks(3);
        var sample = new org.qsebms.bms.snapshot.PackSample(4, 4);
        assertThat(rig.wiring.ring().poll(sample)).isTrue();
        assertThat(rig.hw.balancing().isOn(1)).isTrue();
        assertThat(sample.balancing).containsExactly(false, true, false, false);
    }

    private static final class Switches implements BalancingSwitches {
        final boolean[] on;

        Switches(int n) {
            on = new boolean[n];
        }

        @Override
        public int cellCount() {
            return on.length;
        }

        @Override
        public void set(int cell, boolean value) {
            on[cell] = value;
        }

        @Override
        public boolean isOn(int cell) {
            return on[cell];
        }

        @Override
        public double bleedOhms() {
            return 33.0;
        }
    }

    private static final class FixedSoc implements SocEstimator {
        final double[] soc;

        FixedSoc(int n) {
            soc = new double[n];
        }

        @Override
        public void update(double packAmps, double[] cellVolts, double[] cellCelsius, double dtSeconds) {}

        @Override
        public int cellCount() {
            return soc.length;
        }

        @Override
        public double cellSoc(int cell) {
            return soc[cell];
        }

        @Override
        public double cellSocBound3Sigma(int cell) {
            return Double.NaN;
        }

        @Override
        public void setCellSoc(int cell, double value) {
            soc[cell] = value;
        }
    }
}
