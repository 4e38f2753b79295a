package org.qsebms.hal.gpio;

import java.util.List;
import org.qsebms.hal.BalancingSwitches;
import org.qsebms.hal.bus.GpioOutput;

/** One GPIO per cell driving its bleed-resistor MOSFET (high = bleeding). All off at construction. */
public final class GpioBalancingSwitches implements BalancingSwitches {
    private final GpioOutput[] outputs;

    public GpioBalancingSwitches(List<GpioOutput> outputs) {
        this.outputs = outputs.toArray(GpioOutput[]::new);
        allOff();
    }

    @Override
    public int cellCount() {
        return outputs.length;
    }

    @Override
    public void set(int cell, boolean on) {
        outputs[cell].set(on);
    }

    @Override
    public boolean isOn(int cell) {
        return outputs[cell].isHigh();
    }
}
