package org.qsebms.hal.ads1115;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.qsebms.hal.bus.BusException;
import org.qsebms.hal.emulator.Ads1115Emulator;
import org.qsebms.hal.emulator.EmulatedI2cBus;
import org.qsebms.hal.emulator.ManualNanoClock;

class Ads1115Test {
    private final ManualNanoClock clock = new ManualNanoClock();
    private final EmulatedI2cBus bus = new EmulatedI2cBus("i2c-1");
    private final Ads1115Emulator adc = new Ads1115Emulator(0x48, clock, 7);
    private Ads1115 driver;

    @BeforeEach
    void attach() {
        bus.attach(adc);
        driver = new Ads1115(bus, 0x48, null, clock);
    }

    @Test
    void singleShotConfigWordFollowsTheDatasheetBitLayout() {
        // OS=1, MUX=000, PGA=001 (4.096 V), MODE=1, DR=100 (128 SPS), comparator disabled (11)
        assertThat(driver.singleShotConfig(Ads1115Mux.AIN0_AIN1, Ads1115Pga.FSR_4_096V, Ads1115DataRate.SPS_128))
                .isEqualTo(0x8383);
        // OS=1, MUX=111 (AIN3), PGA=101 (0.256 V), MODE=1, DR=111 (860 SPS)
        assertThat(driver.singleShotConfig(Ads1115Mux.AIN3_GND, Ads1115Pga.FSR_0_256V, Ads1115DataRate.SPS_860))
                .isEqualTo(0x8000 | 0b111 << 12 | 0b101 << 9 | 0x100 | 0b111 << 5 | 0b11);
    }

    @Test
    void configRegisterReadsBackTheResetValueAndThenTheWrittenBitsWithOsSetWhenIdle() {
        assertThat(driver.readConfig()).isEqualTo(Ads1115.CONFIG_RESET);
        adc.inputs().set(2, 1.0);

        driver.convert(Ads1115Mux.AIN2_GND, Ads1115Pga.FSR_2_048V, Ads1115DataRate.SPS_250);

        assertThat(driver.readConfig()).isEqualTo(0x8000 | 0b110 << 12 | 0b010 << 9 | 0x100 | 0b101 << 5 | 0b11);
    }

    @Test
    void osBitReadsZeroWhileAConversionRunsAndOneWhenItIsDone() {
        bus.writeRegisterWord(0x48, Ads1115.REG_CONFIG, 0x8383);
        assertThat(bus.readRegisterWord(0x48, Ads1115.REG_CONFIG) & 0x8000).isZero();

        clock.advance(Ads1115DataRate.SPS_128.conversionNanos() - 1);
        assertThat(bus.readRegisterWord(0x48, Ads1115.REG_CONFIG) & 0x8000).isZero();

        clock.advance(1);
        assertThat(bus.readRegisterWord(0x48, Ads1115.REG_CONFIG) & 0x8000).isEqualTo(0x8000);
    }

    @Test
    void readsNegativeDifferentialVoltageAsTwosComplement() {
        adc.inputs().set(0, 1.5);
        adc.inputs().set(1, 2.0);
        Ads1115Channel channel =
                new Ads1115Channel(driver, Ads1115Mux.AIN0_AIN1, Ads1115Pga.FSR_4_096V, Ads1115DataRate.SPS_128);

        double volts = channel.readVolts();

        assertThat(channel.lastCode()).isEqualTo(-4000);
        assertThat(volts).isCloseTo(-0.5, within(1e-9));
        assertThat(channel.lastClipped()).isFalse();
    }

    @Test
    void clipsAtFullScaleCodesBeyondThePgaRange() {
        adc.inputs().set(0, 1.2);
        Ads1115Channel high =
                new Ads1115Channel(driver, Ads1115Mux.AIN0_GND, Ads1115Pga.FSR_1_024V, Ads1115DataRate.SPS_128);
        high.readVolts();
        assertThat(high.lastCode()).isEqualTo(32767);
        assertThat(high.lastClipped()).isTrue();

        adc.inputs().set(3, 0.6);
        Ads1115Channel low =
                new Ads1115Channel(driver, Ads1115Mux.AIN0_AIN3, Ads1115Pga.FSR_0_256V, Ads1115DataRate.SPS_128);
        adc.inputs().set(0, 0.0);
        low.readVolts();
        assertThat(low.lastCode()).isEqualTo(-32768);
        assertThat(low.lastClipped()).isTrue();
    }

    @ParameterizedTest
    @EnumSource(Ads1115Mux.class)
    void everyMuxSettingMeasuresItsOwnPins(Ads1115Mux mux) {
        double[] pins = {0.4, 0.9, 1.7, 0.2};
        for (int i = 0; i < 4; i++) {
            adc.inputs().set(i, pins[i]);
        }
        double expected = pins[mux.positive()] - (mux.differential() ? pins[mux.negative()] : 0.0);

        double volts = new Ads1115Channel(driver, mux, Ads1115Pga.FSR_2_048V, Ads1115DataRate.SPS_475).readVolts();

        assertThat(volts).isCloseTo(expected, within(Ads1115Pga.FSR_2_048V.voltsPerCode()));
    }

    @ParameterizedTest
    @EnumSource(Ads1115Pga.class)
    void everyPgaSettingScalesByItsFullScale(Ads1115Pga pga) {
        adc.inputs().set(0, pga.fullScaleVolts() * 0.5);
        Ads1115Channel channel = new Ads1115Channel(driver, Ads1115Mux.AIN0_GND, pga, Ads1115DataRate.SPS_128);

        assertThat(channel.readVolts()).isCloseTo(pga.fullScaleVolts() * 0.5, within(pga.voltsPerCode()));
        assertThat(channel.lastCode()).isEqualTo(16384);
    }

