package org.qsebms.hal.mcp3208;

import org.qsebms.hal.bus.BusException;
import org.qsebms.hal.bus.SpiBus;

/**
 * Driver for one MCP3208 (or MCP3008) on one SPI chip select: a conversion is one 3-byte
 * full-duplex transfer (start bit, SGL/DIFF, D2..D0; the chip answers a null bit then the
 * result MSB first). Codes are unipolar: 0..4095 (0..1023) for 0..Vref.
 *
 * <p>A missing chip leaves MISO floating or pulled up, so the null bit reads 1: the driver
 * reports that as a {@link BusException} instead of a plausible full-scale reading.
 */
public final class Mcp3208 {
    private final SpiBus bus;
    private final Mcp3x08Model model;
    private final double vrefVolts;
    private final byte[] tx = new byte[3];
    private final byte[] rx = new byte[3];

    public Mcp3208(SpiBus bus, Mcp3x08Model model, double vrefVolts) {
        if (!(vrefVolts > 0 && vrefVolts <= 5.5)) {
            throw new IllegalArgumentException(bus.name() + " cs" + bus.chipSelect() + ": " + model + " reference "
                    + vrefVolts + " V is outside 0..5.5 V; set the voltage wired to VREF");
        }
        this.bus = bus;
        this.model = model;
        this.vrefVolts = vrefVolts;
    }

    public Mcp3x08Model model() {
        return model;
    }

    public double vrefVolts() {
        return vrefVolts;
    }

    /** {@code spi0 cs0}, for messages. */
    public String location() {
        return bus.name() + " cs" + bus.chipSelect();
    }

    /** Single-ended conversion of CH{@code channel} (0..7) against AGND. */
    public int convertSingle(int channel) {
        return convert(true, checkChannel(channel));
    }

    /**
     * Pseudo-differential conversion of the pair selected by D2..D0: {@code positive} and its
     * neighbour {@code positive ^ 1} (CH0+/CH1-, CH1+/CH0-, CH2+/CH3-, ...). Returns 0 when IN- > IN+.
     */
    int convertDifferential(int positive) {
        return convert(false, checkChannel(positive));
    }

    private int convert(boolean singleEnded, int d210) {
        model.command(singleEnded, d210, tx);
        bus.transfer(tx, rx, 3);
        if (model.nullBitSet(rx)) {
            throw new BusException(
                    BusException.Kind.IO,
                    bus.name(),
                    bus.chipSelect(),
                    model + " " + (singleEnded ? "CH" + d210 : "CH" + d210 + "-CH" + (d210 ^ 1))
                            + ": null bit was 1 (no chip answered on MISO); check CS wiring, "
                            + "supply and that SPI is enabled (dtparam=spi=on)");
        }
        return model.decode(rx);
    }

    private int checkChannel(int channel) {
        if (channel < 0 || channel > 7) {
            throw new IllegalArgumentException(location() + ": channel " + channel + " is outside 0..7 for " + model);
        }
        return channel;
    }
}
