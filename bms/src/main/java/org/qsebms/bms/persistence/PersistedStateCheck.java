package org.qsebms.bms.persistence;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.qsebms.estimators.health.HealthState;
import org.qsebms.estimators.health.UsableCapacity;

/**
 * Checks the meaning of every field of a state whose checksum was right: a value that cannot be
 * true (a capacity of 0, negative or NaN, R0 of 1e308, a SOC outside 0..1, a time in the year 292
 * million) falls back, field by field, to the safe default, with one warning per field naming the
 * cells, the values found and the value used. The bounds are plausibility bounds around the
 * configured cell (what no real cell of this pack can show), not protection limits.
 */
final class PersistedStateCheck {
    /** A learnt capacity above this many times the configured one is not a capacity of this cell. */
    static final double MAX_CAPACITY_FACTOR = 10;
    /** A learnt R0 above this many times the configured one is not a resistance of a working cell. */
    static final double MAX_RESISTANCE_FACTOR = 100;
    /** Excess lithium above this many times the configured capacity: no lithium-metal foil carries that much. */
    static final double MAX_EXCESS_LITHIUM_FACTOR = 100;
    /** No state file was written before 2020-01-01. */
    static final long EARLIEST_EPOCH_MILLIS =
            Instant.parse("2020-01-01T00:00:00Z").toEpochMilli();
    /**
     * The last time a clock shows: a date after it (or before 1970) is no clock's reading but a corrupt value. A date
     * between that disagrees with this start's clock is kept (the clock may be the one that is wrong).
     */
    static final long LAST_CLOCK_EPOCH_MILLIS =
            Instant.parse("9999-12-31T23:59:59Z").toEpochMilli();
    /**
     * The most operating time a state file can hold: a century of continuous operation (36 525 days, 3.156e12 ms), far beyond any cell's or controller's life and far below where a sum of operating times could
     * overflow a long. A larger value was edited or corrupted with a matching checksum (check23w defect 3: 4e15 ms aged
     * every saved trip out of the lockout window, Long.MAX_VALUE stopped the operating clock; fix23al).
     */
    static final long MAX_OPERATING_MILLIS = 36_525L * 86_400_000L;
    /** Clock skew tolerated for a time in the future. */
    static final long FUTURE_TOLERANCE_MILLIS = 86_400_000L;

    private final String where;
    private final PersistedState defaults;
    private final long nowEpochMillis;
    private final List<String> warnings = new ArrayList<>();

    private PersistedStateCheck(String where, PersistedState defaults, long nowEpochMillis) {
        this.where = where;
        this.defaults = defaults;
        this.nowEpochMillis = nowEpochMillis;
    }

    /** The checked state and one warning per field that fell back. */
    record Checked(PersistedState state, List<String> warnings) {}

    static Checked check(PersistedState s, PersistedState defaults, long nowEpochMillis, String where) {
        PersistedStateCheck c = new PersistedStateCheck(where, defaults, nowEpochMillis);
        return new Checked(c.run(s), List.copyOf(c.warnings));
    }

    private boolean plausibleTime(long epochMillis) {
        return epochMillis >= EARLIEST_EPOCH_MILLIS && epochMillis <= nowEpochMillis + FUTURE_TOLERANCE_MILLIS;
    }

    private static boolean clockReading(long epochMillis) {
        return epochMillis >= 0 && epochMillis <= LAST_CLOCK_EPOCH_MILLIS;
    }

    private static long millisOfDays(double epochDays) {
        return (long) Math.max(-Long.MAX_VALUE / 2.0, Math.min(Long.MAX_VALUE / 2.0, epochDays * 86_400_000.0));
    }

