package org.qsebms.hal.mcp3208;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.qsebms.hal.bus.BusException;
import org.qsebms.hal.bus.SpiBus;
import org.qsebms.hal.emulator.Mcp3208Emulator;

class Mcp3208Test {

    /** Records the bytes the driver sends, then lets the emulator answer. */
    private static final class RecordingSpi implements SpiBus {
        final SpiBus target;
        byte[] lastWrite;
        byte[] lastRead;

        RecordingSpi(SpiBus target) {
            this.target = target;
        }

        @Override
        public String name() {
            return target.name();
        }

        @Override
        public int chipSelect() {
            return target.chipSelect();
        }

        @Override
        public void transfer(byte[] write, byte[] read, int n) {
            target.transfer(write, read, n);
            lastWrite = write.clone();
            lastRead = read.clone();
        }
    }

    @Test
    void mcp3208SingleEndedCommandIsStartSglD2ThenD1D0() {
        Mcp3208Emulator chip = new Mcp3208Emulator("spi0", 0, Mcp3x08Model.MCP3208, 3.3, 1);
        RecordingSpi spi = new RecordingSpi(chip);
        Mcp3208 driver = new Mcp3208(spi, Mcp3x08Model.MCP3208, 3.3);
        chip.inputs().set(5, 1.65);

        int code = driver.convertSingle(5);

        assertThat(spi.lastWrite).containsExactly(0x07, 0x40, 0x00);
        assertThat(code).isEqualTo(2048);
        assertThat(spi.lastRead[1] & 0x10).as("null bit").isZero();
    }

    @Test
    void mcp3008SingleEndedCommandIsStartByteThenSglD2D1D0() {
        Mcp3208Emulator chip = new Mcp3208Emulator("spi0", 1, Mcp3x08Model.MCP3008, 3.3, 1);
        RecordingSpi spi = new RecordingSpi(chip);
        Mcp3208 driver = new Mcp3208(spi, Mcp3x08Model.MCP3008, 3.3);
        chip.inputs().set(6, 3.3 * 700 / 1024.0);

        int code = driver.convertSingle(6);

        assertThat(spi.lastWrite).containsExactly(0x01, 0xE0, 0x00);
        assertThat(code).isEqualTo(700);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3, 4, 5, 6, 7})
    void differentialPairsMeasurePositiveAgainstItsNeighbourAndFloorAtZero(int positive) {
        Mcp3208Emulator chip = new Mcp3208Emulator("spi0", 0, Mcp3x08Model.MCP3208, 4.096, 1);
        Mcp3208 driver = new Mcp3208(chip, Mcp3x08Model.MCP3208, 4.096);
        chip.inputs().set(positive, 2.0);
        chip.inputs().set(positive ^ 1, 1.5);

        assertThat(driver.convertDifferential(positive)).isEqualTo(500);
        assertThat(driver.convertDifferential(positive ^ 1)).as("IN- above IN+").isZero();
    }

    @Test
    void channelConvertsCodesToVoltsAndFlagsFullScale() {
        Mcp3208Emulator chip = new Mcp3208Emulator("spi0", 0, Mcp3x08Model.MCP3208, 4.096, 1);
        Mcp3208Channel channel = new Mcp3208Channel(new Mcp3208(chip, Mcp3x08Model.MCP3208, 4.096), 2, false);
        chip.inputs().set(2, 1.234);
        assertThat(channel.readVolts()).isCloseTo(1.234, within(0.001));
        assertThat(channel.location()).isEqualTo("spi0 cs0 CH2");

        chip.inputs().set(2, 5.0);
        channel.readVolts();
        assertThat(channel.lastClipped()).isTrue();
    }

    @Test
    void absentChipIsABusErrorNotAFullScaleReading() {
        Mcp3208Emulator chip = new Mcp3208Emulator("spi0", 1, Mcp3x08Model.MCP3208, 3.3, 1);
        chip.absent(true);
        Mcp3208 driver = new Mcp3208(chip, Mcp3x08Model.MCP3208, 3.3);

        assertThatThrownBy(() -> driver.convertSingle(3))
                .isInstanceOf(BusException.class)
                .hasMessageContaining("spi0 cs1")
                .hasMessageContaining("CH3")
                .hasMessageContaining("null bit was 1");
    }

    @Test
    void emulatorSendsTheResultAgainLsbFirstWhenClockedFurther() {
        Mcp3208Emulator chip = new Mcp3208Emulator("spi0", 0, Mcp3x08Model.MCP3208, 4.096, 1);
        chip.inputs().set(0, 4.096 * 0b1000_0000_0011 / 4096.0);
        byte[] tx = {0x06, 0x00, 0x00, 0x00, 0x00};
        byte[] rx = new byte[5];

        chip.transfer(tx, rx, 5);

        // null at bit 11, MSB-first 12 bits at 12..23, LSB-first B1..B11 at 24..34, then zeros
        assertThat(rx[1] & 0x1F).isEqualTo(0b0_1000);
        assertThat(rx[2] & 0xFF).isEqualTo(0b0000_0011);
        assertThat(rx[3] & 0xFF).isEqualTo(0b1000_0000);
        assertThat(rx[4] & 0xFF).isEqualTo(0b0010_0000);
    }

    @Test
    void rejectsChannelsOutsideZeroToSeven() {
        Mcp3208Emulator chip = new Mcp3208Emulator("spi0", 0, Mcp3x08Model.MCP3008, 3.3, 1);
        assertThatThrownBy(() -> new Mcp3208(chip, Mcp3x08Model.MCP3008, 3.3).convertSingle(9))
                .hasMessage("spi0 cs0: channel 9 is outside 0..7 for MCP3008");
    }

    @Test
    void injectedSpiErrorsAreBusExceptionsAtAFixedSeedRate() {
        Mcp3208Emulator chip = new Mcp3208Emulator("spi0", 0, Mcp3x08Model.MCP3208, 3.3, 1);
        chip.injectErrorRate(0.1, 99);
        Mcp3208 driver = new Mcp3208(chip, Mcp3x08Model.MCP3208, 3.3);
        int failures = 0;
        String message = "";
        for (int i = 0; i < 1000; i++) {
            try {
                driver.convertSingle(0);
            } catch (BusException e) {
                failures++;
                message = e.getMessage();
            }
        }
        assertThat(failures).isBetween(70, 130);
        assertThat(message).contains("spi0 cs0: IO SPI transfer failed (injected bus error)");
    }
}
