package org.qsebms.bms.measure;

import java.util.Arrays;
import org.qsebms.hal.ContactorId;
import org.qsebms.hal.PackHardware;
import org.qsebms.hal.SensorStatus;

/**
 * One tick's measurement, preallocated once and refilled every tick (no allocation): cell
 * voltages, temperatures, pack current and voltage, each with its sensor status, plus the
 * extremes the protection needs.
 */
public final class PackMeasurement {
    public final double[] cellVolts;
    public final SensorStatus[] cellStatus;
    /**
     * Per cell, the converter's own reading behind it where the cell voltages are derived from several (tap
     * subtraction: tap {@code i}'s voltage), valid while {@link #cellChannelsAreTaps}; the frozen-reading checks
     * judge these, since a frozen tap leaves both cells it feeds moving with the taps beside it (issue 23, fix23bo).
     */
    public final double[] cellChannelVolts;
    /** True when {@link #cellChannelVolts} holds the tap readings; false when each cell is its own reading. */
    public boolean cellChannelsAreTaps;
    /** Per thermistor channel (a pack may have fewer thermistors than cells). */
    public final double[] cellCelsius;

    public final SensorStatus[] tempStatus;
    /**
     * Per cell: the temperature of the thermistor nearest the cell (channel {@code i * channels / cells},
     * thermistors assumed evenly spread from the bottom cell up; 25 °C when the pack has none). What the
     * estimators use.
     */
    public final double[] celsiusAtCell;

    /**
     * The pack current (A, charging positive): the sensor's reading net of its zero learnt while the current path
     * was open, and zero while it is open ({@link CurrentSensorZero}); what the estimators, the supervisor and
     * telemetry use. Equal to {@link #sensorAmps} until {@link CurrentSensorZero#apply} has run on the frame.
     */
    public double packAmps;
    /** The current sensor's own reading (A), which protection judges: no learnt value moves a limit. */
    public double sensorAmps;

    public SensorStatus currentStatus = SensorStatus.OK;
    /**
     * With {@link #currentStatus} {@code OUT_OF_RANGE} (or {@code OPEN_WIRE}) because the current may be beyond what
     * the sensor can read, the
     * least current (A, charging positive) that reads so ({@link org.qsebms.hal.CurrentSensor#lastBeyondRangeAmps});
     * NaN otherwise. Protection judges the current limits on it.
     */
    public double currentBeyondRangeAmps = Double.NaN;
    /** The current sensor's own words on its last reading when it is not OK (the sensor's string; empty when OK). */
    public String currentFaultText = "";

    public double packVolts;
    public SensorStatus packVoltsStatus = SensorStatus.OK;
    public double linkVolts = Double.NaN;
    /**
     * True when contactor feedback says no current can flow (main negative open, or both positive
     * paths open); set by {@link #sample}. False (unknown) by default, which disables the zero-drift check.
     */
    public boolean currentPathOpen;
    /**
     * True when no contactor is commanded closed; set by {@link #sample}. With {@link #currentPathOpen} it says that
     * nothing flows: feedback alone can read open while current still flows (a FET pair with one FET tripped by its
     * chip conducts one way through the other's body diode).
     */
    public boolean allCommandedOpen;

    public long nanos;

    public double maxCellVolts;
    public int maxCellIndex;
    public double minCellVolts;
    public int minCellIndex;
    public double maxCelsius;
    public int maxTempIndex;
    public double minCelsius;
    public int minTempIndex;
    public double sumCellVolts;

    public PackMeasurement(int cells, int temperatureChannels) {
        cellVolts = new double[cells];
        cellStatus = new SensorStatus[cells];
        cellChannelVolts = new double[cells];
        cellCelsius = new double[temperatureChannels];
        tempStatus = new SensorStatus[temperatureChannels];
        celsiusAtCell = new double[cells];
        Arrays.fill(celsiusAtCell, 25.0);
        Arrays.fill(cellStatus, SensorStatus.OK);
        Arrays.fill(tempStatus, SensorStatus.OK);
    }

