package org.qsebms.hal.gpio;

import org.qsebms.hal.SwitchedLoad;
import org.qsebms.hal.bus.GpioOutput;

/** A fan or heater switched by one GPIO (high = on). Off at construction. */
public final class GpioSwitchedLoad implements SwitchedLoad {
    private final GpioOutput output;

    public GpioSwitchedLoad(GpioOutput output) {
        this.output = output;
        output.set(false);
    }

    @Override
    public void set(boolean on) {
        output.set(on);
    }

    @Override
    public boolean isOn() {
        return output.isHigh();
    }
}
