package org.qsebms.hal.wiring;

/**
 * Which ADC input a front end uses: the chip id from {@code hal.pi4j.ads1115[]} or
 * {@code hal.pi4j.mcp3x08[]}, the positive channel, and the negative channel for a
 * differential measurement ({@code -1} = single-ended against ground).
 */
public record AdcInputRef(String chip, int channel, int negativeChannel) {
    public static AdcInputRef single(String chip, int channel) {
        return new AdcInputRef(chip, channel, -1);
    }

    public boolean differential() {
        return negativeChannel >= 0;
    }

    @Override
    public String toString() {
        return chip + ":" + channel + (differential() ? "-" + negativeChannel : "");
    }
}
