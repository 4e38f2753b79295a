package org.qsebms.bms.record;

import org.qsebms.bms.supervisor.SupervisorRequests;
import org.qsebms.config.DiagnosticsConfig;
import org.qsebms.estimators.model.EcmParameters;

/**
 * A diagnostic at comparable conditions, on the control loop (allocation-free): every
 * {@code everyCycles} cycles or {@code every} of time, when the pack is idle in NORMAL with every
 * cell inside the SOC window and temperature band and no fault latched, it asks the supervisor for
 * DIAGNOSTIC, holds the published limits at 0 A until every cell has relaxed, notes each cell's
 * relaxed OCV and its SOC, then asks the {@link PulseOutput} for a short discharge pulse (limits:
 * no charge, discharge up to the pulse) and takes R0 from the first sample of the pulse, referred to
 * 25 °C, and its SEI part (R0 less the bulk resistance). The result is a checkpoint row in the
 * record. Any operator command, a fault, leaving DIAGNOSTIC, current during the rest or a cell
 * leaving the temperature band cancels it; a due diagnostic whose conditions are not met is
 * skipped until they are. Each change of {@link #status()} bumps {@link #revision()}.
 */
public final class ScheduledDiagnostic {
    private enum Phase {
        WAITING,
        STARTING,
        RESTING,
        PULSING
    }

    private static final long MINUTE_NANOS = 60_000_000_000L;
    private static final double AVERAGING_SECONDS = 10.0;
    private static final long PULSE_START_TIMEOUT_NANOS = 5_000_000_000L;

    private final DiagnosticsConfig cfg;
    private final EcmParameters cell;
    private final double bulkOhmsAt25;
    private final double pulseAmps;
    private final double restAmps;
    private final CycleCounter cycles;
    private final SupervisorRequests requests;
    private final PulseOutput pulse;
    private final ClosedCycle checkpoint;
    private final double[] averagedVolts;
    private final double[] minuteVolts;
    private final double[] beforePulseVolts;
    private Phase phase = Phase.WAITING;
    private DiagnosticStatus status = DiagnosticStatus.WAITING;
    private long revision;
    private long completed;
    private long lastDoneNanos = Long.MIN_VALUE;
    private long cycleAtLastDone;
    private long idleSinceNanos = Long.MIN_VALUE;
    private long phaseNanos;
    private long minuteMarkNanos;
    private double lastMinuteDelta = Double.POSITIVE_INFINITY;
    private long operatorCommandsAtStart;
    private long pulseBeganNanos = Long.MIN_VALUE;
    private double lastNowSeconds;

    /**
     * @param cell         the estimator's cell (OCV curve for the SOC of the relaxed OCV, temperature factor of R0)
     * @param bulkOhmsAt25 the bulk electrolyte share of R0 at 25 °C
     * @param capacityAh   the configured cell capacity (the pulse is {@code pulseC} of it)
     * @param pulse        the pulse output, or null when the BMS cannot command one
     */
    public ScheduledDiagnostic(
            DiagnosticsConfig cfg,
            EcmParameters cell,
            double bulkOhmsAt25,
            double capacityAh,
            CycleCounter cycles,
            SupervisorRequests requests,
            PulseOutput pulse) {
        int n = cycles.cellCount();
        this.cfg = cfg;
        this.cell = cell;
        this.bulkOhmsAt25 = bulkOhmsAt25;
        this.pulseAmps = cfg.pulseC() * capacityAh;
        this.restAmps = capacityAh / 50;
        this.cycles = cycles;
        this.requests = requests;
        this.pulse = pulse;
        this.checkpoint = new ClosedCycle(n);
        this.averagedVolts = new double[n];
        this.minuteVolts = new double[n];
        this.beforePulseVolts = new double[n];
        this.cycleAtLastDone = cycles.nextCycle();
    }

