package org.qsebms.bms.protection;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.qsebms.config.ProtectionLimits;
import org.qsebms.config.SupplementaryLimits;
import org.qsebms.config.ThreeLevelLimit;

/**
 * The fault table as data, after foxBMS 2's diagnosis table: one row per fault code with its
 * levels, threshold, debounce, hysteresis, when it applies, the reaction, and what proves its cause
 * gone (the condition a reset needs). The numbers come from the configuration's limits (the
 * chemistry preset, which configuration may only tighten) and {@link SupplementaryLimits} (preset data that
 * configuration may only tighten too); the
 * words are fixed per code. docs/faults.md is generated from it ({@link #markdown}) and a test
 * keeps the checked-in file equal to the generated one.
 *
 * @param code       the fault
 * @param levels     MOL/RSL/MSL or MSL only
 * @param quantity   what is watched
 * @param threshold  the levels with their unit
 * @param debounce   how long the condition must hold
 * @param hysteresis how far back inside a level must come to clear
 * @param applies    when the row is evaluated
 * @param reaction   what the BMS does
 * @param causeGone  what proves the cause gone (a reset is refused until it holds)
 */
record FaultTable(
        FaultCode code,
        String levels,
        String quantity,
        String threshold,
        String debounce,
        String hysteresis,
        String applies,
        String reaction,
        String causeGone) {

    private static final String OPEN = "MSL: contactors open at once (under load too), latched";
    /**
     * The time filter of the *_STUCK windows: watched time, each sample interval counted up to the interval of a tick
     * that is itself LOOP_OVERRUN (SensorPlausibility), so a stalled loop fills no window.
     */
    private static final String WATCHED_WINDOW = "the window, in watched time (one sample interval counts at most"
            + " loop.period x (loop.overrunsToFault + 1): a stalled loop watches nothing)";

    /** Every row, in code order, for the given limits. */
    public static List<FaultTable> rows(ProtectionLimits l, SupplementaryLimits x) {
        List<FaultTable> r = new ArrayList<>();
        r.add(limit(
                FaultCode.CELL_OVER_VOLTAGE,
                "highest cell voltage",
                l.cellOverVoltage(),
                "always",
                "MOL inform; RSL derate charging; " + OPEN,
                "highest cell below the MSL minus the hysteresis"));
        r.add(limit(
                FaultCode.CELL_UNDER_VOLTAGE,
                "lowest cell voltage",
                l.cellUnderVoltage(),
                "always",
                "MOL inform; RSL derate discharging; " + OPEN,
                "lowest cell above the MSL plus the hysteresis"));
        r.add(limit(
                FaultCode.CHARGE_OVER_CURRENT,
                "pack current (charge)",
                l.chargeOverCurrent(),
                "charging",
                "MOL inform; RSL derate; " + OPEN,
                "no charge current above the MSL (contactors open: none)"));
        r.add(limit(
                FaultCode.DISCHARGE_OVER_CURRENT,
                "−pack current (discharge)",
                l.dischargeOverCurrent(),
                "discharging",
                "MOL inform; RSL derate; " + OPEN,
                "no discharge current above the MSL (contactors open: none)"));
        r.add(limit(
                FaultCode.CHARGE_OVER_TEMPERATURE,
                "hottest thermistor",
                l.chargeOverTemperature(),
                "while charging (above " + num(x.currentDeadbandAmps(), 2) + " A); a pause or a discharge between "
                        + "charge pulses holds the debounce",
                "MOL inform; RSL charge limit tapers to 0 A; " + OPEN,
                "hottest below the MSL minus the hysteresis, charging or not"));
        r.add(limit(
                FaultCode.CHARGE_UNDER_TEMPERATURE,
                "coldest thermistor",
                l.chargeUnderTemperature(),
                "while charging (above " + num(x.currentDeadbandAmps(), 2) + " A; lithium metal is never charged "
                        + "cold); a pause or a discharge between charge pulses holds the debounce",
                "MOL inform; below the RSL the charge limit is 0 A; " + OPEN,
                "coldest above the MSL plus the hysteresis, charging or not"));
        r.add(limit(
                FaultCode.DISCHARGE_OVER_TEMPERATURE,
                "hottest thermistor",
                l.dischargeOverTemperature(),
                "always",
                "MOL inform; RSL derate both ways; " + OPEN,
                "hottest below the MSL minus the hysteresis"));
        r.add(limit(
                FaultCode.DISCHARGE_UNDER_TEMPERATURE,
                "coldest thermistor",
                l.dischargeUnderTemperature(),
                "always",
                "MOL inform; RSL derate; " + OPEN,
                "coldest above the MSL plus the hysteresis"));
        double a = l.anodicLimitVolts();
        r.add(new FaultTable(
                FaultCode.ELECTROLYTE_ANODIC_LIMIT,
                "MOL/RSL/MSL",
                "highest cell voltage",
                num(a, 2) + " V at every level (the electrolyte's)",
                "none",
                num(x.anodicHysteresisVolts(), 2) + " V",
                "always",
                OPEN,
                "highest cell below the limit minus " + num(x.anodicHysteresisVolts(), 2) + " V"));
        r.add(limit(
                FaultCode.CELL_IMBALANCE,
                "max − min cell voltage",
                x.cellImbalance(),
                "always; names the lowest cell",
                "MOL inform; RSL warn; " + OPEN,
                "spread below the MSL minus the hysteresis"));
        r.add(limit(
                FaultCode.SOC_HIGH,
                "highest cell SOC",
                x.socHigh(),
                "while charging; reached at the limit (1.00 counts)",
                "MOL inform; at the RSL the charge limit is 0 A, held until the highest cell is back below the RSL by the"
                        + " hysteresis (a discharge); "
                        + OPEN,
                "not charging"));
        r.add(limit(
                FaultCode.SOC_LOW,
                "lowest cell SOC",
                x.socLow(),
                "while discharging; reached at the limit (0.00 counts)",
                "MOL inform; at the RSL the discharge limit is 0 A, held until the lowest cell is back above the RSL by the"
                        + " hysteresis (a charge); "
                        + OPEN,
                "not discharging (charging is allowed)"));
        r.add(limit(
                FaultCode.SOFT_SHORT,
                "highest soft-short score (0..1) from the loop's detector (rest self-discharge "
                        + "with each cell's balancing bleed accounted for, abrupt voltage drops, SOC drift from the string median "
                        + "with the bleed charge ledger added back; docs/estimation.md); the detector holds a flag and its leak "
                        + "estimate until a rest measurement shows the leak below half its threshold",
                x.softShortScore(),
                "always",
                "MOL inform; RSL warn; " + OPEN,
                "score below the MSL minus the hysteresis"));
        r.add(new FaultTable(
                FaultCode.SHORT_CIRCUIT,
                "MSL",
                "|pack current|",
                num(x.shortCircuitFactor(), 1)
                        + " × the discharge over-current MSL ("
                        + num(x.shortCircuitFactor() * l.dischargeOverCurrent().msl(), 1)
                        + " A here), either way",
                "none: the sample that sees it",
                "–",
                "always",
                OPEN,
                "no current above the level (contactors open: none)"));
        String sensor = ms(x.sensorStatusDebounce());
        r.add(cond(
                FaultCode.CELL_VOLTAGE_SENSOR,
                "a cell channel reports a non-OK status (open wire, out-of-range code, "
                        + "bus error) or a reading that is not a finite number",
                sensor,
                "every channel OK"));
        r.add(cond(
                FaultCode.CURRENT_SENSOR,
                "the current sensor reports a non-OK status or a reading that is not a finite number",
                sensor,
                "the sensor OK"));
        r.add(cond(
                FaultCode.TEMPERATURE_SENSOR,
                "a thermistor reports a non-OK status: a node at a rail is a short or an "
                        + "open thermistor (from the ADC code), a temperature outside the NTC's range, a bus error, "
                        + "a reading that is not a finite number",
                sensor,
                "every thermistor OK"));
        r.add(cond(
                FaultCode.PACK_VOLTAGE_MISMATCH,
                "sum of cells differs from the measured pack voltage by more than "
                        + "cells × " + num(x.cellVoltsAccuracy() * 1000, 1) + " mV + "
                        + num(x.packVoltsAccuracyFraction() * 100, 2)
                        + " % of the pack voltage (the configured sensor accuracies)",
                ms(x.packMismatchDebounce()),
                "sum of cells and pack voltage agree within the tolerance"));
        r.add(cond(
                FaultCode.CURRENT_ZERO_DRIFT,
                "more than " + num(x.zeroDriftAmps(), 2) + " A read while contactor "
                        + "feedback says the current path is open",
                ms(x.zeroDriftDebounce()),
                "reading back within the drift"));
        r.add(cond(
                FaultCode.TEMPERATURE_SPREAD,
                "hottest − coldest thermistor above " + num(x.tempSpreadCelsius(), 1) + " °C",
                ms(x.tempSpreadDebounce()),
                "spread back within the limit for the debounce"));
        r.add(cond(
                FaultCode.TEMPERATURE_RATE,
                "a thermistor changes faster than " + num(x.tempRateCelsiusPerS(), 1)
                        + " °C/s over " + ms(x.tempRateWindow())
                        + " (both halves of a window sliding with every sample, or both windows of two in a row: a rise"
                        + " in steps, e.g. one a second, counts), or steps by more than "
                        + num(x.tempStepCelsius(), 1)
                        + " °C between two samples (at once)",
                "the " + ms(x.tempRateWindow()) + " window (in steps: two windows; a step: none)",
                "no thermistor beyond the rate over the last " + ms(x.tempRateWindow())
                        + " (in steps: over both of the last two)"));
        r.add(cond(
                FaultCode.CELL_VOLTAGE_STUCK,
                "a cell reading (under tap subtraction, the tap reading at the top of the cell: a frozen tap leaves"
                        + " both cells read from it moving) bit-identical for " + s(x.cellStuckWhileFlowing())
                        + " while more than " + num(x.stuckMinAmps(), 1) + " A flows (where the cell front end states"
                        + " its resolution, e.g. the BQ76952's 1 mV, only once the cell model predicts a move of more"
                        + " than " + num(x.cellStuckMoveResolutions(), 1) + " of it since the reading last changed),"
                        + " or for " + s(x.cellStuckAtRest())
                        + " whatever the current (at-rest liveness diagnostic; only where the cell front end states"
                        + " a bound on its live repeat chance at rest: a simulated converter from its noise, or"
                        + " cellRepeatAtRest from a measurement"
                        + (x.cellRepeatAtRest() < 1 ? ", here " + num(x.cellRepeatAtRest(), 2) : ", none stated here")
                        + "), or while every other cell reading"
                        + " changed at each sample, for as many samples as make a chance of at most "
                        + String.format(java.util.Locale.ROOT, "%.0e", x.cellFrozenFalseAlarm())
                        + " on the pack's cell count (relative liveness: 8 samples on 4 cells, 5 on 24 at 1e-06)",
                WATCHED_WINDOW,
                "its reading has changed since " + "(proven alive); a frozen channel at rest keeps the reset refused"));
        r.add(cond(
                FaultCode.TEMPERATURE_STUCK,
                "a thermistor reading bit-identical for " + s(x.tempStuckWhileFlowing()) + " while current flows, or "
                        + s(x.tempStuckAtRest()) + " whatever the current (liveness windows; both only where the"
                        + " thermistor front end states a bound on its live repeat chance at a steady temperature, which"
                        + " bounds a drifting one's too (a quiet converter holds its code under a small current and at"
                        + " thermal equilibrium): a"
                        + " simulated converter from its resolution and noise, or temperatureRepeatAtRest from a"
                        + " measurement"
                        + (x.temperatureRepeatAtRest() < 1
                                ? ", here " + num(x.temperatureRepeatAtRest(), 2)
                                : ", none stated here")
                        + ")"
                        + (x.tempFrozenFalseAlarm() > 0
                                ? ", or for as many readings as make a chance of at most "
                                        + String.format(java.util.Locale.ROOT, "%.0e", x.tempFrozenFalseAlarm())
                                        + " at the channel's own repeat rate (learnt from its own history of at"
                                        + " least " + num(x.tempFrozenMinHistory(), 0) + " pairs, bounded from"
                                        + " above) while another thermistor's reading changed, or at once on a pack with"
                                        + " one thermistor (own-rate liveness)"
                                        + "; where the thermistor front end states a bound on its live repeat"
                                        + " chance (a simulated converter from its resolution and noise, or"
                                        + " tempFrozenPriorRepeat from a measurement"
                                        + (x.tempFrozenPriorRepeat() < 1
                                                ? ", here " + num(x.tempFrozenPriorRepeat(), 2) + " from "
                                                        + num(x.tempFrozenPriorMinCelsius(), 0) + " to "
                                                        + num(x.tempFrozenPriorMaxCelsius(), 0) + " °C"
                                                : ", none stated here")
                                        + ") that bound judges it too (from the first sample, and alone when no"
                                        + " other thermistor changed), unless the channel's own history shows it"
                                        + " repeating more often"
                                : ""),
                WATCHED_WINDOW,
                "its reading has changed since (proven alive)"));
        r.add(cond(
                FaultCode.CURRENT_STUCK,
                "the current reading bit-identical for " + s(x.currentStuckWhileFlowing()) + " while current flows, or "
                        + s(x.currentStuckAtRest()) + " whatever the current (only where the current front end states a"
                        + " bound on its live repeat chance at rest: a simulated converter from its noise, or"
                        + " currentRepeatAtRest from a measurement"
                        + (x.currentRepeatAtRest() < 1
                                ? ", here " + num(x.currentRepeatAtRest(), 2)
                                : ", none stated here")
                        + "), or, with the path closed and the reading "
                        + "at rest, while every cell (all but "
                        + num(x.currentCrossCheckLaggingFraction() * 100, 0)
                        + " % of them, rounded down and fewer than half: a minority that moves less, a heated"
                        + " cell of lower resistance or one on a flat OCV stretch, does not veto it) moved (over a "
                        + s(x.currentCrossCheckWindow())
                        + " window, or the part of it since the reading froze) beyond what the reading explains through the preset's R0 and RC pairs, by more "
                        + "than a current of " + num(x.currentCrossCheckC(), 2) + " C would move it plus "
                        + num(x.currentCrossCheckModelDoubt() * 100, 0) + " % of the model's own predicted move",
                WATCHED_WINDOW + "; the cells' cross-check: " + ms(x.currentCrossCheckDebounce()),
                "its reading has changed since (proven alive)"));
        r.add(cond(
                FaultCode.CURRENT_SENSOR_IMPLAUSIBLE,
                "with the path closed, over a window sliding with every sample (twice "
                        + s(x.currentResponseWindow())
                        + ", at least four loop periods), the move in its second half less the first half's trend"
                        + " (a second difference about its middle): a reading step of at least "
                        + num(x.currentResponseStepAmps(), 2)
                        + " A, from a reading that held within that over the first half, for which the preset's R0 and"
                        + " RC pairs (the first by the lithium interface's law) predict at least "
                        + num(x.currentResponseMinVolts() * 1000, 1) + " mV while the cells' median did not move "
                        + num(x.currentResponseFollowFraction() * 100, 0) + " % of that its way; or every cell"
                        + " stepping one way beyond the model by " + num(x.currentResponseMinVolts() * 1000, 1)
                        + " mV plus " + num(x.currentResponseModelDoubt() * 100, 0) + " % of the model's move,"
                        + " holding over the last two samples, with no reading step. At a loop period of half of "
                        + s(x.currentResponseWindow())
                        + " or over (each level one sample; over half the samples may alias a faster load) a reading"
                        + " step so found (at exactly half, at either of two samples in a row), where the reading holds"
                        + " over two samples each side of it, is judged on every sample while the reading holds its"
                        + " new level, up to a span: the reading and each cell fitted by a step and one line over as"
                        + " many samples of the new level as of the old, the step is held where the cells' median"
                        + " fitted step falls short of "
                        + num(x.currentResponseFollowFraction() * 100, 0)
                        + " % of R0 times the reading's, where R0 times it lies at least "
                        + num(x.currentResponseNoiseSigmas(), 1)
                        + " standard deviations of that median (from the cells' residuals about their fits) beyond"
                        + " that threshold; at half or over, the unread step is not judged",
                "two samples in a row (one for the fitted step at a loop period of half of "
                        + s(x.currentResponseWindow())
                        + " or over, whose fit asks the levels to hold over two samples or more; at exactly half the"
                        + " span's verdict at two samples in a row holds as well)",
                "the path open or the reading judged plausible again"));
        r.add(cond(
                FaultCode.CURRENT_OFFSET_IMPLAUSIBLE,
                "path closed, the reading at most " + num(x.currentOffsetMaxC(), 2) + " C and within "
                        + num(x.currentOffsetSteadyC(), 2) + " C of its value a window before the start of a "
                        + s(x.currentOffsetWindow())
                        + " window (sliding), begun at least " + s(x.currentOffsetSettle())
                        + " after a larger reading: every cell shows less of the OCV move the counted charge implies"
                        + " (the least from any SOC within the reach of the preset's OCV hysteresis plus the drift allowed"
                        + " plus " + num(x.currentOffsetModelDoubt() * 100, 0)
                        + " % of the model's polarisation, of its"
                        + " voltage less the R0 and RC pairs' polarisation, the first pair's by the lithium interface law) than"
                        + " that move less its margin (the shortfall taken the reading's way, at most the whole move): "
                        + num(x.currentOffsetNoiseVolts() * 1000, 1) + " mV + "
                        + num(x.currentOffsetOcvDoubt() * 100, 0) + " % of the counted move + "
                        + num(x.currentOffsetModelDoubt() * 100, 0) + " % of the model's predicted relaxation over the"
                        + " window + the cell's own move against the reading over the window before (relaxation"
                        + " decays); cells moving against the reading are not judged (the soft-short detector's); no"
                        + " verdict where that least move is below " + num(x.currentOffsetMinSlope(), 2)
                        + " V per unit SOC of the counted SOC move (too flat to judge)",
                "the " + s(x.currentOffsetWindow()) + " window",
                "path open, or a cell shows the counted move within its margin"));
        r.add(cond(
                FaultCode.CONTACTOR_WELDED,
                "a contactor commanded open for 200 ms still reads closed; checked every "
                        + "tick on every path, and no close starts unless every contactor reads open; while one "
                        + "commanded open reads closed, the open command is sent again every tick (an open lost on "
                        + "the bus is made once the bus is back); after a start the 200 ms run from the first tick "
                        + "(contacts a previous process left energised may still be releasing); every contactor "
                        + "reading closed with none ever commanded closed is named as a likely feedback polarity "
                        + "mistake",
                "200 ms release time",
                "every contactor commanded open reads open"));
        r.add(cond(
                FaultCode.CONTACTOR_FEEDBACK,
                "a contactor commanded closed does not read closed within 200 ms of its close command; or one "
                        + "that had read closed reads open (named as opened by itself, with the current it last "
                        + "carried; judged on that sample, a bounce of its auxiliary contact included); feedback "
                        + "that cannot be read (a bus error on the chip's FET status) is not judged for 200 ms from "
                        + "the first failed read, then named as unreadable",
                "200 ms",
                "feedback agrees with the command (all open after the trip)"));
        r.add(cond(
                FaultCode.PRECHARGE_FAILED,
                "the DC link did not reach the pack voltage (within 3 %) in 3 s",
                "3 s",
                "contactors open"));
        r.add(cond(
                FaultCode.LOOP_OVERRUN,
                "overrunning ticks in a row missed `loop.overrunsToFault` periods (each counts the periods it covered: "
                        + "one tick that starts 2 s late, the process stopped, misses 20 at 100 ms)",
                "the count; a run below it is a cause not yet latched, which refuses a reset or close until a "
                        + "tick runs on time",
                "no overrun for " + ms(x.loopProof())));
        r.add(cond(
                FaultCode.LOOP_EXCEPTION,
                "a tick threw; the loop's last-resort handler opened every contactor in that tick, moved to `FAULT` "
                        + "and published zero current limits, and refused any reset waiting (no tick ran to judge it)",
                "none",
                "no exception for " + ms(x.loopProof())));
        r.add(new FaultTable(
                FaultCode.REPEATED_TRIP_LOCKOUT,
                "MSL",
                "one fault tripped at MSL " + x.lockoutTrips() + " times within "
                        + x.lockoutWindow().toMinutes()
                        + " min of operation (the controller's operating time, carried across restarts; time powered "
                        + "off does not count)",
                "–",
                "none",
                "–",
                "always",
                "locked out: an ordinary reset is refused",
                "a service reset (`serviceReset`), itself refused while any " + "cause holds"));
        r.add(new FaultTable(
                FaultCode.PERSISTED_STATE_UNKNOWN,
                "MSL",
                "at start, a state file was there (`bms-state.txt` or its previous generation "
                        + "`bms-state.txt.previous`) but neither could be used: corrupt, unreadable, a directory in its "
                        + "place, or saved for another number of cells (a reconfigured pack); or the file used names a "
                        + "latched fault this version does not know; a first start (neither file there) raises nothing",
                "–",
                "none: raised before the first tick",
                "–",
                "at start",
                "MSL: the contactors stay open from the first tick, latched (the latches saved before the restart, "
                        + "a lockout among them, are unknown)",
                "an accepted reset: the reset itself acknowledges the lost state (refused, as always, while any "
                        + "other cause holds)"));
        hardware(r, FaultCode.HW_CELL_OVER_VOLTAGE, "Safety Status A COV or C COVL");
        hardware(r, FaultCode.HW_CELL_UNDER_VOLTAGE, "Safety Status A CUV");
        hardware(r, FaultCode.HW_CHARGE_OVER_CURRENT, "Safety Status A OCC");
        hardware(r, FaultCode.HW_DISCHARGE_OVER_CURRENT, "Safety Status A OCD1, OCD2 or C OCD3, OCDL");
        hardware(r, FaultCode.HW_SHORT_CIRCUIT, "Safety Status A SCD or C SCDL");
        hardware(r, FaultCode.HW_OVER_TEMPERATURE, "Safety Status B OTC, OTD, OTINT or OTF");
        hardware(r, FaultCode.HW_UNDER_TEMPERATURE, "Safety Status B UTC, UTD or UTINT");
        hardware(
                r,
                FaultCode.HW_HOST_WATCHDOG,
                "Safety Status C HWDF: the Pi did not talk to the chip for " + "`margins.hostWatchdogDelay`");
        hardware(
                r,
                FaultCode.HW_ALERT_UNREAD,
                "the ALERT pin is asserted (low) and the status registers cannot be read " + "over I2C");
        r.add(new FaultTable(
                FaultCode.HW_CONFIGURATION_LOST,
                "MSL",
                "battery-monitor chip: Battery Status POR or WD (the chip reset: brown-out, ESD, its own watchdog, a "
                        + "RESET), or CONFIG_UPDATE the driver did not ask for, or a rewrite of the plan that did not "
                        + "read back; read every tick",
                "–",
                "none: the tick it is read",
                "–",
                "with `hal.bq76952`",
                OPEN,
                "the driver has written the protection plan again and read every value back (it does so the tick "
                        + "it sees the reset, and tries again each tick until it reads back)"));
        return r;
    }

    /**
     * A battery-monitor chip (the BQ76952, {@code hal.bq76952}) opened its own FETs: its Safety
     * Status bits, read once per tick, map to these rows. The chip acts only beyond the software
     * MSLs (docs/safety.md), so one of them means the software did not stop the condition in time.
     */
    private static void hardware(List<FaultTable> r, FaultCode code, String raisedWhen) {
        r.add(new FaultTable(
                code,
                "MSL",
                "battery-monitor chip: " + raisedWhen,
                "the chip's own (docs/safety.md)",
                "the chip's own delay",
                "the chip's own recovery",
                "with `hal.bq76952`",
                OPEN,
                "the chip has recovered (its status bit clear)"));
    }

    private static FaultTable limit(
            FaultCode code, String quantity, ThreeLevelLimit l, String applies, String reaction, String causeGone) {
        int digits = "V".equals(l.unit()) ? 2 : "A".equals(l.unit()) ? 2 : "".equals(l.unit()) ? 2 : 0;
        String unit = l.unit().isEmpty() ? "" : " " + l.unit();
        return new FaultTable(
                code,
                "MOL/RSL/MSL",
                quantity,
                num(l.mol(), digits) + " / " + num(l.rsl(), digits) + " / " + num(l.msl(), digits) + unit,
                ms(l.debounce()),
                num(l.hysteresis(), 2) + unit,
                applies,
                reaction,
                causeGone);
    }

    private static FaultTable cond(FaultCode code, String raisedWhen, String debounce, String causeGone) {
        return new FaultTable(code, "MSL", raisedWhen, "–", debounce, "–", "always", OPEN, causeGone);
    }

    private static String num(double v, int digits) {
        return String.format(Locale.ROOT, "%." + digits + "f", v);
    }

    private static String ms(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    private static String s(Duration d) {
        return d.toSeconds() % 60 == 0 && d.toSeconds() >= 60 ? d.toMinutes() + " min" : d.toSeconds() + " s";
    }

    /** docs/faults.md for the given limits (the checked-in file uses the default simulated configuration). */
    public static String markdown(String presetName, ProtectionLimits l, SupplementaryLimits x) {
        StringBuilder b = new StringBuilder();
        b.append("# Fault table\n\n");
        b.append("<!-- generated by FaultTable.markdown; FaultTableDocTest keeps this file equal to it -->\n\n");
        b.append("Every fault has a stable numeric code (never renumbered; telemetry, logs and the persisted\n"
                + "fault log carry it), a severity and a human-readable reason naming where, the value with its\n"
                + "unit, the limit and the debounce. Fault ids in telemetry are `NAME.LEVEL`, for example\n"
                + "`CELL_OVER_VOLTAGE.MSL`. `FaultCodeTest` pins the numbers.\n\n");
        b.append("Levels: **MOL** inform, **RSL** warn and derate, **MSL** open the contactors. A level is reached\n"
                + "when the value is at or beyond it. Debounces are times, never tick counts: a level is raised at\n"
                + "the first sample where the time beyond reaches the debounce or would pass it before the next\n"
                + "sample, so the reaction is at most debounce + one loop period at any period. Every MSL latches\n"
                + "(also through a crash or power loss: the state file keeps `latchedFaults`) until an accepted\n"
                + "reset. A reset answers the faults latched when it is received, or is refused; it is refused while\n"
                + "any cause in the last column still holds, and after a lockout only a service reset is taken.\n\n");
        b.append("The numbers below are the defaults of the `")
                .append(presetName)
                .append("` preset (configuration may only\n"
                        + "tighten an MSL, in `limits:`) and the supplementary thresholds (imbalance, SOC,\n"
                        + "soft-short score, short-circuit factor, sensor cross-checks, stuck windows, lockout),\n"
                        + "whose defaults come from the preset (`presets/supplementary-defaults.yaml` unless the\n"
                        + "preset file overrides them); the configuration's `supplementary:` section may only\n"
                        + "tighten those too (see docs/configuration.md).\n\n");
        b.append(
                "| Code | Name | Levels | Watches / raised when | Threshold | Debounce | Hysteresis | Applies | Reaction "
                        + "| Cause gone when |\n");
        b.append("|---|---|---|---|---|---|---|---|---|---|\n");
        for (FaultTable r : rows(l, x)) {
            b.append("| ")
                    .append(r.code().number())
                    .append(" | `")
                    .append(r.code().name())
                    .append("` | ")
                    .append(r.levels())
                    .append(" | ")
                    .append(cell(r.quantity()))
                    .append(" | ")
                    .append(cell(r.threshold()))
                    .append(" | ")
                    .append(cell(r.debounce()))
                    .append(" | ")
                    .append(cell(r.hysteresis()))
                    .append(" | ")
                    .append(cell(r.applies()))
                    .append(" | ")
                    .append(cell(r.reaction()))
                    .append(" | ")
                    .append(cell(r.causeGone()))
                    .append(" |\n");
        }
        b.append("\n## Example reasons\n\n```\n");
        b.append("cell 3: cellOverVoltage 4.320 V above limit 4.300 V for 300 ms\n");
        b.append(
                "current sensor reads 0.800 A while the contactors are open (allowed 0.500 A); recalibrate its zero offset\n");
        b.append("cell voltage channel 1 read 3.7123 V identically for 5.0 s (1.00 A flowing); the ADC is stuck\n");
        b.append("temperature sensor 3 stepped +105.0 °C between two samples, more than the plausible 5.0 °C; "
                + "check the thermistor\n");
        b.append("pack current -200.0 A beyond the short-circuit level 12.0 A: opened on the sample that saw it, "
                + "no debounce\n");
        b.append("reset refused: condition still present [CELL_VOLTAGE_STUCK]\n");
        b.append("reset refused: no fault is latched (state NORMAL); a reset is not kept for a later fault\n");
        b.append("reset refused: locked out after repeated DISCHARGE_OVER_CURRENT trips; send a service reset once the "
                + "cause is found\n");
        b.append("```\n");
        return b.toString();
    }

    private static String cell(String s) {
        return s.replace("|", "\\|");
    }
}
