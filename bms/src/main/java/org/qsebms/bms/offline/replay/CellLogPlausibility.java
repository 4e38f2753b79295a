package org.qsebms.bms.offline.replay;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.qsebms.config.ChemistryPreset;
import org.qsebms.estimators.characterization.CellTestLog;

/**
 * Refuses a cell log (or a capacity) that no single cell can have, before any estimator sees it,
 * and says which unit mistake it most likely is: volts in mV, amperes in mA (or amperes against a
 * capacity in mAh), degrees Celsius in kelvin, current and voltage columns swapped.
 *
 * <p>A column is judged as a whole, by its median and by the share of rows outside what a cell can
 * show: a real log may hold a few glitch rows (one NASA charge file starts at 8.4 V for three rows
 * of 170), which the filter's innovation gate rejects, while a unit mistake moves every row. The
 * current is judged by the charge it moves: the running count of a log in mA spans a thousand
 * times the cell's capacity, while a real log cannot span much more than one capacity (the cell
 * is full at one end and empty at the other).
 */
public final class CellLogPlausibility {
    /** Highest cell voltage of any lithium chemistry, with margin (V). */
    static final double MAX_CELL_VOLTS = 6.0;
    /** Plausible cell temperatures (°C): below, no lithium cell is operated or tested; above, it has failed. */
    static final double MIN_CELSIUS = -60;

    static final double MAX_CELSIUS = 150;
    /** Share of rows allowed outside the plausible range before the column counts as wrong. */
    static final double GLITCH_SHARE = 0.01;
    /**
     * A log whose running charge spans more than this many capacities is not in amperes against
     * that capacity. A cell holds one capacity: the running net charge of a real log, however long,
     * swings between full and empty, so it spans about one, plus the charge coulombic inefficiency
     * leaves behind (under 1 % a cycle for lithium-ion) and the error of the capacity it is judged
     * against. The shared logs span at most 1.034 capacities of their own cell (the NCA C/20 OCV
     * test, run a little past its rated 2.9 Ah), and 1.83 of the smallest shipped preset's 1.637 Ah
     * (the same test replayed without --capacity-ah); 2 passes both and refuses a time column in
     * tenths of a second under any log that moves a fifth of a capacity or more. It was 10, which let
     * 0 °C Cycle_1 with time_s x10 (8.9 capacities) through (issue 20, 2026-12-06).
     */
    static final double MAX_CAPACITIES_SPANNED = 2;
    /**
     * Lowest median cell voltage a log may have (V): the lowest discharge cutoff of any lithium-ion
     * chemistry is Li-titanate's 1.5 V (1.8 V for LFP, 2.5 V for NCA/NMC), and the cells under test
     * here stop higher; 1.0 V leaves room for the drop under a high-rate pulse. The median is judged,
     * so a few rows at 0 V (a sense wire off, the NASA file of two rows that starts at 0.24 V) pass,
     * while a column in V/10 or behind an uncorrected divider (every row at 0.25-0.42 V) does not.
     */
    static final double MIN_MEDIAN_CELL_VOLTS = 1.0;
    /**
     * How far soc_ref may lie outside 0..1: a reference counted from a rated capacity runs a little
     * past its ends when the cell holds a little more (the shared NCA C/20 OCV test reaches -0.034,
     * the lowest of every shared log's); 0.05 leaves room for that and refuses a reference in
     * percent or one that runs to 1.2.
     */
    static final double SOC_REF_TOLERANCE = 0.05;
    /** Largest single cell there is, with margin (Ah); above, the figure is in mAh. */
    static final double MAX_CELL_AH = 1000;
    /**
     * A current step between two rows counts in the sign check when it is at least this many C: the
     * resistive jump it causes (tens of mV on the shared cells) is then far above the voltage's noise.
     */
    static final double SIGN_STEP_C = 0.2;
    /** Fewer steps than this say too little about the sign; the charge's trend is judged instead. */
    static final int MIN_SIGN_STEPS = 10;
    /** A log moving less charge than this share of a capacity says too little about the OCV's trend. */
    static final double MIN_TREND_CAPACITIES = 0.2;
    /**
     * A current above this many C is no cell's (the highest-rate cells pulse at a few tens of C): a
     * log that reaches it is in mA, whatever its time column says.
     */
    static final double MAX_PLAUSIBLE_C_RATE = 200;
    /** Room temperature (°C): of two readings of a temperature column, the nearer one is named first. */
    static final double ROOM_CELSIUS = 25;

