package org.qsebms.hal.emulator;

import java.util.ArrayList;
import java.util.List;
import org.qsebms.hal.bus.GpioOutput;

/**
 * Per-cell bleed resistors switched by GPIO outputs. The simulated pack asks
 * {@link #bleedAmps(int, double)} for the discharge current of each cell. Fault: a MOSFET that
 * failed short keeps bleeding whatever its GPIO says ({@link #failShort(int)}).
 */
public final class BalancingEmulator {
    private final EmulatedGpio.Output[] gates;
    private final boolean[] failedShort;
    private final double bleedOhms;

    public BalancingEmulator(int[] pins, double bleedOhms) {
        this.gates = new EmulatedGpio.Output[pins.length];
        for (int i = 0; i < pins.length; i++) {
            gates[i] = EmulatedGpio.output(pins[i]);
        }
        this.failedShort = new boolean[pins.length];
        this.bleedOhms = bleedOhms;
    }

    public List<GpioOutput> gates() {
        return new ArrayList<>(List.of(gates));
    }

    public boolean bleeding(int cell) {
        return gates[cell].isHigh() || failedShort[cell];
    }

    /** Discharge current of {@code cell} at {@code cellVolts}, amperes (positive = leaving the cell). */
    public double bleedAmps(int cell, double cellVolts) {
        return bleeding(cell) ? cellVolts / bleedOhms : 0.0;
    }

    public void failShort(int cell) {
        failedShort[cell] = true;
    }
}
