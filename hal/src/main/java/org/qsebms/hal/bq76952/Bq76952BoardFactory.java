package org.qsebms.hal.bq76952;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.qsebms.hal.Contactor;
import org.qsebms.hal.ContactorId;
import org.qsebms.hal.PackHardware;
import org.qsebms.hal.SwitchedLoad;
import org.qsebms.hal.bus.GpioInput;
import org.qsebms.hal.frontend.CellVoltageLimits;
import org.qsebms.hal.gpio.GpioContactor;
import org.qsebms.hal.gpio.GpioSwitchedLoad;
import org.qsebms.hal.wiring.Board;
import org.qsebms.hal.wiring.BoardPorts;
import org.qsebms.hal.wiring.ChipCheck;
import org.qsebms.hal.wiring.ContactorPins;

/**
 * Builds {@link PackHardware} on a BQ76952 from a {@link Bq76952Wiring} on any
 * {@link BoardPorts} (Pi4J or the emulated board): configures the chip
 * ({@link Bq76952Startup}, which refuses to continue when a protection value does not read
 * back), then wires its sensors, its FETs as the {@code fetsAs} contactor, GPIO contactors for
 * the rest, balancing through the chip and the watchdog.
 */
public final class Bq76952BoardFactory {
    private Bq76952BoardFactory() {}

    /** The board and the chip's own protection state, for the controller's fault monitor. */
    public record Built(Board board, Bq76952 chip, Bq76952SafetyStatus safety) {}

    public static Built build(Bq76952Wiring w, BoardPorts ports) {
        return build(w, ports, true);
    }

    /** @param configure false to leave the chip as it is (the probe reads, never writes) */
    public static Built build(Bq76952Wiring w, BoardPorts ports, boolean configure) {
        Bq76952 chip = new Bq76952(ports.i2cBlock(w.bus()), w.address(), w.crc(), ports.pause());
        if (configure) {
            Bq76952Startup.configure(chip, w.plan());
        }
        var cells = new Bq76952CellVoltages(chip, w.cellInputs(), CellVoltageLimits.LITHIUM);
        var current = new Bq76952Current(chip, w.maxAbsAmps());
        var stack = new Bq76952StackVoltage(chip);
        var temps = new Bq76952Temperatures(chip, w.tsPins());
        Map<ContactorId, Contactor> contactors = new EnumMap<>(ContactorId.class);
        for (ContactorId id : ContactorId.values()) {
            if (id == w.fetsAs()) {
                contactors.put(id, new Bq76952Fets(id, chip));
            } else {
                ContactorPins pins = w.contactors().get(id);
                contactors.put(
                        id,
                        new GpioContactor(
                                id,
                                ports.output(pins.coilPin(), id + " coil"),
                                ports.input(pins.feedbackPin(), id + " aux"),
                                pins.feedbackClosedHigh()));
            }
        }
        var balancing = new Bq76952Balancing(chip, w.cellInputs(), w.balancingResistorOhms());
        Optional<SwitchedLoad> fan =
                w.fanPin() >= 0 ? Optional.of(new GpioSwitchedLoad(ports.output(w.fanPin(), "fan"))) : Optional.empty();
        Optional<SwitchedLoad> heater = w.heaterPin() >= 0
                ? Optional.of(new GpioSwitchedLoad(ports.output(w.heaterPin(), "heater")))
                : Optional.empty();
        Optional<GpioInput> alert =
                w.alertPin() >= 0 ? Optional.of(ports.input(w.alertPin(), "BQ76952 ALERT")) : Optional.empty();
        var safety = new Bq76952SafetyStatus(chip, alert.orElse(null), configure ? w.plan() : null);
        PackHardware hw = new PackHardware(
                cells, stack, current, temps, contactors, balancing, ports.watchdog(w.watchdogDevice()), ports, safety);
        List<String> cellLocations = new ArrayList<>();
        for (int input : w.cellInputs()) {
            cellLocations.add(chip.location() + " VC" + input);
        }
        List<String> tsLocations = new ArrayList<>();
        for (int pin : w.tsPins()) {
            tsLocations.add(chip.location() + " TS" + pin);
        }
        ChipCheck check = new ChipCheck(
                "bq76952",
                "BQ76952",
                chip.location(),
                () -> chip.readTransfer(Bq76952Commands.DEVICE_NUMBER, new byte[2], 2));
        Board board = new Board(
                hw,
                fan,
                heater,
                List.of(check),
                List.copyOf(cellLocations),
                chip.location() + " CC2",
                Optional.of(chip.location() + " stack"),
                List.copyOf(tsLocations));
        return new Built(board, chip, safety);
    }
}
