package org.qsebms.bms.control;

import java.util.function.LongSupplier;
import org.qsebms.bms.measure.PackMeasurement;
import org.qsebms.bms.persistence.StateHandoff;
import org.qsebms.bms.protection.Protection;
import org.qsebms.bms.record.CycleCounter;
import org.qsebms.bms.record.ScheduledDiagnostic;
import org.qsebms.bms.snapshot.PackSample;
import org.qsebms.bms.snapshot.SampleRing;
import org.qsebms.bms.supervisor.Supervisor;
import org.qsebms.bms.supervisor.SupervisorState;
import org.qsebms.estimators.health.CellHealthTracker;
import org.qsebms.estimators.health.UsableCapacity;
import org.qsebms.estimators.health.UsableCapacityMeter;
import org.qsebms.estimators.limits.CurrentLimitEstimator;
import org.qsebms.estimators.soc.SocEstimator;
import org.qsebms.estimators.soc.SocFilter;
import org.qsebms.estimators.softshort.SoftShortDetector;
import org.qsebms.hal.ContactorId;
import org.qsebms.hal.PackHardware;

/**
 * One control tick, in a fixed order: sense, validate, estimate, protect, decide, actuate, then
 * offer telemetry. Allocation-free in steady state; never blocks on telemetry, logging, disk or network.
 */
public final class PackController {
    private final PackHardware hw;
    private final Plant plant;
    private final PackMeasurement m;
    private final SocEstimator soc;
    /** The SOC estimator as the EKF, for its RC voltages, R0 scale, capacity and voltage sigma; null for others. */
    private final SocFilter socFilter;
    /** One cell's charge and discharge limits, reused every tick. */
    private final double[] cellLimits = new double[2];

    private SoftShortDetector softShort;
    private CellHealthTracker health;
    private UsableCapacityMeter usableCapacity;
    private UsableCapacityListener usableListener;
    private long usableRevisionSeen;
    private CurrentLimitEstimator stateOfFunction;
    private long healthRevisionSeen;
    /** Each cell's balancing bleed current over the last interval (cell volts over the resistor while switched on). */
    private final double[] bleedAmps;

    private volatile CurrentLimitOutput limitOutput = CurrentLimitOutput.NONE;
    private double softShortThresholdAmps = Double.POSITIVE_INFINITY;
    /** Each cell's SOC estimate of this tick, copied once for the detectors that take an array. */
    private final double[] cellSoc;

    private boolean[] softShortFlagged = new boolean[0];
    private final Protection protection;
    private final Supervisor supervisor;
    private final CurrentLimits currentLimits;
    private final PassiveBalancer balancer;
    private final SampleRing ring;
    private final PackSample sample;
    private final long sampleEveryNanos;
    private final LongSupplier epochMillis;
    private final OperatorSettings operator;
    private long lastNanos = Long.MIN_VALUE;
    private long nextSampleNanos = Long.MIN_VALUE;
    private long sequence;
    private long ticks;
    private double ahThroughput;
    private StateHandoff persistence;
    private long persistEveryNanos;
    private long nextPersistNanos = Long.MIN_VALUE;
    private CycleCounter cycles;
    private ScheduledDiagnostic diagnostic;

    public PackController(
            PackHardware hw,
            Plant plant,
            SocEstimator soc,
            Protection protection,
            Supervisor supervisor,
            CurrentLimits currentLimits,
            PassiveBalancer balancer,
            SampleRing ring,
            long sampleEveryNanos,
            LongSupplier epochMillis) {
        this(
                hw,
                plant,
                soc,
                protection,
                supervisor,
                currentLimits,
                balancer,
                ring,
                sampleEveryNanos,
                epochMillis,
                new OperatorSettings());
    }

