package org.qsebms.hal;

/**
 * A protection layer below the processor (a battery-monitor chip with its own FETs): what it has
 * tripped on. The control loop refreshes it once per tick; every trip is a latched fault in the
 * controller. Implementations must not allocate in {@link #refresh()}, except on the rare tick
 * that writes a reset chip's configuration again ({@link HardwareTrip#CONFIGURATION_LOST}).
 */
public interface HardwareProtection {
    /** Reads the chip's protection state; false when it could not be read. */
    boolean refresh();

    /** True when the chip had tripped for {@code cause} at the last {@link #refresh()}. */
    boolean tripped(HardwareTrip cause);

    /** The chip's Safety Status registers of the last refresh, for messages ({@code A=0x08 B=0x00 C=0x00}). */
    String describe();

    /** No hardware protection layer (ADC-only boards, the simulated backend). */
    static HardwareProtection none() {
        return new HardwareProtection() {
            @Override
            public boolean refresh() {
                return true;
            }

            @Override
            public boolean tripped(HardwareTrip cause) {
                return false;
            }

            @Override
            public String describe() {
                return "no hardware protection layer";
            }
        };
    }
}
