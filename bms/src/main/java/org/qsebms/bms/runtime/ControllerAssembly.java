package org.qsebms.bms.runtime;

import java.util.Optional;
import java.util.function.LongSupplier;
import org.qsebms.bms.control.BleedRelaxation;
import org.qsebms.bms.control.ControllerParts;
import org.qsebms.bms.control.CurrentLimits;
import org.qsebms.bms.control.OperatorSettings;
import org.qsebms.bms.control.PackController;
import org.qsebms.bms.control.PackLinks;
import org.qsebms.bms.control.PassiveBalancer;
import org.qsebms.bms.control.Plant;
import org.qsebms.bms.measure.CurrentSensorZero;
import org.qsebms.bms.persistence.StateHandoff;
import org.qsebms.bms.protection.Protection;
import org.qsebms.bms.record.CycleCounter;
import org.qsebms.bms.record.CycleRecord;
import org.qsebms.bms.record.ScheduledDiagnostic;
import org.qsebms.bms.snapshot.ControllerEvent;
import org.qsebms.bms.snapshot.EventQueue;
import org.qsebms.bms.snapshot.SampleRing;
import org.qsebms.bms.supervisor.Supervisor;
import org.qsebms.bms.supervisor.SupervisorRequests;
import org.qsebms.bms.supervisor.SupervisorState;
import org.qsebms.config.BalancingConfig;
import org.qsebms.config.BmsConfig;
import org.qsebms.config.CurrentSensorRating;
import org.qsebms.config.ProtectionLimits;
import org.qsebms.config.UsableCapacityConfig;
import org.qsebms.estimators.health.CellHealthTracker;
import org.qsebms.estimators.health.HealthSettings;
import org.qsebms.estimators.health.LimitWindowSettings;
import org.qsebms.estimators.health.UsableCapacityMeter;
import org.qsebms.estimators.health.UsableCapacitySettings;
import org.qsebms.estimators.limits.CurrentLimitEstimator;
import org.qsebms.estimators.limits.CurrentLimitSettings;
import org.qsebms.estimators.model.EcmParameters;
import org.qsebms.estimators.model.OcvKnee;
import org.qsebms.estimators.soc.EkfAdaptation;
import org.qsebms.estimators.soc.EkfTuning;
import org.qsebms.estimators.soc.SocFilter;
import org.qsebms.estimators.softshort.SoftShortDetector;
import org.qsebms.hal.PackHardware;

/**
 * The composition root of one {@link PackController}: builds every part from a configuration,
 * hardware and the pack's links, and the controller complete from them. {@code run} (through
 * {@link BmsRuntime}), the scenario runner, the fleet soak, the benchmarks and the tests all build
 * their controller here.
 */
public final class ControllerAssembly {
    private ControllerAssembly() {}

    /** Soft-short alarm: a flagged leak of this size reaches RSL, 1.5 times it MSL. */
    private static final double SOFT_SHORT_THRESHOLD_AMPS = 0.003;

    /**
     * What the controller shares with the other threads, made before it: the telemetry publisher
     * and the per-cycle record are built on these first (the record is a part of the controller).
     */
    public record Channels(
            SupervisorRequests requests,
            EventQueue events,
            SampleRing ring,
            StateHandoff persistence,
            OperatorSettings operator) {

        /** Empty queues sized for the configured pack, which {@code hw} must match. */
        public static Channels forPack(BmsConfig cfg, PackHardware hw) {
            int cells = checkedCellCount(cfg, hw);
            return new Channels(
                    new SupervisorRequests(cfg.mqtt().serviceResetQueue()),
                    new EventQueue(4096),
                    new SampleRing(256, cells, hw.temperatures().channelCount()),
                    new StateHandoff(cells),
                    new OperatorSettings());
        }
    }

    /** Everything the controller needs to talk to the outside, created together. */
    public record Wiring(PackController controller, SupervisorRequests requests, EventQueue events, SampleRing ring) {}

    /** A controller whose plant takes no limits and no pulses, without a per-cycle record (tests, benchmarks). */
    public static Wiring build(BmsConfig cfg, PackHardware hw, Plant plant, LongSupplier epochMillis) {
        return build(cfg, hw, PackLinks.plantOnly(plant), epochMillis);
    }

    /** A controller on {@code links}, without a per-cycle record. */
    public static Wiring build(BmsConfig cfg, PackHardware hw, PackLinks links, LongSupplier epochMillis) {
        return build(cfg, hw, links, Channels.forPack(cfg, hw), Optional.empty(), epochMillis);
    }

