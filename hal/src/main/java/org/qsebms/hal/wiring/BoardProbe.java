package org.qsebms.hal.wiring;

import java.util.ArrayList;
import java.util.List;
import org.qsebms.hal.PackHardware;
import org.qsebms.hal.SensorStatus;
import org.qsebms.hal.bus.BusException;

/**
 * Reads a {@link Board} once: pings every chip, then takes one calibrated reading of every
 * configured channel through the front ends. Used by {@code bms hal probe} and by the
 * start-up {@link #selfTest(Board)}. Cells and temperatures are numbered from 1, bottom cell first,
 * as everywhere else (telemetry, status line, docs).
 */
public final class BoardProbe {
    private BoardProbe() {}

    public static ProbeReport probe(Board board) {
        List<ProbeReport.ChipAnswer> chips = new ArrayList<>();
        for (ChipCheck c : board.chips()) {
            try {
                c.ping().run();
                chips.add(new ProbeReport.ChipAnswer(c.id(), c.type(), c.location(), true, ""));
            } catch (BusException e) {
                chips.add(new ProbeReport.ChipAnswer(c.id(), c.type(), c.location(), false, e.getMessage()));
            }
        }
        List<ProbeReport.Reading> readings = new ArrayList<>();
        PackHardware hw = board.hardware();
        int n = hw.cellVoltages().cellCount();
        double[] volts = new double[n];
        SensorStatus[] status = new SensorStatus[n];
        hw.cellVoltages().readInto(volts, status);
        for (int i = 0; i < n; i++) {
            readings.add(new ProbeReport.Reading(
                    "cell " + (i + 1),
                    board.cellLocations().get(i),
                    volts[i],
                    "V",
                    status[i],
                    hw.cellVoltages().faultDescription(i)));
        }
        double amps = hw.current().readPackAmps();
        readings.add(new ProbeReport.Reading(
                "current",
                board.currentLocation(),
                amps,
                "A",
                hw.current().lastStatus(),
                hw.current().lastFaultDescription()));
        if (board.packVoltageLocation().isPresent()) {
            double pack = hw.packVoltage().readPackVolts();
            readings.add(new ProbeReport.Reading(
                    "pack",
                    board.packVoltageLocation().get(),
                    pack,
                    "V",
                    hw.packVoltage().lastStatus(),
                    hw.packVoltage().lastFaultDescription()));
        }
        int t = hw.temperatures().channelCount();
        double[] celsius = new double[t];
        SensorStatus[] tStatus = new SensorStatus[t];
        hw.temperatures().readInto(celsius, tStatus);
        for (int i = 0; i < t; i++) {
            readings.add(new ProbeReport.Reading(
                    "temperature " + (i + 1),
                    board.temperatureLocations().get(i),
                    celsius[i],
                    "degC",
                    tStatus[i],
                    hw.temperatures().faultDescription(i)));
        }
        return new ProbeReport(List.copyOf(chips), List.copyOf(readings));
    }

    /**
     * The start-up self-test: every chip answers and every channel reads OK once.
     *
     * @throws IllegalStateException listing each failure with bus, address and channel
     */
    public static ProbeReport selfTest(Board board) {
        ProbeReport report = probe(board);
        if (!report.allOk()) {
            throw new IllegalStateException("hardware self-test failed; fix these before starting the BMS:\n  "
                    + String.join("\n  ", report.failures()));
        }
        return report;
    }
}
