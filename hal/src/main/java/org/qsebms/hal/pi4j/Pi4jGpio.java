package org.qsebms.hal.pi4j;

import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.io.gpio.digital.PullResistance;
import org.qsebms.hal.bus.GpioInput;
import org.qsebms.hal.bus.GpioOutput;

/** Creates narrow GPIO lines on Pi4J digital I/O (BCM numbering). Outputs start and shut down low. */
final class Pi4jGpio {
    private final Context pi4j;

    Pi4jGpio(Context pi4j) {
        this.pi4j = pi4j;
    }

    public GpioOutput output(int bcmPin, String purpose) {
        DigitalOutput out = pi4j.create(DigitalOutput.newConfigBuilder(pi4j)
                .id("gpio-out-" + bcmPin)
                .name(purpose)
                .address(bcmPin)
                .initial(DigitalState.LOW)
                .shutdown(DigitalState.LOW)
                .build());
        return new GpioOutput() {
            @Override
            public int pin() {
                return bcmPin;
            }

            @Override
            public void set(boolean high) {
                out.state(high ? DigitalState.HIGH : DigitalState.LOW);
            }

            @Override
            public boolean isHigh() {
                return out.isHigh();
            }
        };
    }

    public GpioInput input(int bcmPin, String purpose, boolean pullUp) {
        DigitalInput in = pi4j.create(DigitalInput.newConfigBuilder(pi4j)
                .id("gpio-in-" + bcmPin)
                .name(purpose)
                .address(bcmPin)
                .pull(pullUp ? PullResistance.PULL_UP : PullResistance.OFF)
                .build());
        return new GpioInput() {
            @Override
            public int pin() {
                return bcmPin;
            }

            @Override
            public boolean isHigh() {
                return in.isHigh();
            }
        };
    }
}
