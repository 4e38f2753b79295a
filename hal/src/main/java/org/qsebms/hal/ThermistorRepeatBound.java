package org.qsebms.hal;

/**
 * A thermistor front end's statement about itself: a live reading repeats between two consecutive samples with at
 * most {@code chance}, at any reading from {@code minCelsius} to {@code maxCelsius}. It follows from the converter's
 * resolution in kelvin at the reading and its noise (the sum over codes of each code's chance squared), so only the
 * front end that makes the readings, or a measurement of it, can state it. A front end that states none is judged by
 * each channel's own history alone.
 *
 * @param chance     the largest chance of a live repeat between two samples, in (0, 1)
 * @param minCelsius the lowest reading the bound holds at
 * @param maxCelsius the highest reading the bound holds at
 */
public record ThermistorRepeatBound(double chance, double minCelsius, double maxCelsius) {
    public ThermistorRepeatBound {
        if (!(chance > 0 && chance < 1)) {
            throw new IllegalArgumentException("a live repeat chance must be in (0, 1), got " + chance);
        }
        if (!(minCelsius < maxCelsius)) {
            throw new IllegalArgumentException(
                    "the bound's range must run upwards, got " + minCelsius + " to " + maxCelsius + " °C");
        }
    }

    /** The bound holds at {@code celsius}. */
    public boolean holdsAt(double celsius) {
        return celsius >= minCelsius && celsius <= maxCelsius;
    }

    /** The tighter of this and {@code other}: the one with the smaller chance (with its own range). */
    public ThermistorRepeatBound tighter(ThermistorRepeatBound other) {
        return chance <= other.chance ? this : other;
    }
}
