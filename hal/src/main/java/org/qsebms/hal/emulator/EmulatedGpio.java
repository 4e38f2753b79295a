package org.qsebms.hal.emulator;

import java.util.function.BooleanSupplier;
import org.qsebms.hal.bus.GpioInput;
import org.qsebms.hal.bus.GpioOutput;

/** GPIO lines for emulated boards: an output that remembers its level and an input fed by a supplier. */
public final class EmulatedGpio {
    private EmulatedGpio() {}

    public static Output output(int pin) {
        return new Output(pin);
    }

    public static GpioInput input(int pin, BooleanSupplier level) {
        return new GpioInput() {
            @Override
            public int pin() {
                return pin;
            }

            @Override
            public boolean isHigh() {
                return level.getAsBoolean();
            }
        };
    }

    /** An output line; counts its writes. */
    public static final class Output implements GpioOutput {
        private final int pin;
        private boolean high;
        private long writes;

        Output(int pin) {
            this.pin = pin;
        }

        @Override
        public int pin() {
            return pin;
        }

        @Override
        public void set(boolean high) {
            this.high = high;
            writes++;
        }

        @Override
        public boolean isHigh() {
            return high;
        }

        public long writes() {
            return writes;
        }
    }
}