    /**
     * Below this many capacities spanned, a refused charge is no unit factor's (a current in mA or a time
     * in ms moves a thousand times the charge, a time in tenths of a second ten times, which a log moving
     * under half a capacity brings under 5): unless the median time step also looks scaled
     * ({@link #MILLISECOND_STEP_S}) and no Ah counter in the log agrees with the count
     * ({@link ChargeCounter#agrees}), the capacity is the likely mistake and is named first.
     */
    static final double UNIT_FACTOR_CAPACITIES = 5;

    /** Median time step (s) above which a log that moves too much charge may be in milliseconds. */
    static final double MILLISECOND_STEP_S = 10;

    /**
     * An OCV test runs the cell over most of its charge (the OCV table spans SOC 0..1): tests whose
     * largest running-charge span is below this share of the given capacity do not belong to a cell of
     * that capacity (a capacity in mAh of a cell under 1 Ah, or a misplaced decimal point).
     */
    static final double MIN_TEST_CAPACITIES = 0.25;

    /**
     * A time step this many times the log's median step is a gap in the log (a logger outage, rows cut
     * out), not its cadence: cyclers log sparsely at rest and on voltage change, but at their own rhythm.
     */
    static final double GAP_STEPS = 10;
    /**
     * A gap whose current changed from one side to the other by enough to leave the charge counted over
     * it uncertain by more than this share of a capacity is refused: one step alone could then move the
     * SOC by more than issue 20's 1 % target, and no estimator can know which way.
     */
    static final double GAP_CAPACITY_SHARE = 0.01;

    private CellLogPlausibility() {}

    /**
     * Refuses a capacity that the characterisation's tests (OCV and pulse tests together) cannot have
     * run through: their largest running-charge span is below {@link #MIN_TEST_CAPACITIES} of it. Without
     * this a capacity ten or a hundred times too large passed and the characterizer reported "no current
     * pulse after a rest was found". Tests that move no charge at all say nothing about the capacity
     * and are left to the characterizer.
     *
     * @throws LogFormatException naming the option, the charge the tests move and the likely capacity
     */
    public static void checkCapacityAgainstTests(String option, double capacityAh, List<CellTestLog> tests) {
        double largest = 0;
        String source = "";
        for (CellTestLog log : tests) {
            double span = chargeSpanAh(log);
            if (span > largest) {
                largest = span;
                source = log.source();
            }
        }
        if (largest == 0 || largest >= MIN_TEST_CAPACITIES * capacityAh) {
            return;
        }
        throw new LogFormatException(String.format(
                Locale.ROOT,
                "%s: %s Ah, but the tests move at most %s Ah (%s, %s %% of it), while an OCV test runs the cell "
                        + "over most of its charge; the capacity looks %s times too large (mAh, or a misplaced decimal "
                        + "point?): give the cell's capacity in Ah, about %s",
                option,
                number(capacityAh),
                number(largest),
                source,
                number(100 * largest / capacityAh),
                number(Math.round(capacityAh / largest)),
                number(largest)));
    }

    /** The span of the running charge (Ah) over a log: highest minus lowest. */
    static double chargeSpanAh(CellTestLog log) {
        double ah = 0;
        double low = 0;
        double high = 0;
        double[] time = log.timeS();
        double[] amps = log.currentA();
        for (int k = 1; k < log.size(); k++) {
            ah += amps[k] * (time[k] - time[k - 1]) / 3600.0;
            low = Math.min(low, ah);
            high = Math.max(high, ah);
        }
        return high - low;
    }

