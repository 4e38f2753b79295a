package org.qsebms.config;

import java.util.Set;
import org.qsebms.estimators.soc.EkfTuning;

/**
 * The pack current sensor's rated accuracy ({@code hal.currentSensor}): the datasheet limits of
 * the errors the SOC filter does not estimate, which its bound carries as a consider term
 * (docs/estimation.md, "The current sensor's rated error in the bound"). Either limit applies to
 * either sign; 0 leaves that error out of the bound.
 *
 * @param offsetLimitAmps the largest zero offset of the current reading (A); also how far the zero learnt while
 *                        the contactors are open may move
 * @param gainErrorLimit  the largest gain error of the current reading, as a fraction (0.03 for 3 %)
 * @param zeroWhileOpen   whether nothing flows through the sensor while contactor feedback says the current path
 *                        is open, so the pack current is zero there and the readings are the sensor's zero offset
 *                        (true unless a load the contactors do not switch, such as the BMS's own supply, draws
 *                        through the sensor)
 */
public record CurrentSensorRating(double offsetLimitAmps, double gainErrorLimit, boolean zeroWhileOpen) {
    /**
     * Without {@code hal.currentSensor}: the limits of {@link EkfTuning#defaults()}, a Pi current
     * channel's (INA240 + ADS1115: 50 mA zero offset, 3 % gain error).
     */
    public static final CurrentSensorRating DEFAULTS = new CurrentSensorRating(
            EkfTuning.defaults().currentOffsetLimitAmps(), EkfTuning.defaults().currentGainErrorLimit(), true);

    /** A rating whose current path carries nothing while the contactors are open (the usual wiring). */
    public CurrentSensorRating(double offsetLimitAmps, double gainErrorLimit) {
        this(offsetLimitAmps, gainErrorLimit, true);
    }

    public CurrentSensorRating {
        if (!(offsetLimitAmps >= 0) || !Double.isFinite(offsetLimitAmps)) {
            throw new IllegalArgumentException("offsetLimitAmps must be a finite number >= 0, got " + offsetLimitAmps);
        }
        if (!(gainErrorLimit >= 0 && gainErrorLimit < 1)) {
            throw new IllegalArgumentException("gainErrorLimit must be in 0..1 (a fraction), got " + gainErrorLimit);
        }
    }

    /** Reads {@code hal.currentSensor}, or gives {@link #DEFAULTS} when it is absent. */
    static CurrentSensorRating read(YamlNode n) {
        if (n == null) {
            return DEFAULTS;
        }
        n.rejectUnknownKeys(Set.of("offsetLimitAmps", "gainErrorLimit", "zeroWhileOpen"));
        double offset = n.rawNumber("offsetLimitAmps", DEFAULTS.offsetLimitAmps(), "A");
        String offsetPath = n.child("offsetLimitAmps");
        if (Double.isNaN(offset)) {
            throw new ConfigException(
                    offsetPath,
                    "NaN is not a limit; give the sensor's rated zero offset in amperes (the datasheet's "
                            + "maximum offset, input-referred offset over the shunt), e.g. 0.05, or remove the key "
                            + "for the default " + DEFAULTS.offsetLimitAmps() + " A");
        }
        if (offset < 0) {
            throw new ConfigException(
                    offsetPath,
                    offset + " A is negative; the limit is a magnitude that covers either sign of the offset: "
                            + "write " + -offset + ", or 0 to leave the offset out of the SOC bound");
        }
        if (Double.isInfinite(offset)) {
            throw new ConfigException(
                    offsetPath,
                    "an infinite offset limit would make the SOC bound meaningless; give the sensor's rated "
                            + "zero offset in amperes, e.g. 0.05");
        }
        double gain = n.rawNumber("gainErrorLimit", DEFAULTS.gainErrorLimit(), "(fraction)");
        String gainPath = n.child("gainErrorLimit");
        if (Double.isNaN(gain)) {
            throw new ConfigException(
                    gainPath,
                    "NaN is not a limit; give the sensor's rated gain error as a fraction, e.g. 0.03 for 3 %, "
                            + "or remove the key for the default " + DEFAULTS.gainErrorLimit());
        }
        if (gain < 0) {
            throw new ConfigException(
                    gainPath,
                    gain + " is negative; the limit is a magnitude that covers either sign of the gain error: "
                            + "write " + -gain + ", or 0 to leave the gain error out of the SOC bound");
        }
        if (Double.isInfinite(gain)) {
            throw new ConfigException(
                    gainPath,
                    "an infinite gain error limit would make the SOC bound meaningless; give the sensor's rated "
                            + "gain error as a fraction, e.g. 0.03 for 3 %");
        }
        if (gain >= 1) {
            throw new ConfigException(
                    gainPath,
                    gain + " is a gain error of " + (gain * 100) + " %, which no current sensor is rated for; "
                            + "the limit is a fraction, not a percentage: for " + gain + " % write "
                            + (gain / 100));
        }
        return new CurrentSensorRating(offset, gain, n.bool("zeroWhileOpen", DEFAULTS.zeroWhileOpen()));
    }
}
