package org.qsebms.bms.offline.replay;

import java.util.Locale;
import org.qsebms.estimators.characterization.CellTestLog;

/**
 * Checks the charge counted from current_a over time_s against the log's own record of the charge: the
 * tester's Ah counter ({@code capacity_ah}) and its SOC ({@code soc_ref}, times the capacity). The two
 * must agree (on every shared log the counter's change is 0.89-1.01 times the counted charge, 2.1 on the
 * HPPC tests, whose rests are logged sparsely), so a ratio near a unit factor names the mistake:
 * a time_s in minutes or hours counts 1/60 or 1/3600 of the charge against both records, a counter in
 * mAh a thousand times the charge against the counter alone, and a current_a column that holds the
 * counter (the two columns swapped) counts nothing like it, while the counter column counted as a current
 * gives current_a. Found by check20z (2026-12-06): a log with time_s in minutes was replayed (LFP 45 °C:
 * RMSE 88.6 %, "coverage 100 %"), an HPPC test in minutes gave a preset with R0 27 mOhm and tau2 0.5 s,
 * and current_a swapped with capacity_ah was replayed at 56 % coverage.
 */
final class ChargeCounter {
    /** A record is judged only when it changes by at least this share of a capacity. */
    static final double MIN_CAPACITIES = CellLogPlausibility.MIN_TREND_CAPACITIES;
    /** A fit of the record to the counted charge this good (R²) shows they differ by one factor. */
    static final double GOOD_FIT = 0.9;
    /** A fit this poor says the record is not the count of current_a. */
    static final double POOR_FIT = 0.5;
    /** A fit this good of the swapped reading names the swap. */
    static final double SWAP_FIT = 0.99;
    /**
     * The record's change may exceed the counted charge up to this factor before a unit is named: the
     * shared HPPC tests reach 2.1, and the smallest unit mistake that shrinks the count is a factor 60.
     */
    static final double MAX_RATIO = 20;
    /** A record within this factor of the counted charge agrees with it (the shared HPPC tests: 2.1). */
    static final double AGREES = 2.5;

    private ChargeCounter() {}

    /** A least-squares ratio of a record to the counted charge, and how well it fits (R²). */
    record Ratio(double factor, double fit, double spanAh) {
        boolean good() {
            return fit >= GOOD_FIT;
        }
    }

