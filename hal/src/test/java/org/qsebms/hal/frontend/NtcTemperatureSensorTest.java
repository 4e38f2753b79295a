package org.qsebms.hal.frontend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.qsebms.hal.SensorStatus;
import org.qsebms.hal.emulator.Mcp3208Emulator;
import org.qsebms.hal.mcp3208.Mcp3208;
import org.qsebms.hal.mcp3208.Mcp3208Channel;
import org.qsebms.hal.mcp3208.Mcp3x08Model;

class NtcTemperatureSensorTest {
    private static final Thermistor BETA = new Thermistor.Beta(10_000, 25, 3435);
    /** Steinhart-Hart coefficients of a common 10 kOhm NTC (Vishay NTCLE100E3103). */
    private static final Thermistor SH = new Thermistor.SteinhartHart(1.129148e-3, 2.34125e-4, 8.76741e-8);

    private static final NtcDivider DIVIDER = new NtcDivider(10_000, 3.3, true);

    private final Mcp3208Emulator mcp = new Mcp3208Emulator("spi0", 0, Mcp3x08Model.MCP3208, 3.3, 1);
    private final Mcp3208 chip = new Mcp3208(mcp, Mcp3x08Model.MCP3208, 3.3);
    private final double[] celsius = new double[2];
    private final SensorStatus[] status = new SensorStatus[2];

    private NtcTemperatureSensor sensor() {
        return new NtcTemperatureSensor(
                List.of(
                        new NtcInput(new Mcp3208Channel(chip, 0, false), BETA, DIVIDER, Calibration.IDENTITY),
                        new NtcInput(new Mcp3208Channel(chip, 1, false), SH, DIVIDER, new Calibration(1.0, -0.5))),
                0.02,
                -40,
                125);
    }

    @ParameterizedTest
    @ValueSource(doubles = {-20, 0, 25, 45, 60, 85})
    void betaAndSteinhartHartRecoverTheTemperatureThroughTheDivider(double tempC) {
        mcp.inputs().set(0, DIVIDER.nodeVolts(BETA.ohms(tempC)));
        mcp.inputs().set(1, DIVIDER.nodeVolts(SH.ohms(tempC)));

        sensor().readInto(celsius, status);

        assertThat(celsius[0]).isCloseTo(tempC, within(0.3));
        assertThat(celsius[1]).as("with -0.5 degC calibration offset").isCloseTo(tempC - 0.5, within(0.3));
        assertThat(status).containsOnly(SensorStatus.OK);
    }

    @Test
    void betaLawGivesR0AtT0AndSteinhartHartMatchesTheDatasheetAt25C() {
        assertThat(BETA.celsius(10_000)).isCloseTo(25.0, within(1e-9));
        assertThat(SH.celsius(10_000)).isCloseTo(25.0, within(0.05));
        assertThat(SH.celsius(SH.ohms(-10))).isCloseTo(-10, within(1e-6));
    }

    @Test
    void shortedThermistorIsShortCircuitAndDisconnectedIsOpenWireNamingTheChannel() {
        mcp.inputs().set(0, DIVIDER.nodeVolts(BETA.ohms(25)));
        mcp.inputs().shortToGround(1);
        NtcTemperatureSensor sensor = sensor();

        sensor.readInto(celsius, status);
        assertThat(status[1]).isEqualTo(SensorStatus.SHORT_CIRCUIT);
        assertThat(sensor.faultDescription(1)).contains("spi0 cs0 CH1", "shorted", "0.0660..3.2340 V");

        mcp.inputs().openWire(0, 3.3); // pulled up through the series resistor
        sensor.readInto(celsius, status);
        assertThat(status[0]).isEqualTo(SensorStatus.OPEN_WIRE);
        assertThat(sensor.faultDescription(0)).contains("spi0 cs0 CH0", "open or disconnected");
    }

    @Test
    void highSideNtcSwapsOpenAndShort() {
        NtcDivider highSide = new NtcDivider(10_000, 3.3, false);
        NtcTemperatureSensor sensor = new NtcTemperatureSensor(
                List.of(new NtcInput(new Mcp3208Channel(chip, 0, false), BETA, highSide, Calibration.IDENTITY)),
                0.02,
                -40,
                125);
        double[] t = new double[1];
        SensorStatus[] s = new SensorStatus[1];
        mcp.inputs().set(0, highSide.nodeVolts(BETA.ohms(30)));
        sensor.readInto(t, s);
        assertThat(t[0]).isCloseTo(30, within(0.3));

        mcp.inputs().set(0, 0.0);
        sensor.readInto(t, s);
        assertThat(s[0]).isEqualTo(SensorStatus.OPEN_WIRE);
    }

    @Test
    void temperatureBeyondTheSensorRangeIsOutOfRange() {
        mcp.inputs().set(0, DIVIDER.nodeVolts(BETA.ohms(25)));
        mcp.inputs().set(1, DIVIDER.nodeVolts(SH.ohms(140)));
        NtcTemperatureSensor sensor = sensor();

        sensor.readInto(celsius, status);

        assertThat(status[1]).isEqualTo(SensorStatus.OUT_OF_RANGE);
        assertThat(sensor.faultDescription(1)).contains("CH1", "outside -40.0..125.0 degC", "hal.pi4j.temperatures[1]");
    }

    /**
     * Found by an independent check (check23i, 2026-12-06): an ADC whose full scale lies below the
     * divider's supply clips a cold cell's node and an open thermistor's alike, and the clipped code
     * was converted to a plausible temperature with status OK (14.1 degC for a cell at -10 degC).
     * The configuration now refuses such wiring; the reading never takes a clipped code either.
     */
    @Test
    void aNodeTheAdcClipsBelowTheSupplyIsNeverReadAsATemperature() {
        Mcp3208Emulator low = new Mcp3208Emulator("spi0", 0, Mcp3x08Model.MCP3208, 2.048, 1);
        Mcp3208 lowChip = new Mcp3208(low, Mcp3x08Model.MCP3208, 2.048);
        NtcTemperatureSensor sensor = new NtcTemperatureSensor(
                List.of(new NtcInput(new Mcp3208Channel(lowChip, 0, false), BETA, DIVIDER, Calibration.IDENTITY)),
                0.02,
                -40,
                125);
        double[] t = new double[1];
        SensorStatus[] s = new SensorStatus[1];
        low.inputs().set(0, DIVIDER.nodeVolts(BETA.ohms(20)));
        sensor.readInto(t, s);
        assertThat(s[0]).as("20 degC, node inside the full scale").isEqualTo(SensorStatus.OK);
        assertThat(t[0]).isCloseTo(20, within(0.3));

        low.inputs().set(0, DIVIDER.nodeVolts(BETA.ohms(-10))); // 2.73 V, above 2.048 V
        sensor.readInto(t, s);
        assertThat(s[0]).as("a cold cell's node clipped at %.1f degC", t[0]).isEqualTo(SensorStatus.OUT_OF_RANGE);
        assertThat(sensor.faultDescription(0))
                .contains("spi0 cs0 CH0", "full scale", "cannot be read", "at least the divider's supply");

        low.inputs().openWire(0, 3.3);
        sensor.readInto(t, s);
        assertThat(s[0]).as("an open thermistor's node clipped").isEqualTo(SensorStatus.OUT_OF_RANGE);
    }
}
