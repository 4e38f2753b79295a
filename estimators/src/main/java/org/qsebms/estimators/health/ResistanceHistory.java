package org.qsebms.estimators.health;

/**
 * The pack's resistance history, one point per closed cycle: equivalent full cycles, time
 * (days since the epoch), and the worst cell's R0 and SEI part at 25 °C. Bounded: when full,
 * every other point is dropped, so the history always spans the whole life at half the
 * resolution. Arrays are allocated once; {@link #add} does not allocate.
 */
public final class ResistanceHistory {
    private final double[] cycles;
    private final double[] days;
    private final double[] r0Ohms;
    private final double[] seiOhms;
    private int count;

    public ResistanceHistory(int capacity) {
        if (capacity < 4) {
            throw new IllegalArgumentException("history capacity must be >= 4, got " + capacity);
        }
        cycles = new double[capacity];
        days = new double[capacity];
        r0Ohms = new double[capacity];
        seiOhms = new double[capacity];
    }

    public void add(double equivalentCycles, double epochDays, double r0, double sei) {
        if (count == cycles.length) {
            decimate();
        }
        cycles[count] = equivalentCycles;
        days[count] = epochDays;
        r0Ohms[count] = r0;
        seiOhms[count] = sei;
        count++;
    }

    private void decimate() {
        int kept = 0;
        for (int i = 1; i < count; i += 2) {
            cycles[kept] = cycles[i];
            days[kept] = days[i];
            r0Ohms[kept] = r0Ohms[i];
            seiOhms[kept] = seiOhms[i];
            kept++;
        }
        count = kept;
    }

    /**
     * The first day a point's date can be true (2020-01-01, days since the epoch): no pack ran this software before.
     * A point dated before it was recorded while the wall clock was not set (a Raspberry Pi without RTC reads 1970
     * until NTP answers); it is kept, but its date is no time to fit a trend against.
     */
    public static final double EARLIEST_TRUSTED_EPOCH_DAYS = 18_262;

    /**
     * Least-squares slope of the SEI resistance against time over the last {@code points} points
     * (ohm per day); NaN with fewer than 3 points or no time span. Points whose date cannot be true (before {@link
     * #EARLIEST_TRUSTED_EPOCH_DAYS}, or no number) are left out of this fit, not out of the history.
     */
    public double seiTrendOhmPerDay(int points) {
        int n = 0;
        double sx = 0;
        double sy = 0;
        for (int i = count - Math.min(points, count); i < count; i++) {
            if (trustedDate(i)) {
                n++;
                sx += days[i];
                sy += seiOhms[i];
            }
        }
        if (n < 3) {
            return Double.NaN;
        }
        double mx = sx / n;
        double my = sy / n;
        double sxx = 0;
        double sxy = 0;
        for (int i = count - Math.min(points, count); i < count; i++) {
            if (trustedDate(i)) {
                double dx = days[i] - mx;
                sxx += dx * dx;
                sxy += dx * (seiOhms[i] - my);
            }
        }
        return sxx > 0 ? sxy / sxx : Double.NaN;
    }

    private boolean trustedDate(int i) {
        return days[i] >= EARLIEST_TRUSTED_EPOCH_DAYS && days[i] < Double.POSITIVE_INFINITY;
    }

    public int size() {
        return count;
    }

    public int capacity() {
        return cycles.length;
    }

    public double cycles(int i) {
        return cycles[check(i)];
    }

    public double days(int i) {
        return days[check(i)];
    }

    public double r0Ohms(int i) {
        return r0Ohms[check(i)];
    }

    public double seiOhms(int i) {
        return seiOhms[check(i)];
    }

    private int check(int i) {
        if (i < 0 || i >= count) {
            throw new IndexOutOfBoundsException("history point " + i + " of " + count);
        }
        return i;
    }
}
