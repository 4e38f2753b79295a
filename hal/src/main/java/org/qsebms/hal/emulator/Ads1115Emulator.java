package org.qsebms.hal.emulator;

import java.util.function.LongSupplier;
import org.qsebms.hal.bus.GpioInput;

/**
 * A register-level TI ADS1115 (SBAS444) on an {@link EmulatedI2cBus}, answering byte for byte:
 * <ul>
 *   <li>the address pointer register (last byte written alone selects the register to read);</li>
 *   <li>config register 0x01 (reset 0x8583) with read-back of every written bit, and the OS
 *       bit reading 0 while a conversion runs and 1 when idle;</li>
 *   <li>single-shot conversions started by writing OS=1, lasting 1/DR on the injected nano
 *       clock, continuous mode (MODE=0) converting every 1/DR;</li>
 *   <li>the conversion register 0x00: two's complement, FS/32768 per code, clipped to
 *       0x7FFF / 0x8000 beyond the PGA range;</li>
 *   <li>Lo_thresh/Hi_thresh (resets 0x8000/0x7FFF) and ALERT/RDY as conversion-ready pin when
 *       Hi_thresh MSB=1, Lo_thresh MSB=0 and COMP_QUE != 11 (active low unless COMP_POL=1).</li>
 * </ul>
 * The mux tables below are written from the datasheet independently of the driver's enums.
 */
public final class Ads1115Emulator implements I2cTarget {
    private static final int[][] MUX_PAIRS = {{0, 1}, {0, 3}, {1, 3}, {2, 3}, {0, -1}, {1, -1}, {2, -1}, {3, -1}};
    private static final double[] FULL_SCALE = {6.144, 4.096, 2.048, 1.024, 0.512, 0.256, 0.256, 0.256};
    private static final int[] SPS = {8, 16, 32, 64, 128, 250, 475, 860};

    private final int address;
    private final LongSupplier nanoClock;
    private final AnalogInputs inputs;
    private int pointer;
    private int config = 0x8583;
    private int loThresh = 0x8000;
    private int hiThresh = 0x7FFF;
    private int conversion;
    private boolean converting;
    private long conversionEndNanos;
    private boolean readySinceStart;
    private long conversions;

    public Ads1115Emulator(int address, LongSupplier nanoClock, long noiseSeed) {
        this.address = address;
        this.nanoClock = nanoClock;
        this.inputs = new AnalogInputs(4, noiseSeed);
    }

    @Override
    public int address() {
        return address;
    }

    /** AIN0..AIN3. */
    public AnalogInputs inputs() {
        return inputs;
    }

    /** Conversions completed so far. */
    public long conversions() {
        return conversions;
    }

    /** The ALERT/RDY pin as seen by a GPIO input on BCM {@code pin}. */
    public GpioInput alertRdyPin(int pin) {
        return new GpioInput() {
            @Override
            public int pin() {
                return pin;
            }

            @Override
            public boolean isHigh() {
                return alertRdyHigh();
            }
        };
    }

    @Override
    public void onWrite(byte[] data, int n) {
        update();
        if (n < 1) {
            return;
        }
        pointer = data[0] & 0b11;
        if (n < 3) {
            return;
        }
        int value = (data[1] & 0xFF) << 8 | data[2] & 0xFF;
        switch (pointer) {
            case 0x01 -> writeConfig(value);
            case 0x02 -> loThresh = value;
            case 0x03 -> hiThresh = value;
            default -> {} // the conversion register is read-only
        }
    }

    @Override
    public void onRead(byte[] data, int n) {
        update();
        int value = switch (pointer) {
            case 0x00 -> conversion;
            case 0x01 -> (config & 0x7FFF) | (converting ? 0 : 0x8000);
            case 0x02 -> loThresh;
            default -> hiThresh;
        };
        for (int i = 0; i < n; i++) {
            data[i] = (byte) (i % 2 == 0 ? value >> 8 : value);
        }
    }

    private void writeConfig(int value) {
        boolean singleShot = (value & 0x0100) != 0;
        boolean start = (value & 0x8000) != 0;
        config = value & 0x7FFF;
        if (!singleShot || (start && !converting)) {
            startConversion();
        }
    }

    private void startConversion() {
        converting = true;
        readySinceStart = false;
        conversionEndNanos = nanoClock.getAsLong() + 1_000_000_000L / SPS[config >> 5 & 0b111];
    }

    private void update() {
        long now = nanoClock.getAsLong();
        if (converting && now >= conversionEndNanos) {
            conversion = sample();
            readySinceStart = true;
            if ((config & 0x0100) == 0) {
                long period = 1_000_000_000L / SPS[config >> 5 & 0b111];
                long periods = 1 + (now - conversionEndNanos) / period;
                conversions += periods;
                conversionEndNanos += periods * period;
            } else {
                conversions++;
                converting = false;
            }
        }
    }

    private int sample() {
        int[] pair = MUX_PAIRS[config >> 12 & 0b111];
        double volts = inputs.volts(pair[0]) - (pair[1] < 0 ? 0.0 : inputs.volts(pair[1]));
        double fs = FULL_SCALE[config >> 9 & 0b111];
        long code = Math.round(volts / fs * 32768.0);
        code = Math.max(-32768, Math.min(32767, code));
        return (int) code & 0xFFFF;
    }

    private boolean alertRdyHigh() {
        update();
        boolean rdyMode = (hiThresh & 0x8000) != 0 && (loThresh & 0x8000) == 0 && (config & 0b11) != 0b11;
        boolean activeHigh = (config & 0b1000) != 0;
        boolean asserted = rdyMode && readySinceStart;
        return asserted == activeHigh;
    }
}