    /**
     * Refuses a capacity no single cell has.
     *
     * @param option how the user gave it, e.g. {@code --capacity-ah}, for the message
     * @throws LogFormatException naming the value and the likely unit mistake
     */
    public static void checkCapacity(String option, double capacityAh) {
        if (capacityAh > MAX_CELL_AH) {
            throw new LogFormatException(String.format(
                    Locale.ROOT,
                    "%s: %s Ah is more than any single cell holds; it looks like mAh: give %s for %s mAh",
                    option,
                    number(capacityAh),
                    number(capacityAh / 1000),
                    number(capacityAh)));
        }
    }

    /**
     * Refuses a log whose columns cannot be a cell's of {@code capacityAh}: voltage outside
     * 0..6 V or a median voltage below 1 V, temperature outside -60..150 °C, a running charge spanning
     * more than two capacities,
     * current and voltage swapped, or a gap in time under a changing current.
     *
     * @throws LogFormatException naming the file, column, an offending row and value, and the likely fix
     */
    public static void check(CellTestLog log, double capacityAh) {
        if (log.size() == 0) {
            return;
        }
        checkSwapped(log);
        checkVolts(log);
        checkLowVolts(log);
        checkCelsius(log);
        SwappedColumns.checkCurrentAgainstTemperature(log, capacityAh);
        ChargeCounter.check(log, capacityAh);
        checkCharge(log, capacityAh);
        checkSign(log, capacityAh);
        checkGaps(log, capacityAh);
    }

    /**
     * Refuses a log with a gap under a changing current: a time step over {@link #GAP_STEPS} times the
     * median step whose current differs across it so much that the charge counted over the step (the row's
     * current for the whole gap, as every estimator counts) may be off by more than
     * {@link #GAP_CAPACITY_SHARE} of the capacity. Without this a 600 s outage cut from the A123 25 °C
     * dynamic log was replayed silently with RMSE 16.0 % and the bound covering 88.6 % (2026-12-03,
     * {@code check20b}). Gaps at rest (the shared HPPC and OCV tests: zero current on both sides) and at a
     * held constant current (a cycler logging on voltage change) count right and pass.
     *
     * @throws LogFormatException naming the row, both times, both currents, the charge in doubt and the fix
     */
    private static void checkGaps(CellTestLog log, double capacityAh) {
        int n = log.size();
        if (n < 3) {
            return;
        }
        double[] time = log.timeS();
        double[] amps = log.currentA();
        double[] steps = new double[n - 1];
        for (int k = 1; k < n; k++) {
            steps[k - 1] = time[k] - time[k - 1];
        }
        double medianStep = median(steps);
        for (int k = 1; k < n; k++) {
            double dt = time[k] - time[k - 1];
            double doubtAh = Math.abs(amps[k] - amps[k - 1]) * dt / 3600.0;
            if (dt > GAP_STEPS * medianStep && doubtAh > GAP_CAPACITY_SHARE * capacityAh) {
                throw new LogFormatException(String.format(
                        Locale.ROOT,
                        "%s: time_s jumps %s s at data row %d (from %s to %s s; the log's median step is %s s) while "
                                + "current_a changes from %s to %s A: the charge moved in that gap is not in the log, "
                                + "and counting the row's current over it may be off by up to %s Ah (%s %% of the %s "
                                + "Ah cell); split the log at that row and use each part on its own, or export the "
                                + "log again without the gap",
                        log.source(),
                        number(dt),
                        k + 1,
                        number(time[k - 1]),
                        number(time[k]),
                        number(medianStep),
                        number(amps[k - 1]),
                        number(amps[k]),
                        number(doubtAh),
                        number(100 * doubtAh / capacityAh),
                        number(capacityAh)));
            }
        }
    }

