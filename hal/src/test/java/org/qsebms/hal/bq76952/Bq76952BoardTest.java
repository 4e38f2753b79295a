package org.qsebms.hal.bq76952;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.qsebms.hal.ContactorId;
import org.qsebms.hal.HardwareTrip;
import org.qsebms.hal.PackHardware;
import org.qsebms.hal.SensorStatus;
import org.qsebms.hal.emulator.EmulatedBq76952Board;
import org.qsebms.hal.emulator.ManualNanoClock;
import org.qsebms.hal.wiring.BoardProbe;
import org.qsebms.hal.wiring.ContactorPins;

/** The whole Pi + BQ76952 board built by the factory on the emulated board, read through the ports. */
class Bq76952BoardTest {
    static final long WATCHDOG_NANOS = 2_000_000_000L;

    final ManualNanoClock clock = new ManualNanoClock();
    final double[] cells = new double[16];
    final double[] ts = {24, 26, 25};
    double amps;

    static Bq76952Wiring wiring() {
        return wiring(150);
    }

    static Bq76952Wiring wiring(double maxAbsAmps) {
        return Bq76952Wiring.builder()
                .bus(1)
                .address(0x08)
                .crc(false)
                .shuntOhms(0.0005)
                .cellInputs(Bq76952Rig.inputs(16))
                .tsPins(List.of(1, 2))
                .maxAbsAmps(maxAbsAmps)
                .fetsAs(ContactorId.MAIN_NEGATIVE)
                .alertPin(17)
                .balancingResistorOhms(200.0)
                .contactors(Map.of(
                        ContactorId.PRECHARGE,
                        new ContactorPins(13, 19, true),
                        ContactorId.MAIN_POSITIVE,
                        new ContactorPins(26, 21, true)))
                .fanPin(-1)
                .heaterPin(-1)
                .watchdogDevice("/dev/watchdog")
                .limits(Bq76952Rig.MSL)
                .margins(Bq76952Margins.DEFAULT)
                .build();
    }

    EmulatedBq76952Board board() {
        java.util.Arrays.fill(cells, 3.65);
        var board = new EmulatedBq76952Board(wiring(), clock, WATCHDOG_NANOS);
        board.connectPack(cells, () -> amps, ts);
        return board;
    }

    /**
     * Issue 23, check23q: CC2 reads in 10 mA units over 16 bits, so +-327.67 A is all it can tell; a larger current reads
     * as the end of the register. That end is a current that much or more, for protection to judge (with maxAbsAmps
     * above it, it read as a valid 327.67 A).
     */
    @Test
    void aCurrentAtTheEndOfCc2IsThatMuchOrMore() {
        java.util.Arrays.fill(cells, 3.65);
        var emulated = new EmulatedBq76952Board(wiring(327.67), clock, WATCHDOG_NANOS);
        emulated.connectPack(cells, () -> amps, ts);
        PackHardware hw =
                Bq76952BoardFactory.build(wiring(327.67), emulated).board().hardware();
        amps = -100.0;
        assertThat(hw.current().readPackAmps()).isCloseTo(-100.0, within(0.011));
        assertThat(hw.current().lastBeyondRangeAmps()).isNaN();
        amps = 900.0; // beyond what CC2 can hold: the emulator holds it at the end, as the chip does
        hw.current().readPackAmps();
        assertThat(hw.current().lastStatus()).isEqualTo(SensorStatus.OUT_OF_RANGE);
        assertThat(hw.current().lastBeyondRangeAmps()).isCloseTo(327.67, within(0.011));
    }

    @Test
    void factoryConfiguresTheChipAndEveryPortReadsThroughTheDriver() {
        var emulated = board();
        var built = Bq76952BoardFactory.build(wiring(), emulated);
        PackHardware hw = built.board().hardware();
        cells[9] = 3.71;
        amps = 42.0;

        double[] v = new double[16];
        SensorStatus[] s = new SensorStatus[16];
        hw.cellVoltages().readInto(v, s);

        assertThat(v[9]).isCloseTo(3.71, within(0.0006));
        assertThat(s).containsOnly(SensorStatus.OK);
        assertThat(hw.current().readPackAmps()).isCloseTo(42.0, within(0.011));
        assertThat(hw.packVoltage().readPackVolts()).isCloseTo(15 * 3.65 + 3.71, within(0.011));
        assertThat(hw.temperatures().channelCount()).isEqualTo(2);
        assertThat(BoardProbe.probe(built.board()).allOk()).isTrue();
        for (Bq76952Setting setting : wiring().plan().settings()) {
            assertThat(emulated.chip().dataMemory(setting.address(), setting.bytes()))
                    .as(setting.name())
                    .isEqualTo(setting.value());
        }
    }

    @Test
    void chipFetsAreTheConfiguredContactorAndAChipTripShowsAsAHardwareTrip() {
        var emulated = board();
        PackHardware hw = Bq76952BoardFactory.build(wiring(), emulated).board().hardware();
        var fets = hw.contactor(ContactorId.MAIN_NEGATIVE);
        fets.command(true);
        assertThat(fets.feedbackClosed()).isTrue();
        assertThat(emulated.conducts(ContactorId.MAIN_NEGATIVE)).isTrue();

        cells[3] = 4.40; // beyond COV 4.3516 V
        emulated.advance(); // onset: the first evaluation that sees it
        clock.advance(1_100_000_000L);
        emulated.advance();

        assertThat(fets.feedbackClosed()).isFalse();
        assertThat(hw.hardwareProtection().refresh()).isTrue();
        assertThat(hw.hardwareProtection().tripped(HardwareTrip.CELL_OVER_VOLTAGE))
                .isTrue();
        assertThat(hw.hardwareProtection().tripped(HardwareTrip.SHORT_CIRCUIT)).isFalse();
        assertThat(hw.hardwareProtection().describe()).contains("A=0x08").contains("[COV]");
        assertThat(emulated.chip().alertPin(17).isHigh()).isFalse();
    }

