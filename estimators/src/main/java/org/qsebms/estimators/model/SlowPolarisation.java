package org.qsebms.estimators.model;

import java.util.Arrays;

/**
 * A polarisation slower than the equivalent circuit's two RC pairs, which a 10 s HPPC pulse and its
 * rest cannot size but minutes of sustained driving show (docs/estimation.md, "The low-SOC residual
 * is a slow polarisation"): a third RC branch {@code v3 <- a3 v3 + (1 - a3) R3(soc) f(T) I},
 * {@code a3 = exp(-dt / tau)}, with one time constant and its resistance per SOC region, learnt by
 * {@code bms characterize} from drive or constant-current logs given with
 * {@code --slow-polarisation-log}. Both SOC filters carry its voltage as a state (stepped by the
 * current, corrected by the voltage) and add it to the predicted terminal voltage. Region {@code r} runs from
 * {@code socEdges[r]} to {@code socEdges[r + 1]}; a SOC outside the edges takes the nearer region.
 * {@link #NONE}: no slow branch, the model as it was before the branch existed.
 *
 * @param tauSeconds the branch's time constant (s, finite and > 0; unused for {@link #NONE})
 * @param socEdges   strictly increasing region edges (one more than the regions)
 * @param ohms       the branch's resistance per region at 25 °C (ohm, finite and >= 0)
 */
public record SlowPolarisation(double tauSeconds, double[] socEdges, double[] ohms) {
    /** No slow branch. */
    public static final SlowPolarisation NONE = new SlowPolarisation(1, new double[0], new double[0]);

    public SlowPolarisation {
        socEdges = socEdges.clone();
        ohms = ohms.clone();
        if (!(tauSeconds > 0) || !Double.isFinite(tauSeconds)) {
            throw new IllegalArgumentException(
                    "slow polarisation: the time constant must be a finite number of seconds > 0, got " + tauSeconds);
        }
        if (socEdges.length > 0 || ohms.length > 0) {
            if (ohms.length < 1 || socEdges.length != ohms.length + 1) {
                throw new IllegalArgumentException("slow polarisation needs at least two SOC edges and one resistance "
                        + "per region (one fewer than the edges), got " + socEdges.length + " edges and "
                        + ohms.length + " resistances");
            }
            for (int i = 1; i < socEdges.length; i++) {
                if (!(socEdges[i] > socEdges[i - 1])) {
                    throw new IllegalArgumentException("slow polarisation SOC edges must be strictly increasing at " + i
                            + " (" + socEdges[i - 1] + " then " + socEdges[i] + ")");
                }
            }
            for (int i = 0; i < ohms.length; i++) {
                if (!(ohms[i] >= 0) || !Double.isFinite(ohms[i])) {
                    throw new IllegalArgumentException("slow polarisation: resistance " + i
                            + " must be a finite number of ohms >= 0, got " + ohms[i]);
                }
            }
        }
    }

    /** Whether this is {@link #NONE}. */
    public boolean isNone() {
        return ohms.length == 0;
    }

    /** The number of SOC regions (0 for {@link #NONE}). */
    public int regions() {
        return ohms.length;
    }

    /** The region {@code soc} falls in (the nearer one outside the edges); allocation-free. */
    public int regionAt(double soc) {
        int n = ohms.length;
        int r = 0;
        while (r < n - 1 && soc >= socEdges[r + 1]) {
            r++;
        }
        return r;
    }

    /** R3 at {@code soc} and 25 °C (0 for {@link #NONE}); allocation-free. */
    public double ohmsAt(double soc) {
        return ohms.length == 0 ? 0.0 : ohms[regionAt(soc)];
    }

    /** The branch's decay over {@code dtSeconds}: {@code exp(-dt / tau)}. */
    public double decay(double dtSeconds) {
        return Math.exp(-dtSeconds / tauSeconds);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SlowPolarisation s
                && Double.compare(tauSeconds, s.tauSeconds) == 0
                && Arrays.equals(socEdges, s.socEdges)
                && Arrays.equals(ohms, s.ohms);
    }

    @Override
    public int hashCode() {
        return Double.hashCode(tauSeconds) * 961 + Arrays.hashCode(socEdges) * 31 + Arrays.hashCode(ohms);
    }

    @Override
    public String toString() {
        return isNone()
                ? "SlowPolarisation.NONE"
                : "SlowPolarisation[tau " + tauSeconds + " s, " + Arrays.toString(socEdges) + " "
                        + Arrays.toString(ohms) + "]";
    }
}
