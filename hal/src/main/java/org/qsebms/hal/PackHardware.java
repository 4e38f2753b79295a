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

    /**
     * Closes the watchdog, then the resources. The backends' resources throw no checked exception;
     * one that does comes back as an {@link IllegalStateException} (an interrupt is kept as the
     * thread's interrupt status), so callers need not handle {@link InterruptedException} here.
     */
    @Override
    public void close() {
        watchdog.close();
        try {
            resources.close();
        } catch (RuntimeException e) {
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while closing the hardware resources", e);
        } catch (Exception e) {
            throw new IllegalStateException("cannot close the hardware resources: " + e.getMessage(), e);
        }
    }
}