    /** The diagnostic {@code cfg} schedules (null when it schedules none), with the estimator's view of the cell. */
    public static ScheduledDiagnostic of(
            org.qsebms.config.BmsConfig cfg, CycleCounter cycles, SupervisorRequests requests, PulseOutput pulse) {
        DiagnosticsConfig d = cfg.health().diagnostics();
        if (!d.enabled()) {
            return null;
        }
        EcmParameters nominal = cfg.chemistry().cell();
        double capFactor = cfg.pack().capacityAh() / nominal.capacityAh();
        return new ScheduledDiagnostic(
                d,
                nominal.scaled(capFactor, 1.0 / capFactor),
                cfg.health().bulkOhms() / capFactor,
                cfg.pack().capacityAh(),
                cycles,
                requests,
                pulse);
    }

    /**
     * One tick, after the current limits and before the supervisor decides.
     *
     * @param valid     the measurement is valid
     * @param normal    the supervisor is in NORMAL (contactors closed)
     * @param diagnosing the supervisor is in DIAGNOSTIC
     * @param dischargeLimitAmps the discharge limit before this diagnostic's own
     */
    public void update(
            long nowNanos,
            long epochMillis,
            double packAmps,
            double[] cellVolts,
            double[] cellCelsius,
            double[] cellSoc,
            boolean valid,
            boolean tripped,
            boolean normal,
            boolean diagnosing,
            double dischargeLimitAmps) {
        if (lastDoneNanos == Long.MIN_VALUE) {
            lastDoneNanos = nowNanos; // the schedule counts from the start
        }
        double dt = lastNowSeconds == 0 ? 0 : Math.max(0, nowNanos / 1e9 - lastNowSeconds);
        lastNowSeconds = nowNanos / 1e9;
        boolean idle = valid && Math.abs(packAmps) <= restAmps;
        if (!idle) {
            idleSinceNanos = Long.MIN_VALUE;
        } else if (idleSinceNanos == Long.MIN_VALUE) {
            idleSinceNanos = nowNanos;
        }
        double w = Math.min(1.0, dt / AVERAGING_SECONDS);
        for (int i = 0; i < averagedVolts.length; i++) {
            averagedVolts[i] = phase == Phase.WAITING || averagedVolts[i] == 0
                    ? cellVolts[i]
                    : averagedVolts[i] + w * (cellVolts[i] - averagedVolts[i]);
        }
        switch (phase) {
            case WAITING ->
                waiting(nowNanos, epochMillis, cellCelsius, cellSoc, valid, tripped, normal, idle, dischargeLimitAmps);
            case STARTING -> starting(nowNanos, tripped, diagnosing);
            case RESTING -> resting(nowNanos, packAmps, cellCelsius, cellSoc, tripped, diagnosing, idle);
            case PULSING -> pulsing(nowNanos, epochMillis, packAmps, cellVolts, cellCelsius, tripped, diagnosing);
            default -> throw new IllegalStateException("unknown phase " + phase);
        }
    }

    private boolean due(long nowNanos) {
        boolean byCycles = cfg.everyCycles() > 0 && cycles.nextCycle() - cycleAtLastDone >= cfg.everyCycles();
        boolean byTime =
                !cfg.every().isZero() && nowNanos - lastDoneNanos >= cfg.every().toNanos();
        return byCycles || byTime;
    }

