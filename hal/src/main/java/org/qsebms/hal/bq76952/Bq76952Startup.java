package org.qsebms.hal.bq76952;

import java.util.ArrayList;
import java.util.List;

/**
 * Brings a BQ76952 into the state the controller relies on, at start, before the control loop
 * runs: checks DEVICE_NUMBER, turns all FETs off (the supervisor closes them later), leaves FET
 * test mode (FET_ENABLE), writes every {@link Bq76952ProtectionPlan} value in CONFIG_UPDATE mode,
 * leaves it, then reads every value back, and disallows SLEEP (SLEEP_DISABLE, checked in Battery
 * Status). Any value that reads back different refuses the start with a message naming each
 * register, the value wanted and the value found.
 */
final class Bq76952Startup {
    private Bq76952Startup() {}

    public static void configure(Bq76952 chip, Bq76952ProtectionPlan plan) {
        byte[] two = new byte[2];
        chip.readTransfer(Bq76952Commands.DEVICE_NUMBER, two, 2);
        int device = Bq76952.u2(two, 0);
        if (device != Bq76952Commands.DEVICE_NUMBER_BQ76952) {
            throw new IllegalStateException(String.format(
                    "BQ76952 %s: DEVICE_NUMBER reads 0x%04X, not 0x7695; this is "
                            + "another chip (0x7694 is a BQ76942) or a wrong address: check hal.bq76952.address",
                    chip.location(), device));
        }
        chip.subcommand(Bq76952Commands.ALL_FETS_OFF);
        chip.readTransfer(Bq76952Commands.MANUFACTURING_STATUS, two, 2);
        if ((Bq76952.u2(two, 0) & Bq76952Commands.MFG_STATUS_FET_EN) == 0) {
            chip.subcommand(Bq76952Commands.FET_ENABLE);
        }
        chip.enterConfigUpdate();
        try {
            for (Bq76952Setting s : plan.settings()) {
                chip.writeDataMemory(s.address(), s.value(), s.bytes());
            }
        } finally {
            chip.exitConfigUpdate();
        }
        verify(chip, plan);
        // on the data-memory defaults the chip enters SLEEP at rest and turns its CHG FET off there (FET Options
        // SLEEPCHG clear): a pack resting in NORMAL would read as a contactor that dropped out, and its readings
        // would slow to every 5 s. The Pi talks to it every tick, so it is kept awake.
        chip.subcommand(Bq76952Commands.SLEEP_DISABLE);
        int status = chip.readDirectU2(Bq76952Commands.BATTERY_STATUS);
        if ((status & Bq76952Commands.BATTERY_STATUS_SLEEP_EN) != 0) {
            throw new IllegalStateException(String.format(
                    "BQ76952 %s refuses to run: SLEEP is still allowed after SLEEP_DISABLE (Battery Status 0x%04X); "
                            + "in SLEEP the chip turns its CHG FET off at rest. Check the bus and restart",
                    chip.location(), status));
        }
    }

    /** Reads every value of {@code plan} back; throws naming each mismatch. */
    public static void verify(Bq76952 chip, Bq76952ProtectionPlan plan) {
        List<String> wrong = new ArrayList<>();
        for (Bq76952Setting s : plan.settings()) {
            long found = chip.readDataMemory(s.address(), s.bytes());
            if (found != s.value()) {
                wrong.add(String.format(
                        "%s (0x%04X): wanted %d (%s), found %d", s.name(), s.address(), s.value(), s.meaning(), found));
            }
        }
        if (!wrong.isEmpty()) {
            throw new IllegalStateException("BQ76952 " + chip.location() + " refuses to run: " + wrong.size()
                    + " protection value(s) read back wrong: " + String.join("; ", wrong)
                    + ". The chip did not take the write (sealed, a bus error, or a wrong address): unseal it, "
                    + "check the "
                    + "bus, and restart; the hardware protection layer is not trusted until every value reads back.");
        }
    }
}
