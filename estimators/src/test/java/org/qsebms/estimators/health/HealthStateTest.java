package org.qsebms.estimators.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;
import org.qsebms.estimators.model.EcmParameters;
import org.qsebms.estimators.soc.TestCells;

/** The health tracker exports and imports its own state record; what it exports is what it imports. */
class HealthStateTest {
    private static final EcmParameters CELL = TestCells.ncmCell(); // 2.0 Ah, R0 30 mOhm
    private static final double BULK_OHMS = 0.012;

    private static CellHealthTracker tracker(int cells) {
        return new CellHealthTracker(CELL, cells, HealthSettings.defaults(CELL, BULK_OHMS, 4.0, 2.0));
    }

    private static HealthState export(CellHealthTracker t, int historyPoints) {
        HealthState.Capture c = new HealthState.Capture(t.cellCount(), historyPoints);
        t.exportInto(c);
        return c.toState();
    }

    @Test
    void aTrackerRestoredFromAnExportedStateExportsTheSameState() {
        CellHealthTracker learnt = tracker(3);
        learnt.restoreCell(0, 1.91, 0.02, 0.034, 1.2, 0.004, 7);
        learnt.restoreCell(1, 1.87, 0.03, 0.041, 1.1, 0.006, 6);
        learnt.restoreCell(2, 1.95, 0.01, 0.031, 1.3, 0.003, 8);
        learnt.addHistoryPoint(10, 20_000, 0.036);
        learnt.addHistoryPoint(20, 20_010, 0.039);
        learnt.addHistoryPoint(30, 20_020, 0.041);
        HealthState saved = export(learnt, 1024);

        CellHealthTracker restarted = tracker(3);
        restarted.importState(saved);

        assertThat(export(restarted, 1024)).isEqualTo(saved);
        assertThat(saved.capacityAh()).containsExactly(1.91, 1.87, 1.95);
        assertThat(saved.closedCycles()).containsExactly(7, 6, 8);
        assertThat(saved.history()).hasSize(3);
        assertThat(restarted.seiState()).isEqualTo(learnt.seiState());
        assertThat(restarted.worstSeiOhms()).isEqualTo(learnt.worstSeiOhms());
    }

    @Test
    void aSmallCaptureKeepsTheNewestHistoryPoints() {
        CellHealthTracker t = tracker(1);
        for (int k = 0; k < 10; k++) {
            t.addHistoryPoint(k, 20_000 + k, 0.030 + 0.001 * k);
        }
        HealthState s = export(t, 4);
        assertThat(s.history())
                .extracting(HealthState.HistoryPoint::equivalentCycles)
                .containsExactly(6.0, 7.0, 8.0, 9.0);
    }

    @Test
    void exportingIntoACaptureAllocatesNothing() {
        CellHealthTracker t = tracker(4);
        t.addHistoryPoint(1, 20_000, 0.031);
        HealthState.Capture c = new HealthState.Capture(4, 1024);
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long tid = Thread.currentThread().threadId();
        for (int i = 0; i < 20_000; i++) { // warm up until compiled
            t.exportInto(c);
        }
        long overhead = 0;
        for (int i = 0; i < 5; i++) {
            long a = mx.getThreadAllocatedBytes(tid);
            overhead = mx.getThreadAllocatedBytes(tid) - a;
        }
        long before = mx.getThreadAllocatedBytes(tid);
        for (int i = 0; i < 1_000; i++) {
            t.exportInto(c);
        }
        assertThat(mx.getThreadAllocatedBytes(tid) - before - overhead).isZero();
    }

    @Test
    void aStateOfAnotherPackSizeIsRefusedWithBothCounts() {
        HealthState fourCells = HealthState.nominal(4, 2.0, 0.03);
        assertThatThrownBy(() -> tracker(3).importState(fourCells))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("4 cells")
                .hasMessageContaining("tracker 3");
    }
}
