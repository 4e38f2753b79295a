package org.qsebms.hal.bq76952;

import java.util.Locale;
import org.qsebms.hal.bus.BusException;

/**
 * Notices a BQ76952 that no longer runs on its protection plan, and writes the plan again. A
 * brown-out on the stack, an ESD event, a stray RESET or the chip's own watchdog puts its RAM
 * settings back to their power-on defaults: thresholds that no longer sit beyond the software's
 * MSLs, no host watchdog, no over-current or temperature protection, other measurement units and
 * calibration. Battery Status (0x12) shows it: POR (bit 3) after a full reset, WD (bit 4) after a
 * watchdog reset, both cleared only by EXIT_CFGUPDATE; CFGUPDATE (bit 0) that the driver did not
 * ask for means the protections are not running at all; SLEEP_EN (bit 2), which the driver clears
 * at start, means SLEEP (and the CHG FET off at rest) is allowed again.
 *
 * <p>{@link #check()} reads Battery Status once per tick. On such a reading it writes the plan and
 * reads it back as at start ({@link Bq76952Startup#configure}: the FETs off first, then
 * CONFIG_UPDATE, which also clears POR and WD), and reports the chip as off its plan for this one
 * check, so the controller latches a fault. Until the plan reads back, every check tries again and
 * reports it again (a write that failed its read-back may already have cleared POR, so the failure
 * itself is remembered). Without a plan (the probe, which never writes) it only reports.
 */
final class Bq76952ResetRecovery {
    private final Bq76952 chip;
    private final Bq76952ProtectionPlan plan;
    private int status = -1;
    private boolean offPlan;
    private boolean restoreFailed;
    private String outcome = "";

    /** @param plan the plan to write again, or {@code null} to only notice */
    Bq76952ResetRecovery(Bq76952 chip, Bq76952ProtectionPlan plan) {
        this.chip = chip;
        this.plan = plan;
    }

    /**
     * Reads Battery Status; when the chip is off its plan, writes the plan again.
     *
     * @return true when the chip was found off its plan at this check, whether or not the plan
     *     could be put back. When Battery Status cannot be read, the last judgement stands: a
     *     chip found off its plan is not taken as back on it (a reset accepted on such a tick,
     *     and the fault raised again the next, each a new trip toward the lockout), nor one on
     *     it as off
     */
    boolean check() {
        try {
            status = chip.readDirectU2(Bq76952Commands.BATTERY_STATUS);
        } catch (BusException e) {
            status = -1;
            return offPlan;
        }
        offPlan = (status & (Bq76952Commands.BATTERY_STATUS_POR | Bq76952Commands.BATTERY_STATUS_WD)) != 0
                || (status & Bq76952Commands.BATTERY_STATUS_CFGUPDATE) != 0 && !chip.inConfigUpdate()
                || (status & Bq76952Commands.BATTERY_STATUS_SLEEP_EN) != 0
                || restoreFailed;
        if (!offPlan) {
            return false;
        }
        if (plan == null) {
            outcome = "not written again: this run only reads the chip";
            return true;
        }
        try {
            Bq76952Startup.configure(chip, plan);
            restoreFailed = false;
            outcome = "its protection plan was written again and read back ("
                    + plan.settings().size() + " values), its FETs off until the controller closes them";
        } catch (RuntimeException e) {
            restoreFailed = true;
            outcome = "writing its protection plan again failed, tried again next tick: " + e.getMessage();
        }
        return true;
    }

    /** Battery Status at the last check, and what was done, for messages. */
    String describe() {
        if (status < 0) {
            return "Battery Status unreadable" + (offPlan ? ", the chip last found off its plan: " + outcome : "");
        }
        String text = String.format(Locale.ROOT, "Battery Status 0x%04X", status);
        if (!offPlan) {
            return text;
        }
        StringBuilder why = new StringBuilder();
        if ((status & Bq76952Commands.BATTERY_STATUS_POR) != 0) {
            why.append("POR");
        }
        if ((status & Bq76952Commands.BATTERY_STATUS_WD) != 0) {
            why.append(why.isEmpty() ? "" : " ").append("WD");
        }
        if ((status & Bq76952Commands.BATTERY_STATUS_CFGUPDATE) != 0 && !chip.inConfigUpdate()) {
            why.append(why.isEmpty() ? "" : " ").append("CONFIG_UPDATE not asked for");
        }
        if ((status & Bq76952Commands.BATTERY_STATUS_SLEEP_EN) != 0) {
            why.append(why.isEmpty() ? "" : " ").append("SLEEP_EN");
        }
        if (why.isEmpty()) {
            why.append("the last write of the plan did not read back");
        }
        return text + " [" + why + "]: the chip reset or left its configuration and ran on its power-on defaults; "
                + outcome;
    }
}
