package org.qsebms.bms.dashboard;

import org.qsebms.bms.snapshot.PackSample;

/**
 * A bounded ring of the charted figures, one row per sample, preallocated; the oldest row is overwritten when
 * full. Not thread-safe: {@link DashboardFeed} guards it.
 */
final class History {
    /**
     * Rows after a sequence, column by column. {@code lastSequence} is the sequence of the last row (or the
     * requested one when there is none); R0 is the largest cell R0 at 25 °C, NaN for an unknown value.
     */
    record Points(
            long lastSequence,
            double[] epochSeconds,
            double[] soc,
            double[] socBound3Sigma,
            double[] packAmps,
            double[] packVolts,
            double[][] celsius,
            double[] maxCellR0Ohm,
            double[] seiOhm) {
        int size() {
            return epochSeconds.length;
        }
    }

    private final int capacity;
    private final double[] epochSeconds;
    private final double[] soc;
    private final double[] bound;
    private final double[] amps;
    private final double[] volts;
    private final double[][] celsius;
    private final double[] r0;
    private final double[] sei;
    private long appended;

    History(int capacity, int temperatureChannels) {
        if (capacity < 1) {
            throw new IllegalArgumentException("history capacity " + capacity + " < 1");
        }
        this.capacity = capacity;
        epochSeconds = new double[capacity];
        soc = new double[capacity];
        bound = new double[capacity];
        amps = new double[capacity];
        volts = new double[capacity];
        celsius = new double[temperatureChannels][capacity];
        r0 = new double[capacity];
        sei = new double[capacity];
    }

    void append(PackSample s) {
        int i = (int) (appended % capacity);
        appended++;
        epochSeconds[i] = s.epochMillis / 1000.0;
        soc[i] = s.packSoc;
        bound[i] = s.socBound3Sigma;
        amps[i] = s.packAmps;
        volts[i] = s.packVolts;
        for (int c = 0; c < celsius.length; c++) {
            celsius[c][i] = s.cellCelsius[c];
        }
        double worst = Double.NaN;
        for (double v : s.cellR0Ohm) {
            if (Double.isFinite(v) && !(v <= worst)) {
                worst = v;
            }
        }
        r0[i] = worst;
        sei[i] = s.healthKnown ? s.seiOhm : Double.NaN;
    }

    /** Every kept row whose sequence is above {@code afterSequence}, oldest first. */
    Points after(long afterSequence) {
        long first = Math.max(appended - capacity + 1, Math.max(1, afterSequence + 1));
        int n = (int) Math.max(0, appended - first + 1);
        double[] t = new double[n];
        double[] so = new double[n];
        double[] b = new double[n];
        double[] a = new double[n];
        double[] v = new double[n];
        double[][] c = new double[celsius.length][n];
        double[] r = new double[n];
        double[] se = new double[n];
        for (int k = 0; k < n; k++) {
            int i = (int) ((first - 1 + k) % capacity);
            t[k] = epochSeconds[i];
            so[k] = soc[i];
            b[k] = bound[i];
            a[k] = amps[i];
            v[k] = volts[i];
            for (int ch = 0; ch < celsius.length; ch++) {
                c[ch][k] = celsius[ch][i];
            }
            r[k] = r0[i];
            se[k] = sei[i];
        }
        return new Points(n == 0 ? Math.max(afterSequence, appended) : first - 1 + n, t, so, b, a, v, c, r, se);
    }

    int capacity() {
        return capacity;
    }
}
