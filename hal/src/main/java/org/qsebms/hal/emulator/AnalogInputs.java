package org.qsebms.hal.emulator;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.DoubleSupplier;

/**
 * The analogue pins of an emulated ADC: each fed by a constant or a {@link DoubleSupplier}
 * (e.g. a simulated cell tap), with optional Gaussian noise from a fixed seed and injectable
 * faults: an open wire (the pin floats to a given voltage, 0 V with a pull-down), a short to
 * ground (e.g. a shorted low-side thermistor) and a frozen (stuck) value.
 */
public final class AnalogInputs {
    private final DoubleSupplier[] sources;
    private final double[] forcedVolts;
    private final boolean[] frozen;
    private final double[] frozenVolts;
    private final SplittableRandom random;
    private double noiseVoltsRms;

    AnalogInputs(int count, long seed) {
        sources = new DoubleSupplier[count];
        Arrays.fill(sources, (DoubleSupplier) () -> 0.0);
        forcedVolts = new double[count];
        Arrays.fill(forcedVolts, Double.NaN);
        frozen = new boolean[count];
        frozenVolts = new double[count];
        random = new SplittableRandom(seed);
    }

    public int count() {
        return sources.length;
    }

    public void set(int pin, double volts) {
        sources[pin] = () -> volts;
    }

    public void feed(int pin, DoubleSupplier volts) {
        sources[pin] = volts;
    }

    /** White Gaussian noise added to every pin reading, volts RMS (0 = none). */
    public void noise(double voltsRms) {
        this.noiseVoltsRms = voltsRms;
    }

    /** The wire to {@code pin} is broken; the pin floats to {@code floatVolts} (0 with a pull-down). */
    public void openWire(int pin, double floatVolts) {
        forcedVolts[pin] = floatVolts;
    }

    /** The pin is shorted to ground. */
    public void shortToGround(int pin) {
        forcedVolts[pin] = 0.0;
    }

    /** The pin keeps its present value forever (noise included), like a stuck front end. */
    public void freeze(int pin) {
        frozenVolts[pin] = volts(pin);
        frozen[pin] = true;
    }

    /** Removes every injected fault from {@code pin}. */
    void clearFaults(int pin) {
        forcedVolts[pin] = Double.NaN;
        frozen[pin] = false;
    }

    /** The voltage on {@code pin} now, faults and noise included. */
    public double volts(int pin) {
        if (frozen[pin]) {
            return frozenVolts[pin];
        }
        if (!Double.isNaN(forcedVolts[pin])) {
            return forcedVolts[pin];
        }
        double v = sources[pin].getAsDouble();
        return noiseVoltsRms == 0 ? v : v + noiseVoltsRms * gaussian();
    }

    private double gaussian() {
        double u1 = 1.0 - random.nextDouble();
        double u2 = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }
}
