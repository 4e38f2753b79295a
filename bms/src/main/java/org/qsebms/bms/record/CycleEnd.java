package org.qsebms.bms.record;

import java.util.Locale;

/** How a cycle's discharge ended (the {@code end} column), or that a row is a diagnostic checkpoint. */
public enum CycleEnd {
    /** The lowest cell reached the discharge cutoff voltage. */
    CUTOFF,
    /** The published discharge limit held the current (state of function or protection derating). */
    LIMIT,
    /** A protection trip opened the contactors. */
    FAULT,
    /** An operator command (open) or a shutdown of the BMS ended it. */
    OPERATOR,
    /** The load turned to charging before any of those: a partial cycle. */
    PARTIAL,
    /** Not a cycle: a scheduled diagnostic checkpoint row. */
    CHECKPOINT;

    /** The word written in the record. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The value of a record's word, or null for an unknown word. */
    public static CycleEnd ofWord(String word) {
        for (CycleEnd e : values()) {
            if (e.word().equals(word)) {
                return e;
            }
        }
        return null;
    }
}