    @Test
    void balancingGoesThroughTheChip() {
        var emulated = board();
        PackHardware hw = Bq76952BoardFactory.build(wiring(), emulated).board().hardware();

        hw.balancing().set(0, true);
        hw.balancing().set(15, true);

        assertThat(emulated.chip().balancingMask()).isEqualTo(1 | 1 << 15);
        assertThat(hw.balancing().bleedOhms()).isEqualTo(200.0);
    }

    @Test
    void aStarvedLinuxWatchdogReleasesTheOutputsAndTheGpioContactorsOpen() {
        var emulated = board();
        PackHardware hw = Bq76952BoardFactory.build(wiring(), emulated).board().hardware();
        hw.watchdog().feed();
        hw.contactor(ContactorId.MAIN_POSITIVE).command(true);
        clock.advance(100_000_000L);
        emulated.advance();
        assertThat(emulated.conducts(ContactorId.MAIN_POSITIVE)).isTrue();

        // the BMS stops feeding (frozen): just before the timeout nothing happens
        clock.advance(WATCHDOG_NANOS - 100_000_001L);
        emulated.advance();
        assertThat(emulated.outputsReleased()).isFalse();
        clock.advance(1);
        emulated.advance();

        assertThat(emulated.outputsReleased()).isTrue();
        assertThat(emulated.contactor(ContactorId.MAIN_POSITIVE).coil().isHigh())
                .isFalse();
        clock.advance(25_000_000L); // contactor operate time
        assertThat(emulated.conducts(ContactorId.MAIN_POSITIVE)).isFalse();
        hw.contactor(ContactorId.MAIN_POSITIVE).command(true); // the Pi is resetting: writes do nothing
        assertThat(emulated.contactor(ContactorId.MAIN_POSITIVE).coil().isHigh())
                .isFalse();
    }

    @Test
    void whenTheHostStopsTalkingTheChipOpensItsFetsAfterItsHostWatchdogDelay() {
        var emulated = board();
        PackHardware hw = Bq76952BoardFactory.build(wiring(), emulated).board().hardware();
        hw.contactor(ContactorId.MAIN_NEGATIVE).command(true);

        clock.advance(4_900_000_000L);
        emulated.advance();
        assertThat(emulated.conducts(ContactorId.MAIN_NEGATIVE)).isTrue();
        clock.advance(100_000_000L);
        emulated.advance();

        assertThat(emulated.conducts(ContactorId.MAIN_NEGATIVE)).isFalse();
        hw.hardwareProtection().refresh();
        assertThat(hw.hardwareProtection().tripped(HardwareTrip.HOST_WATCHDOG)).isTrue();
    }

    @Test
    void aCorruptedProtectionWriteRefusesToBuildTheBoard() {
        var emulated = board();
        emulated.chip().corruptNextWrite(0x9286, 0x01);

        assertThatThrownBy(() -> Bq76952BoardFactory.build(wiring(), emulated))
                .hasMessageContaining("Protections:SCD:Threshold (0x9286): wanted");
    }

    @Test
    void steadyStateTickThroughTheChipAllocatesNothing() {
        var emulated = board();
        PackHardware hw = Bq76952BoardFactory.build(wiring(), emulated).board().hardware();
        hw.contactor(ContactorId.MAIN_NEGATIVE).command(true);
        double[] v = new double[16];
        SensorStatus[] s = new SensorStatus[16];
        double[] t = new double[2];
        SensorStatus[] ts = new SensorStatus[2];
        var mx = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().threadId();
        double sink = 0;
        for (int i = 0; i < 20_000; i++) {
            sink += tick(hw, v, s, t, ts);
        }
        long before = mx.getThreadAllocatedBytes(thread);
        for (int i = 0; i < 1_000; i++) {
            sink += tick(hw, v, s, t, ts);
        }
        long bytes = mx.getThreadAllocatedBytes(thread) - before;

        assertThat(sink).isFinite();
        assertThat(s).containsOnly(SensorStatus.OK);
        assertThat(bytes / 1_000.0).as("bytes allocated per tick").isLessThan(1.0);
    }

    private double tick(PackHardware hw, double[] v, SensorStatus[] s, double[] t, SensorStatus[] ts) {
        clock.advance(100_000_000L);
        hw.cellVoltages().readInto(v, s);
        double amps = hw.current().readPackAmps()
                + hw.packVoltage().readPackVolts()
                + hw.packVoltage().readLinkVolts();
        hw.temperatures().readInto(t, ts);
        hw.hardwareProtection().refresh();
        boolean closed = hw.contactor(ContactorId.MAIN_NEGATIVE).feedbackClosed();
        hw.balancing().set(3, !hw.balancing().isOn(3));
        hw.watchdog().feed();
        return amps + (closed ? 1 : 0) + t[0];
    }
}
