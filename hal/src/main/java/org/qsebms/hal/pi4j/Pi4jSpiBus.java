package org.qsebms.hal.pi4j;

import com.pi4j.context.Context;
import com.pi4j.exception.Pi4JException;
import com.pi4j.io.spi.Spi;
import com.pi4j.io.spi.SpiMode;
import org.qsebms.hal.bus.BusException;
import org.qsebms.hal.bus.SpiBus;

/** {@link SpiBus} on a Pi4J {@link Spi} for one chip select of {@code /dev/spidevB.C}, SPI mode 0. */
final class Pi4jSpiBus implements SpiBus, AutoCloseable {
    private final Spi spi;
    private final String name;
    private final int chipSelect;

    Pi4jSpiBus(Context pi4j, int bus, int chipSelect, int clockHz) {
        this.name = "spi" + bus;
        this.chipSelect = chipSelect;
        this.spi = pi4j.create(Spi.newConfigBuilder(pi4j)
                .id("spi" + bus + "-cs" + chipSelect)
                .name("spi" + bus + " cs" + chipSelect)
                .bus(bus)
                .channel(chipSelect)
                .mode(SpiMode.MODE_0)
                .baud(clockHz)
                .build());
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int chipSelect() {
        return chipSelect;
    }

    @Override
    public void transfer(byte[] write, byte[] read, int n) {
        try {
            int done = spi.transfer(write, 0, read, 0, n);
            if (done < 0) {
                throw new BusException(
                        BusException.Kind.IO,
                        name,
                        chipSelect,
                        "transfer of " + n + " bytes failed with " + done
                                + "; check that SPI is enabled (dtparam=spi=on)");
            }
        } catch (Pi4JException | IllegalStateException e) {
            throw new BusException(
                    BusException.Kind.IO,
                    name,
                    chipSelect,
                    "transfer failed (" + e.getMessage()
                            + "); check that SPI is enabled (dtparam=spi=on) and the service user is in group spi",
                    e);
        }
    }

    @Override
    public void close() {
        spi.close();
    }
}
