package org.qsebms.hal.mcp3208;

import org.qsebms.hal.adc.AdcChannel;

/** One single-ended channel or differential pair of an {@link Mcp3208}. */
public final class Mcp3208Channel implements AdcChannel {
    /** 1.5 clocks sample + 12..10 bits + null at a typical 1 MHz clock: the chip needs ~24 clocks per transfer. */
    private static final long TRANSFER_NANOS_AT_1MHZ = 24_000;

    private final Mcp3208 chip;
    private final int channel;
    private final boolean differential;
    private final String location;
    private int lastCode;

    public Mcp3208Channel(Mcp3208 chip, int channel, boolean differential) {
        this.chip = chip;
        this.channel = channel;
        this.differential = differential;
        this.location =
                chip.location() + " " + (differential ? "CH" + channel + "-CH" + (channel ^ 1) : "CH" + channel);
    }

    @Override
    public double readVolts() {
        lastCode = differential ? chip.convertDifferential(channel) : chip.convertSingle(channel);
        return lastCode * chip.vrefVolts() / chip.model().codes();
    }

    @Override
    public Object converter() {
        return chip;
    }

    @Override
    public int lastCode() {
        return lastCode;
    }

    /**
     * The top code; on a differential pair code 0 too: the pair reads 0 whenever IN- is at or above
     * IN+, so a 0 there is a clip at the bottom, never a measured zero.
     */
    @Override
    public boolean lastClipped() {
        return lastCode == chip.model().codes() - 1 || lastClippedLow();
    }

    @Override
    public boolean lastClippedLow() {
        return differential && lastCode == 0;
    }

    @Override
    public boolean lastAtBottom() {
        return lastCode == 0;
    }

    @Override
    public double fullScaleVolts() {
        return chip.vrefVolts();
    }

    @Override
    public String location() {
        return location;
    }

    @Override
    public long conversionNanos() {
        return TRANSFER_NANOS_AT_1MHZ;
    }
}
