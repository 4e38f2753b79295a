package org.qsebms.bms.protection;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import org.qsebms.bms.measure.PackMeasurement;
import org.qsebms.config.LimitDirection;
import org.qsebms.config.LimitLevel;
import org.qsebms.config.LoopConfig;
import org.qsebms.config.ProtectionLimits;
import org.qsebms.config.SupplementaryLimits;
import org.qsebms.config.ThreeLevelLimit;
import org.qsebms.hal.HardwareProtection;
import org.qsebms.hal.HardwareTrip;

/**
 * Evaluates every limit of the fault table at three levels, plus sensor and plausibility faults,
 * once per tick. Allocation-free in steady state: events are created only on edges.
 */
public final class Protection {
    /** The end of the reason of a latch restored from the state file (not a new trip). */
    static final String RESTORED_SUFFIX = FaultEvent.RESTORED_SUFFIX;

    private final ProtectionLimits limits;
    /** Current magnitude below which the pack counts as neither charging nor discharging (supplementary data). */
    private final double deadbandAmps;

    private final LimitMonitor cellOv;
    private final LimitMonitor cellUv;
    private final LimitMonitor chargeOc;
    private final LimitMonitor dischargeOc;
    private final LimitMonitor chargeOt;
    private final LimitMonitor chargeUt;
    private final LimitMonitor dischargeOt;
    private final LimitMonitor dischargeUt;
    private final LimitMonitor anodic;
    private final LimitMonitor imbalance;
    private final LimitMonitor socHigh;
    private final LimitMonitor socLow;
    private final LimitMonitor softShort;
    private final LimitMonitor[] limitMonitors;
    private final SupplementaryLimits extra;
    /** The loop the measurements come from: its overrun limit bounds one sample interval of the liveness windows. */
    private final LoopConfig loop;

    private SensorPlausibility plausibility;
    private org.qsebms.estimators.model.EcmParameters crossCheckCell;
    /** The thermistor front end's own repeat-chance bound (empty: it states none). */
    private java.util.Optional<org.qsebms.hal.ThermistorRepeatBound> thermistorFrontEnd = java.util.Optional.empty();
    /**
     * Which at-rest liveness windows are armed (fix23bp): set by {@link #judgeAtRestWith} from what the front ends and
     * the configuration state; a Protection no assembly told (the windows' own tests) judges by every window.
     */
    private AtRestWindows atRestWindows = AtRestWindows.EVERY;
    /** The cell front end's stated reading resolution (fix23bu), empty where it states none. */
    private java.util.OptionalDouble cellResolutionVolts = java.util.OptionalDouble.empty();
    /** The preset's OCV hysteresis half-gap, volts (0: none), for the check of a small steady reading. */
    private double crossCheckHysteresisVolts;
    /** The preset's lithium interface law scaled to the pack, for the check of a small steady reading. */
    private org.qsebms.estimators.model.LithiumInterface crossCheckLithium =
            org.qsebms.estimators.model.LithiumInterface.NONE;

    private final ConditionMonitor zeroDrift;
    private final ConditionMonitor tempSpread;
    private final ConditionMonitor tempRate;
    private final ConditionMonitor cellStuck;
    private final ConditionMonitor tempStuck;
    private final ConditionMonitor currentStuck;
    private final ConditionMonitor currentImplausible;
    /** The current reading judged by the cells' response under load (null without a cell model). */
    private CurrentResponseCheck currentResponse;

    private final ConditionMonitor currentOffset;
    /** The cells' check of the charge a small steady reading counts (null without a cell model). */
    private CurrentOffsetCheck offsetCheck;

    private double[] softShortScores = new double[0];
    private String[] softShortWhere = new String[0];
    private double maxSoftShortScore;
    private int maxSoftShortCell = -1;
    private boolean softShortReported;
    /**
     * Set by a restored SOFT_SHORT latch: the detector starts afresh after a restart, and no evidence
     * is not "no leak"; the cause holds until the detector has shown every cell free of a leak.
     */
    private boolean softShortVerdictPending;

    /** Per cell: the detector has shown it free of a leak since the start (sized with the scores). */
    private boolean[] softShortNoLeak = new boolean[0];

    private String softShortVerdictHint =
            "let the pack rest so the soft-short detector can measure each cell, then reset again";
    private final ConditionMonitor cellSensor;
    private final ConditionMonitor currentSensor;
    private final ConditionMonitor tempSensor;
    private final ConditionMonitor packMismatch;
    private final ConditionMonitor[] conditions;
    private final ConditionMonitor[] hardwareTrips;
    private final Supplier<String>[] hardwareReasons;
    private HardwareProtection hardware = HardwareProtection.none();
    private final ConditionMonitor welded;
    /** The contactor inside its release time that still reads closed (null: none), from the last weld check. */
    private String releasingContactor;

    private long releasingContactorMillis;
    private final ConditionMonitor feedback;
    private final ConditionMonitor precharge;
    private final ConditionMonitor loopOverrun;
    private final ConditionMonitor loopException;
    private final ConditionMonitor shortCircuit;
    private final ConditionMonitor lockout;
    /** The saved state could not be used at start: latched until an accepted reset acknowledges it. */
    private final ConditionMonitor stateUnknown;

    private final double shortCircuitAmps;
    private final long loopProofNanos;
    private final long lockoutWindowNanos;
    /** Per fault code: the times of its last {@code lockoutTrips} MSL trips (ring), for the repeated-trip lockout. */
    private final long[][] tripTimes = new long[FaultCode.values().length][];

    private final int[] tripNext = new int[FaultCode.values().length];
    private FaultCode lockoutCode;
    private long firstNanos = Long.MIN_VALUE;
    /** Set by a restored stuck latch: every channel of that kind must change its reading before the cause counts as gone. */
    private boolean proveAliveCells;

    private boolean proveAliveTemps;
    private boolean proveAliveCurrent;
    private long nowNanos;
    /** MSL faults raised so far (edges, and events raised again while latched): see {@link #mslRaises()}. */
    private long mslRaises;

    private long lastOverrunNanos = Long.MIN_VALUE;
    /** Ticks in a row that overran their period, up to the last one (0: the last tick ran on time). */
    private int overrunStreak;

    private long lastExceptionNanos = Long.MIN_VALUE;
    private final FaultSink sink;
    private final PackMeasurement[] current = new PackMeasurement[1];
    private final Supplier<String> cellSensorReason = () -> {
        int i = current[0].firstBadCell();
        return sensorReason("cell voltage", i, i >= 0 ? current[0].cellStatus[i].name() : "OK");
    };
    private final Supplier<String> currentSensorReason = () -> current[0].currentFaultText.isEmpty()
            ? "current sensor reports " + current[0].currentStatus
            : "current sensor reports " + current[0].currentStatus + ": " + current[0].currentFaultText;
    private final Supplier<String> tempSensorReason = () -> {
        int i = current[0].firstBadTemperature();
        return sensorReason("temperature", i, i >= 0 ? current[0].tempStatus[i].name() : "OK");
    };
    private final Supplier<String> mismatchReason = () -> !current[0].packVoltsStatus.isOk()
            ? "pack voltage sensor reports " + current[0].packVoltsStatus + ": the sum of cells cannot be cross-checked"
            : String.format(
                    Locale.ROOT,
                    "sum of cells %.3f V vs measured pack %.3f V: they differ by more than the %.3f V the sensor accuracies allow "
                            + "(a frozen or drifting channel?)",
                    current[0].sumCellVolts,
                    current[0].packVolts,
                    extra().packMismatchToleranceVolts(current[0].cellCount(), current[0].packVolts));
    /** This tick's current as the limits judge it: the reading, or the least a reading beyond range means. */
    private double judgedAmps;
    /** This tick's current is beyond what the sensor reads ({@link PackMeasurement#currentBeyondRangeAmps}). */
    private boolean beyondRange;

    private static final String BEYOND_RANGE =
            "pack (the current sensor reads beyond its range: this much or more, or the sensor is at fault)";

