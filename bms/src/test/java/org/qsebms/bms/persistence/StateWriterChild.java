package org.qsebms.bms.persistence;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.qsebms.estimators.health.HealthState;
import org.qsebms.estimators.soc.SocState;

/**
 * Child process for {@link PowerLossTest}: restores the state file, reports what it found on
 * stdout, writes one state and says so, then writes ever newer states in a tight loop until it is killed.
 */
public final class StateWriterChild {
    static final int CELLS = 16;

    private StateWriterChild() {}

    /** The one valid content for sequence {@code seq}: any mix of two writes would not match it. */
    static PersistedState stateFor(long seq) {
        double[] soc = new double[CELLS];
        double[] cap = new double[CELLS];
        double[] r = new double[CELLS];
        double[] sei = new double[CELLS];
        for (int i = 0; i < CELLS; i++) {
            soc[i] = ((seq * 7 + i * 13) % 1000) / 1000.0;
            cap[i] = 2.0 - (seq % 100) * 1e-4 - i * 1e-3;
            r[i] = 0.035 + (seq % 50) * 1e-5;
            sei[i] = (seq % 17) * 1e-4;
        }
        List<FaultLogEntry> faults = new ArrayList<>();
        for (int k = 0; k < seq % 40; k++) {
            faults.add(new FaultLogEntry(
                    seq * 1000 + k,
                    101,
                    "CELL_OVER_VOLTAGE.MSL",
                    k % 2 == 0,
                    "entry " + k + " of state " + seq + ": cell 3 above 4.300 V for 300 ms"));
        }
        return PersistedState.builder(
                        new SocState(soc),
                        new HealthState(
                                cap,
                                PersistedState.nans(CELLS),
                                r,
                                sei,
                                PersistedState.nans(CELLS),
                                PersistedState.nans(CELLS),
                                new int[CELLS],
                                1.0 - seq * 1e-7,
                                List.of()))
                .sequence(seq)
                .savedEpochMillis(1_764_000_000_000L + seq)
                .cycleCount(seq / 3)
                .ahThroughput(seq * 0.5)
                .faultLog(faults)
                .build();
    }

    public static void main(String[] args) throws Exception {
        PrintStream out = System.out;
        StateFile file = new StateFile(Path.of(args[0]));
        StateFile.Loaded l = file.load(CELLS, PersistedState.defaults(CELLS, 2.0, 0.035));
        long seq = l.restored() ? l.state().sequence() : 0;
        boolean consistent = !l.restored() || l.state().equals(stateFor(seq));
        out.println(
                "restored=" + l.restored() + " seq=" + seq + " consistent=" + consistent + " warning=" + l.warning());
        out.flush();
        file.write(stateFor(++seq));
        // the parent kills only after this line, so a slow start on a loaded machine cannot leave
        // a run that never wrote (which would look like a lost state)
        out.println("first write complete seq=" + seq);
        out.flush();
        while (true) {
            file.write(stateFor(++seq));
        }
    }
}
