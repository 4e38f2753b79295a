package org.qsebms.hal.mcp3208;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.qsebms.hal.SensorStatus;
import org.qsebms.hal.emulator.Mcp3208Emulator;
import org.qsebms.hal.frontend.AnalogCurrentSensor;
import org.qsebms.hal.frontend.Calibration;
import org.qsebms.hal.frontend.CurrentTransducer;

/**
 * Found by an independent check (check23j, 2026-12-06): a bidirectional shunt amplifier (OUT on CH4, its REF on CH5) read as
 * an MCP3208 pseudo-differential pair. The chip gives code 0 whenever IN- is above IN+, so every discharge
 * current was code 0, and the driver flagged only the top code as clipped.
 */
class Mcp3208DifferentialCurrentTest {

    @Test
    void aDischargeCurrentOnADifferentialPairIsNeverReadAsZeroAmpsWithStatusOk() {
        Mcp3208Emulator chip = new Mcp3208Emulator("spi0", 1, Mcp3x08Model.MCP3208, 3.3, 1);
        Mcp3208 mcp = new Mcp3208(chip, Mcp3x08Model.MCP3208, 3.3);
        // INA240A2-like: 50 V/V on 1 mOhm, 50 mV per amp, output around its REF of 1.65 V
        AnalogCurrentSensor sensor = new AnalogCurrentSensor(
                new Mcp3208Channel(mcp, 4, true),
                CurrentTransducer.shunt(0.001, 50, 0.0),
                new Calibration(1.0, 0.0),
                false,
                30,
                0.0);
        chip.inputs().set(5, 1.65);

        chip.inputs().set(4, 1.65 + 0.05 * 10);
        double charge = sensor.readPackAmps();
        assertThat(sensor.lastStatus()).isEqualTo(SensorStatus.OK);
        assertThat(charge).as("+10 A").isCloseTo(10, within(0.1));

        chip.inputs().set(4, 1.65 - 0.05 * 20); // a 20 A discharge: IN+ 1.0 V below IN- 1.65 V
        double discharge = sensor.readPackAmps();
        assertThat(sensor.lastStatus() == SensorStatus.OK && Math.abs(discharge) < 0.5)
                .as(
                        "a 20 A discharge on %s read as %.2f A with status %s (code %d)",
                        sensor.lastFaultDescription(), discharge, sensor.lastStatus(), 0)
                .isFalse();
    }
}