    /**
     * The complete controller.
     *
     * @param record the per-cycle record (empty: none), whose counter is made here on the controller's
     *     health tracker; a scheduled diagnostic writes into it when {@code health.diagnostics} is
     *     enabled, with its pulse from {@code links}
     */
    public static Wiring build(
            BmsConfig cfg,
            PackHardware hw,
            PackLinks links,
            Channels channels,
            Optional<CycleRecord> record,
            LongSupplier epochMillis) {
        int cells = checkedCellCount(cfg, hw);
        EventQueue events = channels.events();
        StateHandoff persistence = channels.persistence();
        Protection protection = new Protection(cfg.limits(), cfg.supplementary(), cfg.loop(), f -> {
            events.offer(new ControllerEvent.FaultEdge(f));
            persistence.offerFault(f, epochMillis.getAsLong());
        });
        // the thermistor front end states its own live repeat chance, or none (a real converter: measured, configured)
        protection.judgeThermistorsWith(hw.temperatures().declaredRepeatBound());
        // the cell, current and thermistor front ends state their live repeat chance at rest, or none (a real
        // converter): the at-rest windows are armed only where it, or a measured one in the configuration, is stated
        // (fix23bp; the thermistors' since fix23br)
        protection.judgeAtRestWith(
                hw.cellVoltages().liveRepeatChanceAtRest(),
                hw.current().liveRepeatChanceAtRest(),
                hw.temperatures().liveRepeatChanceAtRest());
        // the cell front end's stated resolution: the cells' while-flowing window judges only once the cell model
        // says a live reading must have left its code (fix23bu); none stated, it judges by time as before
        protection.judgeCellMovesWith(hw.cellVoltages().readingResolutionVolts());
        EcmParameters nominalCell = cfg.chemistry().cell();
        double packFactor = cfg.pack().capacityAh() / nominalCell.capacityAh();
        // the cells' cross-check of the current sensor sees a cell as the estimators do, with its OCV hysteresis and
        // its
        // lithium interface law
        protection.crossCheckCurrentWith(
                nominalCell.scaled(packFactor, 1.0 / packFactor),
                cfg.chemistry().hysteresis().magnitudeVolts(),
                cfg.chemistry().lithiumInterface().scaled(packFactor));
        Supervisor supervisor = new Supervisor(hw, protection, channels.requests(), new Supervisor.StateListener() {
            @Override
            public void stateChanged(SupervisorState from, SupervisorState to, String reason, long nanos) {
                events.offer(new ControllerEvent.StateChange(from, to, reason, nanos));
            }

            @Override
            public void resetOutcome(boolean service, boolean accepted, String reason, long nanos, long answersUpTo) {
                events.offer(new ControllerEvent.ResetOutcome(accepted, reason, nanos, answersUpTo, service));
            }

            @Override
            public void closeRefused(String reason, long nanos) {
                events.offer(new ControllerEvent.CloseRefused(reason, nanos));
            }

            @Override
            public void closeOutcome(boolean accepted, String reason, long nanos, long answersUpTo) {
                events.offer(new ControllerEvent.CloseOutcome(accepted, reason, nanos, answersUpTo));
            }
        });
        long periodNanos = cfg.loop().period().toNanos();
        int dutyPeriod = (int) Math.max(1, 10_000_000_000L / periodNanos);
        BalancingConfig bc = cfg.balancing();
        PassiveBalancer balancer = new PassiveBalancer(
                bc.mode() == BalancingConfig.Mode.SOC ? PassiveBalancer.Mode.SOC : PassiveBalancer.Mode.VOLTAGE,
                bc.thresholdVolts(),
                bc.thresholdSoc(),
                bc.maxCelsius(),
                // no cell is bled while the lowest reads on the OCV's bottom knee, whatever the configured floor
                balancingFloor(bc, nominalCell, cfg.supplementary().balancingKneeSlope()),
                dutyPeriod,
                (int) Math.max(1, dutyPeriod * bc.duty()),
                // a cell read under its own bleed is not taken for the lowest until the preset's cell has relaxed
                new BleedRelaxation(nominalCell, periodNanos / 1e9, cells));
        if (!bc.enabled()) {
            channels.operator().setBalancingEnabled(false);
        }
        var control = new ControllerParts.Control(
                protection, supervisor, new CurrentLimits(cfg.limits()), balancer, channels.operator());
        ControllerParts.Estimators estimators = estimators(cfg, cells, events);
        // the record's health columns come from the same tracker the controller feeds
        Optional<CycleCounter> counted = record.map(r -> r.startCounting(estimators.health()));
        Optional<ControllerParts.CycleRecording> recording = counted.map(counter -> new ControllerParts.CycleRecording(
                counter,
                Optional.ofNullable(ScheduledDiagnostic.of(
                        cfg, counter, channels.requests(), links.pulses().orElse(null)))));
        var outlets = new ControllerParts.Outlets(
                channels.ring(),
                cfg.mqtt().stateInterval().toNanos(),
                persistence,
                cfg.persistence().interval().toNanos(),
                recording);
        PackController controller = new PackController(
                new ControllerParts(hw, currentZero(cfg, events), links, control, estimators, outlets, epochMillis));
        return new Wiring(controller, channels.requests(), events, channels.ring());
    }

