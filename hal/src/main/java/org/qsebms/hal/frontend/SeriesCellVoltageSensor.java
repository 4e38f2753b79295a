package org.qsebms.hal.frontend;

import java.util.List;
import org.qsebms.hal.CellVoltageSensor;
import org.qsebms.hal.SensorStatus;

/**
 * Cell voltages of a series stack from ADC channels, by tap subtraction or differential
 * measurement (see {@link CellMeasurement}). Every fault is a status with a text naming the
 * bus, address and channel: a bus error or clipped code on a tap marks the cells on both sides
 * of it; a cell below {@link CellVoltageLimits#openWireBelowVolts()} is an open wire; outside
 * the plausible range it is out of range. A failed cell keeps its last value.
 */
public final class SeriesCellVoltageSensor implements CellVoltageSensor {
    private final CellMeasurement measurement;
    private final CellTap[] taps;
    private final ChannelReading[] readings;
    private final CellVoltageLimits limits;
    private final double[] tapVolts;
    private final double[] lastCellVolts;
    private final String[] faults;

    public SeriesCellVoltageSensor(CellMeasurement measurement, List<CellTap> taps, CellVoltageLimits limits) {
        if (taps.isEmpty()) {
            throw new IllegalArgumentException("a stack needs at least one cell tap");
        }
        this.measurement = measurement;
        this.taps = taps.toArray(CellTap[]::new);
        this.limits = limits;
        this.readings = new ChannelReading[taps.size()];
        for (int i = 0; i < readings.length; i++) {
            readings[i] = new ChannelReading(this.taps[i].channel());
        }
        this.tapVolts = new double[taps.size()];
        this.lastCellVolts = new double[taps.size()];
        this.faults = new String[taps.size()];
        java.util.Arrays.fill(faults, "");
    }

    @Override
    public int cellCount() {
        return taps.length;
    }

    public CellMeasurement measurement() {
        return measurement;
    }

    @Override
    public void readInto(double[] cellVolts, SensorStatus[] status) {
        for (int i = 0; i < taps.length; i++) {
            ChannelReading r = readings[i];
            if (r.read() != SensorStatus.BUS_ERROR) {
                tapVolts[i] = taps[i].calibration().apply(r.volts() * taps[i].dividerRatio());
            }
        }
        for (int cell = 0; cell < taps.length; cell++) {
            // a tap clipped at the bottom of a pair (IN+ at or below IN-) reads the 0 V it shows, and is judged
            // as such below: an open tap wire or a reversed cell, not an ADC at full scale
            SensorStatus s = readings[cell].clippedLow() ? SensorStatus.OK : readings[cell].status();
            String fault = readings[cell].clippedLow() ? "" : readings[cell].fault();
            if (measurement == CellMeasurement.TAP_SUBTRACTION
                    && cell > 0
                    && s.isOk()
                    && !readings[cell - 1].status().isOk()
                    && !readings[cell - 1].clippedLow()) {
                s = readings[cell - 1].status();
                fault = "cell " + cell + " uses the tap below it: " + readings[cell - 1].fault();
            }
            if (s == SensorStatus.BUS_ERROR) {
                set(cell, cellVolts, status, lastCellVolts[cell], s, fault);
                continue;
            }
            double v = measurement == CellMeasurement.TAP_SUBTRACTION && cell > 0
                    ? tapVolts[cell] - tapVolts[cell - 1]
                    : tapVolts[cell];
            if (s.isOk()) {
                if (v < limits.openWireBelowVolts()) {
                    s = SensorStatus.OPEN_WIRE;
                    fault = rangeText(
                            cell,
                            v,
                            "below " + limits.openWireBelowVolts()
                                    + " V: a tap wire is open or the cell is shorted; check the sense wires at cell "
                                    + cell
                                    + (measurement == CellMeasurement.TAP_SUBTRACTION
                                            ? " (taps " + (cell - 1) + " and " + cell + ")"
                                            : ""));
                } else if (v < limits.minVolts() || v > limits.maxVolts()) {
                    s = SensorStatus.OUT_OF_RANGE;
                    fault = rangeText(
                            cell,
                            v,
                            "outside " + limits.minVolts() + ".." + limits.maxVolts()
                                    + " V; check the divider ratio and calibration in hal.pi4j.cells[" + cell + "]");
                }
            }
            if (s.isOk()) {
                lastCellVolts[cell] = v;
            }
            set(cell, cellVolts, status, s.isOk() ? v : lastCellVolts[cell], s, fault);
        }
    }

    private String rangeText(int cell, double v, String what) {
        return taps[cell].channel().location() + ": cell " + cell + " reads " + ChannelReading.format(v) + " V, "
                + what;
    }

    private void set(int cell, double[] cellVolts, SensorStatus[] status, double v, SensorStatus s, String fault) {
        cellVolts[cell] = v;
        status[cell] = s;
        faults[cell] = fault;
    }

    /** Under tap subtraction, each tap's calibrated voltage (its last good one after a bus error). */
    @Override
    public boolean readChannelsInto(double[] channelVolts) {
        if (measurement != CellMeasurement.TAP_SUBTRACTION) {
            return false;
        }
        System.arraycopy(tapVolts, 0, channelVolts, 0, tapVolts.length);
        return true;
    }

    @Override
    public String faultDescription(int cell) {
        return faults[cell];
    }
}
