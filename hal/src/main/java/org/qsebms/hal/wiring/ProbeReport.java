package org.qsebms.hal.wiring;

import java.util.List;
import org.qsebms.hal.SensorStatus;

/** What a probe of the board found: which chips answered and one reading per configured channel. */
public record ProbeReport(List<ChipAnswer> chips, List<Reading> readings) {
    public record ChipAnswer(String id, String type, String location, boolean answered, String detail) {}

    public record Reading(
            String quantity, String location, double value, String unit, SensorStatus status, String fault) {}

    public boolean allOk() {
        return chips.stream().allMatch(ChipAnswer::answered)
                && readings.stream().allMatch(r -> r.status().isOk());
    }

    /** Every failure, one per line, or empty. */
    public List<String> failures() {
        var out = new java.util.ArrayList<String>();
        for (ChipAnswer c : chips) {
            if (!c.answered()) {
                out.add(c.type() + " '" + c.id() + "' on " + c.location() + " does not answer: " + c.detail());
            }
        }
        for (Reading r : readings) {
            if (!r.status().isOk()) {
                out.add(r.quantity() + " on " + r.location() + ": " + r.status() + ": " + r.fault());
            }
        }
        return out;
    }
}
