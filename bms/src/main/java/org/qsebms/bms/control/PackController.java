package org.qsebms.bms.control;

import java.util.Optional;
import org.qsebms.bms.measure.CurrentSensorZero;
import org.qsebms.bms.measure.PackMeasurement;
import org.qsebms.bms.persistence.StateHandoff;
import org.qsebms.bms.protection.Protection;
import org.qsebms.bms.record.ScheduledDiagnostic;
import org.qsebms.bms.supervisor.Supervisor;
import org.qsebms.bms.supervisor.SupervisorState;
import org.qsebms.estimators.health.CellHealthTracker;
import org.qsebms.estimators.health.UsableCapacityMeter;
import org.qsebms.estimators.soc.SocEstimator;
import org.qsebms.estimators.soc.SocState;
import org.qsebms.estimators.softshort.SoftShortDetector;
import org.qsebms.hal.PackHardware;

/**
 * One control tick, in a fixed order: sense, validate, estimate, protect, decide, actuate, then
 * offer telemetry and persistence. Built complete from its {@link ControllerParts} by the
 * composition root ({@code runtime.ControllerAssembly}); each estimator step and the snapshot
 * writing are their own classes. Allocation-free in steady state; never blocks on telemetry,
 * logging, disk or network.
 */
public final class PackController {
    private final ControllerParts parts;
    private final PackHardware hw;
    private final CurrentSensorZero currentZero;
    private final CurrentZeroRatingStep currentZeroRating;
    private final Plant plant;
    private final CurrentLimitOutput limitOutput;
    private final SocEstimator soc;
    private final Protection protection;
    private final Supervisor supervisor;
    private final CurrentLimits currentLimits;
    private final PassiveBalancer balancer;
    private final OperatorSettings operator;
    private final TickState t;
    private final BalancingBleed bleed;
    private final SoftShortStep softShort;
    private final TickStep health;
    private final TickStep socRestore;
    private final SocBounds socBounds;
    private final TickStep usableCapacity;
    private final TickStep stateOfFunction;
    private final TickStep diagnostic;
    private final TickStep cycles;
    private final SampleWriter samples;
    private final PersistenceStep persistence;
    private final ChargeThroughput throughput;
    private long ticks;

    public PackController(ControllerParts parts) {
        this.parts = parts;
        this.hw = parts.hw();
        this.currentZero = parts.currentZero().learning();
        this.plant = parts.links().plant();
        this.limitOutput = parts.links().limitOutput();
        ControllerParts.Control c = parts.control();
        this.protection = c.protection();
        this.supervisor = c.supervisor();
        this.currentLimits = c.currentLimits();
        this.balancer = c.balancer();
        this.operator = c.operator();
        ControllerParts.Estimators e = parts.estimators();
        this.soc = e.soc();
        // the same deadband as the health tracker's cycles, so that ahThroughput and equivalentFullCycles agree
        this.throughput = new ChargeThroughput(e.health().settings().throughputDeadbandAmps());
        int cells = hw.cellVoltages().cellCount();
        this.t = new TickState(cells, hw.temperatures().channelCount());
        this.bleed = new BalancingBleed(hw, soc);
        this.softShort = new SoftShortStep(e.softShort(), protection, cells);
        this.health = new HealthStep(e.health(), soc, softShort, parts.epochMillis(), cells);
        this.socRestore = new SocRestoreReport(soc, e.socRestore());
        this.currentZeroRating =
                new CurrentZeroRatingStep(currentZero, soc, parts.currentZero().rating());
        this.socBounds = new SocBounds(protection, soc, currentLimits);
        this.usableCapacity = new UsableCapacityStep(e.usableCapacity(), parts.epochMillis());
        this.stateOfFunction = new StateOfFunctionStep(e.stateOfFunction(), soc, currentLimits);
        Optional<ControllerParts.CycleRecording> record = parts.outlets().record();
        this.diagnostic = record.flatMap(ControllerParts.CycleRecording::diagnostic)
                .<TickStep>map(d -> new DiagnosticStep(d, supervisor, currentLimits, parts.epochMillis()))
                .orElse(TickStep.NONE);
        this.cycles = record.<TickStep>map(
                        r -> new CycleCountStep(r.counter(), supervisor, currentLimits, parts.epochMillis()))
                .orElse(TickStep.NONE);
        this.samples = new SampleWriter(parts, t.m);
        this.persistence = new PersistenceStep(parts.outlets(), e, throughput, parts.epochMillis());
    }

