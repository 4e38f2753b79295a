package org.qsebms.bms.control;

import java.util.Optional;
import java.util.function.LongSupplier;
import org.qsebms.bms.measure.CurrentSensorZero;
import org.qsebms.bms.persistence.StateHandoff;
import org.qsebms.bms.protection.Protection;
import org.qsebms.bms.record.CycleCounter;
import org.qsebms.bms.record.ScheduledDiagnostic;
import org.qsebms.bms.snapshot.SampleRing;
import org.qsebms.bms.supervisor.Supervisor;
import org.qsebms.estimators.health.CellHealthTracker;
import org.qsebms.estimators.health.UsableCapacityMeter;
import org.qsebms.estimators.limits.CurrentLimitEstimator;
import org.qsebms.estimators.soc.SocEstimator;
import org.qsebms.estimators.soc.SocFilter;
import org.qsebms.estimators.softshort.SoftShortDetector;
import org.qsebms.hal.PackHardware;

/**
 * Everything one {@link PackController} is made of, built together by the composition root
 * ({@code runtime.ControllerAssembly}). Nothing is attached later; what a pack may lack is an
 * explicit absent value ({@link CurrentLimitOutput#NONE}, an empty {@link Optional}).
 *
 * @param currentZero the current sensor's zero learnt while the current path is open, the pack current net of it
 *                    (disabled: the reading as it is), and who hears when it goes beyond its rating
 * @param epochMillis the wall clock, for time stamps in the record, the health history and telemetry
 */
public record ControllerParts(
        PackHardware hw,
        CurrentZero currentZero,
        PackLinks links,
        Control control,
        Estimators estimators,
        Outlets outlets,
        LongSupplier epochMillis) {

    /**
     * The current sensor's zero and who hears of its rating.
     *
     * @param learning the zero learnt while the current path is open
     * @param rating   told when the reading with the path open goes beyond the sensor's rated offset, and back
     */
    public record CurrentZero(CurrentSensorZero learning, CurrentZeroListener rating) {}

    /** The deciding parts: protection, supervisor, current limits, balancing and the operator's settings. */
    public record Control(
            Protection protection,
            Supervisor supervisor,
            CurrentLimits currentLimits,
            PassiveBalancer balancer,
            OperatorSettings operator) {}

    /**
     * The estimators fed every valid tick.
     *
     * @param soc             per-cell SOC (the filter; it also gives the RC voltages, R0 scale and voltage sigma)
     * @param softShort       the soft-short (dendrite) detector and the leak at which it alarms
     * @param health          R0 and its SEI part, capacity, lithium inventory, resistance growth
     * @param stateOfFunction the current limits that keep every cell inside its RSL window
     * @param usableCapacity  the pack's usable capacity from full to the cutoff, and who hears of each measurement
     * @param socRestore      who hears, at the first estimate, of cells that refused their restored SOC doubt
     */
    public record Estimators(
            SocEstimator soc,
            SoftShortAlarm softShort,
            CellHealthTracker health,
            CurrentLimitEstimator stateOfFunction,
            UsableCapacityTracking usableCapacity,
            SocRestoreListener socRestore) {}

    /**
     * The soft-short detector and the leak (A) at which a flagged cell reaches RSL.
     *
     * @param leakFollowingSoc a SOC filter of the detector's own, with a current-offset state per cell, whose
     *                         estimates its SOC drift cue reads instead of the published ones (empty: the published
     *                         filter's, when that has the state already): a soft short is its cell's own current
     *                         offset, so this filter's estimate of a leaking cell does not lag the leak between the
     *                         steep parts of the OCV. It publishes nothing (docs/safety.md, "A leak-following SOC
     *                         filter for the drift cue").
     */
    public record SoftShortAlarm(
            SoftShortDetector detector, double thresholdAmps, Optional<SocFilter> leakFollowingSoc) {}

    /** The usable-capacity meter and who hears, on the loop thread, of each measurement or voided discharge. */
    public record UsableCapacityTracking(UsableCapacityMeter meter, UsableCapacityListener listener) {}

    /**
     * Where the tick's results go, none of which it waits on.
     *
     * @param ring              telemetry samples, one per {@code sampleEveryNanos} of loop time
     * @param persistence       the state snapshot, offered every {@code persistEveryNanos}
     * @param record            the per-cycle record and its scheduled diagnostic (empty: no record)
     */
    public record Outlets(
            SampleRing ring,
            long sampleEveryNanos,
            StateHandoff persistence,
            long persistEveryNanos,
            Optional<CycleRecording> record) {}

    /** The per-cycle record's counter and the scheduled diagnostic that writes into it (empty: disabled). */
    public record CycleRecording(CycleCounter counter, Optional<ScheduledDiagnostic> diagnostic) {}
}
