package org.qsebms.bms.hil;

import org.qsebms.hal.bus.GpioOutput;
import org.qsebms.hal.emulator.ForwardingPorts;
import org.qsebms.hal.wiring.BoardPorts;

/** A board's ports, except that one coil output's writes throw while {@link #failing} is set, as Pi4J's IOException. */
final class FailingCoilPorts extends ForwardingPorts {
    private final int coilPin;
    boolean failing;

    FailingCoilPorts(BoardPorts board, int coilPin) {
        super(board);
        this.coilPin = coilPin;
    }

    @Override
    public GpioOutput output(int pin, String purpose) {
        GpioOutput real = board.output(pin, purpose);
        if (pin != coilPin) {
            return real;
        }
        return new GpioOutput() {
            @Override
            public int pin() {
                return pin;
            }

            @Override
            public void set(boolean high) {
                if (failing) {
                    throw new IllegalStateException("GPIO " + pin + " write failed (injected, as Pi4J's IOException)");
                }
                real.set(high);
            }

            @Override
            public boolean isHigh() {
                return real.isHigh();
            }
        };
    }
}
