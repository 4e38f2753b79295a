package org.qsebms.estimators.model;

import java.util.Arrays;

/**
 * The two RC time constants measured at one or more temperatures, interpolated linearly in
 * temperature between them and held at the nearest outside them. A cold cell relaxes more
 * slowly: the Panasonic NCA cell's pulse fits give a diffusion time constant of 39 s at 0.6 °C
 * against 31 s at 25.8 °C.
 *
 * @param celsius     strictly increasing test temperatures; empty for none
 * @param tau1Seconds first RC time constant at each temperature, > 0
 * @param tau2Seconds second RC time constant at each temperature, > 0
 */
public record TimeConstantsVsTemperature(double[] celsius, double[] tau1Seconds, double[] tau2Seconds) {

    /** None: the cell's nominal time constants hold at every temperature. */
    public static final TimeConstantsVsTemperature NONE =
            new TimeConstantsVsTemperature(new double[0], new double[0], new double[0]);

    public TimeConstantsVsTemperature {
        if (celsius.length != tau1Seconds.length || celsius.length != tau2Seconds.length) {
            throw new IllegalArgumentException("time constants against temperature need one tau1 and one tau2 per "
                    + "temperature, got " + celsius.length + " temperatures, " + tau1Seconds.length + " tau1 and "
                    + tau2Seconds.length + " tau2");
        }
        for (int i = 0; i < celsius.length; i++) {
            if (!Double.isFinite(celsius[i]) || (i > 0 && !(celsius[i] > celsius[i - 1]))) {
                throw new IllegalArgumentException(
                        "time constants against temperature: temperatures must be finite and "
                                + "strictly increasing, got " + Arrays.toString(celsius));
            }
            if (!(tau1Seconds[i] > 0)
                    || !Double.isFinite(tau1Seconds[i])
                    || !(tau2Seconds[i] > 0)
                    || !Double.isFinite(tau2Seconds[i])) {
                throw new IllegalArgumentException("time constants at " + celsius[i]
                        + " °C must be finite numbers > 0 s, " + "got " + tau1Seconds[i] + " and " + tau2Seconds[i]);
            }
        }
        celsius = celsius.clone();
        tau1Seconds = tau1Seconds.clone();
        tau2Seconds = tau2Seconds.clone();
    }

    /** True when no temperatures are given. */
    public boolean isEmpty() {
        return celsius.length == 0;
    }

    /** tau1 at {@code celsius}, or {@code nominal} when empty; no allocation. */
    double tau1At(double celsius, double nominal) {
        return isEmpty() ? nominal : PiecewiseLinear.at(this.celsius, tau1Seconds, celsius);
    }

    /** tau2 at {@code celsius}, or {@code nominal} when empty; no allocation. */
    double tau2At(double celsius, double nominal) {
        return isEmpty() ? nominal : PiecewiseLinear.at(this.celsius, tau2Seconds, celsius);
    }

    /** The longest time constant at any of the temperatures, or {@code nominal} when empty. */
    public double longest(double nominal) {
        double longest = nominal;
        for (int i = 0; i < celsius.length; i++) {
            longest = Math.max(longest, Math.max(tau1Seconds[i], tau2Seconds[i]));
        }
        return longest;
    }

    /**
     * Any quantity given at each of this table's temperatures ({@code perTemperature}, one value per
     * temperature), interpolated at {@code celsius} the way the time constants are; no allocation.
     */
    public double interpolate(double[] perTemperature, double celsius) {
        if (perTemperature.length != this.celsius.length || isEmpty()) {
            throw new IllegalArgumentException(
                    "need one value per temperature (" + this.celsius.length + "), got " + perTemperature.length);
        }
        return PiecewiseLinear.at(this.celsius, perTemperature, celsius);
    }

    @Override
    public double[] celsius() {
        return celsius.clone();
    }

    @Override
    public double[] tau1Seconds() {
        return tau1Seconds.clone();
    }

    @Override
    public double[] tau2Seconds() {
        return tau2Seconds.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TimeConstantsVsTemperature t
                && Arrays.equals(celsius, t.celsius)
                && Arrays.equals(tau1Seconds, t.tau1Seconds)
                && Arrays.equals(tau2Seconds, t.tau2Seconds);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(celsius) + Arrays.hashCode(tau1Seconds)) + Arrays.hashCode(tau2Seconds);
    }

    @Override
    public String toString() {
        return "TimeConstantsVsTemperature" + Arrays.toString(celsius) + "->" + Arrays.toString(tau1Seconds) + "/"
                + Arrays.toString(tau2Seconds);
    }
}
