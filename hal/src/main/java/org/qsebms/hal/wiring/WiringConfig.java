package org.qsebms.hal.wiring;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.qsebms.hal.ContactorId;
import org.qsebms.hal.frontend.CellMeasurement;

/**
 * How a Raspberry Pi is wired to the pack, from {@code hal.pi4j} in the configuration: ADC
 * chips, which input measures what, GPIO pins and the watchdog device. Validated by the
 * config module; {@link PackHardwareFactory} turns it into {@link org.qsebms.hal.PackHardware}.
 *
 * @param fanPin    BCM pin of the fan output, -1 when none
 * @param heaterPin BCM pin of the heater output, -1 when none
 * @param watchdogDevice path of the Linux watchdog device, empty for none
 * @param balancingResistorOhms resistance of each cell's bleed path (the SOC and health estimators count the charge it takes)
 */
public record WiringConfig(
        List<Ads1115Spec> ads1115,
        List<Mcp3x08Spec> mcp3x08,
        CellMeasurement cellMeasurement,
        List<CellTapSpec> cells,
        Optional<PackVoltageSpec> packVoltage,
        CurrentSpec current,
        List<NtcSpec> temperatures,
        Map<ContactorId, ContactorPins> contactors,
        List<Integer> balancingPins,
        int fanPin,
        int heaterPin,
        String watchdogDevice,
        double balancingResistorOhms) {

    /** Bleed resistor assumed when the wiring does not name one (a common value on balancing boards). */
    public static final double DEFAULT_BALANCING_RESISTOR_OHMS = 33.0;

    public WiringConfig {
        if (!(balancingResistorOhms > 0)) {
            throw new IllegalArgumentException("balancing resistor must be > 0 ohm, got " + balancingResistorOhms);
        }
        ads1115 = List.copyOf(ads1115);
        mcp3x08 = List.copyOf(mcp3x08);
        cells = List.copyOf(cells);
        temperatures = List.copyOf(temperatures);
        contactors = Map.copyOf(contactors);
        balancingPins = List.copyOf(balancingPins);
    }

    Optional<Ads1115Spec> adsChip(String id) {
        return ads1115.stream().filter(c -> c.id().equals(id)).findFirst();
    }

    Optional<Mcp3x08Spec> mcpChip(String id) {
        return mcp3x08.stream().filter(c -> c.id().equals(id)).findFirst();
    }

    /** A builder with every value unset (refused by {@link Builder#build()} until set), except {@code balancingResistorOhms}. */
    public static Builder builder() {
        return new Builder();
    }

    /** Named setters (see the record's parameters for each one's meaning and unit). */
    public static final class Builder {
        private List<Ads1115Spec> ads1115;
        private List<Mcp3x08Spec> mcp3x08;
        private CellMeasurement cellMeasurement;
        private List<CellTapSpec> cells;
        private Optional<PackVoltageSpec> packVoltage;
        private CurrentSpec current;
        private List<NtcSpec> temperatures;
        private Map<ContactorId, ContactorPins> contactors;
        private List<Integer> balancingPins;
        private Integer fanPin;
        private Integer heaterPin;
        private String watchdogDevice;
        private Double balancingResistorOhms = DEFAULT_BALANCING_RESISTOR_OHMS;

        private Builder() {}

        public Builder ads1115(List<Ads1115Spec> v) {
            ads1115 = v;
            return this;
        }

        public Builder mcp3x08(List<Mcp3x08Spec> v) {
            mcp3x08 = v;
            return this;
        }

        public Builder cellMeasurement(CellMeasurement v) {
            cellMeasurement = v;
            return this;
        }

        public Builder cells(List<CellTapSpec> v) {
            cells = v;
            return this;
        }

        public Builder packVoltage(Optional<PackVoltageSpec> v) {
            packVoltage = v;
            return this;
        }

        public Builder current(CurrentSpec v) {
            current = v;
            return this;
        }

        public Builder temperatures(List<NtcSpec> v) {
            temperatures = v;
            return this;
        }

        public Builder contactors(Map<ContactorId, ContactorPins> v) {
            contactors = v;
            return this;
        }

        public Builder balancingPins(List<Integer> v) {
            balancingPins = v;
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

        public Builder balancingResistorOhms(double v) {
            balancingResistorOhms = v;
            return this;
        }

        public WiringConfig build() {
            requireSet(ads1115, "ads1115");
            requireSet(mcp3x08, "mcp3x08");
            requireSet(cellMeasurement, "cellMeasurement");
            requireSet(cells, "cells");
            requireSet(packVoltage, "packVoltage");
            requireSet(current, "current");
            requireSet(temperatures, "temperatures");
            requireSet(contactors, "contactors");
            requireSet(balancingPins, "balancingPins");
            requireSet(fanPin, "fanPin");
            requireSet(heaterPin, "heaterPin");
            requireSet(watchdogDevice, "watchdogDevice");
            return new WiringConfig(
                    ads1115,
                    mcp3x08,
                    cellMeasurement,
                    cells,
                    packVoltage,
                    current,
                    temperatures,
                    contactors,
                    balancingPins,
                    fanPin,
                    heaterPin,
                    watchdogDevice,
                    balancingResistorOhms);
        }

        private static void requireSet(Object value, String name) {
            if (value == null) {
                throw new IllegalArgumentException(name + " is not set");
            }
        }
    }
}
