package org.qsebms.hal;

import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * Every hardware port the controller uses, as one value. Built by a backend (Pi4J drivers,
 * emulators, or the simulated pack) and handed to the control loop.
 */
public record PackHardware(
        CellVoltageSensor cellVoltages,
        PackVoltageSensor packVoltage,
        CurrentSensor current,
        TemperatureSensor temperatures,
        Map<ContactorId, Contactor> contactors,
        BalancingSwitches balancing,
        Watchdog watchdog,
        AutoCloseable resources,
        HardwareProtection hardwareProtection)
        implements AutoCloseable {

    /** Hardware without a protection chip. */
    public PackHardware(
            CellVoltageSensor cellVoltages,
            PackVoltageSensor packVoltage,
            CurrentSensor current,
            TemperatureSensor temperatures,
            Map<ContactorId, Contactor> contactors,
            BalancingSwitches balancing,
            Watchdog watchdog,
            AutoCloseable resources) {
        this(
                cellVoltages,
                packVoltage,
                current,
                temperatures,
                contactors,
                balancing,
                watchdog,
                resources,
                HardwareProtection.none());
    }

    public PackHardware {
        Objects.requireNonNull(cellVoltages, "cellVoltages");
        Objects.requireNonNull(packVoltage, "packVoltage");
        Objects.requireNonNull(current, "current");
        Objects.requireNonNull(temperatures, "temperatures");
        Objects.requireNonNull(balancing, "balancing");
        Objects.requireNonNull(watchdog, "watchdog");
        for (ContactorId id : ContactorId.values()) {
            if (!contactors.containsKey(id)) {
                throw new IllegalArgumentException("missing contactor " + id);
            }
        }
        contactors = new EnumMap<>(contactors);
        resources = resources == null ? () -> {} : resources;
        hardwareProtection = hardwareProtection == null ? HardwareProtection.none() : hardwareProtection;
    }

    public Contactor contactor(ContactorId id) {
        return contactors.get(id);
    }

    @Override
    public void close() throws Exception {
        watchdog.close();
        resources.close();
    }
}