    private void waiting(
            long nowNanos,
            long epochMillis,
            double[] celsius,
            double[] soc,
            boolean valid,
            boolean tripped,
            boolean normal,
            boolean idle,
            double dischargeLimitAmps) {
        if (!due(nowNanos)) {
            return;
        }
        DiagnosticStatus blocked = tripped || !valid
                ? DiagnosticStatus.SKIPPED_FAULT
                : !normal
                        ? DiagnosticStatus.SKIPPED_NOT_CONNECTED
                        : !idle || nowNanos - idleSinceNanos < cfg.idle().toNanos()
                                ? DiagnosticStatus.SKIPPED_NOT_IDLE
                                : !inWindow(soc)
                                        ? DiagnosticStatus.SKIPPED_SOC
                                        : !inBand(celsius)
                                                ? DiagnosticStatus.SKIPPED_TEMPERATURE
                                                : pulse != null && dischargeLimitAmps < pulseAmps
                                                        ? DiagnosticStatus.SKIPPED_LIMITS
                                                        : null;
        if (blocked != null) {
            setStatus(blocked);
            return;
        }
        operatorCommandsAtStart = requests.operatorCommands();
        requests.wantDiagnostic(true);
        checkpoint.clear();
        checkpoint.startMillis = epochMillis;
        for (int i = 0; i < celsius.length; i++) {
            checkpoint.minCelsius[i] = celsius[i];
            checkpoint.maxCelsius[i] = celsius[i];
        }
        phase = Phase.STARTING;
        phaseNanos = nowNanos;
        setStatus(DiagnosticStatus.RUNNING);
    }

    private void starting(long nowNanos, boolean tripped, boolean diagnosing) {
        if (cancelledByOperatorOrFault(tripped)) {
            return;
        }
        if (diagnosing) {
            phase = Phase.RESTING;
            phaseNanos = nowNanos;
            minuteMarkNanos = nowNanos;
            lastMinuteDelta = Double.POSITIVE_INFINITY;
            System.arraycopy(averagedVolts, 0, minuteVolts, 0, minuteVolts.length);
        } else if (nowNanos - phaseNanos > 5_000_000_000L) {
            cancel(DiagnosticStatus.CANCELLED_STATE);
        }
    }

    private void resting(
            long nowNanos,
            double packAmps,
            double[] celsius,
            double[] soc,
            boolean tripped,
            boolean diagnosing,
            boolean idle) {
        if (cancelledByOperatorOrFault(tripped)) {
            return;
        }
        if (!diagnosing) {
            cancel(DiagnosticStatus.CANCELLED_STATE);
            return;
        }
        if (!idle) {
            cancel(DiagnosticStatus.CANCELLED_CURRENT);
            return;
        }
        if (!inBand(celsius)) {
            cancel(DiagnosticStatus.CANCELLED_TEMPERATURE);
            return;
        }
        track(celsius);
        if (nowNanos - minuteMarkNanos >= MINUTE_NANOS) {
            double worst = 0;
            for (int i = 0; i < averagedVolts.length; i++) {
                worst = Math.max(worst, Math.abs(averagedVolts[i] - minuteVolts[i]));
                minuteVolts[i] = averagedVolts[i];
            }
            lastMinuteDelta = worst * MINUTE_NANOS / (nowNanos - minuteMarkNanos);
            minuteMarkNanos = nowNanos;
        }
        long rested = nowNanos - phaseNanos;
        if (rested >= cfg.minRest().toNanos() && lastMinuteDelta < cfg.relaxedVoltsPerMinute()) {
            // the relaxed OCV point
            for (int i = 0; i < averagedVolts.length; i++) {
                checkpoint.ocvVolts[i] = averagedVolts[i];
                checkpoint.socFraction[i] = cell.ocv().socAt(averagedVolts[i], celsius[i]);
                beforePulseVolts[i] = averagedVolts[i];
            }
            phase = Phase.PULSING;
            phaseNanos = nowNanos;
            pulseBeganNanos = Long.MIN_VALUE;
            if (pulse != null) {
                pulse.requestPulse(pulseAmps);
            }
        } else if (rested > cfg.maxRest().toNanos()) {
            cancel(DiagnosticStatus.CANCELLED_NOT_RELAXED);
        }
    }

