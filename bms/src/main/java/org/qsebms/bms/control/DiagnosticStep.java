package org.qsebms.bms.control;

import java.util.function.LongSupplier;
import org.qsebms.bms.record.ScheduledDiagnostic;
import org.qsebms.bms.supervisor.Supervisor;
import org.qsebms.bms.supervisor.SupervisorState;

/**
 * Runs the scheduled diagnostic each tick, after the current limits and before the supervisor
 * decides; while it runs it holds the limits (see {@link ScheduledDiagnostic}).
 */
final class DiagnosticStep implements TickStep {
    private final ScheduledDiagnostic diagnostic;
    private final Supervisor supervisor;
    private final CurrentLimits currentLimits;
    private final LongSupplier epochMillis;

    DiagnosticStep(
            ScheduledDiagnostic diagnostic,
            Supervisor supervisor,
            CurrentLimits currentLimits,
            LongSupplier epochMillis) {
        this.diagnostic = diagnostic;
        this.supervisor = supervisor;
        this.currentLimits = currentLimits;
        this.epochMillis = epochMillis;
    }

    @Override
    public void run(TickState t) {
        SupervisorState st = supervisor.state();
        diagnostic.update(
                t.nowNanos,
                epochMillis.getAsLong(),
                t.m.packAmps,
                t.m.cellVolts,
                t.m.celsiusAtCell,
                t.cellSoc,
                t.valid,
                t.tripped,
                st == SupervisorState.NORMAL,
                st == SupervisorState.DIAGNOSTIC,
                currentLimits.dischargeAmps());
        if (diagnostic.holding()) {
            currentLimits.limitTo(diagnostic.chargeLimitAmps(), diagnostic.dischargeLimitAmps());
        }
    }
}
