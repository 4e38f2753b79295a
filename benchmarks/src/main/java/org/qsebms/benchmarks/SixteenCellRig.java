package org.qsebms.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.qsebms.hal.ContactorId;
import org.qsebms.hal.SensorStatus;
import org.qsebms.hal.ads1115.Ads1115DataRate;
import org.qsebms.hal.ads1115.Ads1115Pga;
import org.qsebms.hal.emulator.EmulatedBoard;
import org.qsebms.hal.emulator.ManualNanoClock;
import org.qsebms.hal.frontend.CellMeasurement;
import org.qsebms.hal.frontend.CurrentTransducer;
import org.qsebms.hal.frontend.NtcDivider;
import org.qsebms.hal.frontend.Thermistor;
import org.qsebms.hal.mcp3208.Mcp3x08Model;
import org.qsebms.hal.wiring.AdcInputRef;
import org.qsebms.hal.wiring.Ads1115Spec;
import org.qsebms.hal.wiring.Board;
import org.qsebms.hal.wiring.CellTapSpec;
import org.qsebms.hal.wiring.ContactorPins;
import org.qsebms.hal.wiring.CurrentSpec;
import org.qsebms.hal.wiring.Mcp3x08Spec;
import org.qsebms.hal.wiring.NtcSpec;
import org.qsebms.hal.wiring.PackHardwareFactory;
import org.qsebms.hal.wiring.PackVoltageSpec;
import org.qsebms.hal.wiring.WiringConfig;

/**
 * A 16-series pack on emulators, wired the way a Pi would read it: four ADS1115 (0x48..0x4B on
 * i2c-1) for the 16 cell taps, a fifth ADS1115 on i2c-3 for the shunt amplifier (differential)
 * and the stack divider, two MCP3208 on spi0 CE0/CE1 for 16 NTCs. One acquisition reads every
 * cell, the current, the stack voltage and every temperature through the real drivers and
 * front ends.
 */
final class SixteenCellRig {
    static final int CELLS = 16;

    final ManualNanoClock clock = new ManualNanoClock();
    final EmulatedBoard emulated;
    final Board board;
    final double[] cellVolts = new double[CELLS];
    final double[] celsius = new double[CELLS];
    final SensorStatus[] cellStatus = new SensorStatus[CELLS];
    final SensorStatus[] tempStatus = new SensorStatus[CELLS];
    final double[] trueCells = new double[CELLS];
    final double[] trueCelsius = new double[CELLS];
    final WiringConfig wiring;

    SixteenCellRig(Ads1115DataRate rate) {
        wiring = wiring(rate);
        emulated = new EmulatedBoard(wiring, clock, 2026);
        for (int i = 0; i < CELLS; i++) {
            trueCells[i] = 3.60 + 0.01 * i;
            trueCelsius[i] = 20 + 0.5 * i;
        }
        emulated.connectPack(trueCells, () -> -12.0, trueCelsius);
        board = PackHardwareFactory.build(wiring, emulated);
    }

    /** One full acquisition; returns a value that depends on every reading. */
    double acquire() {
        board.hardware().cellVoltages().readInto(cellVolts, cellStatus);
        double amps = board.hardware().current().readPackAmps();
        double pack = board.hardware().packVoltage().readPackVolts();
        board.hardware().temperatures().readInto(celsius, tempStatus);
        return cellVolts[CELLS - 1] + amps + pack + celsius[CELLS - 1];
    }

    /** ADS1115 conversions per acquisition: 16 taps, current, stack. */
    int ads1115Conversions() {
        return CELLS + 2;
    }

    /** Conversions each chip makes in one acquisition, from the wiring. */
    java.util.Map<String, Integer> conversionsPerChip() {
        java.util.Map<String, Integer> n = new java.util.HashMap<>();
        wiring.cells().forEach(c -> n.merge(c.input().chip(), 1, Integer::sum));
        n.merge(wiring.current().input().chip(), 1, Integer::sum);
        wiring.packVoltage().ifPresent(p -> n.merge(p.input().chip(), 1, Integer::sum));
        wiring.temperatures().forEach(t -> n.merge(t.input().chip(), 1, Integer::sum));
        return n;
    }

    static WiringConfig wiring(Ads1115DataRate rate) {
        List<Ads1115Spec> ads = new ArrayList<>();
        for (int chip = 0; chip < 4; chip++) {
            ads.add(new Ads1115Spec("taps" + chip, 1, 0x48 + chip, Ads1115Pga.FSR_2_048V, rate, -1));
        }
        ads.add(new Ads1115Spec("shunt", 3, 0x48, Ads1115Pga.FSR_2_048V, rate, -1));
        List<CellTapSpec> cells = new ArrayList<>();
        for (int i = 0; i < CELLS; i++) {
            // ratio keeps each tap (up to 4.3 V per cell) below 1.9 V at the ADC
            double ratio = Math.ceil((i + 1) * 4.3 / 1.9 * 100) / 100;
            cells.add(new CellTapSpec(AdcInputRef.single("taps" + i / 4, i % 4), ratio, 1.0, 0.0));
        }
        List<NtcSpec> ntcs = new ArrayList<>();
        for (int i = 0; i < CELLS; i++) {
            ntcs.add(new NtcSpec(
                    AdcInputRef.single("ntc" + i / 8, i % 8),
                    new Thermistor.Beta(10_000, 25, 3435),
                    new NtcDivider(10_000, 3.3, true),
                    1.0,
                    0.0));
        }
        List<Integer> bleed = new ArrayList<>();
        int[] free = {4, 12, 14, 15, 16, 17, 20, 22, 23, 24, 25, 27, 0, 1, 18, 19};
        for (int pin : free) {
            bleed.add(pin);
        }
        return WiringConfig.builder()
                .ads1115(ads)
                .mcp3x08(List.of(
                        new Mcp3x08Spec("ntc0", Mcp3x08Model.MCP3208, 0, 0, 3.3, 1_000_000),
                        new Mcp3x08Spec("ntc1", Mcp3x08Model.MCP3208, 0, 1, 3.3, 1_000_000)))
                .cellMeasurement(CellMeasurement.TAP_SUBTRACTION)
                .cells(cells)
                .packVoltage(Optional.of(new PackVoltageSpec(AdcInputRef.single("shunt", 2), 41.0, 1.0, 0.0, 80.0)))
                .current(new CurrentSpec(
                        new AdcInputRef("shunt", 0, 1),
                        CurrentTransducer.shunt(0.0005, 50, 0.0),
                        1.0,
                        0.0,
                        false,
                        80,
                        0))
                .temperatures(ntcs)
                .contactors(Map.of(
                        ContactorId.MAIN_NEGATIVE,
                        new ContactorPins(5, 6, true),
                        ContactorId.PRECHARGE,
                        new ContactorPins(13, 21, true),
                        ContactorId.MAIN_POSITIVE,
                        new ContactorPins(26, 7, true)))
                .balancingPins(bleed)
                .fanPin(-1)
                .heaterPin(-1)
                .watchdogDevice("")
                .build();
    }
}
