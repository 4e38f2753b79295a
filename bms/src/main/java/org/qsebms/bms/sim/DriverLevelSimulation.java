package org.qsebms.bms.sim;

import org.qsebms.bms.control.CurrentLimitOutput;
import org.qsebms.bms.control.Plant;
import org.qsebms.hal.ContactorId;
import org.qsebms.hal.PackHardware;
import org.qsebms.hal.emulator.EmulatedBoard;
import org.qsebms.hal.emulator.ManualNanoClock;
import org.qsebms.hal.wiring.Board;
import org.qsebms.hal.wiring.PackHardwareFactory;
import org.qsebms.hal.wiring.WiringConfig;

/**
 * The simulated pack seen through the real drivers: the pack's true cell voltages, current and
 * temperatures drive the analogue pins of register-level ADS1115/MCP3x08 emulators wired as the
 * Pi's {@code hal.pi4j} section says, and the controller reads them through the same driver and
 * front-end code that runs on the Pi. Contactor coils and balancing gates driven by the
 * controller act on the pack through their emulators (including operate time and feedback).
 */
public final class DriverLevelSimulation implements Plant, CurrentLimitOutput {
    private static final ContactorId[] CONTACTORS = ContactorId.values();

    private final SimulatedPack pack;
    private final ManualNanoClock clock = new ManualNanoClock();
    private final EmulatedBoard board;
    private final Board built;
    private final double[] cellVolts;
    private final double[] celsius;
    private long lastNanos = Long.MIN_VALUE;

    public DriverLevelSimulation(SimulatedPack pack, WiringConfig wiring, long seed) {
        if (wiring.cells().size() != pack.cellCount()) {
            throw new IllegalArgumentException("hal.pi4j wires "
                    + wiring.cells().size() + " cell taps but the pack has " + pack.cellCount() + " cells");
        }
        this.pack = pack;
        // the pack bleeds through the resistor the wiring names, the one the estimators count with
        pack.setBalancingOhms(wiring.balancingResistorOhms());
        this.board = new EmulatedBoard(wiring, clock, seed);
        // Real converters never return the same code for ever: give each input about two LSB of
        // noise (ADS1115: 125 uV at +-4.096 V; MCP3x08: 3.2 mV for 10 bits at 3.3 V), as on a bench.
        for (var ads : wiring.ads1115()) {
            board.inputs(ads.id()).noise(250e-6);
        }
        for (var mcp : wiring.mcp3x08()) {
            board.inputs(mcp.id()).noise(mcp.vrefVolts() / 1024.0 * 2);
        }
        this.cellVolts = new double[pack.cellCount()];
        this.celsius =
                new double[Math.max(pack.cellCount(), wiring.temperatures().size())];
        refreshAnalogue();
        board.connectPack(cellVolts, pack::packAmps, celsius);
        this.built = PackHardwareFactory.build(wiring, board);
    }

    /** The controller's ports: real drivers and front ends on the emulated buses. */
    public PackHardware hardware() {
        return built.hardware();
    }

    public EmulatedBoard board() {
        return board;
    }

    @Override
    public void publish(double chargeAmps, double dischargeAmps) {
        pack.publish(chargeAmps, dischargeAmps);
    }

    public SimulatedPack pack() {
        return pack;
    }

    @Override
    public void continueFrom(double[] restoredCellSoc) {
        pack.continueFrom(restoredCellSoc);
    }

    @Override
    public void advanceTo(long nowNanos) {
        if (lastNanos != Long.MIN_VALUE && nowNanos > lastNanos) {
            long ahead = clock.getAsLong() - lastNanos; // time the drivers already spent converting
            long delta = (nowNanos - lastNanos) - Math.max(0, ahead);
            if (delta > 0) {
                clock.advance(delta);
            }
        }
        // coils and gates -> pack
        for (ContactorId id : CONTACTORS) {
            pack.command(id, board.contactor(id).mainContactsClosed());
        }
        for (int i = 0; i < pack.cellCount(); i++) {
            pack.setBalancing(i, board.balancing().bleeding(i));
        }
        pack.advanceTo(nowNanos);
        refreshAnalogue();
        lastNanos = nowNanos;
    }

    private void refreshAnalogue() {
        for (int i = 0; i < cellVolts.length; i++) {
            cellVolts[i] = pack.cellVolts(i);
        }
        for (int i = 0; i < celsius.length; i++) {
            celsius[i] = pack.cellCelsius(Math.min(i, pack.cellCount() - 1));
        }
    }
}