    /** As above, with operator settings (current caps, balancing on/off) that other threads may write. */
    public PackController(
            PackHardware hw,
            Plant plant,
            SocEstimator soc,
            Protection protection,
            Supervisor supervisor,
            CurrentLimits currentLimits,
            PassiveBalancer balancer,
            SampleRing ring,
            long sampleEveryNanos,
            LongSupplier epochMillis,
            OperatorSettings operator) {
        this.operator = operator;
        this.hw = hw;
        this.plant = plant;
        this.soc = soc;
        this.socFilter = soc instanceof SocFilter e ? e : null;
        this.protection = protection;
        this.supervisor = supervisor;
        this.currentLimits = currentLimits;
        this.balancer = balancer;
        this.ring = ring;
        this.sampleEveryNanos = sampleEveryNanos;
        this.epochMillis = epochMillis;
        int cells = hw.cellVoltages().cellCount();
        int temps = hw.temperatures().channelCount();
        this.m = new PackMeasurement(cells, temps);
        this.sample = new PackSample(cells, temps);
        this.cellSoc = new double[cells];
        this.bleedAmps = new double[cells];
    }

    /** Runs one tick at loop time {@code nowNanos}. */
    public void tick(long nowNanos) {
        plant.advanceTo(nowNanos);
        operator.applyTo(currentLimits, balancer);
        // sense
        m.sample(hw, nowNanos);
        // validate + protect (limits and plausibility at three levels, debounced)
        protection.evaluate(m);
        hw.hardwareProtection().refresh();
        protection.evaluateHardware(hw.hardwareProtection(), nowNanos);
        boolean valid = m.firstBadCell() < 0 && m.currentStatus.isOk() && m.firstBadTemperature() < 0;
        // estimate
        double dt = lastNanos == Long.MIN_VALUE ? 0.0 : (nowNanos - lastNanos) / 1e9;
        lastNanos = nowNanos;
        if (valid) {
            measureBleed();
            soc.update(m.packAmps, m.cellVolts, m.celsiusAtCell, dt);
            countBleed(dt);
            for (int i = 0; i < cellSoc.length; i++) {
                cellSoc[i] = soc.cellSoc(i);
            }
            detectSoftShorts(dt);
            trackHealth(dt);
            evaluateSocBounds(nowNanos);
            ahThroughput += Math.abs(m.packAmps) * dt / 3600.0;
        } else if (softShort != null) {
            softShort.skipInvalidSample(); // a step across the gap is no abrupt drop
        }
        trackUsableCapacity(valid, dt, nowNanos);
        boolean tripped = protection.tripped();
        // while opening on request, publish zero limits so the charger or load ramps the current down first
        currentLimits.update(m, tripped || supervisor.state() == SupervisorState.OPENING);
        if (valid) {
            applyStateOfFunction();
            applySocFloors();
        }
        runDiagnostic(nowNanos, valid, tripped);
        limitOutput.publish(currentLimits.chargeAmps(), currentLimits.dischargeAmps());
        // decide + actuate
        supervisor.step(m, valid);
        SupervisorState st = supervisor.state();
        boolean balanceAllowed = !tripped && (st == SupervisorState.STANDBY || st == SupervisorState.NORMAL);
        balancer.decide(m, soc, balanceAllowed, hw.balancing());
        hw.watchdog().feed();
        if (valid && cycles != null) { // the per-cycle record: sums only, the closed cycle is copied to a queue
            cycles.update(
                    epochMillis.getAsLong(),
                    m.packAmps,
                    m.cellVolts,
                    m.celsiusAtCell,
                    health == null ? null : bleedAmps,
                    dt,
                    m.minCellVolts,
                    tripped,
                    st == SupervisorState.OPENING,
                    currentLimits.dischargeAmps());
        }
        ticks++;
        // offer telemetry (never blocks)
        if (nextSampleNanos == Long.MIN_VALUE || nowNanos >= nextSampleNanos) {
            nextSampleNanos = (nextSampleNanos == Long.MIN_VALUE ? nowNanos : nextSampleNanos) + sampleEveryNanos;
            if (nextSampleNanos <= nowNanos) {
                nextSampleNanos = nowNanos + sampleEveryNanos;
            }
            fillSample(nowNanos, tripped);
            ring.offer(sample);
        }
        // offer persistence (never blocks; when the writer still holds the last snapshot, retried next tick)
        if (persistence != null && (nextPersistNanos == Long.MIN_VALUE || nowNanos >= nextPersistNanos)) {
            if (persistence.offer(soc, health, usableCapacity, ahThroughput, epochMillis.getAsLong())
                    || nextPersistNanos == Long.MIN_VALUE) {
                nextPersistNanos = nowNanos + persistEveryNanos;
            }
        }
    }

