package org.qsebms.hal.wiring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.qsebms.hal.ContactorId;
import org.qsebms.hal.SensorStatus;
import org.qsebms.hal.emulator.EmulatedBoard;
import org.qsebms.hal.emulator.ManualNanoClock;

/** End to end through the factory, drivers and emulators, with a fault injected at each layer. */
class PackHardwareFactoryTest {
    private final double[] cells = {3.60, 3.65, 3.70, 3.75};
    private final double[] celsius = {20, 21, 22, 23};
    private double amps = 4.0;
    private EmulatedBoard emulated;
    private Board board;

    @BeforeEach
    void build() {
        emulated = new EmulatedBoard(ExampleWiring.fourSeries(), new ManualNanoClock(), 3);
        emulated.connectPack(cells, () -> amps, celsius);
        board = PackHardwareFactory.build(ExampleWiring.fourSeries(), emulated);
    }

    @Test
    void readsThePackThroughEveryDriverAndFrontEnd() {
        ProbeReport report = BoardProbe.probe(board);

        assertThat(report.allOk()).isTrue();
        for (int i = 0; i < 4; i++) {
            assertThat(report.readings().get(i).value()).isCloseTo(cells[i], within(0.002));
            assertThat(report.readings().get(6 + i).value())
                    .as("NTC %d on 10-bit MCP3008", i)
                    .isCloseTo(celsius[i], within(0.3));
        }
        assertThat(report.readings().get(4).value()).isCloseTo(4.0, within(0.002));
        assertThat(report.readings().get(5).value()).isCloseTo(14.7, within(0.01));
        assertThat(report.readings().get(0).location()).isEqualTo("i2c-1 0x48 AIN0");
        assertThat(report.readings().get(4).location()).isEqualTo("i2c-1 0x49 AIN0-AIN1");
        assertThat(report.readings().get(6).location()).isEqualTo("spi0 cs0 CH0");
    }

    @Test
    void selfTestFailsFastNamingTheMissingChip() {
        emulated.i2cBus(1).detach(0x49);

        assertThatThrownBy(() -> BoardProbe.selfTest(board))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("ADS1115 'shunt' on i2c-1 0x49 does not answer")
                .hasMessageContaining("i2c-1 address 0x49: NACK")
                .hasMessageContaining("current on i2c-1 0x49 AIN0-AIN1: BUS_ERROR");
    }

    /**
     * Issue 23, check23o: on a Pi an MCP3x08 that does not drive MISO reads all zeros (BCM 9's pull-down), which its
     * null bit cannot tell from an answer; the NTCs on it then read shorted, blaming the thermistors.
     */
    @Test
    void selfTestNamesAnMcpThatDoesNotDriveMisoOnAPulledDownLine() {
        emulated.mcp3x08("ntc").misoPulledDown(true);
        assertThat(BoardProbe.probe(board).allOk())
                .as("a chip that drives MISO reads the same with the line pulled down")
                .isTrue();

        emulated.mcp3x08("ntc").absent(true);
        assertThatThrownBy(() -> BoardProbe.selfTest(board))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("MCP3008 'ntc': every configured single-ended input [0, 1, 2, 3] reads code 0")
                .hasMessageContaining("check the chip's supply, its CS and DOUT wires");
    }

    @Test
    void selfTestNamesAShortedThermistorByChannel() {
        emulated.mcp3x08("ntc").inputs().shortToGround(2);

        assertThatThrownBy(() -> BoardProbe.selfTest(board))
                .hasMessageContaining("temperature 3 on spi0 cs0 CH2: SHORT_CIRCUIT")
                .hasMessageContaining("shorted");
    }

    @Test
    void openCellTapReachesThePortAsOpenWire() {
        emulated.ads1115("taps").inputs().openWire(2, 0.0);
        double[] v = new double[4];
        SensorStatus[] s = new SensorStatus[4];

        board.hardware().cellVoltages().readInto(v, s);

        assertThat(s[2]).isEqualTo(SensorStatus.OPEN_WIRE);
        assertThat(board.hardware().cellVoltages().faultDescription(2)).contains("i2c-1 0x48 AIN2");
    }

    /**
     * A channel whose code no longer changes reaches the port as the reading it is frozen at, with status OK (issue
     * 23, fix23bo): identical codes are what a quiet converter gives at rest, so the protection, which knows whether
     * the reading should have moved, judges them (faults 208-210), not the driver.
     */
    @Test
    void aFrozenChannelReachesThePortAsItsFrozenReadingWithStatusOk() {
        WiringConfig wiring = ExampleWiring.fourSeries();
        EmulatedBoard e = new EmulatedBoard(wiring, new ManualNanoClock(), 5);
        e.connectPack(cells, () -> amps, celsius);
        e.ads1115("shunt").inputs().noise(0.0002);
        Board b = PackHardwareFactory.build(wiring, e);
        b.hardware().current().readPackAmps();
        e.ads1115("shunt").inputs().freeze(0);
        e.ads1115("shunt").inputs().freeze(1);
        double frozen = b.hardware().current().readPackAmps();
        for (int i = 0; i < 1000; i++) {
            assertThat(b.hardware().current().readPackAmps()).isEqualTo(frozen);
            assertThat(b.hardware().current().lastStatus()).isEqualTo(SensorStatus.OK);
        }
    }

    @Test
    void weldedContactorShowsAsFeedbackClosedWhileCommandedOpen() {
        var positive = board.hardware().contactor(ContactorId.MAIN_POSITIVE);
        positive.command(true);
        emulated.clock().advance(EmulatedBoard.CONTACTOR_OPERATE_NANOS);
        emulated.contactor(ContactorId.MAIN_POSITIVE).weld();
        positive.command(false);
        emulated.clock().advance(10 * EmulatedBoard.CONTACTOR_OPERATE_NANOS);

        assertThat(positive.commandedClosed()).isFalse();
        assertThat(positive.feedbackClosed()).isTrue();
    }

    @Test
    void balancingAndFanDriveTheirEmulatedPins() {
        board.hardware().balancing().set(3, true);
        board.fan().orElseThrow().set(true);

        assertThat(emulated.balancing().bleeding(3)).isTrue();
        assertThat(emulated.plainOutput(18).isHigh()).isTrue();
        assertThat(board.heater()).isEmpty();
    }

    @Test
    void unknownChipInAnInputIsRejectedAtBuild() {
        WiringConfig w = ExampleWiring.fourSeries();
        WiringConfig bad = WiringConfig.builder()
                .ads1115(w.ads1115())
                .mcp3x08(w.mcp3x08())
                .cellMeasurement(w.cellMeasurement())
                .cells(w.cells())
                .packVoltage(w.packVoltage())
                .current(new CurrentSpec(
                        AdcInputRef.single("nope", 0), w.current().transducer(), 1, 0, false, 30, 0))
                .temperatures(w.temperatures())
                .contactors(w.contactors())
                .balancingPins(w.balancingPins())
                .fanPin(-1)
                .heaterPin(-1)
                .watchdogDevice("")
                .build();
        assertThatThrownBy(() -> PackHardwareFactory.build(bad, new EmulatedBoard(bad, new ManualNanoClock(), 1)))
                .hasMessageContaining("names chip 'nope', which is not configured");
    }
}