    private void pulsing(
            long nowNanos,
            long epochMillis,
            double packAmps,
            double[] cellVolts,
            double[] celsius,
            boolean tripped,
            boolean diagnosing) {
        if (cancelledByOperatorOrFault(tripped)) {
            return;
        }
        if (!diagnosing) {
            cancel(DiagnosticStatus.CANCELLED_STATE);
            return;
        }
        track(celsius);
        if (pulseBeganNanos == Long.MIN_VALUE) {
            if (-packAmps > restAmps) { // the first sample of the pulse: R0 from the step
                pulseBeganNanos = nowNanos;
                for (int i = 0; i < cellVolts.length; i++) {
                    double r0 = (beforePulseVolts[i] - cellVolts[i]) / -packAmps;
                    double r0At25 = r0 / cell.resistanceFactor(celsius[i]);
                    checkpoint.r0At25Ohms[i] = r0At25;
                    checkpoint.seiAt25Ohms[i] = Math.max(0, r0At25 - bulkOhmsAt25);
                }
            } else if (pulse == null || nowNanos - phaseNanos > PULSE_START_TIMEOUT_NANOS) {
                finish(nowNanos, epochMillis, DiagnosticStatus.DONE_WITHOUT_PULSE);
            }
            return;
        }
        if (nowNanos - pulseBeganNanos >= cfg.pulse().toNanos()) {
            finish(nowNanos, epochMillis, DiagnosticStatus.DONE);
        }
    }

    private void finish(long nowNanos, long epochMillis, DiagnosticStatus outcome) {
        checkpoint.cycle = cycles.nextCycle();
        checkpoint.endMillis = epochMillis;
        checkpoint.end = CycleEnd.CHECKPOINT;
        cycles.sink().accept(checkpoint);
        completed++;
        lastDoneNanos = nowNanos;
        cycleAtLastDone = cycles.nextCycle();
        release();
        setStatus(outcome);
    }

    private boolean cancelledByOperatorOrFault(boolean tripped) {
        if (requests.operatorCommands() != operatorCommandsAtStart) {
            cancel(DiagnosticStatus.CANCELLED_OPERATOR);
            return true;
        }
        if (tripped) {
            cancel(DiagnosticStatus.CANCELLED_FAULT);
            return true;
        }
        return false;
    }

    /** Gives the pack back; the diagnostic stays due and starts again once its conditions hold. */
    private void cancel(DiagnosticStatus why) {
        release();
        setStatus(why);
    }

    private void release() {
        if (pulse != null) {
            pulse.requestPulse(0.0);
        }
        requests.wantDiagnostic(false);
        phase = Phase.WAITING;
        idleSinceNanos = Long.MIN_VALUE;
    }

    private void track(double[] celsius) {
        for (int i = 0; i < celsius.length; i++) {
            checkpoint.minCelsius[i] = Math.min(checkpoint.minCelsius[i], celsius[i]);
            checkpoint.maxCelsius[i] = Math.max(checkpoint.maxCelsius[i], celsius[i]);
        }
    }

    private boolean inWindow(double[] soc) {
        for (double s : soc) {
            if (!(s >= cfg.minSoc() && s <= cfg.maxSoc())) {
                return false;
            }
        }
        return true;
    }

    private boolean inBand(double[] celsius) {
        for (double c : celsius) {
            if (!(c >= cfg.minCelsius() && c <= cfg.maxCelsius())) {
                return false;
            }
        }
        return true;
    }

    private void setStatus(DiagnosticStatus s) {
        if (s != status) {
            status = s;
            revision++;
        }
    }

    /**
     * True while it holds the pack: the published limits must be {@link #chargeLimitAmps()} and {@link
     * #dischargeLimitAmps()}.
     */
    public boolean holding() {
        return phase == Phase.RESTING || phase == Phase.PULSING || phase == Phase.STARTING;
    }

    /** 0 A while holding. */
    public double chargeLimitAmps() {
        return 0.0;
    }

    /** 0 A during the rest, the pulse during the pulse. */
    public double dischargeLimitAmps() {
        return phase == Phase.PULSING ? pulseAmps : 0.0;
    }

    public DiagnosticStatus status() {
        return status;
    }

    public long revision() {
        return revision;
    }

    /** Diagnostics that recorded a checkpoint. */
    long completed() {
        return completed;
    }
}
