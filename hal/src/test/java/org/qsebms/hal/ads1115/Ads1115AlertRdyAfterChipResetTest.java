package org.qsebms.hal.ads1115;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.qsebms.hal.bus.BusException;
import org.qsebms.hal.emulator.Ads1115Emulator;
import org.qsebms.hal.emulator.EmulatedI2cBus;
import org.qsebms.hal.emulator.ManualNanoClock;

/**
 * Found by an independent check (check23l, 2026-12-06): an ADS1115 that resets while running (a brown-out of its 3.3 V, an ESD hit) comes back with its
 * power-on registers: config 0x8583, Lo_thresh 0x8000, Hi_thresh 0x7FFF. With the OS bit polled the next
 * conversion reads right again; with ALERT/RDY wired, conversion-ready mode needs the thresholds written again.
 */
class Ads1115AlertRdyAfterChipResetTest {
    private final ManualNanoClock clock = new ManualNanoClock();
    private final EmulatedI2cBus bus = new EmulatedI2cBus("i2c-1");
    private final Ads1115Emulator adc = new Ads1115Emulator(0x48, clock, 7);

    /** The chip's power-on reset, as its registers show it afterwards. */
    private void powerOnReset() {
        bus.writeRegisterWord(0x48, Ads1115.REG_LO_THRESH, 0x8000);
        bus.writeRegisterWord(0x48, Ads1115.REG_HI_THRESH, 0x7FFF);
        bus.writeRegisterWord(0x48, Ads1115.REG_CONFIG, Ads1115.CONFIG_RESET & 0x7FFF);
    }

    /** Converts up to {@code tries} times; the number of tries that failed before one succeeded, or -1. */
    private int failuresBeforeARead(Ads1115 driver, int tries) {
        for (int i = 0; i < tries; i++) {
            try {
                double v = driver.convert(Ads1115Mux.AIN0_GND, Ads1115Pga.FSR_2_048V, Ads1115DataRate.SPS_475)
                        * Ads1115Pga.FSR_2_048V.voltsPerCode();
                assertThat(v).isCloseTo(1.5, within(0.001));
                return i;
            } catch (BusException e) {
                clock.advance(100_000_000L); // the next tick
            }
        }
        return -1;
    }

    @Test
    void withTheOsBitPolledAChipThatResetReadsAgainAtOnce() {
        bus.attach(adc);
        adc.inputs().set(0, 1.5);
        Ads1115 driver = new Ads1115(bus, 0x48, null, clock);
        assertThat(failuresBeforeARead(driver, 1)).isZero();
        powerOnReset();
        assertThat(failuresBeforeARead(driver, 50)).isZero();
    }

    @Test
    void withAlertRdyWiredAChipThatResetIsReadAgain() {
        bus.attach(adc);
        adc.inputs().set(0, 1.5);
        Ads1115 driver = new Ads1115(bus, 0x48, adc.alertRdyPin(17), clock);
        assertThat(failuresBeforeARead(driver, 1)).isZero();
        powerOnReset();
        assertThat(failuresBeforeARead(driver, 50))
                .as("ticks of 100 ms, out of 50 (5 s), that failed with a TIMEOUT before the reset chip was read again")
                .isBetween(0, 1);
    }
}