    /**
     * The balancer's floor: the configured {@code balancing.minCellVolts}, or the top of the preset's OCV bottom knee
     * if that is higher. On the knee a cell's voltage moves many times faster with its charge than on the table at
     * large: a voltage-mode balancer whose lowest cell leaks there bleeds the others after it at the leak's own rate,
     * and their bleed's accounting through the table is too doubtful for the soft-short detector to tell them from the
     * leaking cell (docs/safety.md, "The balancer stays off the OCV's bottom knee", 2026-12-07).
     */
    static double balancingFloor(BalancingConfig bc, EcmParameters cell, double kneeSlope) {
        return Math.max(bc.minCellVolts(), OcvKnee.of(cell.ocv(), kneeSlope).volts());
    }

    /**
     * The current sensor's zero, learnt while the contactors are open, within its rated offset; a reading beyond
     * that rating goes to the events.
     */
    private static ControllerParts.CurrentZero currentZero(BmsConfig cfg, EventQueue events) {
        CurrentSensorRating rating = cfg.hal().currentSensor();
        return new ControllerParts.CurrentZero(
                new CurrentSensorZero(
                        rating.offsetLimitAmps(),
                        cfg.supplementary().zeroDriftAmps(),
                        CurrentSensorZero.Learning.DEFAULT,
                        rating.zeroWhileOpen()),
                (beyond, reason, nanos) -> events.offer(new ControllerEvent.CurrentZeroRating(beyond, reason, nanos)));
    }

    /**
     * The estimators' view of a cell is the chemistry preset scaled to the configured capacity (the
     * simulated pack has its own "true" parameters and spread, so this is never circular).
     */
    private static ControllerParts.Estimators estimators(BmsConfig cfg, int cells, EventQueue events) {
        EcmParameters nominal = cfg.chemistry().cell();
        double capFactor = cfg.pack().capacityAh() / nominal.capacityAh();
        EcmParameters estimatorCell = nominal.scaled(capFactor, 1.0 / capFactor);
        EkfAdaptation withOffset = EkfAdaptation.resistance()
                .withCurrentOffset(org.qsebms.estimators.soc.CurrentOffsetDoubt.piCurrentChannel());
        SocFilter soc = socFilter(
                cfg,
                estimatorCell,
                cfg.estimation().currentOffsetState() ? withOffset : EkfAdaptation.resistance(),
                cells);
        // soft-short (dendrite) detection from voltage relaxation at rest, against the model; its SOC drift cue reads
        // a filter of its own with the current-offset state, which follows a leak (unless the published one has it)
        Optional<SocFilter> leakFollowing = cfg.estimation().currentOffsetState()
                ? Optional.empty()
                : Optional.of(socFilter(cfg, estimatorCell, withOffset, cells));
        var softShort = new ControllerParts.SoftShortAlarm(
                new SoftShortDetector(
                        estimatorCell,
                        cfg.chemistry().hysteresis(),
                        cfg.chemistry().lithiumInterface().scaled(capFactor),
                        cells,
                        0.05,
                        1800,
                        SOFT_SHORT_THRESHOLD_AMPS,
                        5),
                SOFT_SHORT_THRESHOLD_AMPS,
                leakFollowing);
        // health: R0 and its SEI part, capacity between relaxed rests and between the voltage limits, lithium
        // inventory, resistance growth
        CellHealthTracker health = new CellHealthTracker(estimatorCell, cells, healthSettings(cfg, estimatorCell));
        var usable = new ControllerParts.UsableCapacityTracking(
                new UsableCapacityMeter(usableCapacitySettings(cfg)),
                (measured, voidedReason, nanos) ->
                        events.offer(new ControllerEvent.UsableCapacityChange(measured, voidedReason, nanos)));
        var stateOfFunction = new CurrentLimitEstimator(estimatorCell, stateOfFunctionSettings(cfg.limits()));
        return new ControllerParts.Estimators(
                soc,
                softShort,
                health,
                stateOfFunction,
                usable,
                (reason, nanos) -> events.offer(new ControllerEvent.SocRestoreRefused(reason, nanos)));
    }

    /** A SOC filter of the configured kind for the estimators' cell, with the given adaptation. */
    private static SocFilter socFilter(
            BmsConfig cfg, EcmParameters estimatorCell, EkfAdaptation adaptation, int cells) {
        return cfg.estimation()
                .socFilter()
                .create(
                        estimatorCell,
                        cfg.chemistry().hysteresis(),
                        socTuning(cfg.hal().currentSensor()),
                        adaptation,
                        cells);
    }

