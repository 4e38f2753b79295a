package org.qsebms.hal.ads1115;

import org.qsebms.hal.bus.BusException;
import org.qsebms.hal.bus.GpioInput;
import org.qsebms.hal.bus.I2cRegisterBus;
import org.qsebms.hal.bus.Pause;

/**
 * Driver for one TI ADS1115 16-bit delta-sigma ADC on an I2C bus, used in single-shot mode.
 *
 * <p>Each conversion writes the config register with OS=1 (start), the mux, PGA, MODE=1
 * (single-shot) and data rate, waits the nominal conversion time 1/DR, then waits for
 * conversion-ready: either by polling the OS bit of the config register (reads 1 when no
 * conversion is in progress) or, when an ALERT/RDY pin is wired, by waiting for that pin to
 * go low (the driver programs Hi_thresh=0x8000, Lo_thresh=0x0000 and COMP_QUE=00, the
 * datasheet's conversion-ready mode). It then reads the conversion register, a 16-bit two's
 * complement code.
 */
public final class Ads1115 {
    static final int REG_CONVERSION = 0x00;
    static final int REG_CONFIG = 0x01;
    static final int REG_LO_THRESH = 0x02;
    static final int REG_HI_THRESH = 0x03;

    /** Power-on value of the config register. */
    static final int CONFIG_RESET = 0x8583;

    static final int OS = 1 << 15;
    static final int MODE_SINGLE_SHOT = 1 << 8;
    static final int COMP_QUE_DISABLE = 0b11;
    static final int COMP_QUE_ONE = 0b00;

    /** Polls after the nominal time, each a tenth of it: allows +100 % for oscillator tolerance and bus delay. */
    private static final int MAX_READY_POLLS = 10;

    private final I2cRegisterBus bus;
    private final int address;
    private final GpioInput alertRdy;
    private final Pause pause;
    private boolean readyModeProgrammed;
    /** The register the chip's address pointer selects after our last transaction, -1 unknown. */
    private int pointer = -1;

    /**
     * @param alertRdy the GPIO wired to ALERT/RDY, or {@code null} to poll the OS bit
     */
    public Ads1115(I2cRegisterBus bus, int address, GpioInput alertRdy, Pause pause) {
        if (address < 0x48 || address > 0x4B) {
            throw new IllegalArgumentException(String.format(
                    "%s: ADS1115 address 0x%02X is outside 0x48..0x4B; strap ADDR to GND (0x48), VDD (0x49), SDA (0x4A) or SCL (0x4B)",
                    bus.name(), address));
        }
        this.bus = bus;
        this.address = address;
        this.alertRdy = alertRdy;
        this.pause = pause;
    }

    public int address() {
        return address;
    }

    public String busName() {
        return bus.name();
    }

    /** {@code i2c-1 0x48}, for messages. */
    public String location() {
        return String.format("%s 0x%02X", bus.name(), address);
    }

    /** The config register word for a single-shot conversion of {@code mux} at {@code pga} and {@code rate}. */
    int singleShotConfig(Ads1115Mux mux, Ads1115Pga pga, Ads1115DataRate rate) {
        int compQue = alertRdy == null ? COMP_QUE_DISABLE : COMP_QUE_ONE;
        return OS | mux.bits() << 12 | pga.bits() << 9 | MODE_SINGLE_SHOT | rate.bits() << 5 | compQue;
    }

    /** Reads the config register: a cheap "does the chip answer" check. */
    public int readConfig() {
        pointer = -1;
        int config = bus.readRegisterWord(address, REG_CONFIG);
        pointer = REG_CONFIG;
        return config;
    }

    /**
     * Runs one single-shot conversion and returns the signed code, -32768..32767.
     *
     * @throws BusException on a NACK or I/O error, or {@link BusException.Kind#TIMEOUT} when
     *                      the conversion does not complete within twice its nominal time
     */
    public int convert(Ads1115Mux mux, Ads1115Pga pga, Ads1115DataRate rate) {
        start(mux, pga, rate);
        pause.nanos(rate.conversionNanos());
        return collect(mux, rate);
    }

    /**
     * Starts a single-shot conversion and returns at once; {@link #collect} gets the result once
     * its nominal time 1/DR has passed. Lets a caller keep several chips converting at the same time.
     */
    public void start(Ads1115Mux mux, Ads1115Pga pga, Ads1115DataRate rate) {
        if (alertRdy != null && !readyModeProgrammed) {
            pointer = -1;
            bus.writeRegisterWord(address, REG_HI_THRESH, 0x8000);
            bus.writeRegisterWord(address, REG_LO_THRESH, 0x0000);
            readyModeProgrammed = true;
        }
        pointer = -1;
        bus.writeRegisterWord(address, REG_CONFIG, singleShotConfig(mux, pga, rate));
        pointer = REG_CONFIG;
    }

    /**
     * Waits for the conversion {@link #start} began (call it no earlier than 1/DR after the start)
     * and returns its signed code.
     *
     * @throws BusException {@link BusException.Kind#TIMEOUT} when it is not ready within another nominal time
     */
    public int collect(Ads1115Mux mux, Ads1115DataRate rate) {
        awaitReady(mux, rate);
        return readConversion();
    }

    /**
     * Polls until the conversion {@link #start} began is done (OS bit or ALERT/RDY). The result
     * stays in the conversion register until the next conversion completes, so a caller may start
     * the next one before {@link #readConversion()}: the chip then never waits for the bus.
     */
    public void awaitReady(Ads1115Mux mux, Ads1115DataRate rate) {
        long nominal = rate.conversionNanos();
        long poll = Math.max(1, nominal / 10);
        for (int i = 0; !conversionReady(); i++) {
            if (i == MAX_READY_POLLS) {
                // a chip that reset has its power-on thresholds, and ALERT/RDY no longer signals a conversion:
                // the next start writes them again
                readyModeProgrammed = false;
                throw new BusException(
                        BusException.Kind.TIMEOUT,
                        bus.name(),
                        address,
                        "conversion of " + mux.label() + " at " + rate.samplesPerSecond() + " SPS not ready after "
                                + (2 * nominal / 1000) + " us ("
                                + (alertRdy == null
                                        ? "OS bit still 0"
                                        : "ALERT/RDY on GPIO " + alertRdy.pin() + " still high")
                                + "); check the chip's supply and, for ALERT/RDY, the pin wiring and pull-up");
            }
            pause.nanos(poll);
        }
    }

    /** The conversion register: the signed code of the last completed conversion. */
    int readConversion() {
        pointer = -1;
        int code = (short) bus.readRegisterWord(address, REG_CONVERSION);
        pointer = REG_CONVERSION;
        return code;
    }

    private boolean conversionReady() {
        if (alertRdy != null) {
            return !alertRdy.isHigh();
        }
        // the start left the pointer at the config register: a bare 3-byte read polls it
        int config;
        if (pointer == REG_CONFIG) {
            config = bus.readCurrentWord(address);
        } else {
            pointer = -1;
            config = bus.readRegisterWord(address, REG_CONFIG);
            pointer = REG_CONFIG;
        }
        return (config & OS) != 0;
    }
}
