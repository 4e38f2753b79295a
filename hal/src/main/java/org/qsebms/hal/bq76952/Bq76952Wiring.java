package org.qsebms.hal.bq76952;

import java.util.List;
import java.util.Map;
import org.qsebms.hal.ContactorId;
import org.qsebms.hal.wiring.ContactorPins;

/**
 * A Raspberry Pi wired to a BQ76952 ({@code hal.bq76952} in the configuration): the chip measures
 * cells, current, stack and thermistors, protects the pack with its own FETs and balances; the Pi
 * drives the remaining contactors on GPIO and reads the chip's ALERT pin.
 *
 * @param bus         Linux I2C bus number
 * @param address     7-bit I2C address (0x08 by default)
 * @param crc         the chip is in I2C-with-CRC mode (Comm Type)
 * @param shuntOhms   sense resistor between SRP and SRN
 * @param cellInputs  chip cell inputs used, bottom cell first (1..16)
 * @param tsPins      thermistor pins used (1..3 for TS1..TS3)
 * @param maxAbsAmps  plausible current magnitude
 * @param fetsAs      the contactor the chip's CHG/DSG FETs stand for
 * @param alertPin    BCM pin reading the chip's ALERT output, -1 for none
 * @param balancingResistorOhms bleed path per cell (the external cell-input resistors, both sides)
 * @param contactors  GPIO pins of every contactor except {@code fetsAs}
 * @param watchdogDevice Linux watchdog device, empty for none
 * @param limits      the software MSLs (from the limits and preset)
 * @param margins     how far beyond the MSLs the chip is set
 */
public record Bq76952Wiring(
        int bus,
        int address,
        boolean crc,
        double shuntOhms,
        List<Integer> cellInputs,
        List<Integer> tsPins,
        double maxAbsAmps,
        ContactorId fetsAs,
        int alertPin,
        double balancingResistorOhms,
        Map<ContactorId, ContactorPins> contactors,
        int fanPin,
        int heaterPin,
        String watchdogDevice,
        Bq76952Limits limits,
        Bq76952Margins margins) {

    public Bq76952Wiring {
        cellInputs = List.copyOf(cellInputs);
        tsPins = List.copyOf(tsPins);
        contactors = Map.copyOf(contactors);
        for (ContactorId id : ContactorId.values()) {
            if (id != fetsAs && !contactors.containsKey(id)) {
                throw new IllegalArgumentException(
                        "contactor " + id + " needs GPIO pins: only " + fetsAs + " is the chip's FETs");
            }
        }
    }

    /** The data-memory values the start-up writes and checks. */
    public Bq76952ProtectionPlan plan() {
        return Bq76952ProtectionPlan.of(limits, margins, shuntOhms, cellInputs, tsPins, "hal.bq76952");
    }
}
