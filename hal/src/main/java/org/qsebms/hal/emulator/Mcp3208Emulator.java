package org.qsebms.hal.emulator;

import java.util.SplittableRandom;
import org.qsebms.hal.bus.BusException;
import org.qsebms.hal.bus.SpiBus;
import org.qsebms.hal.mcp3208.Mcp3x08Model;

/**
 * A Microchip MCP3208 / MCP3008 on one chip select, emulated bit by bit as the datasheet's
 * timing diagram: DOUT stays high-impedance (read as 1) until the start bit (first 1 on DIN)
 * and the SGL/DIFF, D2, D1, D0 bits have been clocked in, then one sample clock, a null bit
 * (0) and the result MSB first, then the result again LSB first, then zeros. Differential
 * pairs give code 0 when IN- is above IN+. Faults: an absent chip (MISO floats high) and a
 * transfer error rate with a fixed seed.
 */
public final class Mcp3208Emulator implements SpiBus {
    private final String busName;
    private final int chipSelect;
    private final Mcp3x08Model model;
    private final double vrefVolts;
    private final AnalogInputs inputs;
    private SplittableRandom errors = new SplittableRandom(1);
    private double errorRate;
    private boolean absent;
    private boolean misoPulledDown;
    private ManualNanoClock wireClock;
    private double nanosPerByte;
    private double wireCarry;
    private long bytesOnWire;
    private long conversions;

    public Mcp3208Emulator(String busName, int chipSelect, Mcp3x08Model model, double vrefVolts, long noiseSeed) {
        this.busName = busName;
        this.chipSelect = chipSelect;
        this.model = model;
        this.vrefVolts = vrefVolts;
        this.inputs = new AnalogInputs(8, noiseSeed);
    }

    public AnalogInputs inputs() {
        return inputs;
    }

    public void absent(boolean absent) {
        this.absent = absent;
    }

    /**
     * An undriven MISO reads 0 instead of 1: a Raspberry Pi's BCM 9 comes out of reset with its weak pull-down, so
     * a chip that does not drive DOUT (unpowered, not fitted, CS or DOUT open) reads all zeros there.
     */
    public void misoPulledDown(boolean down) {
        this.misoPulledDown = down;
    }

    public void injectErrorRate(double rate, long seed) {
        errorRate = rate;
        errors = new SplittableRandom(seed);
    }

    public long bytesOnWire() {
        return bytesOnWire;
    }

    public long conversions() {
        return conversions;
    }

    @Override
    public String name() {
        return busName;
    }

    @Override
    public int chipSelect() {
        return chipSelect;
    }

    /** Makes every transfer take its wire time on {@code clock}: 8 clocks per byte at {@code spiHz}. */
    public void clockWire(ManualNanoClock clock, double spiHz) {
        this.wireClock = clock;
        this.nanosPerByte = 8e9 / spiHz;
    }

    @Override
    public void transfer(byte[] write, byte[] read, int n) {
        if (errorRate > 0 && errors.nextDouble() < errorRate) {
            throw new BusException(
                    BusException.Kind.IO,
                    busName,
                    chipSelect,
                    "SPI transfer failed (injected bus error); check the cable and lower the SPI clock");
        }
        bytesOnWire += n;
        if (wireClock != null) {
            wireCarry += n * nanosPerByte;
            long whole = (long) wireCarry;
            wireCarry -= whole;
            wireClock.advance(whole);
        }
        int totalBits = 8 * n;
        int start = -1;
        for (int b = 0; b < totalBits; b++) {
            if (bit(write, b)) {
                start = b;
                break;
            }
        }
        int bits = model.bits();
        int nullBit = start + 6;
        int code = 0;
        if (start >= 0 && !absent && start + 4 < totalBits) {
            boolean single = bit(write, start + 1);
            int d210 =
                    (bit(write, start + 2) ? 4 : 0) | (bit(write, start + 3) ? 2 : 0) | (bit(write, start + 4) ? 1 : 0);
            code = convert(single, d210);
            conversions++;
        }
        for (int b = 0; b < totalBits; b++) {
            boolean out;
            if (absent || start < 0 || b < nullBit) {
                out = !misoPulledDown; // high-impedance DOUT, read through the pull-up (or the Pi's pull-down)
            } else if (b == nullBit) {
                out = false;
            } else if (b <= nullBit + bits) {
                out = (code >> (bits - (b - nullBit))) % 2 != 0;
            } else if (b <= nullBit + 2 * bits - 1) {
                out = (code >> (b - nullBit - bits)) % 2 != 0;
            } else {
                out = false;
            }
            setBit(read, b, out);
        }
    }

    private int convert(boolean single, int d210) {
        double volts;
        if (single) {
            volts = inputs.volts(d210);
        } else {
            int plus = d210;
            int minus = d210 ^ 1;
            volts = inputs.volts(plus) - inputs.volts(minus);
        }
        long code = (long) Math.floor(volts / vrefVolts * model.codes());
        return (int) Math.max(0, Math.min(model.codes() - 1, code));
    }

    private static boolean bit(byte[] bytes, int index) {
        return (bytes[index >> 3] >> (7 - (index & 7)) & 1) != 0;
    }

    private static void setBit(byte[] bytes, int index, boolean value) {
        int mask = 1 << (7 - (index & 7));
        if (value) {
            bytes[index >> 3] |= (byte) mask;
        } else {
            bytes[index >> 3] &= (byte) ~mask;
        }
    }
}