    private final Supplier<String> shortCircuitReason = () -> beyondRange
            ? String.format(
                    Locale.ROOT,
                    "pack current %.1f A or more, beyond what the current sensor reads, and beyond the short-circuit"
                            + " level %.1f A: opened on the sample that saw it, no debounce; if no such current can"
                            + " flow, the sensor is at fault (%s: %s)",
                    judgedAmps,
                    shortCircuitAmps(),
                    current[0].currentStatus,
                    current[0].currentFaultText)
            : String.format(
                    Locale.ROOT,
                    "pack current %.1f A beyond the short-circuit level %.1f A: opened on the sample that saw it, no"
                            + " debounce",
                    judgedAmps,
                    shortCircuitAmps());

    private final Supplier<String> zeroDriftReason = () -> String.format(
            Locale.ROOT,
            "current sensor reads %.3f A while the contactors are open (allowed %.3f A); recalibrate its zero offset",
            current[0].sensorAmps,
            extra().zeroDriftAmps());
    private final Supplier<String> spreadReason = () -> String.format(
            Locale.ROOT,
            "thermistor spread %.1f °C (sensor %d at %.1f °C, sensor %d at %.1f °C) exceeds %.1f °C; check the thermistor wiring",
            current[0].maxCelsius - current[0].minCelsius,
            current[0].maxTempIndex + 1,
            current[0].maxCelsius,
            current[0].minTempIndex + 1,
            current[0].minCelsius,
            extra().tempSpreadCelsius());
    private final Supplier<String> rateReason = () -> String.format(
            Locale.ROOT,
            "temperature sensor %d changes at %.2f °C/s, more than the plausible %.2f °C/s; check the thermistor",
            plausibility.worstRateChannel + 1,
            plausibility.worstRate,
            extra().tempRateCelsiusPerS());
    /** Under tap subtraction the judged channel is a tap, which the cells on both sides of it are read from. */
    private String tapNote() {
        int n = plausibility.stuckCell + 1;
        if (!plausibility.cellChannelsAreTaps || n < 1) {
            return "";
        }
        return " (the tap at the top of cell " + n + ", which cell " + n
                + (n < current[0].cellVolts.length ? " and cell " + (n + 1) + " are" : " is") + " read from)";
    }

    private final Supplier<String> cellStuckReason = () -> plausibility.cellFrozenAmongMoving
            ? String.format(
                    Locale.ROOT,
                    "cell voltage channel %d%s read %.4f V identically for %.1f s (%.2f A flowing) while every other"
                            + " cell channel's reading changed at each of the last %d samples; the ADC is stuck",
                    plausibility.stuckCell + 1,
                    tapNote(),
                    plausibility.cellFrozenVolts(Math.max(0, plausibility.stuckCell)),
                    plausibility.cellUnchangedSeconds(plausibility.stuckCell, current[0].nanos),
                    current[0].sensorAmps,
                    plausibility.cellFrozenSamples())
            : String.format(
                    Locale.ROOT,
                    "cell voltage channel %d%s read %.4f V identically for %.1f s (%.2f A flowing); the ADC is stuck",
                    plausibility.stuckCell + 1,
                    tapNote(),
                    plausibility.cellFrozenVolts(Math.max(0, plausibility.stuckCell)),
                    plausibility.cellUnchangedSeconds(plausibility.stuckCell, current[0].nanos),
                    current[0].sensorAmps);
    private final Supplier<String> tempStuckReason = () -> String.format(
            Locale.ROOT,
            "temperature channel %d read %.2f °C identically for %.1f s (%.2f A flowing)%s; the ADC is stuck",
            plausibility.stuckTemp + 1,
            plausibility.tempFrozenCelsius(Math.max(0, plausibility.stuckTemp)),
            plausibility.tempUnchangedSeconds(plausibility.stuckTemp, current[0].nanos),
            current[0].sensorAmps,
            plausibility.tempFrozenByOwnRate
                    ? String.format(
                            Locale.ROOT,
                            ", %d identical readings where %s puts a live repeat at %.3f at most"
                                    + " (chance %.1e, limit %.0e)",
                            plausibility.tempFrozenRun,
                            plausibility.tempFrozenByPrior
                                    ? "the front end's prior (its resolution and noise)"
                                    : "its own history",
                            plausibility.tempFrozenBound,
                            Math.pow(plausibility.tempFrozenBound, plausibility.tempFrozenRun),
                            extra().tempFrozenFalseAlarm())
                    : "");
    private final Supplier<String> currentStuckReason = () -> plausibility.currentStuckByCells
            ? String.format(
                    Locale.ROOT,
                    "current sensor read %.3f A identically for %.1f s while every cell moved%s %+.1f mV beyond what "
                            + "that reading explains (threshold %.1f mV, as a current of at least %+.2f A would); "
                            + "the ADC is stuck",
                    plausibility.currentFrozenAmps(),
                    plausibility.currentUnchangedSeconds(current[0].nanos),
                    plausibility.currentByCells().laggingCells() > 0
                            ? " (all but at most "
                                    + plausibility.currentByCells().laggingCells() + " of the "
                                    + current[0].cellVolts.length + " cells)"
                            : "",
                    plausibility.currentByCells().movedVolts * 1000,
                    plausibility.currentByCells().thresholdVolts * 1000,
                    plausibility.currentByCells().impliedAmps)
            : String.format(
                    Locale.ROOT,
                    "current sensor read %.3f A identically for %.1f s; the ADC is stuck",
                    plausibility.currentFrozenAmps(),
                    plausibility.currentUnchangedSeconds(current[0].nanos));

    private final Supplier<String> currentImplausibleReason = () -> currentResponse.readingStep
            ? String.format(
                    Locale.ROOT,
                    "current reading stepped %+.2f A (now %.3f A), for which the cell model predicts %+.1f mV, but the "
                            + "cells did not follow (their median %+.1f mV, needed %+.1f mV); the current reading is "
                            + "implausible",
                    currentResponse.stepReadAmps,
                    current[0].sensorAmps,
                    currentResponse.predictedVolts * 1000,
                    currentResponse.cellVolts * 1000,
                    currentResponse.thresholdVolts * 1000)
            : String.format(
                    Locale.ROOT,
                    "every cell stepped at least %+.1f mV beyond the cell model (threshold %+.1f mV) while the current "
                            + "reading (now %.3f A) stepped only %+.2f A; a current flows that the reading does not show",
                    currentResponse.cellVolts * 1000,
                    currentResponse.thresholdVolts * 1000,
                    current[0].sensorAmps,
                    currentResponse.stepReadAmps);

    private final Supplier<String> currentOffsetReason = () -> String.format(
            Locale.ROOT,
            "current reading %.3f A counted %+.4f Ah over %.0f s on the closed pack, a move of %+.1f mV on cell %d's OCV,"
                    + " but no cell showed it (cell %d moved %+.1f mV less the model's polarisation, %.1f times its"
                    + " margin of %.1f mV: the voltage noise, %.0f %% of the counted move, the model's relaxation doubt,"
                    + " its own move against the reading before the window %.1f mV); the reading is offset",
            offsetCheck.readingAmps,
            offsetCheck.countedWindowAh,
            offsetCheck.windowSeconds,
            offsetCheck.predictedVolts * 1000,
            offsetCheck.leastCell + 1,
            offsetCheck.leastCell + 1,
            offsetCheck.movedVolts * 1000,
            offsetCheck.ratio,
            offsetCheck.marginVolts * 1000,
            extra().currentOffsetOcvDoubt() * 100,
            offsetCheck.trendVolts * 1000);

    /**
     * The largest evidence of an offset, over its margin, the cells' check of a small steady reading's counted
     * charge has found so far (above 1 raises CURRENT_OFFSET_IMPLAUSIBLE); NaN without a cell model or before its first verdict.
     */
    public double currentOffsetPeakRatio() {
        return offsetCheck == null || offsetCheck.peakRatio == Double.NEGATIVE_INFINITY
                ? Double.NaN
                : offsetCheck.peakRatio;
    }

    public Protection(ProtectionLimits limits, FaultSink sink) {
        this(limits, SupplementaryLimits.defaults(), sink);
    }