    /** Samples every sensor of {@code hw} into this frame and computes the extremes. */
    public void sample(PackHardware hw, long nowNanos) {
        nanos = nowNanos;
        hw.cellVoltages().readInto(cellVolts, cellStatus);
        cellChannelsAreTaps = hw.cellVoltages().readChannelsInto(cellChannelVolts);
        sensorAmps = hw.current().readPackAmps();
        packAmps = sensorAmps;
        currentStatus = hw.current().lastStatus();
        currentBeyondRangeAmps = currentStatus == SensorStatus.OUT_OF_RANGE || currentStatus == SensorStatus.OPEN_WIRE
                ? hw.current().lastBeyondRangeAmps()
                : Double.NaN;
        currentFaultText = currentStatus.isOk() ? "" : hw.current().lastFaultDescription();
        packVolts = hw.packVoltage().readPackVolts();
        packVoltsStatus = hw.packVoltage().lastStatus();
        linkVolts = hw.packVoltage().readLinkVolts();
        hw.temperatures().readInto(cellCelsius, tempStatus);
        currentPathOpen = currentPathOpen(hw);
        allCommandedOpen = !hw.contactor(ContactorId.MAIN_NEGATIVE).commandedClosed()
                && !hw.contactor(ContactorId.MAIN_POSITIVE).commandedClosed()
                && !hw.contactor(ContactorId.PRECHARGE).commandedClosed();
        computeExtremes();
    }

    /**
     * Whether the contactors' feedback says no current can flow: the negative contactor reads open, or
     * both the positive and the precharge contactor do (whatever they are commanded).
     */
    public static boolean currentPathOpen(PackHardware hw) {
        return !hw.contactor(ContactorId.MAIN_NEGATIVE).feedbackClosed()
                || !(hw.contactor(ContactorId.MAIN_POSITIVE).feedbackClosed()
                        || hw.contactor(ContactorId.PRECHARGE).feedbackClosed());
    }

    /**
     * Recomputes the extremes over channels whose status is OK. A reading that is not a finite number is
     * out of range whatever its sensor reported: its status becomes {@link SensorStatus#OUT_OF_RANGE}
     * first, so the sensor-status checks condemn it and the estimators skip the tick, where NaN would
     * pass every comparison of a limit unseen and stay in an estimator's state for good.
     */
    public void computeExtremes() {
        markNonFiniteReadings();
        maxCellVolts = -Double.MAX_VALUE;
        minCellVolts = Double.MAX_VALUE;
        maxCellIndex = -1;
        minCellIndex = -1;
        sumCellVolts = 0;
        for (int i = 0; i < cellVolts.length; i++) {
            double v = cellVolts[i];
            sumCellVolts += v;
            if (!cellStatus[i].isOk()) {
                continue;
            }
            if (v > maxCellVolts) {
                maxCellVolts = v;
                maxCellIndex = i;
            }
            if (v < minCellVolts) {
                minCellVolts = v;
                minCellIndex = i;
            }
        }
        maxCelsius = -Double.MAX_VALUE;
        minCelsius = Double.MAX_VALUE;
        maxTempIndex = -1;
        minTempIndex = -1;
        for (int i = 0; i < cellCelsius.length; i++) {
            if (!tempStatus[i].isOk()) {
                continue;
            }
            double t = cellCelsius[i];
            if (t > maxCelsius) {
                maxCelsius = t;
                maxTempIndex = i;
            }
            if (t < minCelsius) {
                minCelsius = t;
                minTempIndex = i;
            }
        }
        int channels = cellCelsius.length;
        if (channels > 0) {
            for (int i = 0; i < celsiusAtCell.length; i++) {
                celsiusAtCell[i] = cellCelsius[(int) ((long) i * channels / celsiusAtCell.length)];
            }
        }
    }

    private void markNonFiniteReadings() {
        for (int i = 0; i < cellVolts.length; i++) {
            if (!Double.isFinite(cellVolts[i]) && cellStatus[i].isOk()) {
                cellStatus[i] = SensorStatus.OUT_OF_RANGE;
            }
        }
        for (int i = 0; i < cellCelsius.length; i++) {
            if (!Double.isFinite(cellCelsius[i]) && tempStatus[i].isOk()) {
                tempStatus[i] = SensorStatus.OUT_OF_RANGE;
            }
        }
        if (!Double.isFinite(sensorAmps) && currentStatus.isOk()) {
            currentStatus = SensorStatus.OUT_OF_RANGE;
        }
        if (!Double.isFinite(packVolts) && packVoltsStatus.isOk()) {
            packVoltsStatus = SensorStatus.OUT_OF_RANGE;
        }
    }

    public int cellCount() {
        return cellVolts.length;
    }

    /** Index of the first cell channel with a non-OK status, or -1. */
    public int firstBadCell() {
        for (int i = 0; i < cellStatus.length; i++) {
            if (!cellStatus[i].isOk()) {
                return i;
            }
        }
        return -1;
    }

    /** Index of the first temperature channel with a non-OK status, or -1. */
    public int firstBadTemperature() {
        for (int i = 0; i < tempStatus.length; i++) {
            if (!tempStatus[i].isOk()) {
                return i;
            }
        }
        return -1;
    }
}
