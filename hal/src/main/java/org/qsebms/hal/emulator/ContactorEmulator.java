package org.qsebms.hal.emulator;

import java.util.function.LongSupplier;
import org.qsebms.hal.bus.GpioInput;
import org.qsebms.hal.bus.GpioOutput;

/**
 * A contactor as the GPIOs see it: a coil output and an auxiliary contact whose level follows
 * the main contacts after the close or open delay on the injected clock. The aux input reads
 * high when the main contacts are closed. Faults: {@link #weld()} (contacts stay closed
 * whatever the coil does) and {@link #stickOpen()} (contacts never close, e.g. a broken coil).
 */
public final class ContactorEmulator {
    private final Coil coil = new Coil();
    private final GpioInput aux;
    private final int coilPin;
    private final LongSupplier nanoClock;
    private final long operateNanos;
    private boolean contactsClosed;
    private boolean coilEnergised;
    private long coilChangedNanos;
    private boolean welded;
    private boolean stuckOpen;

    public ContactorEmulator(int coilPin, int auxPin, LongSupplier nanoClock, long operateNanos) {
        this.coilPin = coilPin;
        this.nanoClock = nanoClock;
        this.operateNanos = operateNanos;
        this.aux = EmulatedGpio.input(auxPin, this::mainContactsClosed);
    }

    public GpioOutput coil() {
        return coil;
    }

    public GpioInput aux() {
        return aux;
    }

    /** True while the main contacts conduct (for the simulated pack's circuit). */
    public boolean mainContactsClosed() {
        long now = nanoClock.getAsLong();
        if (welded) {
            contactsClosed = true;
        } else if (stuckOpen) {
            contactsClosed = false;
        } else if (now - coilChangedNanos >= operateNanos) {
            contactsClosed = coilEnergised;
        }
        return contactsClosed;
    }

    /** The main contacts weld in their present state; if closed they never open again. */
    public void weld() {
        welded = mainContactsClosed();
    }

    /** Forces the contacts welded closed, whatever they were. */
    void weldClosed() {
        welded = true;
    }

    public void stickOpen() {
        stuckOpen = true;
    }

    void repair() {
        welded = false;
        stuckOpen = false;
    }

    private final class Coil implements GpioOutput {
        @Override
        public int pin() {
            return coilPin;
        }

        @Override
        public void set(boolean high) {
            mainContactsClosed();
            if (high != coilEnergised) {
                coilEnergised = high;
                coilChangedNanos = nanoClock.getAsLong();
            }
        }

        @Override
        public boolean isHigh() {
            return coilEnergised;
        }
    }
}
