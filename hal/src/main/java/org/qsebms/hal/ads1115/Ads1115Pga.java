package org.qsebms.hal.ads1115;

/** Programmable gain amplifier: the full-scale range, config register bits 11:9. */
public enum Ads1115Pga {
    FSR_6_144V(0b000, 6.144),
    FSR_4_096V(0b001, 4.096),
    FSR_2_048V(0b010, 2.048),
    FSR_1_024V(0b011, 1.024),
    FSR_0_512V(0b100, 0.512),
    FSR_0_256V(0b101, 0.256);

    private final int bits;
    private final double fullScaleVolts;

    Ads1115Pga(int bits, double fullScaleVolts) {
        this.bits = bits;
        this.fullScaleVolts = fullScaleVolts;
    }

    public int bits() {
        return bits;
    }

    /** Positive full scale, volts; codes span -FS..+FS*(32767/32768). */
    public double fullScaleVolts() {
        return fullScaleVolts;
    }

    /** Volts per LSB: FS / 32768. */
    public double voltsPerCode() {
        return fullScaleVolts / 32768.0;
    }

    /** The range whose full scale is exactly {@code volts} (6.144, 4.096, ... 0.256). */
    public static Ads1115Pga ofFullScale(double volts) {
        for (Ads1115Pga p : values()) {
            if (Math.abs(p.fullScaleVolts - volts) < 1e-9) {
                return p;
            }
        }
        throw new IllegalArgumentException(
                volts + " V is not an ADS1115 full-scale range; use 6.144, 4.096, 2.048, 1.024, 0.512 or 0.256");
    }
}
