package org.qsebms.bms.record;

/** What the scheduled diagnostic is doing or last did; each has one fixed message (no allocation on the loop). */
public enum DiagnosticStatus {
    WAITING("not due"),
    RUNNING("running: rest until relaxed, relaxed OCV, pulse"),
    DONE("done: checkpoint recorded"),
    DONE_WITHOUT_PULSE("done without a pulse (no pulse output, or the load did not follow): relaxed OCV only"),
    SKIPPED_NOT_CONNECTED("skipped: the contactors are not closed in NORMAL"),
    SKIPPED_FAULT("skipped: a fault is latched or a reading is not valid"),
    SKIPPED_NOT_IDLE("skipped: the pack is not idle"),
    SKIPPED_SOC("skipped: a cell's SOC is outside the window"),
    SKIPPED_TEMPERATURE("skipped: a cell's temperature is outside the band"),
    SKIPPED_LIMITS("skipped: the discharge limit is below the pulse"),
    CANCELLED_OPERATOR("cancelled: an operator command"),
    CANCELLED_FAULT("cancelled: a fault"),
    CANCELLED_STATE("cancelled: the supervisor left DIAGNOSTIC"),
    CANCELLED_CURRENT("cancelled: current flowed during the rest"),
    CANCELLED_TEMPERATURE("cancelled: a cell's temperature left the band"),
    CANCELLED_NOT_RELAXED("cancelled: not relaxed within maxRest");

    private final String message;

    DiagnosticStatus(String message) {
        this.message = message;
    }

    public String message() {
        return message;
    }
}
