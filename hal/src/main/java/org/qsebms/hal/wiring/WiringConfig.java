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
 * @param stuckAfterConversions identical ADC codes in a row that flag a channel as stuck (0 = off)
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
        int stuckAfterConversions,
        double balancingResistorOhms) {

    /** Bleed resistor assumed when the wiring does not name one (a common value on balancing boards). */
    public static final double DEFAULT_BALANCING_RESISTOR_OHMS = 33.0;

    /** Wiring with the default bleed resistor. */
    public WiringConfig(
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
            int stuckAfterConversions) {
        this(
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
                stuckAfterConversions,
                DEFAULT_BALANCING_RESISTOR_OHMS);
    }

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

    public Optional<Ads1115Spec> adsChip(String id) {
        return ads1115.stream().filter(c -> c.id().equals(id)).findFirst();
    }

    public Optional<Mcp3x08Spec> mcpChip(String id) {
        return mcp3x08.stream().filter(c -> c.id().equals(id)).findFirst();
    }
}