    /** Protection for a loop at {@link LoopConfig#DEFAULT} (the liveness windows' longest watched interval). */
    public Protection(ProtectionLimits limits, SupplementaryLimits extra, FaultSink sink) {
        this(limits, extra, LoopConfig.DEFAULT, sink);
    }

    /**
     * @param loop the loop's period and overrun limit: a sample interval of {@code period x (overrunsToFault + 1)} or
     *     more (a stalled loop, itself LOOP_OVERRUN) counts only that long towards the sensors' liveness windows
     */
    public Protection(ProtectionLimits limits, SupplementaryLimits extra, LoopConfig loop, FaultSink sink) {
        this.limits = limits;
        this.extra = extra;
        this.loop = loop;
        this.deadbandAmps = extra.currentDeadbandAmps();
        this.sink = e -> {
            if (e.raised() && e.level() == LimitLevel.MSL) {
                mslRaises++;
            }
            sink.accept(e);
            countTrip(e);
        };
        cellOv = new LimitMonitor(FaultCode.CELL_OVER_VOLTAGE, limits.cellOverVoltage());
        cellUv = new LimitMonitor(FaultCode.CELL_UNDER_VOLTAGE, limits.cellUnderVoltage());
        chargeOt = new LimitMonitor(FaultCode.CHARGE_OVER_TEMPERATURE, limits.chargeOverTemperature());
        chargeUt = new LimitMonitor(FaultCode.CHARGE_UNDER_TEMPERATURE, limits.chargeUnderTemperature());
        dischargeOt = new LimitMonitor(FaultCode.DISCHARGE_OVER_TEMPERATURE, limits.dischargeOverTemperature());
        dischargeUt = new LimitMonitor(FaultCode.DISCHARGE_UNDER_TEMPERATURE, limits.dischargeUnderTemperature());
        double a = limits.anodicLimitVolts();
        double aHyst = extra.anodicHysteresisVolts();
        anodic = new LimitMonitor(
                FaultCode.ELECTROLYTE_ANODIC_LIMIT,
                new ThreeLevelLimit("cellVoltage", LimitDirection.UPPER, a, a, a, aHyst, Duration.ZERO, "V"));
        imbalance = new LimitMonitor(FaultCode.CELL_IMBALANCE, extra.cellImbalance());
        softShort = new LimitMonitor(FaultCode.SOFT_SHORT, extra.softShortScore());
        // currents and SOC bounds: the hazard needs the flow, so no flow is proof enough that the cause is gone
        chargeOc = new LimitMonitor(FaultCode.CHARGE_OVER_CURRENT, limits.chargeOverCurrent(), false);
        dischargeOc = new LimitMonitor(FaultCode.DISCHARGE_OVER_CURRENT, limits.dischargeOverCurrent(), false);
        socHigh = new LimitMonitor(FaultCode.SOC_HIGH, extra.socHigh(), false);
        socLow = new LimitMonitor(FaultCode.SOC_LOW, extra.socLow(), false);
        limitMonitors = new LimitMonitor[] {
            cellOv,
            cellUv,
            chargeOc,
            dischargeOc,
            chargeOt,
            chargeUt,
            dischargeOt,
            dischargeUt,
            anodic,
            imbalance,
            socHigh,
            socLow,
            softShort
        };
        long sensorDebounce = extra.sensorStatusDebounce().toNanos();
        cellSensor = new ConditionMonitor(FaultCode.CELL_VOLTAGE_SENSOR, sensorDebounce);
        currentSensor = new ConditionMonitor(FaultCode.CURRENT_SENSOR, sensorDebounce);
        tempSensor = new ConditionMonitor(FaultCode.TEMPERATURE_SENSOR, sensorDebounce);
        packMismatch = new ConditionMonitor(
                FaultCode.PACK_VOLTAGE_MISMATCH, extra.packMismatchDebounce().toNanos());
        welded = new ConditionMonitor(FaultCode.CONTACTOR_WELDED, 0);
        feedback = new ConditionMonitor(FaultCode.CONTACTOR_FEEDBACK, 0);
        precharge = new ConditionMonitor(FaultCode.PRECHARGE_FAILED, 0);
        loopOverrun = new ConditionMonitor(FaultCode.LOOP_OVERRUN, 0);
        loopException = new ConditionMonitor(FaultCode.LOOP_EXCEPTION, 0);
        zeroDrift = new ConditionMonitor(
                FaultCode.CURRENT_ZERO_DRIFT, extra.zeroDriftDebounce().toNanos());
        tempSpread = new ConditionMonitor(
                FaultCode.TEMPERATURE_SPREAD, extra.tempSpreadDebounce().toNanos());
        // the sliding window is the rate check's own time filter (SensorPlausibility): no debounce on top; a ramp is
        // over only once no sample of the window shows it (one sample without it inside a ramp at a short period is
        // no proof, and its coming back is not a new trip)
        tempRate = new ConditionMonitor(
                FaultCode.TEMPERATURE_RATE, 0, extra.tempRateWindow().toNanos());
        cellStuck = new ConditionMonitor(FaultCode.CELL_VOLTAGE_STUCK, 0);
        tempStuck = new ConditionMonitor(FaultCode.TEMPERATURE_STUCK, 0);
        currentStuck = new ConditionMonitor(FaultCode.CURRENT_STUCK, 0);
        // two samples in a row are the check's own filter (CurrentResponseCheck): no debounce on top
        currentImplausible = new ConditionMonitor(FaultCode.CURRENT_SENSOR_IMPLAUSIBLE, 0);
        // the window is the check's own time filter (CurrentOffsetCheck): no debounce on top
        currentOffset = new ConditionMonitor(FaultCode.CURRENT_OFFSET_IMPLAUSIBLE, 0);
        hardwareTrips = new ConditionMonitor[HARDWARE_TRIPS.length];
        hardwareReasons = newSuppliers(HARDWARE_TRIPS.length);
        for (HardwareTrip t : HARDWARE_TRIPS) {
            hardwareTrips[t.ordinal()] = new ConditionMonitor(faultOf(t), 0);
            hardwareReasons[t.ordinal()] = () -> "hardware protection tripped (" + t + "): " + hardware.describe();
        }
        shortCircuit = new ConditionMonitor(FaultCode.SHORT_CIRCUIT, 0);
        lockout = new ConditionMonitor(FaultCode.REPEATED_TRIP_LOCKOUT, 0);
        stateUnknown = new ConditionMonitor(FaultCode.PERSISTED_STATE_UNKNOWN, 0);
        ConditionMonitor[] own = {
            cellSensor,
            currentSensor,
            tempSensor,
            packMismatch,
            welded,
            feedback,
            precharge,
            loopOverrun,
            loopException,
            zeroDrift,
            tempSpread,
            tempRate,
            cellStuck,
            tempStuck,
            currentStuck,
            currentImplausible,
            currentOffset,
            shortCircuit,
            lockout,
            stateUnknown
        };
        conditions = java.util.Arrays.copyOf(own, own.length + hardwareTrips.length);
        System.arraycopy(hardwareTrips, 0, conditions, own.length, hardwareTrips.length);
        shortCircuitAmps =
                extra.shortCircuitFactor() * limits.dischargeOverCurrent().msl();
        loopProofNanos = extra.loopProof().toNanos();
        lockoutWindowNanos = extra.lockoutWindow().toNanos();
        for (int i = 0; i < tripTimes.length; i++) {
            tripTimes[i] = new long[extra.lockoutTrips()];
            java.util.Arrays.fill(tripTimes[i], Long.MIN_VALUE);
        }
    }

    /**
     * The hardware protection layer's trips (a battery-monitor chip that opened its own FETs),
     * after {@link HardwareProtection#refresh()} this tick: each cause is a latched MSL fault.
     */
    public void evaluateHardware(HardwareProtection chip, long nowNanos) {
        hardware = chip;
        for (HardwareTrip t : HARDWARE_TRIPS) {
            hardwareTrips[t.ordinal()].evaluate(chip.tripped(t), nowNanos, hardwareReasons[t.ordinal()], sink);
        }
    }