    /**
     * Refuses a log whose temperature column holds, over most of its rows, a temperature at which the
     * cell's own preset would have shut it down: no drive or test log is recorded there, and a column
     * in degrees Fahrenheit looks exactly like that (25 °C is 77 °F). A few hot rows are allowed: the
     * median is judged.
     *
     * @param preset the preset whose highest over-temperature MSL (charge or discharge) is the limit
     * @throws LogFormatException naming the column, its median, the limit and the Fahrenheit reading
     */
    public static void checkTemperatureAgainst(CellTestLog log, ChemistryPreset preset) {
        double shutdownCelsius = Math.max(
                preset.limits().chargeOverTemperature().msl(),
                preset.limits().dischargeOverTemperature().msl());
        if (log.size() == 0) {
            return;
        }
        double[] t = log.temperatureC();
        double median = median(t);
        if (!(median > shutdownCelsius)) {
            return;
        }
        int row = firstRow(t, x -> x > shutdownCelsius);
        throw new LogFormatException(String.format(
                Locale.ROOT,
                "%s: temperature_c has a median of %s °C (data row %d: %s °C), above the %s °C at which preset "
                        + "'%s' shuts the cell down (its over-temperature MSL), so no log of a cell in use is there; "
                        + "if the column is in °F, convert it: (F - 32) / 1.8 gives a median of %s °C",
                log.source(),
                number(median),
                row + 1,
                number(t[row]),
                number(shutdownCelsius),
                preset.name(),
                number((median - 32) / 1.8)));
    }

    /**
     * Refuses a log in the opposite sign convention (discharge positive). Every cell's impedance
     * has a positive real part, so a current step moves the voltage the same way: at the log's
     * steps of at least {@link #SIGN_STEP_C} C, most must agree. A log with too few steps (a
     * constant-current test) is judged by the OCV, which rises with the charge in every lithium
     * chemistry: the voltage must not fall as the counted charge rises.
     */
    private static void checkSign(CellTestLog log, double capacityAh) {
        double[] amps = log.currentA();
        double[] volts = log.voltageV();
        double[] time = log.timeS();
        int steps = 0;
        int agree = 0;
        int firstDisagreeing = -1;
        for (int k = 1; k < log.size(); k++) {
            double di = amps[k] - amps[k - 1];
            double dv = volts[k] - volts[k - 1];
            if (Math.abs(di) >= SIGN_STEP_C * capacityAh && dv != 0) {
                steps++;
                if (di * dv > 0) {
                    agree++;
                } else if (firstDisagreeing < 0) {
                    firstDisagreeing = k;
                }
            }
        }
        if (steps >= MIN_SIGN_STEPS) {
            if (2 * agree < steps) {
                int k = firstDisagreeing;
                throw new LogFormatException(String.format(
                        Locale.ROOT,
                        "%s: current_a looks like the opposite sign convention: at %d of %d current steps of at "
                                + "least %s C the voltage moved against the current (e.g. data row %d: current_a %s "
                                + "-> %s A, voltage_v %s -> %s V), which no cell does; current_a must be positive "
                                + "while charging: negate the column",
                        log.source(),
                        steps - agree,
                        steps,
                        number(SIGN_STEP_C),
                        k + 1,
                        number(amps[k - 1]),
                        number(amps[k]),
                        number(volts[k - 1]),
                        number(volts[k])));
            }
            return;
        }
        // too few steps: the OCV's trend against the counted charge
        int n = log.size();
        double q = 0;
        double low = 0;
        double high = 0;
        double sq = 0;
        double sv = 0;
        double sqq = 0;
        double sqv = 0;
        double svv = 0;
        for (int k = 0; k < n; k++) {
            if (k > 0) {
                q += amps[k] * (time[k] - time[k - 1]) / 3600.0;
            }
            low = Math.min(low, q);
            high = Math.max(high, q);
            sq += q;
            sv += volts[k];
            sqq += q * q;
            sqv += q * volts[k];
            svv += volts[k] * volts[k];
        }
        double varQ = sqq / n - (sq / n) * (sq / n);
        double varV = svv / n - (sv / n) * (sv / n);
        double cov = sqv / n - (sq / n) * (sv / n);
        if ((high - low) / capacityAh < MIN_TREND_CAPACITIES || !(varQ > 0) || !(varV > 0)) {
            return;
        }
        double correlation = cov / Math.sqrt(varQ * varV);
        if (correlation < 0) {
            throw new LogFormatException(String.format(
                    Locale.ROOT,
                    "%s: current_a looks like the opposite sign convention: over the %s Ah the log moves, the "
                            + "voltage falls as the counted charge rises (correlation %s), while a cell's voltage "
                            + "rises with its charge; current_a must be positive while charging: negate the column",
                    log.source(),
                    number(high - low),
                    String.format(Locale.ROOT, "%.2f", correlation)));
        }
    }

