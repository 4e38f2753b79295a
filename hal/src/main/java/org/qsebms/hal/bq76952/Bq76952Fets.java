package org.qsebms.hal.bq76952;

import org.qsebms.hal.Contactor;
import org.qsebms.hal.ContactorId;
import org.qsebms.hal.bus.BusException;

/**
 * The BQ76952's CHG and DSG FETs as one {@link Contactor}: close = ALL_FETS_ON (the chip may
 * then turn them on while none of its protections holds them off), open = ALL_FETS_OFF.
 * Feedback is FET Status (0x7F): closed only when both CHG and DSG are on. When the chip trips
 * its own FETs the feedback drops while the command is still closed, which the supervisor
 * treats as a contactor feedback fault; the chip's Safety Status says why
 * ({@link Bq76952SafetyStatus}). A bus error reads as open, the safe side, and as not readable
 * ({@link #feedbackReadable()}). A failed open is made again by the supervisor while the feedback
 * still reads closed.
 */
final class Bq76952Fets implements Contactor {
    private final ContactorId id;
    private final Bq76952 chip;
    private boolean commanded;
    private boolean readable = true;

    Bq76952Fets(ContactorId id, Bq76952 chip) {
        this.id = id;
        this.chip = chip;
    }

    @Override
    public ContactorId id() {
        return id;
    }

    @Override
    public void command(boolean closed) {
        commanded = closed;
        try {
            chip.subcommand(closed ? Bq76952Commands.ALL_FETS_ON : Bq76952Commands.ALL_FETS_OFF);
        } catch (BusException e) {
            // feedback shows what the FETs did; a failed open is caught as a weld by the supervisor
        }
    }

    @Override
    public boolean commandedClosed() {
        return commanded;
    }

    @Override
    public boolean feedbackClosed() {
        try {
            int fets = chip.readDirectU1(Bq76952Commands.FET_STATUS);
            readable = true;
            return (fets & Bq76952Commands.FET_STATUS_CHG) != 0 && (fets & Bq76952Commands.FET_STATUS_DSG) != 0;
        } catch (BusException e) {
            readable = false;
            return false;
        }
    }

    @Override
    public boolean feedbackReadable() {
        return readable;
    }
}
