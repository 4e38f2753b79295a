package org.qsebms.hal.pi4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.qsebms.hal.bus.GpioOutput;

/** The adapters against Pi4J's mock plugin (test scope only): they compile, create I/O and move bytes in the right order. */
class Pi4jAdaptersTest {
    private final Context pi4j = Pi4J.newAutoContext();

    @AfterEach
    void shutdown() {
        pi4j.shutdown();
    }

    @Test
    void i2cWordsGoMostSignificantByteFirst() {
        Pi4jI2cBus bus = new Pi4jI2cBus(pi4j, 1);

        bus.writeRegisterWord(0x48, 0x01, 0x8583);
        // the mock queues written bytes per register and hands them back on read
        assertThat(bus.readRegisterWord(0x48, 0x01)).isEqualTo(0x8583);
        assertThat(bus.name()).isEqualTo("i2c-1");
        bus.close();
    }

    @Test
    void spiTransferMovesAllBytes() {
        Pi4jSpiBus spi = new Pi4jSpiBus(pi4j, 0, 1, 1_000_000);
        byte[] rx = new byte[3];
        spi.transfer(new byte[] {0x06, 0x40, 0x00}, rx, 3);
        // the mock answers each transfer with the bytes written by the previous one
        spi.transfer(new byte[] {0x07, (byte) 0x80, 0x00}, rx, 3);
        assertThat(rx).containsExactly(0x06, 0x40, 0x00);
        assertThat(spi.name()).isEqualTo("spi0");
        assertThat(spi.chipSelect()).isEqualTo(1);
        spi.close();
    }

    @Test
    void gpioOutputSwitches() {
        GpioOutput out = new Pi4jGpio(pi4j).output(5, "main positive coil");
        out.set(true);
        assertThat(out.isHigh()).isTrue();
        out.set(false);
        assertThat(out.isHigh()).isFalse();
        assertThat(new Pi4jGpio(pi4j).input(6, "aux", true).pin()).isEqualTo(6);
    }

    @Test
    void realProviderCheckRefusesTheMockPlugin() {
        assertThatThrownBy(() -> RealProviderCheck.requireRealProviders(pi4j))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("mock providers")
                .hasMessageContaining("I2C=")
                .hasMessageContaining("test scope")
                .hasMessageContaining("hal.backend: simulated");
    }
}
