package org.qsebms.bms.offline.replay;

import java.util.Locale;
import java.util.Optional;
import org.qsebms.estimators.characterization.CellTestLog;

/**
 * Tells two columns swapped from a unit mistake, before a unit is named: a column is recognised by
 * what it does, not by its name. A cell's voltage follows its current's steps (every cell's impedance
 * has a positive real part: on every shared log the row-to-row changes of voltage and current correlate
 * by 0.13-0.98, while a temperature's correlate with the voltage's by -0.27..0.11), and a voltage stays
 * in 1.5..6 V. So a "temperature" whose steps the voltage follows is the current, and a column other
 * than voltage_v that stays in a cell's voltage range and follows the current's steps better than
 * voltage_v does is the voltage. Found by check20z (2026-12-06): current_a and temperature_c swapped was
 * refused as "current_a looks like mA: divide by 1000" (following it replayed at 53 % coverage),
 * voltage_v and temperature_c swapped as "no cell reaches it", voltage_v and soc_ref swapped as
 * "multiply by 10".
 */
final class SwappedColumns {
    /** Correlation of row-to-row changes above which one column is taken to drive the voltage. */
    static final double DRIVES_VOLTAGE = 0.5;
    /** Correlation below which current_a is taken not to drive it. */
    static final double DOES_NOT_DRIVE_VOLTAGE = 0.3;
    /** A cell voltage's range (V) for a column under another name: the lowest cutoff to the highest MSL. */
    static final double MIN_VOLTS = 1.5;

    private SwappedColumns() {}

    /**
     * Refuses a log whose voltage follows temperature_c's steps and not current_a's: the two are swapped.
     *
     * @throws LogFormatException naming both columns, both correlations, a row and the fix
     */
    static void checkCurrentAgainstTemperature(CellTestLog log, double capacityAh) {
        if (log.size() < 3) {
            return;
        }
        double byTemperature = stepCorrelation(log.temperatureC(), log.voltageV());
        double byCurrent = stepCorrelation(log.currentA(), log.voltageV());
        if (byTemperature > DRIVES_VOLTAGE
                && Math.abs(byCurrent) < DOES_NOT_DRIVE_VOLTAGE
                && stepsLikeACurrent(log.temperatureC(), log.voltageV(), capacityAh)) {
            throw new LogFormatException(String.format(
                    Locale.ROOT,
                    "%s: current_a and temperature_c look swapped: voltage_v follows temperature_c's steps "
                            + "(correlation of the row-to-row changes %.2f) and not current_a's (%.2f), while a "
                            + "cell's voltage follows its current; current_a has a median of %s (data row 1: %s), "
                            + "like a temperature in °C; swap the two column names in the header",
                    log.source(),
                    byTemperature,
                    byCurrent,
                    CellLogPlausibility.number(CellLogPlausibility.median(log.currentA())),
                    CellLogPlausibility.number(log.currentA()[0])));
        }
    }

    /**
     * The column that holds the cell's voltage when voltage_v does not: temperature_c or soc_ref staying
     * in 1.5..{@value CellLogPlausibility#MAX_CELL_VOLTS} V on all but the glitch share of rows and
     * following current_a's steps better than voltage_v.
     *
     * @return the sentence naming the swap, or empty
     */
    static Optional<String> voltsIn(CellTestLog log) {
        if (log.size() < 3) {
            return Optional.empty();
        }
        double voltageFollows = stepCorrelation(log.currentA(), log.voltageV());
        String[] names = {"temperature_c", "soc_ref"};
        double[][] columns = {log.temperatureC(), log.hasSocRef() ? log.socRef() : null};
        for (int c = 0; c < names.length; c++) {
            double[] column = columns[c];
            if (column == null
                    || CellLogPlausibility.share(
                                    column, x -> !(x >= MIN_VOLTS && x <= CellLogPlausibility.MAX_CELL_VOLTS))
                            > CellLogPlausibility.GLITCH_SHARE) {
                continue;
            }
            double follows = stepCorrelation(log.currentA(), column);
            if (follows > voltageFollows) {
                return Optional.of(String.format(
                        Locale.ROOT,
                        "voltage_v and %s look swapped: %s stays in %s..%s V (median %s) and follows current_a's "
                                + "steps (correlation %.2f) as a cell's voltage does, while voltage_v does not (%.2f); "
                                + "swap the two column names in the header",
                        names[c],
                        names[c],
                        CellLogPlausibility.number(MIN_VOLTS),
                        CellLogPlausibility.number(CellLogPlausibility.MAX_CELL_VOLTS),
                        CellLogPlausibility.number(CellLogPlausibility.median(column)),
                        follows,
                        voltageFollows));
            }
        }
        return Optional.empty();
    }

    /**
     * Whether a column steps like a current: at least {@link CellLogPlausibility#MIN_SIGN_STEPS} row-to-row
     * steps of {@link CellLogPlausibility#SIGN_STEP_C} C or more, most of which move the voltage the same way
     * (as the sign check asks of current_a). A cell's temperature drifts (a log at rest while the chamber cools
     * drifts with the relaxing voltage, correlated, but in steps of tenths of a degree); a current jumps.
     */
    static boolean stepsLikeACurrent(double[] column, double[] volts, double capacityAh) {
        int steps = 0;
        int agree = 0;
        for (int k = 1; k < column.length; k++) {
            double d = column[k] - column[k - 1];
            double dv = volts[k] - volts[k - 1];
            if (Math.abs(d) >= CellLogPlausibility.SIGN_STEP_C * capacityAh && dv != 0) {
                steps++;
                agree += d * dv > 0 ? 1 : 0;
            }
        }
        return steps >= CellLogPlausibility.MIN_SIGN_STEPS && 2 * agree > steps;
    }

    /** Correlation of two columns' row-to-row changes; 0 when either does not change. */
    static double stepCorrelation(double[] a, double[] b) {
        int n = a.length - 1;
        double sa = 0;
        double sb = 0;
        double saa = 0;
        double sbb = 0;
        double sab = 0;
        int m = 0;
        for (int k = 0; k < n; k++) {
            double da = a[k + 1] - a[k];
            double db = b[k + 1] - b[k];
            if (Double.isNaN(da) || Double.isNaN(db)) {
                continue;
            }
            sa += da;
            sb += db;
            saa += da * da;
            sbb += db * db;
            sab += da * db;
            m++;
        }
        if (m < 2) {
            return 0;
        }
        double va = saa / m - (sa / m) * (sa / m);
        double vb = sbb / m - (sb / m) * (sb / m);
        if (!(va > 0) || !(vb > 0)) {
            return 0;
        }
        return (sab / m - (sa / m) * (sb / m)) / Math.sqrt(va * vb);
    }
}
