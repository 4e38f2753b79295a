package org.qsebms.hal.gpio;

import java.util.List;
import org.qsebms.hal.BalancingSwitches;
import org.qsebms.hal.bus.GpioOutput;

/** One GPIO per cell driving its bleed-resistor MOSFET (high = bleeding). All off at construction. */
public final class GpioBalancingSwitches implements BalancingSwitches {
    private final GpioOutput[] outputs;
    private final double bleedOhms;

    /** Switches with the default bleed resistor ({@link org.qsebms.hal.wiring.WiringConfig#DEFAULT_BALANCING_RESISTOR_OHMS}). */
    public GpioBalancingSwitches(List<GpioOutput> outputs) {
        this(outputs, org.qsebms.hal.wiring.WiringConfig.DEFAULT_BALANCING_RESISTOR_OHMS);
    }

    public GpioBalancingSwitches(List<GpioOutput> outputs, double bleedOhms) {
        if (!(bleedOhms > 0)) {
            throw new IllegalArgumentException("bleed resistor must be > 0 ohm, got " + bleedOhms);
        }
        this.outputs = outputs.toArray(GpioOutput[]::new);
        this.bleedOhms = bleedOhms;
        allOff();
    }

    @Override
    public double bleedOhms() {
        return bleedOhms;
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