    private PersistedState run(PersistedState s) {
        int n = s.cellCount();
        double[] nominalCap = defaults.capacityAh();
        double[] nominalR0 = defaults.resistanceOhm();
        double[] soc = s.cellSoc();
        double[] socSigma = s.soc().cellSocSigma();
        double[] cap = s.capacityAh();
        double[] r0 = s.resistanceOhm();
        double[] sei = s.seiResistanceOhm();
        double[] capSigma = s.capacitySigmaAh();
        double[] excess = s.excessLithiumAh();
        double[] loss = s.lithiumLossPerCycleAh();
        int[] closed = s.closedCycles();
        Cells bad = new Cells(
                "cellSoc",
                "a state of charge must lie in 0..1; the SOC of those cells starts from the " + "open-circuit voltage");
        for (int i = 0; i < n; i++) {
            if (!Double.isNaN(soc[i]) && !(soc[i] >= 0 && soc[i] <= 1)) {
                bad.add(i, soc[i]);
                soc[i] = Double.NaN;
                socSigma[i] = Double.NaN; // the doubt belonged to the value dropped
            }
        }
        bad.report();
        bad = new Cells(
                "cellSocSigma",
                "a SOC doubt must lie in 0..1 (or be unknown); those cells' restored SOC starts with the filter's "
                        + "start doubt");
        for (int i = 0; i < n; i++) {
            if (!Double.isNaN(socSigma[i]) && !(socSigma[i] >= 0 && socSigma[i] <= 1)) {
                bad.add(i, socSigma[i]);
                socSigma[i] = Double.NaN;
            }
        }
        bad.report();
        bad = new Cells(
                "capacityAh",
                "a capacity must be a number above 0 and at most " + MAX_CAPACITY_FACTOR + " times the configured "
                        + fmt(nominalCap[0]) + " Ah; using the configured capacity");
        for (int i = 0; i < n; i++) {
            if (!(cap[i] > 0 && cap[i] <= MAX_CAPACITY_FACTOR * nominalCap[i])) {
                bad.add(i, cap[i]);
                cap[i] = nominalCap[i];
                capSigma[i] = Double.NaN; // the uncertainty belonged to the value dropped
            }
        }
        bad.report();
        bad = new Cells(
                "resistanceOhm",
                "R0 must be a number above 0 and at most " + MAX_RESISTANCE_FACTOR + " times the configured "
                        + fmt(nominalR0[0]) + " ohm; using the configured R0");
        for (int i = 0; i < n; i++) {
            if (!(r0[i] > 0 && r0[i] <= MAX_RESISTANCE_FACTOR * nominalR0[i])) {
                bad.add(i, r0[i]);
                r0[i] = nominalR0[i];
            }
        }
        bad.report();
        bad = new Cells("seiResistanceOhm", "the SEI part of R0 must lie in 0..R0; using 0 (unknown)");
        for (int i = 0; i < n; i++) {
            if (!(sei[i] >= 0 && sei[i] <= r0[i])) {
                bad.add(i, sei[i]);
                sei[i] = 0;
            }
        }
        bad.report();
        bad = new Cells("capacitySigmaAh", "an uncertainty must lie in 0..the capacity (or be unknown); using unknown");
        for (int i = 0; i < n; i++) {
            if (!Double.isNaN(capSigma[i]) && !(capSigma[i] >= 0 && capSigma[i] <= cap[i])) {
                bad.add(i, capSigma[i]);
                capSigma[i] = Double.NaN;
            }
        }
        bad.report();
        bad = new Cells(
                "excessLithiumAh",
                "excess lithium must lie in 0.." + MAX_EXCESS_LITHIUM_FACTOR
                        + " times the configured capacity (or be unknown); using unknown");
        for (int i = 0; i < n; i++) {
            double most = MAX_EXCESS_LITHIUM_FACTOR * nominalCap[i];
            if (!Double.isNaN(excess[i]) && !(excess[i] >= 0 && excess[i] <= most)) {
                bad.add(i, excess[i]);
                excess[i] = Double.NaN;
            }
        }
        bad.report();
        bad = new Cells(
                "lithiumLossPerCycleAh",
                "a loss per cycle must be finite and smaller than the configured "
                        + "capacity (or be unknown); using unknown");
        for (int i = 0; i < n; i++) {
            if (!Double.isNaN(loss[i]) && !(Math.abs(loss[i]) <= nominalCap[i])) {
                bad.add(i, loss[i]);
                loss[i] = Double.NaN;
            }
        }
        bad.report();
        bad = new Cells("closedCycles", "a count of cycles cannot be negative; using 0");
        for (int i = 0; i < n; i++) {
            if (closed[i] < 0) {
                bad.add(i, closed[i]);
                closed[i] = 0;
            }
        }
        bad.report();
        long sequence = s.sequence();
        if (!SaveSequence.orders(sequence)) {
            warn(
                    "sequence",
                    Long.toString(sequence),
                    "a count of saves is 0.." + SaveSequence.HIGHEST + " (at two saves a second the top is 7e10 years "
                            + "away): this one was edited or damaged, orders nothing and would wrap at the next save; "
                            + "counting on from 0");
            sequence = 0;
        }
        long saved = s.savedEpochMillis();
        if (!plausibleTime(saved)) {
            warn("savedEpochMillis", Long.toString(saved), "not a time between 2020 and now; treated as unknown (0)");
            saved = 0;
        }
        long cycles = s.cycleCount();
        if (cycles < 0) {
            warn("cycleCount", Long.toString(cycles), "a count of cycles cannot be negative; using 0");
            cycles = 0;
        }
        double throughput = s.ahThroughput();
        if (!(throughput >= 0 && throughput < Double.POSITIVE_INFINITY)) {
            warn(
                    "ahThroughput",
                    Double.toString(throughput),
                    "a charge throughput must be a finite number of Ah " + "at or above 0; using 0");
            throughput = 0;
        }
        double inventory = s.lithiumInventoryFraction();
        if (!Double.isNaN(inventory) && !(inventory >= 0 && inventory <= MAX_CAPACITY_FACTOR)) {
            warn(
                    "lithiumInventoryFraction",
                    Double.toString(inventory),
                    "a fraction of the lithium built in must "
                            + "lie in 0.." + MAX_CAPACITY_FACTOR
                            + " (an estimate may exceed 1, never by that much); using "
                            + defaults.lithiumInventoryFraction());
            inventory = defaults.lithiumInventoryFraction();
        }
        List<ResistancePoint> history = new ArrayList<>();
        int droppedPoints = 0;
        int offClockPoints = 0;
        for (ResistancePoint p : s.resistanceHistory()) {
            boolean ok = p.equivalentCycles() >= 0
                    && p.equivalentCycles() < Double.POSITIVE_INFINITY
                    && p.r0Ohm() > 0
                    && p.r0Ohm() <= MAX_RESISTANCE_FACTOR * nominalR0[0]
                    && p.seiOhm() >= 0
                    && p.seiOhm() <= p.r0Ohm()
                    && clockReading(millisOfDays(p.epochDays()));
            if (!ok) {
                droppedPoints++;
                continue;
            }
            // a date that disagrees with this start's clock says the clock was not set (now, or when the point was
            // recorded): the learnt point is kept, never lost to a clock
            if (!plausibleTime(millisOfDays(p.epochDays()))) {
                offClockPoints++;
            }
            history.add(p);
        }
        if (droppedPoints > 0) {
            warn(
                    "resistance",
                    droppedPoints + " of " + s.resistanceHistory().size() + " history points",
                    "impossible cycles, R0, SEI or a date no clock shows (before 1970 or after 9999); those points "
                            + "are left out of the resistance trend");
        }
        if (offClockPoints > 0) {
            offClock(
                    "resistance",
                    offClockPoints + " of " + s.resistanceHistory().size() + " history points",
                    "those points are kept (a date before 2020 is left out of the SEI trend against time)");
        }
        UsableCapacity usable = s.usableCapacity();
        if (usable != null
                && !(usable.ampHours() <= MAX_CAPACITY_FACTOR * nominalCap[0]
                        && Double.isFinite(usable.meanDischargeC())
                        && Double.isFinite(usable.meanCelsius())
                        && clockReading(usable.epochMillis()))) {
            warn(
                    "usableCapacity",
                    usable.ampHours() + " Ah at " + usable.meanDischargeC() + " C, " + usable.meanCelsius()
                            + " °C, epoch ms " + usable.epochMillis(),
                    "not a measurement this pack "
                            + "can have made (capacity, rate, temperature, or a date no clock shows); treated as not measured yet");
            usable = null;
        } else if (usable != null && !plausibleTime(usable.epochMillis())) {
            offClock(
                    "usableCapacity",
                    usable.ampHours() + " Ah measured at epoch ms " + usable.epochMillis(),
                    "the measurement is kept (its date is only a record)");
        }
        long operating = s.operatingMillis();
        if (operating < 0) {
            warn(
                    "operatingMillis",
                    Long.toString(operating),
                    "an operating time cannot be negative; counting on from 0");
            operating = 0;
        }
        // an operating time no controller can have run makes every trip's age untrusted: counting on from 0, the
        // trips count as taken at this start (failing safe, the rule for any trip whose age cannot be trusted)
        boolean operatingTrusted = operating <= MAX_OPERATING_MILLIS;
        if (!operatingTrusted) {
            warn(
                    "operatingMillis",
                    Long.toString(operating),
                    "more than a century of operation (" + MAX_OPERATING_MILLIS + " ms), which no controller has "
                            + "run: the file was edited or corrupted with a matching crc32; counting on from 0, and "
                            + "the saved trips count as taken at this start");
            operating = 0;
        }
        List<TripRecord> trips = new ArrayList<>();
        List<String> undated = new ArrayList<>();
        for (TripRecord t : s.tripHistory()) {
            if (!t.id().matches("[A-Z0-9_]+\\.MSL")) {
                warn(
                        "tripHistory",
                        "'" + t.id() + "'",
                        "an entry is ID@epochMillis;operatingMillis with ID a fault id such as CELL_OVER_CURRENT.MSL; "
                                + "that entry is left out of the repeated-trip count");
            } else if (!operatingTrusted
                    || t.operatingMillis() == TripRecord.UNKNOWN
                    || t.operatingMillis() < 0
                    || t.operatingMillis() > operating) {
                // an age that cannot be trusted counts as none (failing safe): the trip is taken as made at this
                // start and ages from here, so it leaves the count after lockoutWindow of operation
                undated.add(t.id() + "@" + text(t.epochMillis()) + ";" + text(t.operatingMillis()));
                trips.add(t.atOperating(operating));
            } else {
                trips.add(t);
            }
        }
        if (!undated.isEmpty()) {
            warnings.add("persisted state " + where + ": tripHistory = '" + String.join(",", undated)
                    + "' has no operating time the lockout can age it by (a file from before the operating clock, an "
                    + "unreadable time, or one after the file's operatingMillis " + operating + "); the wall clock "
                    + "cannot say how old a trip is (a Pi without RTC reads 1970 before NTP), so those trips count as "
                    + "taken at this start and leave the repeated-trip count after lockoutWindow of operation");
        }
        if (warnings.isEmpty()) {
            return s;
        }
        HealthState health = new HealthState(
                cap,
                capSigma,
                r0,
                sei,
                excess,
                loss,
                closed,
                inventory,
                history.stream()
                        .map(p -> new HealthState.HistoryPoint(
                                p.equivalentCycles(), p.epochDays(), p.r0Ohm(), p.seiOhm()))
                        .toList());
        return PersistedState.builder(s.soc().withCellSoc(soc).withCellSocSigma(socSigma), health)
                .sequence(sequence)
                .savedEpochMillis(saved)
                .operatingMillis(operating)
                .cycleCount(cycles)
                .ahThroughput(throughput)
                .faultLog(s.faultLog())
                .usableCapacity(usable)
                .latchedFaults(s.latchedFaults())
                .tripHistory(trips)
                .build();
    }

