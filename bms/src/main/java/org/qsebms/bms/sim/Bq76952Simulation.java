package org.qsebms.bms.sim;

import org.qsebms.bms.control.CurrentLimitOutput;
import org.qsebms.bms.control.Plant;
import org.qsebms.hal.ContactorId;
import org.qsebms.hal.PackHardware;
import org.qsebms.hal.bq76952.Bq76952BoardFactory;
import org.qsebms.hal.bq76952.Bq76952Wiring;
import org.qsebms.hal.emulator.EmulatedBq76952Board;
import org.qsebms.hal.emulator.ManualNanoClock;

/**
 * The simulated pack seen through the BQ76952 driver: the pack's true cell voltages, current and
 * temperatures feed a register-level {@link org.qsebms.hal.emulator.Bq76952Emulator}, which runs
 * its own protections on them and opens its FETs by itself; the controller reads the chip
 * through the same driver code as on the Pi. The chip's FETs stand for the {@code fetsAs}
 * contactor: it conducts only while both CHG and DSG are on (a COV trip stops the whole current;
 * the body-diode path of the real back-to-back FETs is not modelled). Balancing follows the
 * chip's CB_ACTIVE_CELLS mask; the GPIO contactors act through their emulators. TS1..TSn measure
 * cells spread evenly from the bottom to the top of the stack.
 *
 * <p>{@link #advanceTo(long)} may be called at any step: a frozen controller (no ticks) leaves
 * the chip, the pack and the Pi's watchdog running on the same clock, and a microsecond step
 * resolves the chip's short-circuit delay.
 */
public final class Bq76952Simulation implements Plant, CurrentLimitOutput {
    private static final ContactorId[] CONTACTORS = ContactorId.values();

    private final SimulatedPack pack;
    private final Bq76952Wiring wiring;
    private final ManualNanoClock clock = new ManualNanoClock();
    private final EmulatedBq76952Board board;
    private final Bq76952BoardFactory.Built built;
    private final double[] cellVolts;
    private final double[] tsCelsius = new double[3];
    private final int[] tsCell;
    private final int[] inputs;
    private long lastNanos = Long.MIN_VALUE;

    public Bq76952Simulation(SimulatedPack pack, Bq76952Wiring wiring, long watchdogTimeoutNanos) {
        if (wiring.cellInputs().size() != pack.cellCount()) {
            throw new IllegalArgumentException("hal.bq76952 wires "
                    + wiring.cellInputs().size() + " cell inputs but the pack has " + pack.cellCount() + " cells");
        }
        this.pack = pack;
        this.wiring = wiring;
        this.board = new EmulatedBq76952Board(wiring, clock, watchdogTimeoutNanos);
        // about one LSB of noise, as on a bench: 1 mV per cell, 20 mA (2 x 10 mA), 0.1 K
        board.chip().noise(1.0, 0.020, 0.1, 19);
        this.cellVolts = new double[pack.cellCount()];
        this.inputs = wiring.cellInputs().stream().mapToInt(Integer::intValue).toArray();
        this.tsCell = new int[3];
        int n = wiring.tsPins().size();
        for (int i = 0; i < n; i++) {
            int pin = wiring.tsPins().get(i);
            tsCell[pin - 1] = n == 1 ? 0 : (int) Math.round(i * (pack.cellCount() - 1) / (double) (n - 1));
        }
        refreshAnalogue();
        board.connectPack(cellVolts, pack::packAmps, tsCelsius);
        this.built = Bq76952BoardFactory.build(wiring, board);
    }

    /** The controller's ports: the BQ76952 driver on the emulated bus, GPIO contactors on their emulators. */
    public PackHardware hardware() {
        return built.board().hardware();
    }

    public EmulatedBq76952Board board() {
        return board;
    }

    public SimulatedPack pack() {
        return pack;
    }

    @Override
    public void publish(double chargeAmps, double dischargeAmps) {
        pack.publish(chargeAmps, dischargeAmps);
    }

    @Override
    public void continueFrom(double[] restoredCellSoc) {
        pack.continueFrom(restoredCellSoc);
    }

    @Override
    public void advanceTo(long nowNanos) {
        if (lastNanos != Long.MIN_VALUE && nowNanos > lastNanos) {
            long ahead = clock.getAsLong() - lastNanos; // time the driver already spent waiting on the chip
            long delta = (nowNanos - lastNanos) - Math.max(0, ahead);
            if (delta > 0) {
                clock.advance(delta);
            }
        }
        board.advance();
        for (ContactorId id : CONTACTORS) {
            pack.command(id, board.conducts(id));
        }
        int mask = board.chip().balancingMask();
        for (int i = 0; i < inputs.length; i++) {
            pack.setBalancing(i, (mask & 1 << (inputs[i] - 1)) != 0);
        }
        pack.advanceTo(nowNanos);
        refreshAnalogue();
        board.advance(); // the chip sees the pack as it is now
        for (ContactorId id : CONTACTORS) {
            pack.command(id, board.conducts(id));
        }
        lastNanos = nowNanos;
    }

    private void refreshAnalogue() {
        for (int i = 0; i < cellVolts.length; i++) {
            cellVolts[i] = pack.cellVolts(i);
        }
        for (int t = 0; t < tsCelsius.length; t++) {
            tsCelsius[t] = pack.cellCelsius(tsCell[t]);
        }
    }

    /** The wiring this simulation was built from. */
    public Bq76952Wiring wiring() {
        return wiring;
    }
}
