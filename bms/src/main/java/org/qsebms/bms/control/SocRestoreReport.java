package org.qsebms.bms.control;

import java.util.Locale;
import org.qsebms.estimators.soc.SocEstimator;

/**
 * After the first estimate of a start, tells its listener which cells refused the SOC doubt they were restored
 * with ({@link SocEstimator#cellRestoreRefused}): their first reading disagreed with the saved SOC (the cells
 * changed while the BMS was off: charged or emptied by other means, swapped) or came under current. Runs its check
 * once; every later tick returns at once.
 */
final class SocRestoreReport implements TickStep {
    private final SocEstimator soc;
    private final SocRestoreListener listener;
    private boolean done;

    SocRestoreReport(SocEstimator soc, SocRestoreListener listener) {
        this.soc = soc;
        this.listener = listener;
    }

    @Override
    public void run(TickState t) {
        if (done || !t.valid) {
            return; // the estimate weighs the restored doubt at its first valid tick
        }
        done = true;
        StringBuilder cells = null;
        for (int i = 0; i < soc.cellCount(); i++) {
            if (soc.cellRestoreRefused(i)) {
                cells = cells == null ? new StringBuilder() : cells.append(", ");
                cells.append(String.format(
                        Locale.ROOT,
                        "cell %d at %.3f V starts at SOC %.3f (3-sigma %.3f)",
                        i + 1,
                        t.m.cellVolts[i],
                        soc.cellSoc(i),
                        soc.cellSocBound3Sigma(i)));
            }
        }
        if (cells != null) {
            listener.refused(
                    "the SOC saved before the restart does not fit the first reading (" + cells
                            + "): the cells changed while the BMS was off (charged or emptied by other means, or "
                            + "swapped), or the reading came under current; those cells start from their reading or "
                            + "with the filter's start doubt. If cells were swapped, their saved health (capacity, "
                            + "R0) is another cell's: check the pack",
                    t.nowNanos);
        }
    }
}
