package org.qsebms.bms.offline.replay;

import java.util.List;
import java.util.Locale;
import org.qsebms.estimators.characterization.CellTestLog;

/**
 * A cell log read from a file, with how it was read: the format, how many cycles and steps its
 * cycle and step columns hold (0 where it has none) and what was done to it (units, sign,
 * decimal commas, temperature).
 */
public record CyclerLog(CellTestLog log, CyclerFormat format, int cycles, int steps, List<String> notes) {
    public CyclerLog {
        notes = List.copyOf(notes);
    }

    /** One line for the user, e.g. "read x.csv as Neware BTS CSV export: 2600 rows over 43.3 h, 1 cycle, ...". */
    public String describe() {
        double hours = log.size() == 0 ? 0 : (log.timeS()[log.size() - 1] - log.timeS()[0]) / 3600;
        StringBuilder b = new StringBuilder(String.format(
                Locale.ROOT,
                "read %s as %s: %d rows over %.2f h",
                log.source(),
                format.description(),
                log.size(),
                hours));
        if (cycles > 0) {
            b.append(", ").append(cycles).append(cycles == 1 ? " cycle" : " cycles");
        }
        if (steps > 0) {
            b.append(", ").append(steps).append(steps == 1 ? " step" : " steps");
        }
        for (String note : notes) {
            b.append("; ").append(note);
        }
        return b.toString();
    }
}
