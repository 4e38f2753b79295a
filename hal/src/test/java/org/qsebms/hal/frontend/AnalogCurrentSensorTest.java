package org.qsebms.hal.frontend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.qsebms.hal.CurrentSign;
import org.qsebms.hal.SensorStatus;
import org.qsebms.hal.ads1115.Ads1115;
import org.qsebms.hal.ads1115.Ads1115Channel;
import org.qsebms.hal.ads1115.Ads1115DataRate;
import org.qsebms.hal.ads1115.Ads1115Mux;
import org.qsebms.hal.ads1115.Ads1115Pga;
import org.qsebms.hal.emulator.Ads1115Emulator;
import org.qsebms.hal.emulator.EmulatedI2cBus;
import org.qsebms.hal.emulator.ManualNanoClock;
import org.qsebms.hal.emulator.Mcp3208Emulator;
import org.qsebms.hal.mcp3208.Mcp3208;
import org.qsebms.hal.mcp3208.Mcp3208Channel;
import org.qsebms.hal.mcp3208.Mcp3x08Model;

class AnalogCurrentSensorTest {
    private final ManualNanoClock clock = new ManualNanoClock();
    private final EmulatedI2cBus bus = new EmulatedI2cBus("i2c-1");
    private final Ads1115Emulator adc = new Ads1115Emulator(0x49, clock, 5);
    private double amps;

    @BeforeEach
    void wire() {
        bus.attach(adc);
        // INA240A2-like amplifier: gain 50 on a 1 mOhm shunt, OUT on AIN0, REF (1.65 V) on AIN1
        adc.inputs().feed(0, () -> 1.65 + amps * 0.001 * 50);
        adc.inputs().set(1, 1.65);
    }

    private AnalogCurrentSensor shuntSensor(boolean invert) {
        Ads1115Channel ch = new Ads1115Channel(
                new Ads1115(bus, 0x49, null, clock),
                Ads1115Mux.AIN0_AIN1,
                Ads1115Pga.FSR_2_048V,
                Ads1115DataRate.SPS_128);
        return new AnalogCurrentSensor(
                ch, CurrentTransducer.shunt(0.001, 50, 0.0), Calibration.IDENTITY, invert, 30, 0);
    }

    @Test
    void shuntAmplifierOnADifferentialPairGivesSignedAmps() {
        AnalogCurrentSensor sensor = shuntSensor(false);
        amps = 12.5;
        assertThat(sensor.readPackAmps()).isCloseTo(12.5, within(0.002));
        amps = -20.0;
        assertThat(sensor.readPackAmps()).isCloseTo(-20.0, within(0.002));
        assertThat(sensor.lastStatus()).isEqualTo(SensorStatus.OK);
    }

    @Test
    void invertedMountingFollowsTheChargePositiveConvention() {
        AnalogCurrentSensor sensor = shuntSensor(true);
        amps = -5.0; // the shunt sees charging current flowing "backwards"
        assertThat(CurrentSign.isCharging(sensor.readPackAmps(), 0.1)).isTrue();
    }

    @Test
    void currentBeyondTheRatedRangeIsOutOfRangeNamingChannelAndValue() {
        AnalogCurrentSensor sensor = shuntSensor(false);
        amps = 35;
        sensor.readPackAmps();
        assertThat(sensor.lastStatus()).isEqualTo(SensorStatus.OUT_OF_RANGE);
        assertThat(sensor.lastFaultDescription()).contains("i2c-1 0x49 AIN0-AIN1", "35.0", "outside -30.0..30.0 A");
    }

    @Test
    void hallSensorZeroOffsetIsCapturedAtRest() {
        Mcp3208Emulator mcp = new Mcp3208Emulator("spi0", 0, Mcp3x08Model.MCP3208, 5.0, 1);
        mcp.inputs().feed(4, () -> 2.5 + 0.02 + amps * 0.04); // 40 mV/A, 20 mV zero error
        AnalogCurrentSensor sensor = new AnalogCurrentSensor(
                new Mcp3208Channel(new Mcp3208(mcp, Mcp3x08Model.MCP3208, 5.0), 4, false),
                CurrentTransducer.hall(0.04, 2.5),
                Calibration.IDENTITY,
                false,
                50,
                0.25);
        amps = 0;
        assertThat(sensor.readPackAmps()).as("before capture").isCloseTo(0.5, within(0.05));

        sensor.captureZeroOffset();

        assertThat(sensor.readPackAmps()).isCloseTo(0.0, within(0.05));
        amps = 10;
        assertThat(sensor.readPackAmps()).isCloseTo(10.0, within(0.05));
    }

    @Test
    void zeroCaptureUnderLoadIsRefused() {
        Mcp3208Emulator mcp = new Mcp3208Emulator("spi0", 0, Mcp3x08Model.MCP3208, 5.0, 1);
        mcp.inputs().feed(4, () -> 2.5 + amps * 0.04);
        AnalogCurrentSensor sensor = new AnalogCurrentSensor(
                new Mcp3208Channel(new Mcp3208(mcp, Mcp3x08Model.MCP3208, 5.0), 4, false),
                CurrentTransducer.hall(0.04, 2.5),
                Calibration.IDENTITY,
                false,
                50,
                0.25);
        amps = 8;

        sensor.captureZeroOffset();

        assertThat(sensor.zeroVolts()).isEqualTo(2.5);
        assertThat(sensor.lastFaultDescription())
                .contains("spi0 cs0 CH4", "zero-offset capture refused", "contactors open");
    }

    @Test
    void unpoweredHallSensorIsAnOpenWire() {
        Mcp3208Emulator mcp = new Mcp3208Emulator("spi0", 0, Mcp3x08Model.MCP3208, 5.0, 1);
        mcp.inputs().openWire(4, 0.0);
        AnalogCurrentSensor sensor = new AnalogCurrentSensor(
                new Mcp3208Channel(new Mcp3208(mcp, Mcp3x08Model.MCP3208, 5.0), 4, false),
                CurrentTransducer.hall(0.04, 2.5),
                Calibration.IDENTITY,
                false,
                50,
                0.25);

        sensor.readPackAmps();

        assertThat(sensor.lastStatus()).isEqualTo(SensorStatus.OPEN_WIRE);
        assertThat(sensor.lastFaultDescription()).contains("spi0 cs0 CH4", "below 0.25 V");
    }

    @Test
    void injectedBusErrorsBecomeBusErrorStatusAtTheirRate() {
        AnalogCurrentSensor sensor = shuntSensor(false);
        bus.injectErrorRate(0.2, 42);
        int errors = 0;
        for (int i = 0; i < 500; i++) {
            sensor.readPackAmps();
            if (sensor.lastStatus() == SensorStatus.BUS_ERROR) {
                errors++;
                assertThat(sensor.lastFaultDescription()).contains("i2c-1 address 0x49: NACK", "injected bus error");
            }
        }
        // a read is 3 transactions (config write, OS poll, conversion read): 1 - 0.8^3 = 0.488
        assertThat(errors / 500.0).isCloseTo(0.488, within(0.06));
    }
}