    private static final HardwareTrip[] HARDWARE_TRIPS = HardwareTrip.values();

    @SuppressWarnings("unchecked")
    private static Supplier<String>[] newSuppliers(int n) {
        return (Supplier<String>[]) new Supplier<?>[n];
    }

    private static FaultCode faultOf(HardwareTrip t) {
        return switch (t) {
            case CELL_OVER_VOLTAGE -> FaultCode.HW_CELL_OVER_VOLTAGE;
            case CELL_UNDER_VOLTAGE -> FaultCode.HW_CELL_UNDER_VOLTAGE;
            case CHARGE_OVER_CURRENT -> FaultCode.HW_CHARGE_OVER_CURRENT;
            case DISCHARGE_OVER_CURRENT -> FaultCode.HW_DISCHARGE_OVER_CURRENT;
            case SHORT_CIRCUIT -> FaultCode.HW_SHORT_CIRCUIT;
            case OVER_TEMPERATURE -> FaultCode.HW_OVER_TEMPERATURE;
            case UNDER_TEMPERATURE -> FaultCode.HW_UNDER_TEMPERATURE;
            case HOST_WATCHDOG -> FaultCode.HW_HOST_WATCHDOG;
            case ALERT_UNREAD -> FaultCode.HW_ALERT_UNREAD;
            case CONFIGURATION_LOST -> FaultCode.HW_CONFIGURATION_LOST;
        };
    }

    /** Evaluates every limit and sensor check against this tick's measurement. */
    public void evaluate(PackMeasurement m) {
        long now = m.nanos;
        nowNanos = now;
        if (firstNanos == Long.MIN_VALUE) {
            firstNanos = now;
        }
        current[0] = m;
        int badCell = m.firstBadCell();
        cellSensor.evaluate(badCell >= 0, now, cellSensorReason, sink);
        currentSensor.evaluate(!m.currentStatus.isOk(), now, currentSensorReason, sink);
        int badTemp = m.firstBadTemperature();
        tempSensor.evaluate(badTemp >= 0, now, tempSensorReason, sink);
        // a failed pack-voltage sensor cannot cross-check the cells (a frozen cell would go unseen): a mismatch too
        boolean mismatch = !m.packVoltsStatus.isOk()
                || badCell < 0
                        && Math.abs(m.sumCellVolts - m.packVolts)
                                > extra.packMismatchToleranceVolts(m.cellCount(), m.packVolts);
        packMismatch.evaluate(mismatch, now, mismatchReason, sink);
        if (plausibility == null) { // sized on first use; allocation happens once, at start-up
            plausibility = new SensorPlausibility(
                    extra,
                    loop,
                    m.cellVolts.length,
                    m.cellCelsius.length,
                    crossCheckCell,
                    crossCheckHysteresisVolts,
                    crossCheckLithium,
                    thermistorFrontEnd,
                    atRestWindows,
                    cellResolutionVolts);
            plausibility.requireProofOfLife(proveAliveCells, proveAliveTemps, proveAliveCurrent);
            currentResponse = crossCheckCell == null
                    ? null
                    : new CurrentResponseCheck(extra, loop, crossCheckCell, crossCheckLithium, m.cellVolts.length);
            offsetCheck = crossCheckCell == null
                    ? null
                    : new CurrentOffsetCheck(
                            extra, crossCheckCell, crossCheckHysteresisVolts, crossCheckLithium, m.cellVolts.length);
            softShortScores = new double[m.cellVolts.length];
            softShortNoLeak = new boolean[m.cellVolts.length];
            softShortWhere = new String[m.cellVolts.length];
            for (int i = 0; i < softShortWhere.length; i++) {
                softShortWhere[i] = cellName(i);
            }
        }
        plausibility.update(m);
        zeroDrift.evaluate(plausibility.zeroDrift, now, zeroDriftReason, sink);
        tempSpread.evaluate(plausibility.spread, now, spreadReason, sink);
        if (plausibility.stepChannel >= 0) {
            raiseEvent(
                    tempRate,
                    now,
                    String.format(
                            Locale.ROOT,
                            "temperature sensor %d stepped %+.1f °C between two samples, more than the plausible %.1f °C; "
                                    + "check the thermistor",
                            plausibility.stepChannel + 1,
                            plausibility.stepCelsius,
                            plausibility.stepAllowedCelsius));
        }
        tempRate.evaluate(plausibility.rate || plausibility.stepChannel >= 0, now, rateReason, sink);
        cellStuck.evaluate(plausibility.stuckCell >= 0, now, cellStuckReason, sink);
        tempStuck.evaluate(plausibility.stuckTemp >= 0, now, tempStuckReason, sink);
        currentStuck.evaluate(plausibility.stuckCurrent, now, currentStuckReason, sink);
        if (currentResponse != null) {
            currentResponse.update(m);
        }
        currentImplausible.evaluate(
                currentResponse != null && currentResponse.flagged, now, currentImplausibleReason, sink);
        if (offsetCheck != null) {
            offsetCheck.update(m);
            currentOffset.evaluate(offsetCheck.flagged, now, currentOffsetReason, sink);
        }

        // a sample missing a channel (its status not OK) holds the pending debounces of the limits taken over
        // that channel: a channel that drops out now and then must not keep a limit from being raised
        boolean cellsValid = m.maxCellIndex >= 0;
        boolean cellMissing = badCell >= 0;
        cellOv.evaluate(
                m.maxCellVolts,
                cellsValid,
                cellsValid,
                false,
                cellMissing,
                now,
                cellsValid ? cellName(m.maxCellIndex) : "",
                sink);
        cellUv.evaluate(
                m.minCellVolts,
                cellsValid,
                cellsValid,
                false,
                cellMissing,
                now,
                cellsValid ? cellName(m.minCellIndex) : "",
                sink);
        anodic.evaluate(
                m.maxCellVolts,
                cellsValid,
                cellsValid,
                false,
                cellMissing,
                now,
                cellsValid ? cellName(m.maxCellIndex) : "",
                sink);
        boolean currentValid = m.currentStatus.isOk();
        boolean charging = currentValid && m.sensorAmps > deadbandAmps;
        // a current beyond what the sensor reads is judged at the least it can be: the largest currents must not
        // wait for the sensor fault's debounce (issue 23, check23o: a 200 A short opened 400 ms late, as a sensor
        // fault)
        // ... unless the contactors' feedback says no current can flow: then it is the sensor (its supply, its output
        // wire), judged as a sensor fault after its debounce (issue 23, check23p)
        beyondRange = !currentValid && Double.isFinite(m.currentBeyondRangeAmps) && !m.currentPathOpen;
        boolean currentJudged = currentValid || beyondRange;
        judgedAmps = currentValid ? m.sensorAmps : beyondRange ? m.currentBeyondRangeAmps : 0.0;
        shortCircuit.evaluate(currentJudged && Math.abs(judgedAmps) >= shortCircuitAmps, now, shortCircuitReason, sink);
        String where = beyondRange ? BEYOND_RANGE : "pack";
        chargeOc.evaluate(judgedAmps, currentJudged, currentJudged, false, !currentJudged, now, where, sink);
        dischargeOc.evaluate(-judgedAmps, currentJudged, currentJudged, false, !currentJudged, now, where, sink);
        boolean tempsValid = m.maxTempIndex >= 0;
        boolean tempMissing = badTemp >= 0;
        // the charge temperatures apply while charging, but their cause (the cell temperature) is judged always;
        // a sample without charge (a pause, a regenerative pulse the other way) holds their pending debounce, so a
        // charger that stops now and then still has its charge into a cold or hot cell add up to the debounce
        boolean notCharging = tempsValid && currentValid && !charging;
        chargeOt.evaluate(
                m.maxCelsius,
                tempsValid,
                tempsValid && charging,
                notCharging,
                tempMissing || !currentValid,
                now,
                tempsValid ? sensorName(m.maxTempIndex) : "",
                sink);
        chargeUt.evaluate(
                m.minCelsius,
                tempsValid,
                tempsValid && charging,
                notCharging,
                tempMissing || !currentValid,
                now,
                tempsValid ? sensorName(m.minTempIndex) : "",
                sink);
        dischargeOt.evaluate(
                m.maxCelsius,
                tempsValid,
                tempsValid,
                false,
                tempMissing,
                now,
                tempsValid ? sensorName(m.maxTempIndex) : "",
                sink);
        dischargeUt.evaluate(
                m.minCelsius,
                tempsValid,
                tempsValid,
                false,
                tempMissing,
                now,
                tempsValid ? sensorName(m.minTempIndex) : "",
                sink);
        // the imbalance names the lowest cell: a weak or soft-shorted cell falls behind the others
        imbalance.evaluate(
                m.maxCellVolts - m.minCellVolts,
                cellsValid,
                cellsValid,
                false,
                cellMissing,
                now,
                cellsValid ? cellName(m.minCellIndex) : "",
                sink);
        findMaxSoftShortScore();
        softShort.evaluate(
                maxSoftShortScore,
                maxSoftShortCell >= 0,
                now,
                maxSoftShortCell >= 0 ? softShortWhere[maxSoftShortCell] : "",
                maxSoftShortCell >= 0 ? cellName(maxSoftShortCell) : "",
                sink);
    }