    private static void checkSwapped(CellTestLog log) {
        double medianAmps = median(log.currentA());
        double medianVolts = median(log.voltageV());
        int firstCellLikeAmps = firstRow(log.currentA(), a -> a >= 1.5 && a <= MAX_CELL_VOLTS);
        if (share(log.currentA(), a -> a >= 1.5 && a <= MAX_CELL_VOLTS) > 1 - GLITCH_SHARE
                && (medianVolts < 1.5 || share(log.voltageV(), v -> v < 0) > GLITCH_SHARE)) {
            throw new LogFormatException(String.format(
                    Locale.ROOT,
                    "%s: current_a and voltage_v look swapped: current_a holds %s A at data row %d (median %s), "
                            + "steady like a cell voltage, while voltage_v has a median of %s V; swap the two "
                            + "column names in the header",
                    log.source(),
                    number(log.currentA()[firstCellLikeAmps]),
                    firstCellLikeAmps + 1,
                    number(medianAmps),
                    number(medianVolts)));
        }
    }

    private static void checkVolts(CellTestLog log) {
        double[] v = log.voltageV();
        if (share(v, x -> x < 0 || x > MAX_CELL_VOLTS) <= GLITCH_SHARE) {
            return;
        }
        double median = median(v);
        int row = firstRow(v, x -> x < 0 || x > MAX_CELL_VOLTS);
        String why;
        if (median >= 500 && median <= 1000 * MAX_CELL_VOLTS) {
            why = "it looks like millivolts: divide the column by 1000";
        } else if (v[row] < 0) {
            why = "a cell voltage is never negative: is this a current column (swap current_a and voltage_v)?";
        } else if (SwappedColumns.voltsIn(log).isPresent()) {
            why = SwappedColumns.voltsIn(log).get();
        } else {
            why = "no cell reaches it: check that voltage_v is one cell's voltage in volts";
        }
        throw new LogFormatException(String.format(
                Locale.ROOT,
                "%s: voltage_v = %s V at data row %d (time_s %s; median of the column %s V) is outside 0..%s V; %s",
                log.source(),
                number(v[row]),
                row + 1,
                number(log.timeS()[row]),
                number(median),
                number(MAX_CELL_VOLTS),
                why));
    }

    /** Refuses a log whose voltages, as a whole, lie below any lithium cell's ({@link #MIN_MEDIAN_CELL_VOLTS}). */
    private static void checkLowVolts(CellTestLog log) {
        double[] v = log.voltageV();
        double median = median(v);
        if (!(median < MIN_MEDIAN_CELL_VOLTS)) {
            return;
        }
        int row = firstRow(v, x -> x < MIN_MEDIAN_CELL_VOLTS);
        if (SwappedColumns.voltsIn(log).isPresent()) {
            throw new LogFormatException(String.format(
                    Locale.ROOT,
                    "%s: voltage_v has a median of %s V (data row %d: %s V), below the %s V no lithium cell under "
                            + "test reaches; %s",
                    log.source(),
                    number(median),
                    row + 1,
                    number(v[row]),
                    number(MIN_MEDIAN_CELL_VOLTS),
                    SwappedColumns.voltsIn(log).get()));
        }
        double factor = Math.pow(10, Math.ceil(Math.log10(1.5 / Math.max(median, 1e-9))));
        String why = median > 0 && median * factor <= MAX_CELL_VOLTS
                ? String.format(
                        Locale.ROOT,
                        "it looks like the voltage in V/%s or behind a divider: multiply the column by %s (a median "
                                + "of %s V), or by the divider's ratio",
                        number(factor),
                        number(factor),
                        number(median * factor))
                : "check that voltage_v is one cell's voltage in volts (not a current, nor a divider's output)";
        throw new LogFormatException(String.format(
                Locale.ROOT,
                "%s: voltage_v has a median of %s V (data row %d: %s V at time_s %s), below the %s V no lithium "
                        + "cell under test reaches (the lowest discharge cutoff, Li-titanate's, is 1.5 V); %s",
                log.source(),
                number(median),
                row + 1,
                number(v[row]),
                number(log.timeS()[row]),
                number(MIN_MEDIAN_CELL_VOLTS),
                why));
    }

