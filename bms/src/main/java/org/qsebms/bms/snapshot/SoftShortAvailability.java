package org.qsebms.bms.snapshot;

import java.util.Locale;
import org.qsebms.estimators.softshort.SoftShortDetector;

/**
 * Whether the soft-short detector judges this pack at all, and if not why: every cue compares a cell with the other
 * cells in series, so a pack of fewer than {@link SoftShortDetector#MIN_CELLS} has no soft-short detection (a single
 * cell: check23r measured a 300 ohm short, 13 mA, never flagged in 4 h at rest, and a 3 ohm short, 1.3 A, raising
 * nothing until the cell under-voltage). Said at start-up in the log and the scenario's start line, and in every
 * {@code health} message, never left silent.
 *
 * @param on     true when the detector judges the pack's cells
 * @param reason null when on; otherwise what is off, why, and what to do
 */
public record SoftShortAvailability(boolean on, String reason) {
    /** The availability for a pack of {@code seriesCells} cells in series. */
    public static SoftShortAvailability forSeriesCells(int seriesCells) {
        if (seriesCells >= SoftShortDetector.MIN_CELLS) {
            return new SoftShortAvailability(true, null);
        }
        return new SoftShortAvailability(
                false,
                String.format(
                        Locale.ROOT,
                        "soft-short detection is off for this pack: it compares each cell with the other cells in "
                                + "series and needs at least %d, this pack has %d (pack.seriesCells); a soft short in "
                                + "it is not flagged, only its consequences (under-voltage, SOC low). Watch the cell's "
                                + "rest voltage for a fall the coulomb count does not explain (docs/safety.md, "
                                + "\"Packs of one and two cells (check23r)\")",
                        SoftShortDetector.MIN_CELLS,
                        seriesCells));
    }

    /** {@code on} or {@code off}, as published. */
    public String state() {
        return on ? "on" : "off";
    }
}
