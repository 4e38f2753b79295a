package org.qsebms.hal.ads1115;

/** Input multiplexer setting, config register bits 14:12 (datasheet SBAS444, table 8). */
public enum Ads1115Mux {
    AIN0_AIN1(0b000, "AIN0-AIN1", 0, 1),
    AIN0_AIN3(0b001, "AIN0-AIN3", 0, 3),
    AIN1_AIN3(0b010, "AIN1-AIN3", 1, 3),
    AIN2_AIN3(0b011, "AIN2-AIN3", 2, 3),
    AIN0_GND(0b100, "AIN0", 0, -1),
    AIN1_GND(0b101, "AIN1", 1, -1),
    AIN2_GND(0b110, "AIN2", 2, -1),
    AIN3_GND(0b111, "AIN3", 3, -1);

    private final int bits;
    private final String label;
    private final int positive;
    private final int negative;

    Ads1115Mux(int bits, String label, int positive, int negative) {
        this.bits = bits;
        this.label = label;
        this.positive = positive;
        this.negative = negative;
    }

    public int bits() {
        return bits;
    }

    public String label() {
        return label;
    }

    /** Positive input AINp, 0..3. */
    public int positive() {
        return positive;
    }

    /** Negative input AINn, 0..3, or -1 for GND (single-ended). */
    public int negative() {
        return negative;
    }

    public boolean differential() {
        return negative >= 0;
    }

    /**
     * The setting for AINp against AINn ({@code negative = -1} for GND).
     *
     * @throws IllegalArgumentException naming the pairs the chip supports
     */
    public static Ads1115Mux of(int positive, int negative) {
        for (Ads1115Mux m : values()) {
            if (m.positive == positive && m.negative == negative) {
                return m;
            }
        }
        throw new IllegalArgumentException("ADS1115 cannot measure AIN" + positive
                + (negative < 0 ? " against GND" : " against AIN" + negative)
                + "; it supports single-ended AIN0..AIN3 and the differential pairs 0-1, 0-3, 1-3, 2-3");
    }
}