    /** Runs one tick at loop time {@code nowNanos}. */
    public void tick(long nowNanos) {
        TickState t = this.t;
        plant.advanceTo(nowNanos);
        operator.applyTo(currentLimits, balancer);
        // the protection chip first: a chip found reset gets its plan (and measurement units) back before the sample
        hw.hardwareProtection().refresh();
        // sense
        t.m.sample(hw, nowNanos);
        currentZero.apply(t.m); // the pack current net of the sensor's zero; protection judges the reading itself
        currentZeroRating.run(nowNanos);
        // validate + protect (limits and plausibility at three levels, debounced)
        protection.evaluate(t.m);
        protection.evaluateHardware(hw.hardwareProtection(), nowNanos);
        t.valid = t.m.firstBadCell() < 0 && t.m.currentStatus.isOk() && t.m.firstBadTemperature() < 0;
        // estimate
        t.advanceTo(nowNanos);
        if (t.valid) {
            bleed.measure(t);
            if (currentZero.nothingFlows()) {
                soc.updateWithNothingFlowing(t.m.cellVolts, t.m.celsiusAtCell, t.dtSeconds);
            } else {
                soc.update(t.m.packAmps, t.m.cellVolts, t.m.celsiusAtCell, t.dtSeconds);
            }
            bleed.count(t);
            for (int i = 0; i < t.cellSoc.length; i++) {
                t.cellSoc[i] = soc.cellSoc(i);
                t.cellSocBound3SigmaWithoutCurrentSensor[i] = soc.cellSocBound3SigmaWithoutCurrentSensor(i);
            }
            socRestore.run(t);
            softShort.run(t);
            health.run(t);
            socBounds.evaluate(t);
            throughput.add(t.m.packAmps, t.dtSeconds);
        } else {
            softShort.run(t); // told of the gap: a step in a reading across it is no abrupt drop
        }
        usableCapacity.run(t);
        t.tripped = protection.tripped();
        // limits: while opening on request, zero, so the charger or load ramps the current down first
        currentLimits.update(t.m, t.tripped || supervisor.state() == SupervisorState.OPENING);
        if (t.valid) {
            stateOfFunction.run(t);
            socBounds.applyFloors(t);
        }
        diagnostic.run(t);
        limitOutput.publish(currentLimits.chargeAmps(), currentLimits.dischargeAmps());
        // decide + actuate
        boolean zeroed = t.tripped || supervisor.state() == SupervisorState.OPENING;
        supervisor.step(t.m, t.valid);
        t.tripped |= protection.tripped();
        if (!zeroed && (t.tripped || supervisor.state() == SupervisorState.OPENING)) {
            // a contactor fault judged in the step (a weld, one that opened by itself) opened the pack this tick, or
            // an open request began OPENING: the charger and load see zero now, not a tick later (issue 23,
            // check23k and check23n)
            currentLimits.update(t.m, true);
            limitOutput.publish(currentLimits.chargeAmps(), currentLimits.dischargeAmps());
        }
        SupervisorState st = supervisor.state();
        boolean balanceAllowed = !t.tripped && (st == SupervisorState.STANDBY || st == SupervisorState.NORMAL);
        balancer.decide(t.m, soc, balanceAllowed, hw.balancing(), softShort.bleedHold());
        hw.watchdog().feed();
        if (t.valid) {
            cycles.run(t);
        }
        ticks++;
        // offer telemetry and persistence (never block; a busy persistence writer is retried next tick)
        samples.offerWhenDue(nowNanos, t.tripped);
        persistence.run(t);
    }

    /**
     * Acts on a fault latched between ticks (the loop's overrun judgement): the contactors open now and the charger
     * and load see zero now, not at the next tick. Loop thread only.
     */
    public void actOnFaultRaisedBetweenTicks(long nowNanos) {
        if (!protection.tripped()) {
            return;
        }
        supervisor.tripNow(nowNanos);
        currentLimits.update(t.m, true);
        limitOutput.publish(currentLimits.chargeAmps(), currentLimits.dischargeAmps());
    }

    /**
     * Offers a sample of this moment to telemetry now, whatever the sample interval: at a clean stop, after the
     * contactors were opened, so the last retained state shows them open and the final mode. Loop thread only.
     */
    public void offerSampleNow(long nowNanos) {
        samples.offerNow(nowNanos, protection.tripped());
    }

    /** Offers a persistence snapshot now, whatever the interval. */
    public boolean offerPersistenceNow() {
        return persistence.offerNow();
    }

    /**
     * Offers the last persistence snapshot on shutdown, after the loop has stopped and opened the
     * contactors: its SOC is marked as saved at a stop, so a restart adds no doubt for charge moved
     * after it, unless a contactor still reads closed (welded): then current can flow while the BMS
     * is off, and the save counts as one made while running.
     */
    public boolean offerPersistenceAtStop() {
        return persistence.offerAtStop(PackMeasurement.currentPathOpen(hw));
    }

