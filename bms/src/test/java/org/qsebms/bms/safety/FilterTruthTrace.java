package org.qsebms.bms.safety;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.Locale;
import org.qsebms.bms.control.PackController;
import org.qsebms.bms.sim.SimulatedPack;
import org.qsebms.estimators.soc.SocEstimator;

/**
 * A diagnostic of the soft-short oracle, off unless asked for ({@code -Doracle.traceTruth=SECONDS}): every so many
 * seconds of a scenario it prints, per cell, the error of the SOC estimate the drift cue reads (the detector's own
 * filter where it has one, else the published one) less the string median's error, beside the cell's true SOC and
 * volts. That relative error is what the drift cue cannot tell from a leak; the detector never sees it. One line
 * per step: {@code truth <scenario> t=<h> I=<A> | <error>(<true SOC>|<true V>) ...}.
 */
final class FilterTruthTrace {
    private final String name;
    private final double everySeconds;
    private final PrintStream out;
    private double next;
    private double[] error = new double[0];
    private double[] sorted = new double[0];

    FilterTruthTrace(String name, double everySeconds, PrintStream out) {
        this.name = name;
        this.everySeconds = everySeconds;
        this.out = out;
        this.next = everySeconds;
    }

    /** The trace the {@code oracle.traceTruth} property asks for, or null when it is absent or not a positive number. */
    static FilterTruthTrace fromProperty(String name) {
        String every = System.getProperty("oracle.traceTruth");
        if (every == null) {
            return null;
        }
        double seconds;
        try {
            seconds = Double.parseDouble(every);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "oracle.traceTruth must be a number of seconds between trace lines, got '" + every + "'", e);
        }
        if (!(seconds > 0) || Double.isInfinite(seconds)) {
            throw new IllegalArgumentException(
                    "oracle.traceTruth must be a positive number of seconds between trace lines, got " + every);
        }
        return new FilterTruthTrace(name, seconds, System.out);
    }

    void afterTick(double t, SimulatedPack pack, PackController c) {
        if (t < next) {
            return;
        }
        next += everySeconds * Math.max(1.0, Math.ceil((t - next) / everySeconds + 1e-9));
        SocEstimator soc = c.softShortSoc().<SocEstimator>map(f -> f).orElse(c.soc());
        int n = pack.cellCount();
        if (error.length != n) {
            error = new double[n];
            sorted = new double[n];
        }
        for (int i = 0; i < n; i++) {
            error[i] = soc.cellSoc(i) - pack.cellSoc(i);
        }
        System.arraycopy(error, 0, sorted, 0, n);
        Arrays.sort(sorted);
        double median = n % 2 == 1 ? sorted[n / 2] : 0.5 * (sorted[n / 2 - 1] + sorted[n / 2]);
        StringBuilder line = new StringBuilder(
                String.format(Locale.ROOT, "truth %s t=%.3f I=%.2f |", name, t / 3600, pack.packAmps()));
        for (int i = 0; i < n; i++) {
            line.append(String.format(
                    Locale.ROOT, " %+.4f(%.3f|%.3fV)", error[i] - median, pack.cellSoc(i), pack.cellVolts(i)));
        }
        out.println(line);
    }
}