    /**
     * SOC bounds, evaluated after the estimators ran this tick: the highest cell SOC while
     * charging, the lowest while discharging.
     */
    public void evaluateSoc(
            double minCellSoc, int minCell, double maxCellSoc, int maxCell, double packAmps, long nowNanos) {
        boolean valid = minCell >= 0 && maxCell >= 0 && Double.isFinite(minCellSoc) && Double.isFinite(maxCellSoc);
        boolean charging = packAmps > deadbandAmps;
        boolean discharging = packAmps < -deadbandAmps;
        // a rest between pulses holds a floor's pending debounce: pulses shorter than it still add up
        boolean rest = !charging && !discharging;
        socHigh.evaluate(
                maxCellSoc, valid, valid && charging, valid && rest, nowNanos, valid ? cellName(maxCell) : "", sink);
        socLow.evaluate(
                minCellSoc, valid, valid && discharging, valid && rest, nowNanos, valid ? cellName(minCell) : "", sink);
    }

    /**
     * The soft-short alarm hook: an estimator reports a cell's soft-short score (0 = none,
     * 1 = certain). Scores are evaluated against {@link SupplementaryLimits#softShortScore()} at
     * three levels on the next {@link #evaluate}. Call from the control-loop thread (the estimate
     * step); no allocation. Reports made before the first {@link #evaluate} (which sizes the table
     * from the measurement) are ignored.
     */
    public void reportSoftShortScore(int cell, double score) {
        if (cell < 0 || cell >= softShortScores.length) {
            if (softShortScores.length == 0) {
                return; // before the first evaluation: nothing sized yet, next report will count
            }
            throw new IndexOutOfBoundsException("cell " + cell + " is outside 0.." + (softShortScores.length - 1));
        }
        softShortScores[cell] = Double.isFinite(score) ? score : 0.0;
        softShortReported = true;
    }

    /**
     * The soft-short detector's verdict that {@code cell} does not leak (a rest measurement below its
     * clear level): after a restart with a SOFT_SHORT latch restored, the latch's cause counts as gone
     * only once every cell has had this verdict. Control-loop thread; no allocation.
     */
    public void reportSoftShortNoLeak(int cell) {
        if (!softShortVerdictPending || cell < 0 || cell >= softShortNoLeak.length) {
            return;
        }
        softShortNoLeak[cell] = true;
        for (boolean b : softShortNoLeak) {
            if (!b) {
                return;
            }
        }
        softShortVerdictPending = false;
    }

    /**
     * The thermistor front end's statement of its own repeat chance ({@link
     * org.qsebms.hal.TemperatureSensor#declaredRepeatBound()}), for the own-rate check of a frozen thermistor (fault
     * 209): with it, and with a bound the configuration states from a measurement (supplementary {@code
     * tempFrozenPriorRepeat}), the smaller chance judges a run from its first sample; with neither, each channel's own
     * history alone. Set once at assembly, before the first {@link #evaluate}.
     */
    public void judgeThermistorsWith(java.util.Optional<org.qsebms.hal.ThermistorRepeatBound> declared) {
        if (plausibility != null) {
            throw new IllegalStateException("the thermistor front end must be set before the first evaluation");
        }
        thermistorFrontEnd = java.util.Objects.requireNonNull(declared, "declared");
    }

    /**
     * The cell, current and thermistor front ends' statements of a live reading's repeat chance at rest ({@link
     * org.qsebms.hal.CellVoltageSensor#liveRepeatChanceAtRest()}, {@link
     * org.qsebms.hal.CurrentSensor#liveRepeatChanceAtRest()}, {@link
     * org.qsebms.hal.TemperatureSensor#liveRepeatChanceAtRest()}), for the at-rest liveness windows ({@code
     * cellStuckAtRest}, {@code currentStuckAtRest}, {@code tempStuckAtRest}; faults 208, 210 and 209): a window is
     * armed only for a channel kind whose front end states one or whose bound the configuration states from a
     * measurement (supplementary {@code cellRepeatAtRest}, {@code currentRepeatAtRest}, {@code
     * temperatureRepeatAtRest}); the thermistors' statement arms their while-flowing window ({@code
     * tempStuckWhileFlowing}) too (fix23bs: a quiet converter holds its code under a small current and at thermal
     * equilibrium, and a steady temperature's repeat chance bounds a drifting one's), while the cells' and the
     * current's while-flowing windows stay armed. With neither, a frozen reading of that kind is judged by the while-flowing window
     * (the cells' and the current's), the cells by the relative check, the current by the cells' cross-check and the
     * thermistors by the own-rate check (and a stated thermistor prior) only, not by the claim that a live reading changes. Set once at assembly,
     * before the first {@link #evaluate}.
     */
    public void judgeAtRestWith(
            java.util.OptionalDouble cells, java.util.OptionalDouble current, java.util.OptionalDouble temperatures) {
        if (plausibility != null) {
            throw new IllegalStateException("the at-rest statements must be set before the first evaluation");
        }
        atRestWindows = new AtRestWindows(
                cells.isPresent() || extra.statedCellRepeatAtRest().isPresent(),
                current.isPresent() || extra.statedCurrentRepeatAtRest().isPresent(),
                temperatures.isPresent()
                        || extra.statedTemperatureRepeatAtRest().isPresent());
    }

    /**
     * The cell front end's statement of its reading's resolution ({@link
     * org.qsebms.hal.CellVoltageSensor#readingResolutionVolts()}, fix23bu): with the cell model ({@link
     * #crossCheckCurrentWith}), the cells' while-flowing window ({@code cellStuckWhileFlowing}) judges a reading
     * stuck only once the model predicts it has moved by more than {@code cellStuckMoveResolutions} of it since it
     * last changed; empty (none stated) keeps that window judging by time alone. Set once at assembly, before the
     * first {@link #evaluate}.
     */
    public void judgeCellMovesWith(java.util.OptionalDouble resolutionVolts) {
        if (plausibility != null) {
            throw new IllegalStateException("the cell resolution must be set before the first evaluation");
        }
        cellResolutionVolts = java.util.Objects.requireNonNull(resolutionVolts, "resolutionVolts");
    }

    /**
     * The cell model (the preset scaled to the pack, as the estimators see it) for the cells' cross-check of
     * the current sensor ({@link CurrentFlowCrossCheck}); without it the check is off. Set once at assembly,
     * before the first {@link #evaluate}.
     */
    public void crossCheckCurrentWith(org.qsebms.estimators.model.EcmParameters cell) {
        crossCheckCurrentWith(cell, 0.0, org.qsebms.estimators.model.LithiumInterface.NONE);
    }