    /**
     * The health tracker's settings for the estimators' cell: the defaults, and with
     * {@code health.capacityLimitWindows} (off by default) capacity windows between the
     * {@code health.usableCapacity} charge voltage (tapered to its {@code taperC}) and cutoff, each
     * end read as the model SOC that voltage means at that current (the capacity stays the preset's
     * scale, docs/estimation.md); the throughput and equivalent full cycles count a current beyond
     * {@code supplementary.currentDeadbandAmps}, the band the BMS takes for a rest.
     */
    static HealthSettings healthSettings(BmsConfig cfg, EcmParameters estimatorCell) {
        double capFactor = cfg.pack().capacityAh() / cfg.chemistry().cell().capacityAh();
        HealthSettings settings = HealthSettings.defaults(
                        estimatorCell,
                        cfg.health().bulkOhms() / capFactor,
                        cfg.health().npRatio(),
                        cfg.health().endOfLifeResistanceMultiple())
                .withThroughputDeadband(cfg.supplementary().currentDeadbandAmps())
                // a rest read while a cell bleeds adds back its bleed's drop through the preset's interface law
                .withLithiumInterface(cfg.chemistry().lithiumInterface().scaled(capFactor));
        if (!cfg.health().capacityLimitWindows()) {
            return settings;
        }
        UsableCapacityConfig u = cfg.health().usableCapacity();
        return settings.withLimitWindows(LimitWindowSettings.at(u.chargeVolts(), u.cutoffVolts(), u.taperC())
                .withTolerances(u.fullToleranceVolts(), u.emptyToleranceVolts()));
    }

    /**
     * The SOC filters' tuning: the defaults, with the configured current sensor's rated limits
     * ({@code hal.currentSensor}) in the bound's consider term.
     */
    static EkfTuning socTuning(CurrentSensorRating currentSensor) {
        return EkfTuning.defaults().toBuilder()
                .currentOffsetLimitAmps(currentSensor.offsetLimitAmps())
                .currentGainErrorLimit(currentSensor.gainErrorLimit())
                .build();
    }

    private static int checkedCellCount(BmsConfig cfg, PackHardware hw) {
        int cells = hw.cellVoltages().cellCount();
        if (cells != cfg.pack().seriesCells()) {
            throw new IllegalStateException("hardware reports " + cells + " cells but pack.seriesCells is "
                    + cfg.pack().seriesCells());
        }
        return cells;
    }

    /**
     * Usable capacity: from a charge held within {@code fullToleranceVolts} of
     * {@code health.usableCapacity.chargeVolts} with its current tapered to {@code taperC}, to the
     * lowest cell at {@code cutoffVolts} (or a stop within {@code cutoffToleranceVolts} of it); the
     * other checks as {@link UsableCapacitySettings#defaults}.
     */
    static UsableCapacitySettings usableCapacitySettings(BmsConfig cfg) {
        UsableCapacityConfig u = cfg.health().usableCapacity();
        double ah = cfg.pack().capacityAh();
        return UsableCapacitySettings.defaults(ah, u.chargeVolts(), u.cutoffVolts()).toBuilder()
                .taperAmps(u.taperC() * ah)
                .fullVolts(u.chargeVolts() - u.fullToleranceVolts())
                .cutoffToleranceVolts(u.cutoffToleranceVolts())
                .build();
    }

    /**
     * State of function inside the RSLs: a current is allowed when it keeps every cell's terminal
     * voltage inside the RSL window for 10 s; charging ramps in between the cold RSL and MOL and
     * both directions ramp out between the hot MOL and RSL.
     */
    static CurrentLimitSettings stateOfFunctionSettings(ProtectionLimits l) {
        double coldFull = l.chargeUnderTemperature().mol();
        double coldZero = Math.min(l.chargeUnderTemperature().rsl(), coldFull - 0.1);
        double hotFull = Math.max(coldFull, l.dischargeOverTemperature().mol());
        double hotZero = Math.max(l.dischargeOverTemperature().rsl(), hotFull + 0.1);
        return CurrentLimitSettings.builder()
                .minCellVolts(l.cellUnderVoltage().rsl())
                .maxCellVolts(l.cellOverVoltage().rsl())
                .horizonSeconds(10.0)
                .maxChargeAmps(l.chargeOverCurrent().rsl())
                .maxDischargeAmps(l.dischargeOverCurrent().rsl())
                .chargeZeroCelsius(coldZero)
                .chargeFullCelsius(coldFull)
                .hotFullCelsius(hotFull)
                .hotZeroCelsius(hotZero)
                .build();
    }
}
