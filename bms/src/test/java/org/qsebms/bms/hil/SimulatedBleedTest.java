package org.qsebms.bms.hil;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.qsebms.bms.runtime.SimulatedPackSetup;
import org.qsebms.bms.sim.DriverLevelSimulation;
import org.qsebms.bms.sim.SimulatedPack;
import org.qsebms.config.BmsConfig;
import org.qsebms.config.ConfigLoader;
import org.qsebms.hal.PackHardware;
import org.qsebms.hal.wiring.WiringConfig;

/**
 * The simulated pack bleeds a balanced cell through the resistor the wiring configures, the value
 * the controller counts the bleed with (cell volts over the resistor while the switch is on).
 */
class SimulatedBleedTest {
    @Test
    void aBalancedCellDischargesThroughTheConfiguredResistor() {
        BmsConfig cfg = new ConfigLoader().load(ExampleBoard.pi4sAds1115());
        WiringConfig w = cfg.hal().pi4j().orElseThrow();
        WiringConfig w47 = WiringConfig.builder()
                .ads1115(w.ads1115())
                .mcp3x08(w.mcp3x08())
                .cellMeasurement(w.cellMeasurement())
                .cells(w.cells())
                .packVoltage(w.packVoltage())
                .current(w.current())
                .temperatures(w.temperatures())
                .contactors(w.contactors())
                .balancingPins(w.balancingPins())
                .fanPin(w.fanPin())
                .heaterPin(w.heaterPin())
                .watchdogDevice(w.watchdogDevice())
                .balancingResistorOhms(47.0)
                .build();
        SimulatedPack pack = SimulatedPackSetup.createDefault(cfg).pack();
        DriverLevelSimulation sim = new DriverLevelSimulation(pack, w47, 3);
        PackHardware hw = sim.hardware();
        assertThat(hw.balancing().bleedOhms())
                .as("what the controller counts with")
                .isEqualTo(47.0);
        assertThat(pack.balancingOhms())
                .as("what the simulated cell bleeds through")
                .isEqualTo(47.0);

        hw.balancing().set(0, true); // the GPIO drives the emulated MOSFET, the pack follows it
        double soc0 = pack.cellSoc(0);
        double soc1 = pack.cellSoc(1);
        double bledAh = 0;
        long step = 100_000_000L;
        sim.advanceTo(0);
        for (long t = step; t <= 3600L * 1_000_000_000L; t += step) {
            bledAh += pack.cellVolts(0) / 47.0 * 0.1 / 3600.0;
            sim.advanceTo(t);
        }
        double lostAh = (soc0 - pack.cellSoc(0) - (soc1 - pack.cellSoc(1))) * pack.cellCapacityAh(0);
        assertThat(bledAh).as("about 80 mAh in an hour at 3.7 V over 47 ohm").isBetween(0.07, 0.09);
        assertThat(lostAh).as("charge cell 1 lost beyond cell 2 (Ah)").isCloseTo(bledAh, within(0.01 * bledAh));
    }
}