    /**
     * {@link #crossCheckCurrentWith(org.qsebms.estimators.model.EcmParameters)}, with the preset's OCV hysteresis
     * half-gap (volts, 0 for none: a cell at rest may sit that far from the table's OCV, so the SOC read from its
     * voltage is known only within that reach) and its lithium interface law scaled to the pack (the drop a small
     * current makes there), both for {@link CurrentOffsetCheck}.
     */
    public void crossCheckCurrentWith(
            org.qsebms.estimators.model.EcmParameters cell,
            double ocvHysteresisVolts,
            org.qsebms.estimators.model.LithiumInterface lithium) {
        if (plausibility != null) {
            throw new IllegalStateException("the cell model must be set before the first evaluation");
        }
        if (!(ocvHysteresisVolts >= 0)) {
            throw new IllegalArgumentException("the OCV hysteresis must be >= 0 V, got " + ocvHysteresisVolts);
        }
        crossCheckCell = cell;
        crossCheckHysteresisVolts = ocvHysteresisVolts;
        crossCheckLithium = lithium;
    }

    /** What the user can do to let the detector reach its verdict (for a refused reset); set once at assembly. */
    public void softShortVerdictHint(String whatToDo) {
        softShortVerdictHint = whatToDo;
    }

    /** True while a restored SOFT_SHORT latch waits for the detector's verdict on every cell. */
    private boolean softShortUnproven() {
        return softShortVerdictPending && softShort.latched();
    }

    /**
     * What the soft-short alarm says about {@code cell}: the detector's reason (built by the caller
     * when the cell's flag changes, never per tick), or null for just the cell's name.
     */
    public void reportSoftShortDetail(int cell, String detail) {
        if (cell >= 0 && cell < softShortWhere.length) {
            softShortWhere[cell] = detail == null ? cellName(cell) : detail;
        }
    }

    /** The highest reported score and its cell, found once per evaluation (not once per report). */
    private void findMaxSoftShortScore() {
        maxSoftShortScore = -Double.MAX_VALUE;
        maxSoftShortCell = -1;
        if (!softShortReported) {
            return;
        }
        for (int i = 0; i < softShortScores.length; i++) {
            if (softShortScores[i] > maxSoftShortScore) {
                maxSoftShortScore = softShortScores[i];
                maxSoftShortCell = i;
            }
        }
    }

    public SupplementaryLimits extra() {
        return extra;
    }

    private static final String[] CELL_NAMES = new String[1024];
    private static final String[] SENSOR_NAMES = new String[1024];

    static {
        for (int i = 0; i < CELL_NAMES.length; i++) {
            CELL_NAMES[i] = "cell " + (i + 1);
            SENSOR_NAMES[i] = "temperature sensor " + (i + 1);
        }
    }

    private static String cellName(int index) {
        return index < CELL_NAMES.length ? CELL_NAMES[index] : "cell";
    }

    private static String sensorName(int index) {
        return index < SENSOR_NAMES.length ? SENSOR_NAMES[index] : "temperature sensor";
    }

    private static String sensorReason(String what, int channel, String status) {
        return channel < 0
                ? "every " + what + " channel reports OK at this sample"
                : what + " channel " + (channel + 1) + " reports " + status;
    }

    /**
     * The weld check, every tick and on every path: {@code weldedNow} is true while a contactor
     * commanded open for longer than its release time still reads closed. Raises CONTACTOR_WELDED
     * at once; its cause stays present (and blocks a reset) while any contactor still reads so.
     *
     * @param releasing the contactor commanded open less than its release time ago that still reads
     *                  closed (null: none). Not yet a weld, but not yet proof of none either: like a
     *                  condition inside its debounce, its cause counts as present, so a reset or a close
     *                  taken in that window is refused rather than judged before the check can see
     * @param releasingMillis how long ago that contactor was commanded open (ms)
     */
    public void contactorWeldCheck(
            boolean weldedNow, String which, String releasing, long releasingMillis, long nowNanos) {
        if (weldedNow && !welded.present()) {
            raiseEvent(welded, nowNanos, which + " contactor feedback still closed after the open command (welded?)");
        } else if (!weldedNow && welded.present()) {
            welded.conditionGone();
        }
        releasingContactor = weldedNow ? null : releasing;
        releasingContactorMillis = releasingMillis;
    }

    /** True when the condition's cause counts only as not yet judged: a weld inside the release time, an overrun run. */
    private boolean pendingOnly(ConditionMonitor c) {
        return c == welded && !c.present() || c == loopOverrun && !c.latched();
    }

    /** A cause not yet judged, for a refusal (allocates; never per tick). */
    private String describePending(ConditionMonitor c) {
        if (c == loopOverrun) {
            return loopOverrun.code().name() + " (not yet latched): the last " + overrunStreak
                    + (overrunStreak == 1 ? " tick" : " ticks in a row")
                    + " overran the loop period; wait for the loop to run on time";
        }
        return welded.code().name() + " (not yet judged): " + releasingContactor
                + " contactor still reads closed " + releasingContactorMillis
                + " ms after its open command, inside its release time; wait until it reads open";
    }

    /** A weld found by an event (kept for callers that check once): latched, cause judged by the next weld check. */
    void contactorWelded(String which, long nowNanos) {
        raiseEvent(welded, nowNanos, which + " contactor feedback still closed after the open command (welded?)");
        welded.conditionGone();
    }

    public void contactorFeedbackMissing(String which, long nowNanos) {
        raiseEvent(feedback, nowNanos, which + " contactor feedback did not close after the close command");
        feedback.conditionGone();
    }

    /**
     * A contactor that had closed reads open while still commanded closed: it opened by itself, {@code closedSeconds}
     * after it closed, with {@code amps} through the pack when it last read closed.
     */
    public void contactorOpenedByItself(String which, double closedSeconds, double amps, long nowNanos) {
        raiseEvent(
                feedback,
                nowNanos,
                String.format(
                        Locale.ROOT,
                        "%s contactor opened by itself while commanded closed, %.1f s after it closed, the pack at "
                                + "%.2f A when it last read closed: check its coil supply and wiring and its auxiliary "
                                + "contact",
                        which,
                        closedSeconds,
                        amps));
        feedback.conditionGone();
    }

    /** A contactor commanded closed whose feedback could not be read (a bus error) for {@code millis} ms. */
    public void contactorFeedbackUnreadable(String which, long millis, long nowNanos) {
        raiseEvent(
                feedback,
                nowNanos,
                which + " contactor feedback unreadable for " + millis
                        + " ms while commanded closed (a bus error on the chip that reports it): check the bus");
        feedback.conditionGone();
    }

    /**
     * A contactor's driver threw on a command ({@code closed}: a close, else an open): latched, and its cause present
     * until {@link #contactorCommandsGoThrough()}, so no reset is taken while a coil cannot be driven.
     */
    public void contactorCommandFailed(String which, boolean closed, String detail, long nowNanos) {
        raiseEvent(
                feedback,
                nowNanos,
                which + " contactor: the " + (closed ? "close" : "open") + " command failed (" + detail
                        + "): check its coil driver and the GPIO line or bus that drives it");
    }

    /** Every contactor's last command went through: the cause of a failed command is gone. */
    public void contactorCommandsGoThrough() {
        feedback.conditionGone();
    }

    public void prechargeFailed(String reason, long nowNanos) {
        raiseEvent(precharge, nowNanos, reason);
        precharge.conditionGone();
    }

    /** The loop overran repeatedly: latched; its cause counts as gone after {@code loopProof} without an overrun. */
    public void loopOverrun(String reason, long nowNanos) {
        lastOverrunNanos = nowNanos;
        raiseEvent(loopOverrun, nowNanos, reason);
        loopOverrun.conditionGone();
    }

    /**
     * One tick overran its period (not yet a fault): restarts the on-time proof of LOOP_OVERRUN, and until a tick
     * runs on time ({@link #tickOnTime()}) the overruns in a row count as a cause not yet latched, as a condition
     * inside its debounce does: a reset or close taken meanwhile is refused (issue 23, oracle seeds 549086 and
     * 598745: a reset answered inside the tick whose own overrun, the fifth in a row, latched the fault after it).
     */
    public void tickOverran(long nowNanos) {
        lastOverrunNanos = nowNanos;
        overrunStreak++;
    }

    /** A tick ended within its period: a run of overruns, if any, is over. */
    public void tickOnTime() {
        overrunStreak = 0;
    }