    @ParameterizedTest
    @EnumSource(Ads1115DataRate.class)
    void aConversionTakesOneOverTheDataRate(Ads1115DataRate rate) {
        clock.resetPausedNanos();

        driver.convert(Ads1115Mux.AIN0_GND, Ads1115Pga.FSR_4_096V, rate);

        assertThat(clock.pausedNanos()).isEqualTo(rate.conversionNanos());
        assertThat(rate.conversionNanos()).isEqualTo(1_000_000_000L / rate.samplesPerSecond());
    }

    @Test
    void alertRdyPinSignalsConversionReadyAfterThresholdsAreProgrammed() {
        Ads1115 withPin = new Ads1115(bus, 0x48, adc.alertRdyPin(17), clock);
        adc.inputs().set(1, 0.75);

        int code = withPin.convert(Ads1115Mux.AIN1_GND, Ads1115Pga.FSR_1_024V, Ads1115DataRate.SPS_64);

        assertThat(bus.readRegisterWord(0x48, Ads1115.REG_HI_THRESH)).isEqualTo(0x8000);
        assertThat(bus.readRegisterWord(0x48, Ads1115.REG_LO_THRESH)).isEqualTo(0x0000);
        assertThat(bus.readRegisterWord(0x48, Ads1115.REG_CONFIG) & 0b11).isEqualTo(0b00);
        assertThat(code).isEqualTo(24000);
        assertThat(adc.alertRdyPin(17).isHigh()).isFalse();
    }

    @Test
    void alertRdyPinStaysHighWithTheResetThresholds() {
        bus.writeRegisterWord(0x48, Ads1115.REG_CONFIG, 0x8380);
        clock.advance(Ads1115DataRate.SPS_128.conversionNanos());

        assertThat(adc.alertRdyPin(17).isHigh()).isTrue();
    }

    @Test
    void continuousModeKeepsConverting() {
        adc.inputs().set(0, 1.0);
        bus.writeRegisterWord(0x48, Ads1115.REG_CONFIG, 0x8383 & ~0x0100);
        clock.advance(3 * Ads1115DataRate.SPS_128.conversionNanos());
        adc.inputs().set(0, 2.0);
        clock.advance(Ads1115DataRate.SPS_128.conversionNanos());

        assertThat((short) bus.readRegisterWord(0x48, Ads1115.REG_CONVERSION)).isEqualTo((short) 16000);
        assertThat(adc.conversions()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void conversionThatNeverCompletesTimesOutNamingBusAddressAndMux() {
        Ads1115 frozenTime = new Ads1115(bus, 0x48, null, nanos -> {});

        assertThatThrownBy(() -> frozenTime.convert(Ads1115Mux.AIN2_AIN3, Ads1115Pga.FSR_4_096V, Ads1115DataRate.SPS_8))
                .isInstanceOf(BusException.class)
                .hasMessageContaining("i2c-1 address 0x48")
                .hasMessageContaining("TIMEOUT")
                .hasMessageContaining("AIN2-AIN3")
                .hasMessageContaining("OS bit still 0");
    }

    @Test
    void missingChipNacksNamingBusAndAddress() {
        Ads1115 absent = new Ads1115(bus, 0x49, null, clock);

        assertThatThrownBy(() -> absent.convert(Ads1115Mux.AIN0_GND, Ads1115Pga.FSR_4_096V, Ads1115DataRate.SPS_128))
                .isInstanceOf(BusException.class)
                .hasMessageContaining("i2c-1 address 0x49: NACK")
                .hasMessageContaining("i2cdetect");
    }

    @Test
    void rejectsAddressesTheChipCannotBeStrappedTo() {
        assertThatThrownBy(() -> new Ads1115(bus, 0x50, null, clock))
                .hasMessageContaining("0x50 is outside 0x48..0x4B");
    }

    @Test
    void rejectsDifferentialPairsTheMuxDoesNotHave() {
        assertThatThrownBy(() -> Ads1115Mux.of(1, 2)).hasMessageContaining("pairs 0-1, 0-3, 1-3, 2-3");
        assertThat(Ads1115Mux.of(2, 3)).isEqualTo(Ads1115Mux.AIN2_AIN3);
    }

    @Test
    void countsBytesOnTheWire() {
        driver.convert(Ads1115Mux.AIN0_GND, Ads1115Pga.FSR_4_096V, Ads1115DataRate.SPS_860);
        // config write (4) + one OS poll as a bare read at the pointer the write left (3) + conversion read (5)
        assertThat(bus.bytesOnWire()).isEqualTo(12);
    }

    @Test
    void pollAfterAnyOtherTransactionWritesThePointerFirst() {
        driver.start(Ads1115Mux.AIN0_GND, Ads1115Pga.FSR_4_096V, Ads1115DataRate.SPS_860);
        clock.advance(Ads1115DataRate.SPS_860.conversionNanos());
        driver.readConversion(); // leaves the pointer at the conversion register
        long before = bus.bytesOnWire();

        driver.awaitReady(Ads1115Mux.AIN0_GND, Ads1115DataRate.SPS_860);

        assertThat(bus.bytesOnWire() - before).isEqualTo(5); // pointer write + 2-byte read, not a bare read
    }
}
