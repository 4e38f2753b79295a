package org.qsebms.bms.hil;

import org.qsebms.bms.sim.PackLoad;
import org.qsebms.bms.sim.SimulatedPack;

/**
 * A charger in its constant-voltage phase, or a load that holds a floor: at most {@code maxAmps} (charge positive)
 * while the contactors are closed, cut back by integral control so that the highest cell (charging) or the lowest cell
 * (discharging) is held at {@code heldVolts}, as CyclingProfile's CV phase does. Once the held cell reaches its
 * voltage the terminal voltage stays there and the current tapers as the OCV moves towards it. One instance per run:
 * it keeps the current it asked for last and the time it first held the cell.
 */
final class HeldCellLoad implements PackLoad {
    /** Amperes per volt of error per call (the pack calls it every 0.1 s step). */
    private static final double GAIN = 5.0;

    private final double heldVolts;
    private final double maxAmps;
    private double amps;
    private double heldFromSeconds = Double.NaN;

    HeldCellLoad(double heldVolts, double maxAmps) {
        this.heldVolts = heldVolts;
        this.maxAmps = maxAmps;
        this.amps = maxAmps;
    }

    @Override
    public double demandAmps(double seconds, SimulatedPack pack, boolean connected) {
        if (!connected) {
            return 0.0;
        }
        boolean charging = maxAmps > 0;
        double error = charging ? pack.maxCellVolts() - heldVolts : heldVolts - pack.minCellVolts();
        if (error >= 0 && Double.isNaN(heldFromSeconds)) {
            heldFromSeconds = seconds;
        }
        double magnitude = Math.max(0.0, Math.min(Math.abs(maxAmps), Math.abs(amps) - error * GAIN));
        amps = Math.copySign(magnitude, maxAmps);
        return amps;
    }

    @Override
    public String toString() {
        return String.format(
                "%s held at %.3f V from %.1f A, held from %.1f s, %.3f A at the end",
                maxAmps > 0 ? "highest cell" : "lowest cell", heldVolts, maxAmps, heldFromSeconds, amps);
    }
}