    /** A tick threw: latched; its cause counts as gone after {@code loopProof} of ticks without an exception. */
    public void loopException(String reason, long nowNanos) {
        lastExceptionNanos = nowNanos;
        raiseEvent(loopException, nowNanos, reason);
        loopException.conditionGone();
    }

    /**
     * The state saved before the restart existed but could not be used (docs/persistence.md): whether a fault was
     * latched then is unknown, so the pack starts as if one were. Latched until an accepted reset, which is the
     * operator's acknowledgement of the lost state (its cause is gone once acknowledged; every other cause still
     * refuses the reset). Not a trip of the pack: it does not count towards the lockout. Call before the first tick.
     */
    public void persistedStateUnknown(String reason, long nowNanos) {
        raiseEvent(stateUnknown, nowNanos, reason);
        stateUnknown.conditionGone();
    }

    /**
     * Latches, without new trips, the faults that were latched when the state was last saved (a
     * crash or power loss does not clear them): ids as {@code CODE.MSL}. Unknown ids are ignored
     * and returned. Call before the first tick.
     */
    public List<String> restoreLatched(java.util.Collection<String> ids, long nowNanos) {
        List<String> unknown = new ArrayList<>();
        for (String id : ids) {
            FaultCode code = codeOf(id);
            if (code == null) {
                unknown.add(id);
                continue;
            }
            boolean found = false;
            for (LimitMonitor lm : limitMonitors) {
                if (lm.code() == code) {
                    lm.restoreLatch();
                    found = true;
                }
            }
            for (ConditionMonitor c : conditions) {
                if (c.code() == code) {
                    c.restoreLatch(!isEventCondition(c));
                    found = true;
                }
            }
            // a frozen channel is proven alive only by its reading changing: after a restart every
            // channel of that kind must show it again before the restored latch's cause counts as gone
            proveAliveCells |= code == FaultCode.CELL_VOLTAGE_STUCK;
            proveAliveTemps |= code == FaultCode.TEMPERATURE_STUCK;
            proveAliveCurrent |= code == FaultCode.CURRENT_STUCK;
            softShortVerdictPending |= code == FaultCode.SOFT_SHORT;
            if (found) {
                sink.accept(
                        new FaultEvent(code, LimitLevel.MSL, true, true, code.meaning() + RESTORED_SUFFIX, nowNanos));
            } else {
                unknown.add(id);
            }
        }
        return unknown;
    }

    /**
     * Conditions found as events and over once found (a feedback that did not come, a precharge
     * that failed, the loop's own, whose proof is timed by {@code loopProof} from the first tick,
     * the lockout, judged by the reset itself); every other condition is judged every tick.
     */
    private boolean isEventCondition(ConditionMonitor c) {
        return c == feedback
                || c == precharge
                || c == loopOverrun
                || c == loopException
                || c == lockout
                || c == stateUnknown;
    }

    private static FaultCode codeOf(String id) {
        String name = id.endsWith(".MSL") ? id.substring(0, id.length() - 4) : id;
        for (FaultCode c : FaultCode.values()) {
            if (c.name().equals(name)) {
                return c;
            }
        }
        return null;
    }

    /**
     * Restores the repeated-trip lockout's history saved before a restart: trips of the fault
     * {@code id} ({@code CODE.MSL}) {@code agesNanos} before {@code nowNanos} (the clock the ticks
     * read), oldest first. A trip older than {@code lockoutWindow} is dropped; a trip never raises
     * the lockout here (a lockout reached before the restart is a restored latch). Call before the
     * first tick.
     *
     * @return false when {@code id} is not a fault id
     */
    public boolean restoreTrip(String id, long ageNanos, long nowNanos) {
        FaultCode code = codeOf(id);
        if (code == null || code == FaultCode.REPEATED_TRIP_LOCKOUT) {
            return false;
        }
        if (ageNanos > lockoutWindowNanos) {
            return true;
        }
        int c = code.ordinal();
        long[] ring = tripTimes[c];
        ring[tripNext[c]] = nowNanos - Math.max(0, ageNanos);
        tripNext[c] = (tripNext[c] + 1) % ring.length;
        return true;
    }

    /** Counts MSL trips per fault; {@code lockoutTrips} of one fault within {@code lockoutWindow} lock the pack out. */
    private void countTrip(FaultEvent e) {
        if (!e.raised()
                || e.level() != LimitLevel.MSL
                || e.code() == FaultCode.REPEATED_TRIP_LOCKOUT
                || e.code() == FaultCode.PERSISTED_STATE_UNKNOWN
                || e.reason().endsWith(RESTORED_SUFFIX)) {
            return;
        }
        int c = e.code().ordinal();
        long[] ring = tripTimes[c];
        ring[tripNext[c]] = e.nanos();
        tripNext[c] = (tripNext[c] + 1) % ring.length;
        long oldest = ring[tripNext[c]]; // the ring is full when the slot about to be overwritten holds a trip
        if (oldest != Long.MIN_VALUE && e.nanos() - oldest <= lockoutWindowNanos && !lockout.latched()) {
            lockoutCode = e.code();
            lockout.raiseNow(
                    e.nanos(),
                    String.format(
                            Locale.ROOT,
                            "%s tripped %d times within %d min: locked out; a service reset (after finding the cause) is needed",
                            e.code().name(),
                            ring.length,
                            extra.lockoutWindow().toMinutes()),
                    sink);
        }
    }

    /**
     * Raises an event-type fault (latched at once, no debounce). One raised again while it is still latched
     * has no edge, but it is a new fault all the same: it counts in {@link #mslRaises()}.
     */
    private void raiseEvent(ConditionMonitor c, long nowNanos, String reason) {
        if (c.latched()) {
            mslRaises++;
        }
        c.raiseNow(nowNanos, reason, sink);
    }

    /**
     * How many MSL faults were raised so far, each raise edge and each event raised again while latched.
     * A reset answers only the faults latched when it was received: the loop publishes this count after
     * each tick, a reset request keeps the count it saw, and a reset whose count is not the count now is
     * refused (docs/safety.md). Loop thread only.
     */
    public long mslRaises() {
        return mslRaises;
    }

    /** True when any fault at MSL is active or latched: the contactors must be open. */
    public boolean tripped() {
        for (LimitMonitor lm : limitMonitors) {
            if (lm.active(LimitLevel.MSL) || lm.latched()) {
                return true;
            }
        }
        for (ConditionMonitor c : conditions) {
            if (c.latched()) {
                return true;
            }
        }
        return false;
    }

    /** True when the pack is locked out after repeated trips: only {@link #serviceReset} clears it. */
    public boolean lockedOut() {
        return lockout.latched();
    }

    /**
     * True when a fault's cause is still present, so a reset must be refused, and so must a close
     * (the one judgement for both, docs/safety.md). What proves each cause gone is in docs/faults.md:
     * a limit's value back inside its MSL by the hysteresis (for currents and SOC bounds: no longer
     * flowing that way), a sensor channel OK and, for a stuck one, its reading changed since; every
     * contactor that is commanded open reading open; the loop on time (and without exception) for
     * {@code loopProof}. A limit beyond its MSL where it applies, or a condition seen, not yet for its
     * debounce, counts too; a floor that applies only while discharging is not pending at rest.
     * Allocation-free; no I/O.
     */
    public boolean causePresent() {
        if (softShortUnproven()) {
            return true;
        }
        for (LimitMonitor lm : limitMonitors) {
            if (lm.causePresent()) {
                return true;
            }
        }
        for (ConditionMonitor c : conditions) {
            if (causePresent(c)) {
                return true;
            }
        }
        return false;
    }

    private boolean causePresent(ConditionMonitor c) {
        if (c == welded && releasingContactor != null) {
            return true;
        }
        if (c == loopOverrun) {
            return overrunStreak > 0
                    || c.latched() && nowNanos - Math.max(firstNanos, lastOverrunNanos) < loopProofNanos;
        }
        if (c == loopException) {
            return c.latched() && nowNanos - Math.max(firstNanos, lastExceptionNanos) < loopProofNanos;
        }
        if (c == lockout) {
            return false; // judged by reset() itself: only a service reset clears it
        }
        // a condition seen but not yet for its debounce counts too: a reset taken over it would let
        // the pack close on a cause some checks can no longer see once closed (a current zero drift)
        return c.present() || c.pending();
    }