    /**
     * Hands a snapshot to persistence every {@code everyNanos} of loop time (call before the loop
     * starts). The offer never blocks; when the writer is still busy the snapshot is retried next tick.
     */
    /** Where the published charge/discharge limits go each tick (a charger or inverter link); none by default. */
    public void attachCurrentLimitOutput(CurrentLimitOutput output) {
        this.limitOutput = output;
    }

    /**
     * Feeds a soft-short (dendrite) detector every valid tick, with each cell's bleed current, and
     * reports each cell's score to the protection: 0 while the detector does not flag the cell (rest
     * self-discharge, abrupt voltage drops and the bleed-corrected SOC drift from the string median,
     * combined), then {@code 0.6 * leak / threshold} between RSL (0.6, at the threshold) and 1, so
     * MSL (0.9) from 1.5 times the threshold, or the combined detector score if higher. The
     * detector holds a flag and its leak estimate until a rest measurement clears it.
     */
    public void attachSoftShortDetector(SoftShortDetector detector, double thresholdAmps) {
        this.softShort = detector;
        this.softShortThresholdAmps = thresholdAmps;
        this.softShortFlagged = new boolean[m.cellCount()];
    }

    /** The soft-short detector fed by this controller, or null. */
    public SoftShortDetector softShortDetector() {
        return softShort;
    }

    private void detectSoftShorts(double dt) {
        if (softShort == null) {
            return;
        }
        softShort.update(m.packAmps, m.cellVolts, cellSoc, bleedAmps, dt);
        for (int i = 0; i < cellSoc.length; i++) {
            // Only a statistically confirmed excess (the detector's flag) counts; its size then sets
            // the level: RSL at the threshold, MSL from 1.5 times the threshold.
            double score = softShort.isFlagged(i)
                    ? Math.max(
                            0.6,
                            Math.min(
                                    1.0,
                                    Math.max(0.6 * softShort.leakAmps(i) / softShortThresholdAmps, softShort.score(i))))
                    : 0.0;
            protection.reportSoftShortScore(i, score);
            boolean flagged = softShort.isFlagged(i);
            if (flagged != softShortFlagged[i]) {
                // the alarm carries the detector's reason as it stood when the cell was flagged (allocates on the edge
                // only)
                softShortFlagged[i] = flagged;
                protection.reportSoftShortDetail(i, flagged ? softShort.reason(i) : null);
            }
        }
    }

    /**
     * Feeds a health tracker (R0 and its SEI part, capacity, lithium inventory, resistance growth)
     * every valid tick. When its capacity estimates change (a window between two relaxed rests
     * closed), the SOC filter counts charge against the learnt capacity of each cell.
     */
    public void attachHealthTracker(CellHealthTracker tracker) {
        if (tracker.cellCount() != m.cellCount()) {
            throw new IllegalArgumentException(
                    "health tracker has " + tracker.cellCount() + " cells, pack " + m.cellCount());
        }
        this.health = tracker;
        this.healthRevisionSeen = -1;
    }

    /** The charge each bleeding cell gave its resistor over the last interval, counted by the SOC filter. */
    private void countBleed(double dt) {
        if (socFilter == null) {
            return;
        }
        for (int i = 0; i < bleedAmps.length; i++) {
            if (bleedAmps[i] > 0) {
                socFilter.countCellDischargeAh(i, bleedAmps[i] * dt / 3600.0);
            }
        }
    }

    /** The switches as they were over the last interval: the current each bleeding cell gave its resistor. */
    private void measureBleed() {
        double bleedOhms = hw.balancing().bleedOhms();
        for (int i = 0; i < bleedAmps.length; i++) {
            bleedAmps[i] = hw.balancing().isOn(i) ? m.cellVolts[i] / bleedOhms : 0.0;
        }
    }

