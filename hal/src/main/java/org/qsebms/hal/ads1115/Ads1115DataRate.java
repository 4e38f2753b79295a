package org.qsebms.hal.ads1115;

/** Data rate, config register bits 7:5. A single-shot conversion takes 1/rate. */
public enum Ads1115DataRate {
    SPS_8(0b000, 8),
    SPS_16(0b001, 16),
    SPS_32(0b010, 32),
    SPS_64(0b011, 64),
    SPS_128(0b100, 128),
    SPS_250(0b101, 250),
    SPS_475(0b110, 475),
    SPS_860(0b111, 860);

    private final int bits;
    private final int samplesPerSecond;

    Ads1115DataRate(int bits, int samplesPerSecond) {
        this.bits = bits;
        this.samplesPerSecond = samplesPerSecond;
    }

    public int bits() {
        return bits;
    }

    public int samplesPerSecond() {
        return samplesPerSecond;
    }

    /** Nominal single-shot conversion time: 1/DR (the internal oscillator is within +-10 %). */
    public long conversionNanos() {
        return 1_000_000_000L / samplesPerSecond;
    }

    public static Ads1115DataRate ofSamplesPerSecond(int sps) {
        for (Ads1115DataRate r : values()) {
            if (r.samplesPerSecond == sps) {
                return r;
            }
        }
        throw new IllegalArgumentException(
                sps + " SPS is not an ADS1115 data rate; use 8, 16, 32, 64, 128, 250, 475 or 860");
    }
}