    /** Names of the faults whose condition is still present (for a refused reset). Allocates; not for the hot path. */
    List<String> presentConditions() {
        List<String> out = new ArrayList<>();
        for (LimitMonitor lm : limitMonitors) {
            if (lm.causePresent() || lm == softShort && softShortUnproven()) {
                out.add(lm.code().name() + ".MSL");
            }
        }
        for (ConditionMonitor c : conditions) {
            if (causePresent(c)) {
                out.add(pendingOnly(c) ? describePending(c) : c.code().name());
            }
        }
        return out;
    }

    /**
     * Clears every latch if no fault condition is still present and the pack is not locked out.
     *
     * @return true when the reset was accepted
     */
    public boolean reset(long nowNanos) {
        if (lockout.latched() || causePresent()) {
            return false;
        }
        clearLatches(nowNanos);
        return true;
    }

    /**
     * The deliberate service reset after a lockout: clears the lockout and every latch, still only
     * when no cause is present. It answers the lockout latched when it is taken: only then does it
     * forget the trip history. Taken while the pack is not locked out it clears the latches as a reset
     * does and the trips before it still count towards the lockout, so a service reset sent between
     * trips cannot keep a pack that trips again and again from locking out.
     *
     * @return true when accepted
     */
    public boolean serviceReset(long nowNanos) {
        if (causePresent()) {
            return false;
        }
        boolean answersALockout = lockout.latched();
        clearLatches(nowNanos);
        if (answersALockout) {
            for (long[] ring : tripTimes) {
                java.util.Arrays.fill(ring, Long.MIN_VALUE);
            }
            lockoutCode = null;
        }
        return true;
    }

    /**
     * Each cause present now, with its value and limit (allocates; for a refused close, never per tick):
     * the same judgement as {@link #causePresent()}.
     */
    List<String> describeCauses() {
        List<String> out = new ArrayList<>();
        for (LimitMonitor lm : limitMonitors) {
            if (lm.causePresent()) {
                out.add(lm.describeCause(nowNanos));
            }
        }
        for (ConditionMonitor c : conditions) {
            if (causePresent(c)) {
                out.add(pendingOnly(c) ? describePending(c) : c.describe(nowNanos));
            }
        }
        String softShortReason = softShortUnprovenReason();
        if (!softShortReason.isEmpty()) {
            out.add(softShortReason.substring(2));
        }
        return out;
    }

    /** Why a close is refused now: every cause present with its value and limit (allocates; for the refusal). */
    public String closeRefusal() {
        List<String> causes = describeCauses();
        return "close refused: a cause that would trip the pack is present; nothing energised: "
                + (causes.isEmpty() ? "a fault was raised, latched " + latchedIds() : String.join("; ", causes));
    }

    /**
     * The fault whose repeated trips locked the pack out: the one that reached the count here, or, for a lockout
     * restored after a restart, the fault whose restored trip history is full with the latest trip (null when that
     * history is gone too: older than the window).
     */
    private FaultCode lockedOutCode() {
        if (lockoutCode != null) {
            return lockoutCode;
        }
        FaultCode best = null;
        long latest = Long.MIN_VALUE;
        for (FaultCode c : FaultCode.values()) {
            long[] ring = tripTimes[c.ordinal()];
            int next = tripNext[c.ordinal()];
            long last = ring[(next + ring.length - 1) % ring.length];
            if (ring[next] != Long.MIN_VALUE && last > latest) {
                latest = last;
                best = c;
            }
        }
        return best;
    }

    /** Why a reset is refused now (allocates; for the refusal message). */
    public String refusal() {
        if (lockout.latched()) {
            FaultCode which = lockedOutCode();
            return "reset refused: locked out after repeated "
                    + (which == null ? "trips" : which.name() + " trips")
                    + "; send a service reset once the cause is found"
                    + (causePresent()
                            ? "; condition still present " + presentConditions() + softShortUnprovenReason()
                            : "");
        }
        String none = nothingToClear("reset");
        return none != null
                ? none
                : "reset refused: condition still present " + presentConditions() + softShortUnprovenReason();
    }

    /**
     * The answer to a reset {@code name} asked where no cause is present: nothing is latched, or every latch could be
     * cleared now; null when a cause is present (the refusal then names it). Without it the answer read "condition
     * still present []", an empty list (issue 23, check23v's probe asked {@link #refusal()} in NORMAL).
     */
    private String nothingToClear(String name) {
        if (causePresent()) {
            return null;
        }
        if (!tripped()) {
            return name + " refused: no fault is latched, so there is nothing to reset; a " + name
                    + " is not kept for a later fault: send one after a trip, once its cause is gone";
        }
        return name + " refused: no cause is present now (latched: " + latchedIds() + "); send the " + name
                + " again to clear them";
    }

    /**
     * Why a service reset is refused now: a cause is present (a lockout does not refuse it; allocates, for the
     * refusal message).
     */
    public String serviceRefusal() {
        String none = nothingToClear("service reset");
        if (none != null) {
            return none;
        }
        return "service reset refused: condition still present " + presentConditions() + softShortUnprovenReason()
                + (lockout.latched() ? "; the lockout stays latched until a service reset is accepted" : "");
    }

    /** Why a restored SOFT_SHORT latch still holds, or "" (allocates; for the refusal message). */
    private String softShortUnprovenReason() {
        if (!softShortUnproven()) {
            return "";
        }
        StringBuilder cells = new StringBuilder();
        for (int i = 0; i < softShortNoLeak.length; i++) {
            if (!softShortNoLeak[i]) {
                cells.append(cells.length() == 0 ? "" : ", ").append(i + 1);
            }
        }
        return "; SOFT_SHORT.MSL was latched before the restart and the soft-short detector, which starts afresh, "
                + "has not yet shown every cell free of a leak"
                + (cells.length() == 0 ? "" : " (not yet: cell " + cells + ")")
                + ": " + softShortVerdictHint;
    }

    private void clearLatches(long nowNanos) {
        softShortVerdictPending = false;
        for (LimitMonitor lm : limitMonitors) {
            if (lm.latched()) {
                lm.resetLatch();
                sink.accept(new FaultEvent(
                        lm.code(),
                        LimitLevel.MSL,
                        false,
                        false,
                        lm.code().meaning() + FaultEvent.RESET_SUFFIX,
                        nowNanos));
            }
        }
        for (ConditionMonitor c : conditions) {
            c.resetLatch(nowNanos, sink);
        }
    }

    /** True when a limit is at RSL or beyond (derate). */
    public boolean active(FaultCode code, LimitLevel level) {
        for (LimitMonitor lm : limitMonitors) {
            if (lm.code() == code) {
                return lm.active(level);
            }
        }
        for (ConditionMonitor c : conditions) {
            if (c.code() == code) {
                return level == LimitLevel.MSL && (c.present() || c.latched());
            }
        }
        return false;
    }

    /** Every latched fault for a message, e.g. {@code [CONTACTOR_FEEDBACK.MSL]}. Allocates; not for the hot path. */
    public String latchedFaults() {
        return latchedIds().toString();
    }

    /** The ids ({@code CODE.MSL}) of every latched fault, for the state file. Allocates; not for the hot path. */
    List<String> latchedIds() {
        List<String> out = new ArrayList<>();
        for (LimitMonitor lm : limitMonitors) {
            if (lm.latched()) {
                out.add(lm.code().name() + ".MSL");
            }
        }
        for (ConditionMonitor c : conditions) {
            if (c.latched()) {
                out.add(c.code().name() + ".MSL");
            }
        }
        return out;
    }

    /** The short-circuit tier in amperes (either direction). */
    double shortCircuitAmps() {
        return shortCircuitAmps;
    }

    public ProtectionLimits limits() {
        return limits;
    }
}
