package org.qsebms.estimators.model;

/**
 * The cell temperatures a model was characterised over (its pulse tests' temperatures): inside,
 * the model's resistances, time constants and temperature law were measured; outside, they are
 * extrapolated. {@link #UNKNOWN} for a model that does not say (presets calibrated elsewhere),
 * which is never judged as extrapolated.
 *
 * @param minCelsius coldest characterised temperature, NaN when unknown
 * @param maxCelsius warmest characterised temperature, NaN when unknown
 */
public record TemperatureSpan(double minCelsius, double maxCelsius) {
    /** No span recorded. */
    public static final TemperatureSpan UNKNOWN = new TemperatureSpan(Double.NaN, Double.NaN);

    public TemperatureSpan {
        if (Double.isNaN(minCelsius) != Double.isNaN(maxCelsius)) {
            throw new IllegalArgumentException(
                    "a temperature span needs both ends or neither, got " + minCelsius + " and " + maxCelsius + " °C");
        }
        if (minCelsius > maxCelsius) {
            throw new IllegalArgumentException(
                    "the span's coldest end " + minCelsius + " °C is above its warmest " + maxCelsius + " °C");
        }
    }

    public boolean isKnown() {
        return !Double.isNaN(minCelsius);
    }

    /** How far {@code celsius} lies outside the span (K); 0 inside it or when the span is unknown. */
    public double kelvinOutside(double celsius) {
        if (!(celsius < minCelsius || celsius > maxCelsius)) {
            return 0.0;
        }
        return celsius < minCelsius ? minCelsius - celsius : celsius - maxCelsius;
    }
}