    /**
     * @throws LogFormatException naming the columns, the ratio and the fix, when time_s is in minutes or
     *     hours, capacity_ah in mAh, or current_a and capacity_ah are swapped
     */
    static void check(CellTestLog log, double capacityAh) {
        if (log.size() < 3) {
            return;
        }
        double[] counted = count(log.currentA(), log.timeS());
        Ratio counter = null;
        if (log.hasCapacityColumn()) {
            counter = ratio(counted, log.capacityAh(), 1);
            Ratio swapped = ratio(count(log.capacityAh(), log.timeS()), log.currentA(), 1);
            if (counter.spanAh() >= MIN_CAPACITIES * capacityAh
                    && counter.fit() < POOR_FIT
                    && swapped.fit() >= SWAP_FIT
                    && Math.abs(swapped.factor()) > 0.5
                    && Math.abs(swapped.factor()) < 2) {
                throw new LogFormatException(String.format(
                        Locale.ROOT,
                        "%s: current_a and capacity_ah look swapped: capacity_ah is not the running count of "
                                + "current_a (R² %.2f), while current_a is that of capacity_ah (R² %.3f, ratio %.2f): "
                                + "current_a holds the tester's Ah counter (median %s) and capacity_ah the current; "
                                + "swap the two column names in the header",
                        log.source(),
                        counter.fit(),
                        swapped.fit(),
                        swapped.factor(),
                        CellLogPlausibility.number(CellLogPlausibility.median(log.currentA()))));
            }
        }
        Ratio soc = null;
        if (log.hasSocRef()
                && CellLogPlausibility.share(
                                log.socRef(),
                                x -> x < -CellLogPlausibility.SOC_REF_TOLERANCE
                                        || x > 1 + CellLogPlausibility.SOC_REF_TOLERANCE)
                        == 0) {
            soc = ratio(counted, log.socRef(), capacityAh);
        }
        boolean counterLarge = counter != null
                && counter.good()
                && counter.spanAh() >= MIN_CAPACITIES * capacityAh
                && Math.abs(counter.factor()) >= MAX_RATIO;
        boolean socLarge = soc != null
                && soc.good()
                && soc.spanAh() >= MIN_CAPACITIES * capacityAh
                && Math.abs(soc.factor()) >= MAX_RATIO;
        boolean socAgrees = soc != null && soc.good() && Math.abs(soc.factor()) < MAX_RATIO;
        boolean counterAgrees = counter != null && counter.good() && Math.abs(counter.factor()) < MAX_RATIO;
        if (!counterLarge && !socLarge) {
            return;
        }
        if (socLarge && counterAgrees) {
            // the tester's counter agrees with the count, so the clock is right: soc_ref was counted over
            // another capacity than the one given
            double factor = Math.abs(soc.factor() / counter.factor());
            throw new LogFormatException(String.format(
                    Locale.ROOT,
                    "%s: soc_ref moves %s times as much as the charge counted from current_a over a %s Ah cell, "
                            + "while the tester's Ah counter capacity_ah agrees with that charge; the capacity looks %s "
                            + "times too large (a misplaced decimal point, mAh, or another cell's): the log's soc_ref "
                            + "was counted over about %s Ah, give that",
                    log.source(),
                    CellLogPlausibility.number(factor),
                    CellLogPlausibility.number(capacityAh),
                    CellLogPlausibility.number(Math.round(factor)),
                    CellLogPlausibility.number(capacityAh / factor)));
        }
        Ratio shown = counterLarge ? counter : soc;
        String record = counterLarge
                ? String.format(
                        Locale.ROOT,
                        "the tester's Ah counter capacity_ah (%s Ah)",
                        CellLogPlausibility.number(counter.spanAh()))
                : String.format(
                        Locale.ROOT,
                        "soc_ref times the %s Ah capacity (%s Ah)",
                        CellLogPlausibility.number(capacityAh),
                        CellLogPlausibility.number(soc.spanAh()));
        double factor = Math.abs(shown.factor());
        String unit = Math.abs(Math.log(factor / 60)) <= Math.abs(Math.log(factor / 3600))
                ? "time_s looks like minutes: multiply the column by 60"
                : "time_s looks like hours: multiply the column by 3600";
        String why;
        if (counterLarge && socAgrees) {
            why = factor >= 300 && factor <= 3000
                    ? "soc_ref agrees with the counted charge, so capacity_ah looks like mAh: divide that column by 1000"
                    : "soc_ref agrees with the counted charge, so capacity_ah is in another unit: give it in Ah";
        } else if (counterLarge && soc == null && factor >= 300 && factor <= 2000) {
            why = "capacity_ah looks like mAh (divide that column by 1000), or time_s like hours (multiply it by"
                    + " 3600)";
        } else if (!counterLarge) {
            why = unit + " (or the capacity is " + CellLogPlausibility.number(Math.round(factor))
                    + " times too large: soc_ref was then counted over about "
                    + CellLogPlausibility.number(capacityAh / factor) + " Ah)";
        } else {
            why = unit;
        }
        throw new LogFormatException(String.format(
                Locale.ROOT,
                "%s: the charge counted from current_a over time_s (%s Ah) is 1/%s of the charge the log records "
                        + "in %s, while the two agree within a factor of 2.1 on every real log; %s",
                log.source(),
                CellLogPlausibility.number(shown.spanAh() / factor),
                CellLogPlausibility.number(Math.round(factor)),
                record,
                why));
    }

    /**
     * Whether the tester's own Ah counter agrees with the charge counted from current_a over time_s (within
     * {@link #AGREES}, with R² at least {@link #GOOD_FIT}): then the clock and the current's unit are right, and
     * a charge too large for the capacity is the capacity's mistake. Without a counter, false.
     */
    static boolean agrees(CellTestLog log) {
        if (!log.hasCapacityColumn() || log.size() < 3) {
            return false;
        }
        Ratio r = ratio(count(log.currentA(), log.timeS()), log.capacityAh(), 1);
        return r.good() && Math.abs(r.factor()) > 1 / AGREES && Math.abs(r.factor()) < AGREES;
    }

    /** The running charge (Ah) of a current column over time. */
    static double[] count(double[] amps, double[] time) {
        double[] q = new double[amps.length];
        for (int k = 1; k < amps.length; k++) {
            q[k] = q[k - 1] + amps[k] * (time[k] - time[k - 1]) / 3600.0;
        }
        return q;
    }

    /** The least-squares factor from the counted charge's change to {@code scale} times the record's. */
    static Ratio ratio(double[] counted, double[] record, double scale) {
        double sqq = 0;
        double sqr = 0;
        double low = Double.POSITIVE_INFINITY;
        double high = Double.NEGATIVE_INFINITY;
        int n = 0;
        double sr = 0;
        double srr = 0;
        for (int k = 0; k < counted.length; k++) {
            double r = scale * (record[k] - record[0]);
            double q = counted[k] - counted[0];
            if (Double.isNaN(r) || Double.isNaN(q)) {
                continue;
            }
            sqq += q * q;
            sqr += q * r;
            sr += r;
            srr += r * r;
            low = Math.min(low, r);
            high = Math.max(high, r);
            n++;
        }
        if (n < 2 || !(sqq > 0)) {
            return new Ratio(Double.NaN, Double.NEGATIVE_INFINITY, n < 2 ? 0 : high - low);
        }
        double k = sqr / sqq;
        double residual = srr - 2 * k * sqr + k * k * sqq;
        double variance = srr - sr * sr / n;
        double fit = variance > 0 ? 1 - residual / variance : Double.NEGATIVE_INFINITY;
        return new Ratio(k, fit, high - low);
    }
}
