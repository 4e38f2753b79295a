package org.qsebms.hal.frontend;

/** An NTC thermistor's resistance-temperature law. */
public sealed interface Thermistor permits Thermistor.Beta, Thermistor.SteinhartHart {
    double KELVIN_AT_0C = 273.15;

    /** Temperature in degrees Celsius at resistance {@code ohms}. */
    double celsius(double ohms);

    /** Resistance in ohms at {@code celsius} (for emulators and tests). */
    double ohms(double celsius);

    /** {@code 1/T = 1/T0 + ln(R/R0)/B}, with R0 at T0 (usually 25 degC). */
    record Beta(double r0Ohms, double t0Celsius, double beta) implements Thermistor {
        public Beta {
            if (!(r0Ohms > 0 && beta > 0)) {
                throw new IllegalArgumentException("NTC r0 and beta must be > 0, got " + r0Ohms + " Ohm, B " + beta);
            }
        }

        @Override
        public double celsius(double ohms) {
            return 1.0 / (1.0 / (t0Celsius + KELVIN_AT_0C) + Math.log(ohms / r0Ohms) / beta) - KELVIN_AT_0C;
        }

        @Override
        public double ohms(double celsius) {
            return r0Ohms * Math.exp(beta * (1.0 / (celsius + KELVIN_AT_0C) - 1.0 / (t0Celsius + KELVIN_AT_0C)));
        }
    }

    /** {@code 1/T = A + B ln R + C (ln R)^3}. */
    record SteinhartHart(double a, double b, double c) implements Thermistor {
        @Override
        public double celsius(double ohms) {
            double ln = Math.log(ohms);
            return 1.0 / (a + b * ln + c * ln * ln * ln) - KELVIN_AT_0C;
        }

        @Override
        public double ohms(double celsius) {
            // solve c x^3 + b x + (a - 1/T) = 0 for x = ln R (Cardano, one real root)
            double y = (a - 1.0 / (celsius + KELVIN_AT_0C)) / c;
            double x = Math.sqrt(Math.pow(b / (3 * c), 3) + y * y / 4);
            return Math.exp(Math.cbrt(x - y / 2) - Math.cbrt(x + y / 2));
        }
    }
}
