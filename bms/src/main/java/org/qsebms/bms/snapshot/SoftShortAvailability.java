package org.qsebms.bms.snapshot;

import java.util.Locale;
import org.qsebms.estimators.softshort.SoftShortDetector;

/**
 * How the soft-short detector judges this pack: every cue but one compares a cell with the other cells in series, so a
 * pack of fewer than {@link SoftShortDetector#MIN_CELLS} (a single cell) is judged only by its own rest (the OCV's
 * fall at rest with no current counted, with bounds for the model's relaxation, temperature term and hysteresis),
 * never under load (check23r measured a 3 ohm short, 1.3 A, raising nothing until the cell under-voltage). Said at
 * start-up in the log and the scenario's start line, and in every {@code health} message, never left silent.
 *
 * @param on     true when the detector compares the pack's cells with each other (every cue); false: a lone cell's
 *               own rest only
 * @param reason null when on; otherwise what is judged, what is not, and what to do
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
                        "soft-short detection is limited for this pack: it compares each cell with the other cells "
                                + "in series and needs at least %d for that, this pack has %d (pack.seriesCells). The "
                                + "lone cell is judged only at rest: after the settle time with no current its voltage's fall "
                                + "through the OCV is its leak, flagged once it clears the model's doubt (a relaxation "
                                + "slower than the model's, the OCV's temperature term, LFP hysteresis) by its sigma "
                                + "test, which takes hours for a few mA; a current that truly flows at rest is read as "
                                + "a leak, the OCV plateau of LFP shows none, and under load a short is seen only by its "
                                + "consequences (under-voltage, SOC low). Let the cell rest for hours at a SOC where its "
                                + "OCV is not flat to have it judged (docs/safety.md, \"Packs of one and two cells "
                                + "(check23r)\")",
                        SoftShortDetector.MIN_CELLS,
                        seriesCells));
    }

    /** {@code on}, or {@code rest-only} for a lone cell, as published. */
    public String state() {
        return on ? "on" : "rest-only";
    }
}