    /**
     * Refuses a soc_ref outside 0..1 by more than {@link #SOC_REF_TOLERANCE}: the replay scores the
     * estimate (a fraction) against it, so a reference in percent gave an RMSE of 5351 % and one that
     * runs to 1.2 or below 0 scores against a state no cell has. Called where soc_ref is used (a
     * replay, a slow-polarisation log), not for OCV and pulse tests, which do not read it.
     *
     * @throws LogFormatException naming the file, the row, the value and the likely mistake
     */
    public static void checkSocRef(CellTestLog log) {
        if (!log.hasSocRef()) {
            return;
        }
        double[] soc = log.socRef();
        Test outside = x -> x < -SOC_REF_TOLERANCE || x > 1 + SOC_REF_TOLERANCE;
        int row = firstRow(soc, outside);
        if (!outside.outside(soc[row])) {
            return;
        }
        double max = Double.NEGATIVE_INFINITY;
        for (double x : soc) {
            max = Double.isNaN(x) ? max : Math.max(max, x);
        }
        String why = max > 1.5 && max <= 100 * (1 + SOC_REF_TOLERANCE)
                ? String.format(
                        Locale.ROOT,
                        "it looks like percent (the column reaches %s): divide the column by 100",
                        number(max))
                : "soc_ref is the state of charge as a fraction, 0 empty to 1 full: check the capacity and the "
                        + "start the reference was counted from";
        throw new LogFormatException(String.format(
                Locale.ROOT,
                "%s: soc_ref = %s at data row %d (time_s %s) is outside 0..1 (by more than %s); %s",
                log.source(),
                number(soc[row]),
                row + 1,
                number(log.timeS()[row]),
                number(SOC_REF_TOLERANCE),
                why));
    }

    private static void checkCelsius(CellTestLog log) {
        double[] t = log.temperatureC();
        if (share(t, x -> x < MIN_CELSIUS || x > MAX_CELSIUS) <= GLITCH_SHARE) {
            return;
        }
        double median = median(t);
        int row = firstRow(t, x -> x < MIN_CELSIUS || x > MAX_CELSIUS);
        String why = celsiusMistake(t, median);
        throw new LogFormatException(String.format(
                Locale.ROOT,
                "%s: temperature_c = %s °C at data row %d (time_s %s; median of the column %s) is outside %s..%s °C; %s",
                log.source(),
                number(t[row]),
                row + 1,
                number(log.timeS()[row]),
                number(median),
                number(MIN_CELSIUS),
                number(MAX_CELSIUS),
                why));
    }

    /**
     * The likely mistake behind a temperature column outside the plausible range: kelvin (every row minus
     * 273.15 plausible) or tenths of a degree (every row over 10 plausible), both named when both fit,
     * the one whose median lies nearer room temperature first (most cell tests run there); a current or
     * voltage column under the temperature's name is told by {@link SwappedColumns} before this.
     */
    private static String celsiusMistake(double[] t, double median) {
        // the rows inside the glitch share at either end are left out, as the range check allows them
        double[] sorted = t.clone();
        Arrays.sort(sorted);
        int skip = (int) Math.floor(GLITCH_SHARE * sorted.length);
        double low = sorted[skip];
        double high = sorted[sorted.length - 1 - skip];
        boolean kelvin = low - 273.15 >= MIN_CELSIUS && high - 273.15 <= MAX_CELSIUS;
        boolean tenths = low / 10 >= MIN_CELSIUS && high / 10 <= MAX_CELSIUS;
        String asKelvin = String.format(
                Locale.ROOT, "kelvin: subtract 273.15 (%s K = %s °C)", number(median), number(median - 273.15));
        String asTenths = String.format(
                Locale.ROOT, "tenths of a degree: divide the column by 10 (a median of %s °C)", number(median / 10));
        if (kelvin && tenths) {
            boolean kelvinFirst = Math.abs(median - 273.15 - ROOM_CELSIUS) <= Math.abs(median / 10 - ROOM_CELSIUS);
            return "it looks like "
                    + (kelvinFirst ? asKelvin + ", or " + asTenths : asTenths + ", or " + asKelvin)
                    + " (both give temperatures a cell is tested at; check the logger's unit)";
        }
        if (kelvin) {
            return "it looks like " + asKelvin;
        }
        if (tenths) {
            return "it looks like " + asTenths;
        }
        return "no cell is operated there: check that temperature_c is the cell's temperature in °C";
    }

