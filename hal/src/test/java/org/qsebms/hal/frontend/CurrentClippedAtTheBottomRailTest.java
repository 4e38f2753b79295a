package org.qsebms.hal.frontend;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.qsebms.hal.SensorStatus;
import org.qsebms.hal.emulator.Mcp3208Emulator;
import org.qsebms.hal.mcp3208.Mcp3208;
import org.qsebms.hal.mcp3208.Mcp3208Channel;
import org.qsebms.hal.mcp3208.Mcp3x08Model;

/**
 * Issue 23, independent check check23o (2026-12-06). The wiring the configuration recommends for a current on an MCP3x08
 * (WiringReader's refusal of a pair: "wire the sensor single-ended with referenceVolts (a shunt amplifier's REF)"):
 * INA240A2 (50 V/V) on a 1 mOhm shunt, OUT on CH4 single-ended, REF 1.65 V, VREF 3.3 V. The channel spans
 * -33..+33 A. A charge beyond +33 A clips at the top code and is OUT_OF_RANGE; a discharge beyond -33 A clips at
 * code 0, which Mcp3208Channel only calls clipped on a differential pair, so it is converted and reported as a valid
 * -33.0 A whatever flows (maxAbsAmps 50, the shunt's rating, is not checked against what the channel can reach).
 */
class CurrentClippedAtTheBottomRailTest {

    @Test
    void aDischargeBeyondTheChannelsReachIsNeverReadAsAValidCurrent() {
        Mcp3208Emulator chip = new Mcp3208Emulator("spi0", 0, Mcp3x08Model.MCP3208, 3.3, 1);
        AnalogCurrentSensor sensor = new AnalogCurrentSensor(
                new Mcp3208Channel(new Mcp3208(chip, Mcp3x08Model.MCP3208, 3.3), 4, false),
                CurrentTransducer.shunt(0.001, 50, 1.65),
                new Calibration(1.0, 0.0),
                false,
                50,
                0.0);
        double[] amps = {0};
        chip.inputs().feed(4, () -> Math.max(0, Math.min(3.3, 1.65 + amps[0] * 0.05))); // the amplifier's rails

        amps[0] = 45; // charge beyond the top of the channel: clipped at code 4095
        sensor.readPackAmps();
        assertThat(sensor.lastStatus()).as("a 45 A charge (top code)").isEqualTo(SensorStatus.OUT_OF_RANGE);

        amps[0] = -45; // the same current the other way: clipped at code 0
        double read = sensor.readPackAmps();
        assertThat(sensor.lastStatus())
                .as(
                        "a 45 A discharge on a channel that reaches only -33 A read %.2f A with status %s; the same"
                                + " current charging is OUT_OF_RANGE",
                        read, sensor.lastStatus())
                .isEqualTo(SensorStatus.OUT_OF_RANGE);
        assertThat(sensor.lastBeyondRangeAmps())
                .as("the least discharge that reads so: the channel's reach")
                .isCloseTo(-33.0, org.assertj.core.data.Offset.offset(0.01));
        assertThat(sensor.lastFaultDescription()).contains("-33.0000 A or more");

        amps[0] = 45;
        sensor.readPackAmps();
        assertThat(sensor.lastBeyondRangeAmps()).isCloseTo(32.99, org.assertj.core.data.Offset.offset(0.02));

        amps[0] = -5; // back inside: a value again, and nothing beyond
        assertThat(sensor.readPackAmps()).isCloseTo(-5.0, org.assertj.core.data.Offset.offset(0.02)); // one code: 16 mA
        assertThat(sensor.lastStatus()).isEqualTo(SensorStatus.OK);
        assertThat(sensor.lastBeyondRangeAmps()).isNaN();
    }

    /** A sensor whose zero is at ground (one that reads one direction only) reads code 0 as 0 A, a value. */
    @Test
    void codeZeroOfASensorWhoseZeroIsGroundIsZeroAmps() {
        Mcp3208Emulator chip = new Mcp3208Emulator("spi0", 0, Mcp3x08Model.MCP3208, 3.3, 1);
        AnalogCurrentSensor sensor = new AnalogCurrentSensor(
                new Mcp3208Channel(new Mcp3208(chip, Mcp3x08Model.MCP3208, 3.3), 4, false),
                CurrentTransducer.hall(0.05, 0.0),
                new Calibration(1.0, 0.0),
                false,
                50,
                0.0);
        chip.inputs().feed(4, () -> 0.0);
        assertThat(sensor.readPackAmps()).isEqualTo(0.0);
        assertThat(sensor.lastStatus()).isEqualTo(SensorStatus.OK);
        assertThat(sensor.lastBeyondRangeAmps()).isNaN();
    }
}
