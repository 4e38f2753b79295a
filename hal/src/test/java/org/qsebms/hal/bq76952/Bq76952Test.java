package org.qsebms.hal.bq76952;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.qsebms.hal.SensorStatus;
import org.qsebms.hal.bus.BusException;
import org.qsebms.hal.bus.I2cBlockBus;
import org.qsebms.hal.frontend.CellVoltageLimits;

class Bq76952Test {

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void deviceNumberSubcommandAnswersThroughTheTransferBufferWithChecksum(boolean crc) {
        Bq76952Rig rig = new Bq76952Rig(crc);
        byte[] two = new byte[2];

        int length = rig.chip.readTransfer(Bq76952Commands.DEVICE_NUMBER, two, 2);

        assertThat(length).isEqualTo(2);
        assertThat(Bq76952.u2(two, 0)).isEqualTo(0x7695);
    }

    @Test
    void subcommandPollsWhileTheChipReportsBusyAndTakesTheClockTimeOfThePolls() {
        Bq76952Rig rig = new Bq76952Rig(false);
        long before = rig.clock.getAsLong();

        rig.chip.readTransfer(Bq76952Commands.DEVICE_NUMBER, new byte[2], 2);

        // 50 us first wait + one 100 us poll: the emulator is busy for 150 us
        assertThat(rig.clock.getAsLong() - before).isEqualTo(150_000);
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void allSixteenCellsComeInOneBlockReadOfThirtyTwoBytes(boolean crc) {
        Bq76952Rig rig = new Bq76952Rig(crc);
        for (int i = 0; i < 16; i++) {
            rig.cellVolts[i] = 3.5 + 0.011 * i;
        }
        var cells = new Bq76952CellVoltages(rig.chip, Bq76952Rig.inputs(16), CellVoltageLimits.LITHIUM);
        double[] volts = new double[16];
        SensorStatus[] status = new SensorStatus[16];
        long bytes0 = rig.bus.bytesOnWire();
        long tx0 = rig.bus.transactions();

        cells.readInto(volts, status);

        for (int i = 0; i < 16; i++) {
            assertThat(volts[i]).isCloseTo(3.5 + 0.011 * i, within(0.0006));
            assertThat(status[i]).isEqualTo(SensorStatus.OK);
        }
        assertThat(rig.bus.transactions() - tx0).isEqualTo(2); // write pointer, repeated-start read
        assertThat(rig.bus.bytesOnWire() - bytes0).isEqualTo(3 + (crc ? 64 : 32));
    }

    @Test
    void cellsMapToTheConfiguredChipInputs() {
        Bq76952Rig rig = new Bq76952Rig(false);
        rig.cellVolts[15] = 3.9; // input 16
        rig.cellVolts[11] = 3.8; // input 12
        var cells = new Bq76952CellVoltages(rig.chip, List.of(1, 12, 16), CellVoltageLimits.LITHIUM);
        double[] volts = new double[3];

        cells.readInto(volts, new SensorStatus[3]);

        assertThat(volts).containsExactly(3.7, 3.8, 3.9);
    }

    @Test
    void openSenseWireReadsAsOpenWireNamingTheChipInput() {
        Bq76952Rig rig = new Bq76952Rig(false);
        rig.cellVolts[4] = 0.0;
        var cells = new Bq76952CellVoltages(rig.chip, Bq76952Rig.inputs(16), CellVoltageLimits.LITHIUM);
        SensorStatus[] status = new SensorStatus[16];

        cells.readInto(new double[16], status);

        assertThat(status[4]).isEqualTo(SensorStatus.OPEN_WIRE);
        assertThat(cells.faultDescription(4))
                .contains("i2c-1 0x08 cell input 5")
                .contains("VC5");
    }

    @Test
    void stackPackCurrentAndTemperaturesInSiUnitsAfterStartUp() {
        Bq76952Rig rig = new Bq76952Rig(false).configured();
        rig.packAmps = -12.34;
        rig.tsCelsius[0] = 21.5;
        rig.tsCelsius[2] = -5.0;

        var stack = new Bq76952StackVoltage(rig.chip);
        var current = new Bq76952Current(rig.chip, 100);
        var temps = new Bq76952Temperatures(rig.chip, List.of(1, 3));
        double[] celsius = new double[2];
        SensorStatus[] ts = new SensorStatus[2];
        temps.readInto(celsius, ts);

        assertThat(stack.readPackVolts()).isCloseTo(16 * 3.7, within(0.0051));
        assertThat(stack.readLinkVolts()).isCloseTo(16 * 3.7, within(0.0051)); // FETs closed: PACK = stack
        assertThat(current.readPackAmps()).isCloseTo(-12.34, within(0.0051));
        assertThat(celsius[0]).isCloseTo(21.5, within(0.051));
        assertThat(celsius[1]).isCloseTo(-5.0, within(0.051));
    }

    @Test
    void dataMemoryWriteOutsideConfigUpdateIsRefusedByTheDriver() {
        Bq76952Rig rig = new Bq76952Rig(false);

        assertThatThrownBy(() -> rig.chip.writeDataMemory(0x9278, 90, 1))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("0x9278")
                .hasMessageContaining("CONFIG_UPDATE");
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void configUpdateEnterAndExitShowInBatteryStatusAndDataMemoryWritesReadBack(boolean crc) {
        Bq76952Rig rig = new Bq76952Rig(crc);

        rig.chip.enterConfigUpdate();
        assertThat(rig.chip.readDirectU2(Bq76952Commands.BATTERY_STATUS) & 1).isEqualTo(1);
        rig.chip.writeDataMemory(0x9278, 88, 1);
        rig.chip.writeDataMemory(0x9279, 300, 2);
        rig.chip.writeDataMemory(0x91A8, Float.floatToRawIntBits(14.95f), 4);
        rig.chip.exitConfigUpdate();

        assertThat(rig.chip.readDirectU2(Bq76952Commands.BATTERY_STATUS) & 1).isZero();
        assertThat(rig.chip.readDataMemory(0x9278, 1)).isEqualTo(88);
        assertThat(rig.chip.readDataMemory(0x9279, 2)).isEqualTo(300);
        assertThat(Float.intBitsToFloat((int) rig.chip.readDataMemory(0x91A8, 4)))
                .isEqualTo(14.95f);
        assertThat(rig.emulator.rejectedTransfers()).isZero();
        assertThat(rig.emulator.crcErrors()).isZero();
    }

    @Test
    void startUpWritesEveryPlannedValueAndTheChipHoldsThem() {
        Bq76952Rig rig = new Bq76952Rig(false);

        Bq76952Startup.configure(rig.chip, rig.plan());

        for (Bq76952Setting s : rig.plan().settings()) {
            assertThat(rig.emulator.dataMemory(s.address(), s.bytes()))
                    .as(s.name())
                    .isEqualTo(s.value());
        }
        assertThat(rig.emulator.inConfigUpdate()).isFalse();
        // FET_ENABLE left test mode, ALL_FETS_OFF keeps them off until the supervisor closes
        assertThat(rig.emulator.chargeFetOn()).isFalse();
        rig.chip.subcommand(Bq76952Commands.ALL_FETS_ON);
        assertThat(rig.emulator.chargeFetOn()).isTrue();
        assertThat(rig.emulator.dischargeFetOn()).isTrue();
    }

    @Test
    void aCorruptedWriteRefusesTheStartNamingRegisterWantedAndFound() {
        Bq76952Rig rig = new Bq76952Rig(false);
        rig.emulator.corruptNextWrite(0x9278, 0x01);
        long wanted = rig.plan().setting("Protections:COV:Threshold").value();

        assertThatThrownBy(() -> Bq76952Startup.configure(rig.chip, rig.plan()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("refuses to run")
                .hasMessageContaining("Protections:COV:Threshold (0x9278): wanted " + wanted)
                .hasMessageContaining("found " + (wanted ^ 1))
                .hasMessageContaining("1 protection value(s)");
    }

    @Test
    void startUpStopsWhenTheDeviceNumberAnswerIsCorrupted() {
        Bq76952Rig rig = new Bq76952Rig(false);
        var wrongChip = new Bq76952(new CorruptingBus(rig.bus, 0x40, 0, 0x01), 0x08, false, rig.clock);

        assertThatThrownBy(() -> Bq76952Startup.configure(wrongChip, rig.plan()))
                .hasMessageContaining("checksum"); // a flipped answer byte fails the checksum before DEVICE_NUMBER
    }

    @Test
    void transferChecksumCatchesACorruptedAnswerByte() {
        Bq76952Rig rig = new Bq76952Rig(false);
        var chip = new Bq76952(new CorruptingBus(rig.bus, 0x40, 1, 0x10), 0x08, false, rig.clock);

        assertThatThrownBy(() -> chip.readTransfer(Bq76952Commands.DEVICE_NUMBER, new byte[2], 2))
                .isInstanceOf(BusException.class)
                .hasMessageContaining("subcommand 0x0001: checksum at 0x60");
    }

    @Test
    void i2cCrcCatchesACorruptedDataByte() {
        Bq76952Rig rig = new Bq76952Rig(true);
        var chip = new Bq76952(new CorruptingBus(rig.bus, 0x14, 2, 0x04), 0x08, true, rig.clock);

        assertThatThrownBy(() -> chip.readDirectI2(Bq76952Commands.CELL1_VOLTAGE))
                .isInstanceOf(BusException.class)
                .hasMessageContaining("CRC error reading command 0x14 byte 1");
    }

    @Test
    void writesWithAWrongCrcAreDroppedByTheChip() {
        Bq76952Rig rig = new Bq76952Rig(true);
        var noCrcDriver = new Bq76952(rig.bus, 0x08, false, rig.clock);

        noCrcDriver.subcommand(Bq76952Commands.SET_CFGUPDATE);

        assertThat(rig.emulator.crcErrors()).isEqualTo(1);
        assertThat(rig.emulator.inConfigUpdate()).isFalse();
    }

    @Test
    void balancingWritesTheActiveCellMaskOnceperChange() {
        Bq76952Rig rig = new Bq76952Rig(false);
        var balancing = new Bq76952Balancing(rig.chip, List.of(1, 2, 3, 16), 100);

        balancing.set(1, true);
        balancing.set(3, true);
        long tx = rig.bus.transactions();
        balancing.set(3, true);

        assertThat(rig.emulator.balancingMask()).isEqualTo(0b10 | 1 << 15);
        assertThat(rig.bus.transactions()).isEqualTo(tx);
        byte[] mask = new byte[2];
        rig.chip.readTransfer(Bq76952Commands.CB_ACTIVE_CELLS, mask, 2);
        assertThat(Bq76952.u2(mask, 0)).isEqualTo(0b10 | 1 << 15);
        assertThat(balancing.isOn(3)).isTrue();
        assertThat(balancing.isOn(0)).isFalse();
    }

    @Test
    void busErrorMarksEveryCellAndKeepsTheLastValues() {
        Bq76952Rig rig = new Bq76952Rig(false);
        var cells = new Bq76952CellVoltages(rig.chip, Bq76952Rig.inputs(16), CellVoltageLimits.LITHIUM);
        double[] volts = new double[16];
        SensorStatus[] status = new SensorStatus[16];
        cells.readInto(volts, status);
        rig.bus.detach(0x08);

        cells.readInto(volts, status);

        assertThat(status).containsOnly(SensorStatus.BUS_ERROR);
        assertThat(volts).containsOnly(3.7);
        assertThat(cells.faultDescription(0)).contains("i2c-1 address 0x08").contains("NACK");
    }

    /** Flips bits of one byte of block reads that start at {@code register}. */
    private record CorruptingBus(I2cBlockBus inner, int register, int index, int xor) implements I2cBlockBus {
        @Override
        public String name() {
            return inner.name();
        }

        @Override
        public void writeBlock(int address, int reg, byte[] data, int offset, int n) {
            inner.writeBlock(address, reg, data, offset, n);
        }

        @Override
        public void readBlock(int address, int reg, byte[] into, int offset, int n) {
            inner.readBlock(address, reg, into, offset, n);
            if (reg == register && index < n) {
                into[offset + index] ^= (byte) xor;
            }
        }
    }
}
