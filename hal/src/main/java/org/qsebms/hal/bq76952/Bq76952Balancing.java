package org.qsebms.hal.bq76952;

import java.util.List;
import org.qsebms.hal.BalancingSwitches;
import org.qsebms.hal.bus.BusException;

/**
 * Host-controlled balancing through the BQ76952's internal bleed FETs: the set of cells on is
 * written as a bitmask of chip inputs with CB_ACTIVE_CELLS (0x0083, with checksum and length),
 * once per change. The bleed current runs through the board's external cell-input resistors.
 * {@link #isOn} tells what the chip holds as far as the driver knows: the last mask it took, or,
 * before the first write and after a write that failed on the bus (the chip may hold the old mask
 * or the new one), every cell. So the balancer's next decision to stop a cell differs from it and
 * the write is made again: a lost "off" is never left standing, nor a mask left from before a
 * restart.
 */
final class Bq76952Balancing implements BalancingSwitches {
    private final Bq76952 chip;
    private final int[] inputs;
    private final double bleedOhms;
    private final byte[] mask = new byte[2];
    private int wanted;
    /** The mask the chip last took; -1 (every bit) while unknown. */
    private int written = -1;

    Bq76952Balancing(Bq76952 chip, List<Integer> cellInputs, double bleedOhms) {
        this.chip = chip;
        this.inputs = cellInputs.stream().mapToInt(Integer::intValue).toArray();
        this.bleedOhms = bleedOhms;
    }

    @Override
    public int cellCount() {
        return inputs.length;
    }

    @Override
    public void set(int cell, boolean on) {
        int bit = 1 << (inputs[cell] - 1);
        wanted = on ? wanted | bit : wanted & ~bit;
        if (wanted != written) {
            mask[0] = (byte) wanted;
            mask[1] = (byte) (wanted >> 8);
            try {
                chip.writeTransfer(Bq76952Commands.CB_ACTIVE_CELLS, mask, 2);
                written = wanted;
            } catch (BusException e) {
                written = -1; // unknown: isOn says every cell may bleed, and the next decision writes again
            }
        }
    }

    @Override
    public boolean isOn(int cell) {
        return (written & 1 << (inputs[cell] - 1)) != 0;
    }

    @Override
    public double bleedOhms() {
        return bleedOhms;
    }
}