    /** Last-resort safe state, called by the loop when a tick throws: opens every contactor. */
    public void emergencyOpen(String reason, long nowNanos) {
        emergencyOpen(reason, nowNanos, nowNanos);
    }

    /**
     * {@link #emergencyOpen(String, long)} with the loop clock's time {@code sentNanos} at which the opens are sent,
     * which the weld check's release time runs from ({@code nowNanos} is the tick's time, carried by the fault).
     */
    public void emergencyOpen(String reason, long nowNanos, long sentNanos) {
        try {
            supervisor.openAll(sentNanos);
        } finally {
            try {
                hw.balancing().allOff(); // each step whatever became of the one before
            } finally {
                try {
                    protection.loopException(reason, nowNanos);
                } finally {
                    // FAULT and zero limits now, as for any MSL, not once the ticks run again (check23r)
                    try {
                        supervisor.tickFailed(reason, nowNanos);
                    } finally {
                        currentLimits.update(t.m, true); // tripped: zero, whatever the measurement holds
                        limitOutput.publish(currentLimits.chargeAmps(), currentLimits.dischargeAmps());
                    }
                }
            }
        }
    }

    /**
     * Restores a persisted SOC at start into the SOC filter, and into the soft-short detector's own filter when it
     * has one (see {@link SocEstimator#importState}).
     *
     * @return how many cells took a persisted SOC
     */
    public int importSocState(SocState state) {
        return importSocState(state, Double.POSITIVE_INFINITY);
    }

    /**
     * As {@link #importSocState(SocState)}, the cells having rested {@code restedSeconds} since the
     * state was saved (NaN: unknown): a restored SOC's doubt is weighed against the first reading
     * after a rest long enough for it to be an OCV ({@link SocEstimator#restoreCellSoc}).
     */
    public int importSocState(SocState state, double restedSeconds) {
        int n = soc.importState(state, restedSeconds);
        softShort.importSocState(state, restedSeconds);
        return n;
    }

    /** Restores the lifetime charge throughput (Ah, both directions) from persisted state. */
    public void restoreAhThroughput(double ah) {
        throughput.restore(ah);
    }

    public double ahThroughput() {
        return throughput.ah();
    }

    public StateHandoff persistence() {
        return persistence.handoff();
    }

    /**
     * The SOC filter counts the cell's charge on a learnt capacity (Ah, known to {@code sigmaAh}: the bound carries
     * that doubt from now on) from now on, and the soft-short
     * step knows it does (its own SOC filter counts on it too), as the health step does when the tracker learns one (for a capacity restored
     * from the state file).
     */
    public void countOnLearntCapacity(int cell, double ah, double sigmaAh) {
        soc.setCellCapacityAh(cell, ah, HealthStep.sigmaOfLearnt(ah, sigmaAh));
        softShort.countOnLearntCapacity(cell, ah);
    }

    /**
     * The soft-short detector's own SOC filter, whose estimates its drift cue reads (empty: it reads the published
     * filter's, which has the current-offset state already). For diagnosis; it publishes nothing.
     */
    public Optional<org.qsebms.estimators.soc.SocFilter> softShortSoc() {
        return parts.estimators().softShort().leakFollowingSoc();
    }

    public SoftShortDetector softShortDetector() {
        return parts.estimators().softShort().detector();
    }

    public CellHealthTracker healthTracker() {
        return parts.estimators().health();
    }

    public UsableCapacityMeter usableCapacityMeter() {
        return parts.estimators().usableCapacity().meter();
    }

    /** The scheduled diagnostic, when the pack keeps a per-cycle record and diagnostics are enabled. */
    public Optional<ScheduledDiagnostic> diagnostic() {
        return parts.outlets().record().flatMap(ControllerParts.CycleRecording::diagnostic);
    }

    public Protection protection() {
        return protection;
    }

    public Supervisor supervisor() {
        return supervisor;
    }

    public SocEstimator soc() {
        return soc;
    }

    public CurrentLimits currentLimits() {
        return currentLimits;
    }

    public PassiveBalancer balancer() {
        return balancer;
    }

    /** The cells the balancer leaves unbled while the soft-short rest fit judges them. */
    BleedHold bleedHold() {
        return softShort.bleedHold();
    }

    public OperatorSettings operatorSettings() {
        return operator;
    }

    public PackMeasurement measurement() {
        return t.m;
    }

    public long ticks() {
        return ticks;
    }
}