    private void trackHealth(double dt) {
        if (health == null) {
            return;
        }
        health.update(m.packAmps, m.cellVolts, m.celsiusAtCell, cellSoc, bleedAmps, dt, epochMillis.getAsLong());
        long revision = health.revision();
        if (revision != healthRevisionSeen) {
            healthRevisionSeen = revision;
            if (socFilter != null) {
                for (int i = 0; i < m.cellCount(); i++) {
                    if (health.capacityWindows(i) > 0) {
                        socFilter.setCellCapacityAh(i, health.capacityAh(i));
                    }
                }
            }
        }
    }

    /**
     * Lowers the published charge and discharge limits each tick to the smallest over the cells of
     * the state-of-function estimate (voltage headroom over its horizon from each cell's SOC, RC
     * voltages, temperature and learnt R0; cold charging held by the interfacial law), on top of
     * the protection tapers, so the charger and load are derated before any limit is reached.
     */
    public void attachStateOfFunction(CurrentLimitEstimator estimator) {
        this.stateOfFunction = estimator;
    }

    private void applyStateOfFunction() {
        CurrentLimitEstimator sof = stateOfFunction;
        if (sof == null) {
            return;
        }
        SocFilter ekf = socFilter;
        double[] cellLimits = this.cellLimits;
        double charge = Double.POSITIVE_INFINITY;
        double discharge = Double.POSITIVE_INFINITY;
        for (int i = 0; i < m.cellCount(); i++) {
            double z = soc.cellSoc(i);
            double rc = ekf != null ? ekf.cellRcVolts(i) : 0.0;
            double r0Scale = ekf != null ? ekf.cellR0Scale(i) : 1.0;
            double t = m.celsiusAtCell[i];
            sof.limitsAmps(z, rc, t, r0Scale, cellLimits);
            charge = Math.min(charge, cellLimits[0]);
            discharge = Math.min(discharge, cellLimits[1]);
        }
        currentLimits.limitTo(charge, discharge);
    }

