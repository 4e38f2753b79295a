package org.qsebms.bms.persistence;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.qsebms.bms.protection.FaultEvent;

/**
 * Which faults are latched, as the persisted fault log tells it: an MSL raise latches its id, the
 * edge an accepted reset writes (reason ending in {@link FaultEvent#RESET_SUFFIX}) clears it. Used
 * by the writer to keep the state file's {@code latchedFaults} line current, and to read files
 * written before that line existed.
 */
final class LatchedFaults {
    private final Set<String> ids = new LinkedHashSet<>();

    LatchedFaults(List<String> initial) {
        ids.addAll(initial);
    }

    /** Applies one fault edge. */
    void apply(FaultLogEntry e) {
        if (!e.id().endsWith(".MSL")) {
            return;
        }
        if (e.raised()) {
            ids.add(e.id());
        } else if (e.reason().endsWith(FaultEvent.RESET_SUFFIX)) {
            ids.remove(e.id());
        }
    }

    List<String> ids() {
        return new ArrayList<>(ids);
    }

    /** The faults a log leaves latched. */
    static List<String> fromLog(List<FaultLogEntry> log) {
        LatchedFaults l = new LatchedFaults(List.of());
        for (FaultLogEntry e : log) {
            l.apply(e);
        }
        return l.ids();
    }
}