    private static void checkCharge(CellTestLog log, double capacityAh) {
        double span = chargeSpanAh(log);
        double spanned = span / capacityAh;
        if (spanned > MAX_CAPACITIES_SPANNED) {
            double[] time = log.timeS();
            double[] amps = log.currentA();
            int row = 0;
            for (int k = 1; k < log.size(); k++) {
                row = Math.abs(amps[k]) > Math.abs(amps[row]) ? k : row;
            }
            double[] steps = new double[log.size() - 1];
            for (int k = 1; k < log.size(); k++) {
                steps[k - 1] = time[k] - time[k - 1];
            }
            double medianStep = median(steps);
            String why;
            if (spanned < UNIT_FACTOR_CAPACITIES && (medianStep < MILLISECOND_STEP_S || ChargeCounter.agrees(log))) {
                why = String.format(
                        Locale.ROOT,
                        "the capacity looks too small: the log moves %s times it, no unit factor of current or time "
                                + "(10, 60, 1000, 3600); if the cell holds about %s Ah, give that capacity (a "
                                + "wrong --capacity-ah, or another cell's preset); else check current_a's unit "
                                + "(mA: divide by 1000) and time_s's (ms or tenths of a second: divide by 1000 or 10)",
                        number(spanned),
                        number(span));
            } else if (Math.abs(amps[row]) <= MAX_PLAUSIBLE_C_RATE * capacityAh && medianStep >= MILLISECOND_STEP_S) {
                // currents a cell can carry, rows far apart: the clock may be off as well as the current
                why = String.format(
                        Locale.ROOT,
                        "the largest current is one a cell can carry, but the median time step is %s s: time_s "
                                + "looks like milliseconds or tenths of a second (divide it by 1000 or 10), or "
                                + "current_a like mA: divide that column by 1000 (or the capacity is wrong)",
                        number(medianStep));
            } else {
                why = "current_a looks like mA: divide the column by 1000 (or the capacity is wrong)";
            }
            throw new LogFormatException(String.format(
                    Locale.ROOT,
                    "%s: current_a moves %s Ah through a %s Ah cell (the running charge spans %s capacities; "
                            + "a cell holds one, and no real log spans more than %s), e.g. %s A at data row %d; %s",
                    log.source(),
                    number(span),
                    number(capacityAh),
                    number(spanned),
                    number(MAX_CAPACITIES_SPANNED),
                    number(amps[row]),
                    row + 1,
                    why));
        }
    }

    interface Test {
        boolean outside(double x);
    }

    static double share(double[] column, Test test) {
        int n = 0;
        for (double x : column) {
            n += test.outside(x) ? 1 : 0;
        }
        return n / (double) column.length;
    }

    static int firstRow(double[] column, Test test) {
        for (int k = 0; k < column.length; k++) {
            if (test.outside(column[k])) {
                return k;
            }
        }
        return 0;
    }

    static double median(double[] column) {
        double[] sorted = column.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    static String number(double x) {
        return String.format(Locale.ROOT, "%.6g", x)
                .replaceFirst("(\\.\\d*?)0+($|e)", "$1$2")
                .replaceFirst("\\.($|e)", "$1");
    }
}
