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

    /** A builder with every value unset (refused by {@link Builder#build()} until set). */
    public static Builder builder() {
        return new Builder();
    }

    /** Named setters (see the record's parameters for each one's meaning and unit). */
    public static final class Builder {
        private Integer bus;
        private Integer address;
        private Boolean crc;
        private Double shuntOhms;
        private List<Integer> cellInputs;
        private List<Integer> tsPins;
        private Double maxAbsAmps;
        private ContactorId fetsAs;
        private Integer alertPin;
        private Double balancingResistorOhms;
        private Map<ContactorId, ContactorPins> contactors;
        private Integer fanPin;
        private Integer heaterPin;
        private String watchdogDevice;
        private Bq76952Limits limits;
        private Bq76952Margins margins;

        private Builder() {}

        public Builder bus(int v) {
            bus = v;
            return this;
        }

        public Builder address(int v) {
            address = v;
            return this;
        }

        public Builder crc(boolean v) {
            crc = v;
            return this;
        }

        public Builder shuntOhms(double v) {
            shuntOhms = v;
            return this;
        }

        public Builder cellInputs(List<Integer> v) {
            cellInputs = v;
            return this;
        }

        public Builder tsPins(List<Integer> v) {
            tsPins = v;
            return this;
        }

        public Builder maxAbsAmps(double v) {
            maxAbsAmps = v;
            return this;
        }

        public Builder fetsAs(ContactorId v) {
            fetsAs = v;
            return this;
        }

        public Builder alertPin(int v) {
            alertPin = v;
            return this;
        }

        public Builder balancingResistorOhms(double v) {
            balancingResistorOhms = v;
            return this;
        }

        public Builder contactors(Map<ContactorId, ContactorPins> v) {
            contactors = v;
            return this;
        }

        public Builder fanPin(int v) {
            fanPin = v;
            return this;
        }

        public Builder heaterPin(int v) {
            heaterPin = v;
            return this;
        }

        public Builder watchdogDevice(String v) {
            watchdogDevice = v;
            return this;
        }

        public Builder limits(Bq76952Limits v) {
            limits = v;
            return this;
        }

        public Builder margins(Bq76952Margins v) {
            margins = v;
            return this;
        }

        public Bq76952Wiring build() {
            requireSet(bus, "bus");
            requireSet(address, "address");
            requireSet(crc, "crc");
            requireSet(shuntOhms, "shuntOhms");
            requireSet(cellInputs, "cellInputs");
            requireSet(tsPins, "tsPins");
            requireSet(maxAbsAmps, "maxAbsAmps");
            requireSet(fetsAs, "fetsAs");
            requireSet(alertPin, "alertPin");
            requireSet(balancingResistorOhms, "balancingResistorOhms");
            requireSet(contactors, "contactors");
            requireSet(fanPin, "fanPin");
            requireSet(heaterPin, "heaterPin");
            requireSet(watchdogDevice, "watchdogDevice");
            requireSet(limits, "limits");
            requireSet(margins, "margins");
            return new Bq76952Wiring(
                    bus,
                    address,
                    crc,
                    shuntOhms,
                    cellInputs,
                    tsPins,
                    maxAbsAmps,
                    fetsAs,
                    alertPin,
                    balancingResistorOhms,
                    contactors,
                    fanPin,
                    heaterPin,
                    watchdogDevice,
                    limits,
                    margins);
        }

        private static void requireSet(Object value, String name) {
            if (value == null) {
                throw new IllegalArgumentException(name + " is not set");
            }
        }
    }
}
