package org.qsebms.bms.safety;

import java.util.Locale;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The ambient range (°C) the soft-short oracle draws each seed's ambient from, for {@code -Doracle.softShortAmbient=LO..HI}
 * (e.g. {@code -15..0}, {@code 40..55}; either bound may be negative, hence {@code ..} and not {@code -}). The draw comes
 * from a stream of its own ({@link #draw}), so a seed's pack, load and short are the ones it has at 25 °C.
 *
 * @param lowCelsius  lowest ambient drawn, °C
 * @param highCelsius highest ambient drawn, °C (at least {@code lowCelsius})
 */
record SoftShortAmbientRange(double lowCelsius, double highCelsius) {
    /** The system property that sets the range. */
    static final String PROPERTY = "oracle.softShortAmbient";

    private static final Pattern RANGE =
            Pattern.compile("\\s*(-?\\d+(?:\\.\\d+)?)\\s*\\.\\.\\s*(-?\\d+(?:\\.\\d+)?)\\s*");

    /** The scenario loader's bounds on {@code initial.ambientCelsius}. */
    private static final double LOWEST = -60;

    private static final double HIGHEST = 100;

    SoftShortAmbientRange {
        if (!(lowCelsius <= highCelsius) || lowCelsius < LOWEST || highCelsius > HIGHEST) {
            throw new IllegalArgumentException(String.format(
                    Locale.ROOT,
                    "-D%s: %s..%s is not a range the oracle can draw from: the low end must not exceed the high end and"
                            + " both must lie within the scenario loader's %s..%s °C; write e.g. -D%s=-15..0",
                    PROPERTY,
                    lowCelsius,
                    highCelsius,
                    LOWEST,
                    HIGHEST,
                    PROPERTY));
        }
    }

    /** The range {@code -Doracle.softShortAmbient} asks for, null when it is not set (every seed at 25 °C). */
    static SoftShortAmbientRange fromProperty() {
        String value = System.getProperty(PROPERTY);
        return value == null ? null : parse(value);
    }

    /** Parses {@code LO..HI} (°C, decimals and negative bounds allowed); refuses anything else saying why. */
    static SoftShortAmbientRange parse(String value) {
        Matcher m = RANGE.matcher(value);
        if (!m.matches()) {
            throw new IllegalArgumentException(String.format(
                    Locale.ROOT,
                    "-D%s=%s: not a range of ambients: expected LO..HI in °C, two numbers joined by '..' (a '-' between"
                            + " them cannot be told from a minus sign); write e.g. -D%s=-15..0 or -D%s=40..55",
                    PROPERTY,
                    value,
                    PROPERTY,
                    PROPERTY));
        }
        return new SoftShortAmbientRange(Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2)));
    }

    /** The seed's ambient, uniform in the range, from a stream of its own (the seed's other draws are untouched). */
    double draw(long seed) {
        SplittableRandom r = new SplittableRandom(seed * 53 + 29);
        return lowCelsius + r.nextDouble() * (highCelsius - lowCelsius);
    }
}
