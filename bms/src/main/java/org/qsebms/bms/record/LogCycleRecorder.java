package org.qsebms.bms.record;

import java.io.IOException;
import java.nio.file.Path;
import org.qsebms.estimators.characterization.CellTestLog;
import org.qsebms.estimators.health.CellHealthTracker;
import org.qsebms.estimators.health.HealthSettings;
import org.qsebms.estimators.model.EcmParameters;

/**
 * The per-cycle record of a recorded one-cell log ({@code bms replay --record DIR}): the same
 * counter and health tracker as the live loop, fed row by row, so replayed, simulated and live
 * cells are recorded alike. Times are the log's seconds from 1970-01-01T00:00:00Z.
 */
public final class LogCycleRecorder {
    private LogCycleRecorder() {}

    /**
     * Records {@code log} into {@code dir}; returns the cycles closed (the last one, unfinished, as {@code
     * operator}).
     */
    public static long record(Path dir, CellTestLog log, EcmParameters cell, HealthSettings health, double cutoffVolts)
            throws IOException {
        CellHealthTracker tracker = new CellHealthTracker(cell, 1, health);
        long closed;
        try (CycleRecord record =
                CycleRecord.open(dir, 1, CycleRules.forCapacity(cell.capacityAh(), cutoffVolts), null, rows -> {})) {
            CycleCounter counter = record.startCounting(tracker);
            double[] v = new double[1];
            double[] t = new double[1];
            double[] bleed = new double[1];
            int n = log.timeS().length;
            for (int k = 0; k < n; k++) {
                double dt = k == 0 ? 0 : log.timeS()[k] - log.timeS()[k - 1];
                long millis = Math.round(1000 * log.timeS()[k]);
                double amps = log.currentA()[k];
                v[0] = log.voltageV()[k];
                t[0] = log.temperatureC()[k];
                tracker.update(amps, v, t, null, bleed, dt, millis);
                counter.update(millis, amps, v, t, bleed, dt, v[0], false, false, Double.POSITIVE_INFINITY);
                if (record.dropped() > 0) {
                    record.writer().flush();
                }
                if ((k & 0xfff) == 0) {
                    record.writer().flush(); // a long log closes cycles faster than the writer's pace
                }
            }
            counter.closeNow(CycleEnd.OPERATOR);
            closed = counter.closedCycles();
        }
        return closed;
    }
}
