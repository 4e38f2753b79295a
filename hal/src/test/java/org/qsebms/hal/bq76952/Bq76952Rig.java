package org.qsebms.hal.bq76952;

import java.util.ArrayList;
import java.util.List;
import org.qsebms.hal.emulator.Bq76952Emulator;
import org.qsebms.hal.emulator.EmulatedI2cBus;
import org.qsebms.hal.emulator.ManualNanoClock;

/** A BQ76952 emulator on a bus with the driver talking to it, 16 cells on inputs 1..16, 1 mOhm shunt. */
final class Bq76952Rig {
    static final double SHUNT_OHMS = 0.001;
    static final Bq76952Limits MSL = new Bq76952Limits(4.30, 2.80, 20, 40, 45, 0, 55, -20);

    final ManualNanoClock clock = new ManualNanoClock();
    final EmulatedI2cBus bus = new EmulatedI2cBus("i2c-1");
    final Bq76952Emulator emulator;
    final Bq76952 chip;
    final double[] cellVolts = new double[16];
    final double[] tsCelsius = {25, 25, 25};
    double packAmps;

    Bq76952Rig(boolean crc) {
        emulator = new Bq76952Emulator(0x08, clock, crc, SHUNT_OHMS);
        bus.attach(emulator);
        java.util.Arrays.fill(cellVolts, 3.7);
        emulator.connect(cellVolts, () -> packAmps, tsCelsius);
        chip = new Bq76952(bus, 0x08, crc, clock);
    }

    static List<Integer> inputs(int n) {
        List<Integer> in = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            in.add(i);
        }
        return in;
    }

    Bq76952ProtectionPlan plan() {
        return Bq76952ProtectionPlan.of(
                MSL, Bq76952Margins.DEFAULT, SHUNT_OHMS, inputs(16), List.of(1, 2, 3), "hal.bq76952");
    }

    /** Configures the chip as at start and closes its FETs. */
    Bq76952Rig configured() {
        Bq76952Startup.configure(chip, plan());
        chip.subcommand(Bq76952Commands.ALL_FETS_ON);
        return this;
    }
}
