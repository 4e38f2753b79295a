package org.qsebms.bms.runtime;

import java.util.function.LongSupplier;
import org.qsebms.bms.control.CurrentLimits;
import org.qsebms.bms.control.PackController;
import org.qsebms.bms.control.PassiveBalancer;
import org.qsebms.bms.control.Plant;
import org.qsebms.bms.persistence.StateHandoff;
import org.qsebms.bms.protection.Protection;
import org.qsebms.bms.snapshot.ControllerEvent;
import org.qsebms.bms.snapshot.EventQueue;
import org.qsebms.bms.snapshot.SampleRing;
import org.qsebms.bms.supervisor.Supervisor;
import org.qsebms.bms.supervisor.SupervisorRequests;
import org.qsebms.bms.supervisor.SupervisorState;
import org.qsebms.config.BmsConfig;
import org.qsebms.config.ProtectionLimits;
import org.qsebms.config.UsableCapacityConfig;
import org.qsebms.estimators.health.CellHealthTracker;
import org.qsebms.estimators.health.HealthSettings;
import org.qsebms.estimators.health.UsableCapacityMeter;
import org.qsebms.estimators.health.UsableCapacitySettings;
import org.qsebms.estimators.limits.CurrentLimitEstimator;
import org.qsebms.estimators.limits.CurrentLimitSettings;
import org.qsebms.estimators.model.EcmParameters;
import org.qsebms.estimators.soc.EkfAdaptation;
import org.qsebms.estimators.soc.EkfTuning;
import org.qsebms.estimators.soc.SocFilter;
import org.qsebms.estimators.softshort.SoftShortDetector;
import org.qsebms.hal.PackHardware;

/** Wires one {@link PackController} from a configuration, hardware and plant. */
public final class ControllerAssembly {
    private ControllerAssembly() {}

    /** Everything the controller needs to talk to the outside, created together. */
    public record Wiring(PackController controller, SupervisorRequests requests, EventQueue events, SampleRing ring) {}

    public static Wiring build(BmsConfig cfg, PackHardware hw, Plant plant, LongSupplier epochMillis) {
        int cells = hw.cellVoltages().cellCount();
        if (cells != cfg.pack().seriesCells()) {
            throw new IllegalStateException("hardware reports " + cells + " cells but pack.seriesCells is "
                    + cfg.pack().seriesCells());
        }
        EventQueue events = new EventQueue(4096);
        SampleRing ring = new SampleRing(256, cells, hw.temperatures().channelCount());
        SupervisorRequests requests = new SupervisorRequests();
        StateHandoff persistence = new StateHandoff(cells);
        Protection protection = new Protection(cfg.limits(), cfg.supplementary(), f -> {
            events.offer(new ControllerEvent.FaultEdge(f));
            persistence.offerFault(f, epochMillis.getAsLong());
        });
        Supervisor supervisor = new Supervisor(hw, protection, requests, new Supervisor.StateListener() {
            @Override
            public void stateChanged(SupervisorState from, SupervisorState to, String reason, long nanos) {
                events.offer(new ControllerEvent.StateChange(from, to, reason, nanos));
            }

            @Override
            public void resetOutcome(boolean accepted, String reason, long nanos) {
                events.offer(new ControllerEvent.ResetOutcome(accepted, reason, nanos));
            }
        });
        // The estimator's view of a cell: the chemistry preset scaled to the configured capacity
        // (the simulated pack has its own "true" parameters and spread, so this is never circular).
        EcmParameters nominal = cfg.chemistry().cell();
        double capFactor = cfg.pack().capacityAh() / nominal.capacityAh();
        EcmParameters estimatorCell = nominal.scaled(capFactor, 1.0 / capFactor);
        SocFilter soc = cfg.estimation()
                .socFilter()
                .create(
                        estimatorCell,
                        cfg.chemistry().hysteresis(),
                        EkfTuning.defaults(),
                        EkfAdaptation.resistance(),
                        cells);
        CurrentLimits limits = new CurrentLimits(cfg.limits());
        long periodNanos = cfg.loop().period().toNanos();
        int dutyPeriod = (int) Math.max(1, 10_000_000_000L / periodNanos);
        PassiveBalancer balancer = new PassiveBalancer(
                0.010,
                cfg.limits().chargeOverTemperature().mol(),
                cfg.limits().cellUnderVoltage().mol(),
                dutyPeriod,
                (int) Math.max(1, dutyPeriod * 0.8));
        PackController controller = new PackController(
                hw,
                plant,
                soc,
                protection,
                supervisor,
                limits,
                balancer,
                ring,
                cfg.mqtt().stateInterval().toNanos(),
                epochMillis,
                new org.qsebms.bms.control.OperatorSettings());
        controller.attachPersistence(persistence, cfg.persistence().interval().toNanos());
        // Soft-short (dendrite) detection from voltage relaxation at rest, against the model.
        double softShortThresholdAmps = 0.003;
        controller.attachSoftShortDetector(
                new SoftShortDetector(estimatorCell, cells, 0.05, 1800, softShortThresholdAmps, 5),
                softShortThresholdAmps);
        // Health: R0 and its SEI part, capacity between relaxed rests, lithium inventory, resistance growth.
        controller.attachHealthTracker(new CellHealthTracker(
                estimatorCell,
                cells,
                HealthSettings.defaults(
                        estimatorCell,
                        cfg.health().bulkOhms() / capFactor,
                        cfg.health().npRatio(),
                        cfg.health().endOfLifeResistanceMultiple())));
        controller.attachUsableCapacityMeter(
                new UsableCapacityMeter(usableCapacitySettings(cfg)),
                (measured, voidedReason, nanos) ->
                        events.offer(new ControllerEvent.UsableCapacityChange(measured, voidedReason, nanos)));
        controller.attachStateOfFunction(
                new CurrentLimitEstimator(estimatorCell, stateOfFunctionSettings(cfg.limits())));
        return new Wiring(controller, requests, events, ring);
    }

    /**
     * Usable capacity: from a charge held within 50 mV of {@code health.usableCapacity.chargeVolts}
     * with its current tapered to {@code taperC}, to the lowest cell at {@code cutoffVolts}; the
     * other checks as {@link UsableCapacitySettings#defaults}.
     */
    static UsableCapacitySettings usableCapacitySettings(BmsConfig cfg) {
        UsableCapacityConfig u = cfg.health().usableCapacity();
        double ah = cfg.pack().capacityAh();
        return UsableCapacitySettings.defaults(ah, u.chargeVolts(), u.cutoffVolts()).toBuilder()
                .taperAmps(u.taperC() * ah)
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