    /**
     * The SOC bounds' derate (RSL: warn and derate): no discharge once the lowest cell's SOC is at
     * the SOC_LOW RSL, no charge once the highest is at the SOC_HIGH RSL, whether or not current
     * flows, so a load or charger that follows the published limits stops before the MSL trips.
     */
    private void applySocFloors() {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < cellSoc.length; i++) {
            min = Math.min(min, cellSoc[i]);
            max = Math.max(max, cellSoc[i]);
        }
        var extra = protection.extra();
        currentLimits.limitTo(
                max >= extra.socHigh().rsl() ? 0.0 : Double.POSITIVE_INFINITY,
                min <= extra.socLow().rsl() ? 0.0 : Double.POSITIVE_INFINITY);
    }

    /**
     * Feeds the per-cycle record every valid tick (see {@link CycleCounter}); R0, SEI and lithium from the health
     * tracker.
     */
    public void attachCycleCounter(CycleCounter counter) {
        counter.attachHealth(health);
        this.cycles = counter;
    }

    /** Runs a scheduled diagnostic each tick (it holds the limits while it runs; see {@link ScheduledDiagnostic}). */
    public void attachDiagnostic(ScheduledDiagnostic scheduled) {
        this.diagnostic = scheduled;
    }

    public ScheduledDiagnostic diagnostic() {
        return diagnostic;
    }

    private void runDiagnostic(long nowNanos, boolean valid, boolean tripped) {
        ScheduledDiagnostic d = diagnostic;
        if (d == null) {
            return;
        }
        SupervisorState st = supervisor.state();
        d.update(
                nowNanos,
                epochMillis.getAsLong(),
                m.packAmps,
                m.cellVolts,
                m.celsiusAtCell,
                cellSoc,
                valid,
                tripped,
                st == SupervisorState.NORMAL,
                st == SupervisorState.DIAGNOSTIC,
                currentLimits.dischargeAmps());
        if (d.holding()) {
            currentLimits.limitTo(d.chargeLimitAmps(), d.dischargeLimitAmps());
        }
    }

    public CycleCounter cycleCounter() {
        return cycles;
    }

    public CellHealthTracker healthTracker() {
        return health;
    }

    /**
     * Measures the pack's usable capacity on every discharge from a full charge to the cutoff (see
     * {@link UsableCapacityMeter}), fed every tick whose readings are valid; a tick with a sensor
     * fault voids the discharge in progress. {@code listener} hears of each measurement or voided discharge.
     */
    public void attachUsableCapacityMeter(UsableCapacityMeter meter, UsableCapacityListener listener) {
        this.usableRevisionSeen = meter.revision();
        this.usableListener = listener;
        this.usableCapacity = meter;
    }

    /** Told, on the loop thread, when a discharge from full was measured or voided (rare: allocation is fine). */
    @FunctionalInterface
    public interface UsableCapacityListener {
        /** @param measured the new measurement, or null when the discharge was voided for {@code voidedReason} */
        void changed(UsableCapacity measured, String voidedReason, long nanos);
    }

    private void trackUsableCapacity(boolean valid, double dt, long nowNanos) {
        UsableCapacityMeter u = usableCapacity;
        if (u == null) {
            return;
        }
        if (valid) {
            u.update(m.packAmps, m.minCellVolts, m.maxCellVolts, m.celsiusAtCell, dt, epochMillis.getAsLong());
        } else {
            // the charge that flows while a sensor is not trusted is not counted: no capacity from this discharge
            u.interrupt("a sensor fault while it was counted");
        }
        if (u.revision() != usableRevisionSeen) {
            usableRevisionSeen = u.revision();
            String note = u.lastRejection();
            usableListener.changed(note.isEmpty() ? u.last() : null, note, nowNanos);
        }
    }

    public UsableCapacityMeter usableCapacityMeter() {
        return usableCapacity;
    }

    public void attachPersistence(StateHandoff handoff, long everyNanos) {
        this.persistence = handoff;
        this.persistEveryNanos = everyNanos;
    }

    /** Offers a snapshot now, e.g. on shutdown after the loop has stopped. */
    public boolean offerPersistenceNow() {
        return persistence != null
                && persistence.offer(soc, health, usableCapacity, ahThroughput, epochMillis.getAsLong());
    }

    /** Restores the lifetime charge throughput (Ah, both directions) from persisted state. */
    public void restoreAhThroughput(double ah) {
        if (Double.isFinite(ah) && ah >= 0) {
            ahThroughput = ah;
        }
    }

    public double ahThroughput() {
        return ahThroughput;
    }

    public StateHandoff persistence() {
        return persistence;
    }

    private void evaluateSocBounds(long nowNanos) {
        double min = Double.MAX_VALUE;
        double max = -Double.MAX_VALUE;
        int minCell = -1;
        int maxCell = -1;
        for (int i = 0; i < soc.cellCount(); i++) {
            double s = soc.cellSoc(i);
            if (s < min) {
                min = s;
                minCell = i;
            }
            if (s > max) {
                max = s;
                maxCell = i;
            }
        }
        protection.evaluateSoc(min, minCell, max, maxCell, m.packAmps, nowNanos);
    }

    private void fillSample(long nowNanos, boolean tripped) {
        PackSample s = sample;
        s.sequence = ++sequence;
        s.nanos = nowNanos;
        s.epochMillis = epochMillis.getAsLong();
        s.state = supervisor.state();
        s.packVolts = m.packVolts;
        s.packAmps = m.packAmps;
        s.minCellVolts = m.minCellVolts;
        s.maxCellVolts = m.maxCellVolts;
        s.maxCelsius = m.maxCelsius;
        s.minCelsius = m.minCelsius;
        s.packSoc = soc.packSoc();
        double bound = 0;
        double sigma = Double.NaN;
        int sigmaCell = -1;
        for (int i = 0; i < s.cellSoc.length; i++) {
            s.cellSoc[i] = soc.cellSoc(i);
            s.cellSocExtrapolated[i] = soc.cellSocExtrapolated(i);
            bound = Math.max(bound, soc.cellSocBound3Sigma(i));
            if (socFilter != null) {
                double cellSigma = socFilter.cellVoltageSigmaVolts(i);
                if (!(cellSigma <= sigma)) {
                    sigma = cellSigma;
                    sigmaCell = i;
                }
            }
        }
        s.socBound3Sigma = bound;
        s.modelVoltageSigma = sigma;
        s.modelVoltageSigmaCell = sigmaCell;
        s.chargeLimitAmps = currentLimits.chargeAmps();
        s.dischargeLimitAmps = currentLimits.dischargeAmps();
        s.mainPositiveClosed = hw.contactor(ContactorId.MAIN_POSITIVE).feedbackClosed();
        s.mainNegativeClosed = hw.contactor(ContactorId.MAIN_NEGATIVE).feedbackClosed();
        s.prechargeClosed = hw.contactor(ContactorId.PRECHARGE).feedbackClosed();
        s.tripped = tripped;
        System.arraycopy(m.cellVolts, 0, s.cellVolts, 0, s.cellVolts.length);
        System.arraycopy(m.cellCelsius, 0, s.cellCelsius, 0, s.cellCelsius.length);
        for (int i = 0; i < s.balancing.length; i++) {
            s.balancing[i] = hw.balancing().isOn(i);
        }
        fillHealth(s);
    }

    private void fillHealth(PackSample s) {
        UsableCapacityMeter u = usableCapacity;
        UsableCapacity last = u == null ? null : u.last();
        s.usableCapacityAh = last == null ? Double.NaN : last.ampHours();
        s.usableSoh = u == null ? Double.NaN : u.stateOfHealth();
        s.usableCapacityC = last == null ? Double.NaN : last.meanDischargeC();
        s.usableCapacityCelsius = last == null ? Double.NaN : last.meanCelsius();
        s.usableCapacityMeasurements = u == null ? 0 : u.measurements();
        s.usableCapacityNote = u == null ? "" : u.lastRejection();
        CellHealthTracker h = health;
        s.healthKnown = h != null;
        if (h == null) {
            return;
        }
        int weakest = h.weakestCell();
        s.capacityAh = h.capacityAh(weakest);
        s.soh = s.capacityAh / h.nominalCapacityAh();
        s.capacitySigmaAh = h.capacitySigmaAh(weakest);
        s.capacityWindows = h.capacityWindows(weakest);
        s.seiOhm = h.worstSeiOhms();
        s.seiTrendOhmPerDay = h.seiTrendOhmPerDay();
        s.seiState = h.seiState();
        s.lithiumInventoryFraction = h.lithiumInventoryFraction();
        s.coulombicEfficiency = h.worstCoulombicEfficiency();
        s.cyclesToLithiumDepletion = h.cyclesToLithiumDepletion();
        s.equivalentFullCycles = h.equivalentFullCycles();
        s.rulCycles = h.remainingUsefulLifeCycles(0);
        s.rulEarlyCycles = h.remainingUsefulLifeCycles(1);
        s.rulLateCycles = h.remainingUsefulLifeCycles(-1);
        for (int i = 0; i < s.cellR0Ohm.length; i++) {
            s.cellR0Ohm[i] = h.r0At25Ohms(i);
        }
    }

    /**
     * Offers a sample of this moment to telemetry now, whatever the sample interval: at a clean stop, after the
     * contactors were opened, so the last retained state shows them open and the final mode. Loop thread only.
     */
    public void offerSampleNow(long nowNanos) {
        fillSample(nowNanos, protection.tripped());
        ring.offer(sample);
    }

    /** Last-resort safe state, called by the loop when a tick throws: opens every contactor. */
    public void emergencyOpen(String reason, long nowNanos) {
        try {
            supervisor.openAll();
            hw.balancing().allOff();
        } finally {
            protection.loopException(reason, nowNanos);
        }
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

    public OperatorSettings operatorSettings() {
        return operator;
    }

    public PackMeasurement measurement() {
        return m;
    }

    public long ticks() {
        return ticks;
    }
}