    /** A date that disagrees with this start's clock: the value is kept, one warning per key. */
    private void offClock(String field, String found, String kept) {
        warnings.add("persisted state " + where + ": " + field + " = " + found + " dated outside 2020.."
                + Instant.ofEpochMilli(nowEpochMillis + FUTURE_TOLERANCE_MILLIS)
                + " (now + 1 day by this start's clock): the clock was not set now or when they were recorded (a "
                + "Pi without RTC reads 1970 until NTP answers); " + kept);
    }

    private static String text(long time) {
        return time == TripRecord.UNKNOWN ? "?" : Long.toString(time);
    }

    private void warn(String field, String found, String why) {
        warnings.add("persisted state " + where + ": " + field + " = " + found + " is impossible (" + why + ")");
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.6g", v);
    }

    /** The cells of one field that fell back, reported as one warning. */
    private final class Cells {
        private final String field;
        private final String why;
        private final StringBuilder found = new StringBuilder();

        Cells(String field, String why) {
            this.field = field;
            this.why = why;
        }

        void add(int cell, double value) {
            found.append(found.isEmpty() ? "" : ", ")
                    .append("cell ")
                    .append(cell + 1)
                    .append(": ")
                    .append(value);
        }

        void report() {
            if (!found.isEmpty()) {
                warnings.add("persisted state " + where + ": " + field + " impossible for " + found + " (" + why + ")");
            }
        }
    }
}
