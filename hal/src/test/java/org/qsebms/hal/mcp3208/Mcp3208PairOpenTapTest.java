package org.qsebms.hal.mcp3208;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.qsebms.hal.SensorStatus;
import org.qsebms.hal.emulator.Mcp3208Emulator;
import org.qsebms.hal.frontend.Calibration;
import org.qsebms.hal.frontend.CellMeasurement;
import org.qsebms.hal.frontend.CellTap;
import org.qsebms.hal.frontend.CellVoltageLimits;
import org.qsebms.hal.frontend.SeriesCellVoltageSensor;

/**
 * Found by an independent check (check23k, 2026-12-06): the bottom cell measured on an MCP3208 pseudo-differential pair (IN+ its tap through a 2:1 divider, IN-
 * the stack's bottom at the ADC ground), a wiring the configuration accepts. Its tap wire opens: the divider pulls
 * IN+ to 0 V, code 0. Before 158fb3a9 that was an open wire; with it, code 0 on a pair was a clip, reported as the ADC at
 * full scale with the advice to choose a larger range.
 */
class Mcp3208PairOpenTapTest {

    @Test
    void anOpenTapOnAPairIsAnOpenWireNotAnAdcAtFullScale() {
        Mcp3208Emulator chip = new Mcp3208Emulator("spi0", 0, Mcp3x08Model.MCP3208, 3.3, 1);
        Mcp3208 mcp = new Mcp3208(chip, Mcp3x08Model.MCP3208, 3.3);
        SeriesCellVoltageSensor cells = new SeriesCellVoltageSensor(
                CellMeasurement.TAP_SUBTRACTION,
                List.of(new CellTap(new Mcp3208Channel(mcp, 0, true), 2.0, new Calibration(1.0, 0.0))),
                CellVoltageLimits.LITHIUM);
        double[] v = new double[1];
        SensorStatus[] s = new SensorStatus[1];
        chip.inputs().set(1, 0.0);
        chip.inputs().set(0, 3.70 / 2);
        cells.readInto(v, s);
        assertThat(s[0]).isEqualTo(SensorStatus.OK);

        chip.inputs().set(0, 0.0); // the tap wire opens: the divider's bottom resistor pulls IN+ to ground
        cells.readInto(v, s);
        assertThat(s[0])
                .as("open tap on %s: %s", "CH0-CH1", cells.faultDescription(0))
                .isEqualTo(SensorStatus.OPEN_WIRE);
        assertThat(cells.faultDescription(0)).contains("a tap wire is open").doesNotContain("full scale");
    }
}
