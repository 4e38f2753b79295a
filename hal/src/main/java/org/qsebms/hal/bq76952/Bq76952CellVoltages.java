package org.qsebms.hal.bq76952;

import java.util.List;
import org.qsebms.hal.CellVoltageSensor;
import org.qsebms.hal.SensorStatus;
import org.qsebms.hal.bus.BusException;
import org.qsebms.hal.frontend.CellVoltageLimits;

/**
 * Every cell of a BQ76952 in one block read: the 16 cell-voltage commands 0x14..0x33 are
 * consecutive, so 32 bytes (mV, signed little-endian) come in one I2C transaction. Cells map to
 * chip inputs as configured (a 13-cell pack may use inputs 1..12 and 16). A bus error marks every
 * cell BUS_ERROR and keeps the last values; below 0.5 V is an open wire, outside the lithium
 * range out of range.
 */
public final class Bq76952CellVoltages implements CellVoltageSensor {
    /** One code of a cell-voltage register (the register counts mV), volts. */
    private static final double MILLIVOLT = 0.001;

    private final Bq76952 chip;
    private final int[] inputs;
    private final CellVoltageLimits limits;
    private final byte[] block = new byte[32];
    private final double[] last;
    private final String[] faults;

    public Bq76952CellVoltages(Bq76952 chip, List<Integer> cellInputs, CellVoltageLimits limits) {
        this.chip = chip;
        this.inputs = cellInputs.stream().mapToInt(Integer::intValue).toArray();
        this.limits = limits;
        this.last = new double[inputs.length];
        this.faults = new String[inputs.length];
        java.util.Arrays.fill(faults, "");
    }

    @Override
    public int cellCount() {
        return inputs.length;
    }

    @Override
    public void readInto(double[] cellVolts, SensorStatus[] status) {
        try {
            chip.readDirect(Bq76952Commands.CELL1_VOLTAGE, block, 32);
        } catch (BusException e) {
            for (int i = 0; i < inputs.length; i++) {
                cellVolts[i] = last[i];
                status[i] = SensorStatus.BUS_ERROR;
                faults[i] = e.getMessage();
            }
            return;
        }
        for (int i = 0; i < inputs.length; i++) {
            double v = (short) Bq76952.u2(block, 2 * (inputs[i] - 1)) / 1000.0;
            SensorStatus s = SensorStatus.OK;
            String fault = "";
            if (v < limits.openWireBelowVolts()) {
                s = SensorStatus.OPEN_WIRE;
                fault = chip.location() + " cell input " + inputs[i] + ": cell " + i + " reads " + v
                        + " V, below " + limits.openWireBelowVolts() + " V: a sense wire is open; check VC" + inputs[i]
                        + " and VC" + (inputs[i] - 1);
            } else if (v < limits.minVolts() || v > limits.maxVolts()) {
                s = SensorStatus.OUT_OF_RANGE;
                fault = chip.location() + " cell input " + inputs[i] + ": cell " + i + " reads " + v + " V, outside "
                        + limits.minVolts() + ".." + limits.maxVolts() + " V; check hal.bq76952.cellInputs";
            } else {
                last[i] = v;
            }
            cellVolts[i] = s.isOk() ? v : last[i];
            status[i] = s;
            faults[i] = fault;
        }
    }

    /** The cell registers count whole mV (signed 16-bit): one code is 1 mV. */
    @Override
    public java.util.OptionalDouble readingResolutionVolts() {
        return java.util.OptionalDouble.of(MILLIVOLT);
    }

    @Override
    public String faultDescription(int cell) {
        return faults[cell];
    }
}
