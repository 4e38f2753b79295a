package org.qsebms.bms.control;

import java.util.function.LongSupplier;
import org.qsebms.bms.record.CycleCounter;
import org.qsebms.bms.supervisor.Supervisor;
import org.qsebms.bms.supervisor.SupervisorState;

/**
 * Feeds the per-cycle record every valid tick, after the supervisor decided (see {@link
 * CycleCounter}): sums only; a closed cycle is copied to a queue for the record's writer thread.
 */
final class CycleCountStep implements TickStep {
    private final CycleCounter counter;
    private final Supervisor supervisor;
    private final CurrentLimits currentLimits;
    private final LongSupplier epochMillis;

    CycleCountStep(CycleCounter counter, Supervisor supervisor, CurrentLimits currentLimits, LongSupplier epochMillis) {
        this.counter = counter;
        this.supervisor = supervisor;
        this.currentLimits = currentLimits;
        this.epochMillis = epochMillis;
    }

    @Override
    public void run(TickState t) {
        counter.update(
                epochMillis.getAsLong(),
                t.m.packAmps,
                t.m.cellVolts,
                t.m.celsiusAtCell,
                t.bleedAmps,
                t.dtSeconds,
                t.m.minCellVolts,
                t.tripped,
                supervisor.state() == SupervisorState.OPENING,
                currentLimits.dischargeAmps());
    }
}
