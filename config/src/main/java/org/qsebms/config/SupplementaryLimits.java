package org.qsebms.config;

import java.time.Duration;

/**
 * The supplementary protection thresholds beside the preset's MSLs: cell imbalance,
 * SOC bounds, the soft-short score, the short-circuit tier, the sensor cross-checks, the sensor
 * accuracy the pack-voltage cross-check is derived from, and the repeated-trip lockout. Every
 * time is a {@link Duration} (never a tick count), so the reaction bound holds at any loop period.
 * They are data: the shipped defaults are {@code presets/supplementary-defaults.yaml}, a preset may
 * override them in its {@code supplementary:} section, and a configuration may only tighten them
 * (see {@link SupplementaryReader}).
 *
 * @param cellImbalance             max minus min cell voltage (V), three levels
 * @param socHigh                   highest cell SOC (fraction) while charging (reached at the limit: 1.00 counts)
 * @param socLow                    lowest cell SOC (fraction) while discharging (reached at the limit: 0.00 counts)
 * @param softShortScore            highest per-cell soft-short score (0..1) reported by the estimators
 * @param zeroDriftAmps             current magnitude that must not be read while the current path is open
 * @param zeroDriftDebounce         how long the drift must persist
 * @param tempSpreadCelsius         largest plausible max-min thermistor spread
 * @param tempSpreadDebounce        how long the spread must persist
 * @param tempRateCelsiusPerS       largest plausible rate of change of one thermistor, over {@code tempRateWindow}
 * @param tempRateWindow            window over which the rate is measured (filters ADC noise)
 * @param tempStepCelsius           largest plausible change of one thermistor between two samples (a step beyond
 *                                  it raises TEMPERATURE_RATE at once)
 * @param stuckMinAmps              current magnitude above which the pack counts as "current flowing"
 * @param cellStuckWhileFlowing     bit-identical cell readings for this long while current flows mean stuck
 * @param tempStuckWhileFlowing     ... thermistor readings
 * @param currentStuckWhileFlowing  ... current readings
 * @param cellStuckAtRest           the at-rest liveness diagnostic: a cell channel must show a changed reading at
 *                                  least this often even without current (ADC noise proves it alive)
 * @param tempStuckAtRest           ... a thermistor channel
 * @param currentStuckAtRest        ... the current sensor
 * @param sensorStatusDebounce      how long a channel's non-OK status must persist
 * @param cellVoltsAccuracy         accuracy of one cell-voltage reading (V); with the pack's it sets the
 *                                  sum-of-cells tolerance: cells x this + pack x {@code packVoltsAccuracyFraction}
 * @param packVoltsAccuracyFraction accuracy of the pack-voltage reading, fraction of the reading
 * @param packMismatchDebounce      how long the sum of cells must disagree with the pack voltage
 * @param shortCircuitFactor        the short-circuit tier, as a multiple of the discharge over-current MSL (A):
 *                                  a pack current of that magnitude either way trips on the sample that sees it
 * @param lockoutTrips              trips of one fault within {@code lockoutWindow} that lock the pack out
 * @param lockoutWindow             window of the repeated-trip count
 * @param loopProof                 how long the loop must run without overrun (or exception) before the cause of
 *                                  LOOP_OVERRUN (or LOOP_EXCEPTION) counts as gone
 * @param anodicHysteresisVolts     how far below the electrolyte's anodic limit the highest cell must come back
 *                                  before ELECTROLYTE_ANODIC_LIMIT counts as gone
 * @param currentDeadbandAmps       a pack current above this counts as charging, below minus this as discharging
 *                                  (the SOC bounds and the charge-only limits use it)
 * @param currentCrossCheckC        the cells' cross-check of a current sensor frozen at rest: the smallest unseen
 *                                  current it must find, as a C-rate of the pack's capacity (0.25: a quarter of the
 *                                  capacity per hour); the voltage it must see is what the preset's R0 and RC pairs
 *                                  make of that current (docs/safety.md)
 * @param currentCrossCheckWindow   the window over which the cells' move is compared with what the reading explains
 * @param currentCrossCheckDebounce how long every cell must keep moving beyond that threshold (at most half the window)
 * @param currentCrossCheckModelDoubt the fraction of the model's own predicted relaxation over the window added to the
 *                                  threshold (the cells' true RC pairs differ from the preset's)
 * @param currentCrossCheckLaggingFraction the fraction of the cells (rounded down) that may move less than that
 *                                  threshold without vetoing the cross-check: a minority of cells that move less
 *                                  than the rest (a heated cell of lower resistance, a cell on a flat stretch of its
 *                                  OCV, one noisy channel) must not hide an unread current (0 to 0.5)
 * @param cellFrozenFalseAlarm      the relative liveness check of the cell channels: a channel whose reading stays
 *                                  identical while every other channel's reading changes at every sample is frozen
 *                                  once, were the channels alike, the chance that all those identical readings fell
 *                                  on one channel is at most this (per evaluation); it sets how many samples that
 *                                  takes for the pack's cell count (docs/safety.md)
 * @param tempFrozenFalseAlarm      the thermistors' own-rate liveness check: a thermistor's run of identical readings
 *                                  is frozen once its own repeat chance, learnt from its own history and bounded
 *                                  from above, makes the run at most this likely (per evaluation); 0: off
 *                                  (docs/safety.md)
 * @param tempFrozenMinHistory      the pairs of consecutive valid readings a thermistor's own history needs before
 *                                  that check may judge it
 * @param tempFrozenPriorRepeat     a measured bound on the thermistor front end's chance that a live reading repeats
 *                                  between two consecutive samples, at any reading from {@code
 *                                  tempFrozenPriorMinCelsius} to {@code tempFrozenPriorMaxCelsius} (1: none stated,
 *                                  the default); with the front end's own statement, if it makes one, the smaller
 *                                  judges a run before the channel has its own history and a run no other channel's
 *                                  change explains (docs/safety.md, docs/configuration.md)
 * @param tempFrozenPriorMinCelsius the lowest reading the prior holds at
 * @param tempFrozenPriorMaxCelsius the highest reading the prior holds at
 * @param cellRepeatAtRest          a measured bound on the cell front end's chance that a live reading repeats
 *                                  bit-identical between two consecutive samples at rest (1: none stated, the
 *                                  default); the at-rest window {@code cellStuckAtRest} is armed only where this or
 *                                  the front end itself states one (docs/safety.md fix23bp, docs/configuration.md)
 * @param currentRepeatAtRest       ... the current sensor's, for {@code currentStuckAtRest}
 * @param temperatureRepeatAtRest   ... the thermistor front end's (a steady temperature), for {@code tempStuckAtRest}
 *                                  (docs/safety.md fix23br)
 * @param currentResponseWindow     the current reading judged by the cells' response (CURRENT_SENSOR_IMPLAUSIBLE): the
 *                                  window sliding with every sample (at least four loop periods are taken, so each
 *                                  half holds two); the cells' and the model's move in its second half less the
 *                                  first half's trend (docs/safety.md)
 * @param currentResponseStepAmps   the least step of the reading judged there (its second difference), amperes
 * @param currentResponseMinVolts   the least move the preset's R0 and RC pairs must predict for a reading step to be
 *                                  judged, and the margin an unread step of every cell must pass, volts
 * @param currentResponseFollowFraction a reading step is implausible when the cells' median did not move this
 *                                  fraction of the predicted move its way
 * @param currentResponseModelDoubt the fraction of the model's own predicted move added to the unread step's margin
 * @param currentResponseNoiseSigmas at a loop period of half of {@code currentResponseWindow} or over, a reading step's
 *                                  resolved jump is judged only where the cells' expected follow (R0 times the step)
 *                                  lies this many standard deviations of their median jump (estimated from their own
 *                                  jumps either side) beyond the follow threshold
 * @param currentOffsetWindow       the cells' check of the charge a small steady reading counts on a closed pack
 *                                  (CURRENT_OFFSET_IMPLAUSIBLE): the window over which the counted charge's OCV move
 *                                  is compared with the cells' own move (docs/safety.md)
 * @param currentOffsetSettle       how long the reading must have been small before that window may begin (a load's
 *                                  relaxation is over)
 * @param currentOffsetMaxC         the largest reading (C-rate) that check judges
 * @param currentOffsetSteadyC      the largest spread of the reading (C-rate) over its window
 * @param currentOffsetNoiseVolts   the cell voltage noise and unmodelled drift allowed over the window
 * @param currentOffsetOcvDoubt     the fraction of the counted charge's predicted OCV move allowed as doubt (the OCV
 *                                  table, the capacity, hysteresis)
 * @param currentOffsetModelDoubt  the fraction of the model's own predicted relaxation over the window added to that
 *                                  check's margin (the relaxation is the least known part of the model)
 * @param currentOffsetMinSlope     the OCV slope (V per unit SOC) below which the OCV is too flat to judge: no verdict
 * @param softShortBleedHold        a resting cell whose soft-short rest fit reads an excess of at least this fraction of
 *                                  what its confirmation needs (its bleed doubt plus its sigma test) is not bled while
 *                                  the fit judges it, so its own loss is measured without its bleed's doubt (0..1)
 * @param softShortBleedRelease     a held cell is bled again once its excess falls below this fraction (less than the
 *                                  hold's), once it is flagged, or when the rest ends
 * @param balancingKneeSlope        the OCV's end-of-discharge knee is the lowest run of the preset's OCV table each
 *                                  segment of which is at least this many times as steep as the table's mean slope;
 *                                  no cell is bled while the lowest reads at or below the knee's top, whatever
 *                                  {@code balancing.minCellVolts} says (docs/safety.md, "The balancer stays off the
 *                                  OCV's bottom knee"); a smaller factor is a wider knee and a higher floor
 * @param cellStuckMoveResolutions  where the cell front end states its reading's resolution, the cells' while-flowing
 *                                  window ({@code cellStuckWhileFlowing}) judges a reading stuck only once the cell
 *                                  model predicts it has moved by more than this many resolutions since it last
 *                                  changed (at least 1: a live reading crosses a code boundary within one resolution
 *                                  of steady move; the rest is the model's doubt; docs/safety.md, fix23bu)
 */
public record SupplementaryLimits(
        ThreeLevelLimit cellImbalance,
        ThreeLevelLimit socHigh,
        ThreeLevelLimit socLow,
        ThreeLevelLimit softShortScore,
        double zeroDriftAmps,
        Duration zeroDriftDebounce,
        double tempSpreadCelsius,
        Duration tempSpreadDebounce,
        double tempRateCelsiusPerS,
        Duration tempRateWindow,
        double tempStepCelsius,
        double stuckMinAmps,
        Duration cellStuckWhileFlowing,
        Duration tempStuckWhileFlowing,
        Duration currentStuckWhileFlowing,
        Duration cellStuckAtRest,
        Duration tempStuckAtRest,
        Duration currentStuckAtRest,
        Duration sensorStatusDebounce,
        double cellVoltsAccuracy,
        double packVoltsAccuracyFraction,
        Duration packMismatchDebounce,
        double shortCircuitFactor,
        int lockoutTrips,
        Duration lockoutWindow,
        Duration loopProof,
        double anodicHysteresisVolts,
        double currentDeadbandAmps,
        double currentCrossCheckC,
        Duration currentCrossCheckWindow,
        Duration currentCrossCheckDebounce,
        double currentCrossCheckModelDoubt,
        double currentCrossCheckLaggingFraction,
        double cellFrozenFalseAlarm,
        double tempFrozenFalseAlarm,
        double tempFrozenMinHistory,
        double tempFrozenPriorRepeat,
        double tempFrozenPriorMinCelsius,
        double tempFrozenPriorMaxCelsius,
        double cellRepeatAtRest,
        double currentRepeatAtRest,
        double temperatureRepeatAtRest,
        Duration currentResponseWindow,
        double currentResponseStepAmps,
        double currentResponseMinVolts,
        double currentResponseFollowFraction,
        double currentResponseModelDoubt,
        double currentResponseNoiseSigmas,
        Duration currentOffsetWindow,
        Duration currentOffsetSettle,
        double currentOffsetMaxC,
        double currentOffsetSteadyC,
        double currentOffsetNoiseVolts,
        double currentOffsetOcvDoubt,
        double currentOffsetModelDoubt,
        double currentOffsetMinSlope,
        double softShortBleedHold,
        double softShortBleedRelease,
        double balancingKneeSlope,
        double cellStuckMoveResolutions) {

    public SupplementaryLimits {
        if (!(cellStuckMoveResolutions >= 1) || !Double.isFinite(cellStuckMoveResolutions)) {
            throw new IllegalArgumentException(
                    "cellStuckMoveResolutions must be at least 1 and finite, got " + cellStuckMoveResolutions);
        }
        if (!(balancingKneeSlope > 0) || !Double.isFinite(balancingKneeSlope)) {
            throw new IllegalArgumentException(
                    "balancingKneeSlope must be positive and finite, got " + balancingKneeSlope);
        }
        if (!(softShortBleedRelease >= 0 && softShortBleedHold > softShortBleedRelease && softShortBleedHold <= 1)) {
            throw new IllegalArgumentException("softShortBleedHold must be in (softShortBleedRelease, 1] and "
                    + "softShortBleedRelease >= 0, got " + softShortBleedHold + " and " + softShortBleedRelease);
        }
        for (Duration d : new Duration[] {
            cellStuckWhileFlowing,
            tempStuckWhileFlowing,
            currentStuckWhileFlowing,
            cellStuckAtRest,
            tempStuckAtRest,
            currentStuckAtRest,
            tempRateWindow,
            lockoutWindow,
            loopProof,
            currentCrossCheckWindow,
            currentCrossCheckDebounce,
            currentResponseWindow,
            currentOffsetWindow
        }) {
            if (d.isZero() || d.isNegative()) {
                throw new IllegalArgumentException("stuck windows, the rate window, the lockout window and the loop "
                        + "proof must be positive durations, got " + d);
            }
        }
        if (!(cellVoltsAccuracy > 0 && packVoltsAccuracyFraction > 0)) {
            throw new IllegalArgumentException("sensor accuracies must be > 0, got cell " + cellVoltsAccuracy
                    + " V, pack " + packVoltsAccuracyFraction);
        }
        if (!(shortCircuitFactor > 1)) {
            throw new IllegalArgumentException(
                    "shortCircuitFactor must be > 1 (above the over-current MSL), got " + shortCircuitFactor);
        }
        if (lockoutTrips < 2) {
            throw new IllegalArgumentException("lockoutTrips must be >= 2, got " + lockoutTrips);
        }
        if (!(anodicHysteresisVolts >= 0 && currentDeadbandAmps >= 0)) {
            throw new IllegalArgumentException("anodicHysteresisVolts and currentDeadbandAmps must be >= 0, got "
                    + anodicHysteresisVolts + " V and " + currentDeadbandAmps + " A");
        }
        if (!(tempStepCelsius > 0)) {
            throw new IllegalArgumentException("tempStepCelsius must be > 0, got " + tempStepCelsius);
        }
        if (!(currentCrossCheckC > 0 && currentCrossCheckModelDoubt >= 0)) {
            throw new IllegalArgumentException(
                    "currentCrossCheckC must be > 0 and currentCrossCheckModelDoubt >= 0, got " + currentCrossCheckC
                            + " and " + currentCrossCheckModelDoubt);
        }
        if (!(currentCrossCheckLaggingFraction >= 0 && currentCrossCheckLaggingFraction < 0.5)) {
            throw new IllegalArgumentException("currentCrossCheckLaggingFraction must be in [0, 0.5) (a minority of"
                    + " the cells), got " + currentCrossCheckLaggingFraction);
        }
        if (!(cellFrozenFalseAlarm > 0 && cellFrozenFalseAlarm < 1)) {
            throw new IllegalArgumentException(
                    "cellFrozenFalseAlarm must be a probability in (0, 1), got " + cellFrozenFalseAlarm);
        }
        if (!(tempFrozenFalseAlarm >= 0 && tempFrozenFalseAlarm < 1)) {
            throw new IllegalArgumentException(
                    "tempFrozenFalseAlarm must be a probability in [0, 1) (0: the check off), got "
                            + tempFrozenFalseAlarm);
        }
        if (!(tempFrozenMinHistory >= 1)) {
            throw new IllegalArgumentException(
                    "tempFrozenMinHistory must be at least 1 pair of readings, got " + tempFrozenMinHistory);
        }
        if (!(tempFrozenPriorRepeat > 0 && tempFrozenPriorRepeat <= 1)) {
            throw new IllegalArgumentException(
                    "tempFrozenPriorRepeat must be a probability in (0, 1] (1: no prior), got "
                            + tempFrozenPriorRepeat);
        }
        if (!(cellRepeatAtRest > 0 && cellRepeatAtRest <= 1)) {
            throw new IllegalArgumentException(
                    "cellRepeatAtRest must be a probability in (0, 1] (1: none stated), got " + cellRepeatAtRest);
        }
        if (!(currentRepeatAtRest > 0 && currentRepeatAtRest <= 1)) {
            throw new IllegalArgumentException(
                    "currentRepeatAtRest must be a probability in (0, 1] (1: none stated), got " + currentRepeatAtRest);
        }
        if (!(temperatureRepeatAtRest > 0 && temperatureRepeatAtRest <= 1)) {
            throw new IllegalArgumentException(
                    "temperatureRepeatAtRest must be a probability in (0, 1] (1: none stated), got "
                            + temperatureRepeatAtRest);
        }
        if (!(tempFrozenPriorMinCelsius < tempFrozenPriorMaxCelsius)) {
            throw new IllegalArgumentException("tempFrozenPriorMinCelsius (" + tempFrozenPriorMinCelsius
                    + ") must be below tempFrozenPriorMaxCelsius (" + tempFrozenPriorMaxCelsius + ")");
        }
        if (!(currentResponseStepAmps > 0
                && currentResponseMinVolts > 0
                && currentResponseFollowFraction > 0
                && currentResponseFollowFraction < 1
                && currentResponseModelDoubt >= 0
                && currentResponseNoiseSigmas >= 0)) {
            throw new IllegalArgumentException("currentResponseStepAmps and currentResponseMinVolts must be > 0, "
                    + "currentResponseFollowFraction in (0, 1), currentResponseModelDoubt and "
                    + "currentResponseNoiseSigmas >= 0, got "
                    + currentResponseStepAmps + " A, " + currentResponseMinVolts + " V, "
                    + currentResponseFollowFraction + ", " + currentResponseModelDoubt + " and "
                    + currentResponseNoiseSigmas);
        }
        if (currentOffsetSettle.isNegative()
                || !(currentOffsetMaxC > 0
                        && currentOffsetSteadyC >= 0
                        && currentOffsetNoiseVolts > 0
                        && currentOffsetOcvDoubt >= 0
                        && currentOffsetOcvDoubt < 1
                        && currentOffsetModelDoubt >= 0
                        && currentOffsetMinSlope > 0)) {
            throw new IllegalArgumentException("the current offset check needs a settle >= 0, maxC > 0, steadyC >= 0, "
                    + "noiseVolts > 0, 0 <= ocvDoubt < 1 and minSlope > 0, got " + currentOffsetSettle + ", "
                    + currentOffsetMaxC + ", " + currentOffsetSteadyC + ", " + currentOffsetNoiseVolts + ", "
                    + currentOffsetOcvDoubt + ", " + currentOffsetMinSlope);
        }
        if (currentCrossCheckDebounce.multipliedBy(2).compareTo(currentCrossCheckWindow) > 0) {
            throw new IllegalArgumentException("currentCrossCheckDebounce (" + currentCrossCheckDebounce
                    + ") must be at most half of currentCrossCheckWindow (" + currentCrossCheckWindow
                    + "): a current's onset must stay inside the window while its debounce runs");
        }
    }

    /** The shipped defaults, read from {@code presets/supplementary-defaults.yaml}. */
    public static SupplementaryLimits defaults() {
        return SupplementaryReader.shippedDefaults();
    }

    /** The tolerance of the sum-of-cells check for {@code cells} cells at {@code packVolts}, from the sensor accuracies. */
    public double packMismatchToleranceVolts(int cells, double packVolts) {
        return cells * cellVoltsAccuracy + packVoltsAccuracyFraction * Math.abs(packVolts);
    }

    /**
     * The thermistor front end's repeat-chance bound the configuration states from a measurement of it ({@code
     * tempFrozenPriorRepeat} below 1, over {@code tempFrozenPriorMinCelsius} to {@code tempFrozenPriorMaxCelsius});
     * empty when it states none (1, the default).
     */
    public java.util.Optional<org.qsebms.hal.ThermistorRepeatBound> statedThermistorRepeatBound() {
        return tempFrozenPriorRepeat < 1
                ? java.util.Optional.of(new org.qsebms.hal.ThermistorRepeatBound(
                        tempFrozenPriorRepeat, tempFrozenPriorMinCelsius, tempFrozenPriorMaxCelsius))
                : java.util.Optional.empty();
    }

    /**
     * The cell front end's live repeat chance at rest the configuration states from a measurement ({@code
     * cellRepeatAtRest} below 1); empty when it states none (1, the default).
     */
    public java.util.OptionalDouble statedCellRepeatAtRest() {
        return cellRepeatAtRest < 1 ? java.util.OptionalDouble.of(cellRepeatAtRest) : java.util.OptionalDouble.empty();
    }

    /** ... the current sensor's ({@code currentRepeatAtRest}). */
    public java.util.OptionalDouble statedCurrentRepeatAtRest() {
        return currentRepeatAtRest < 1
                ? java.util.OptionalDouble.of(currentRepeatAtRest)
                : java.util.OptionalDouble.empty();
    }

    /** ... the thermistor front end's ({@code temperatureRepeatAtRest}). */
    public java.util.OptionalDouble statedTemperatureRepeatAtRest() {
        return temperatureRepeatAtRest < 1
                ? java.util.OptionalDouble.of(temperatureRepeatAtRest)
                : java.util.OptionalDouble.empty();
    }

    /** A builder with every value unset (refused by {@link Builder#build()} until set). */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding these thresholds, to change some by name. */
    public Builder toBuilder() {
        return builder()
                .cellImbalance(cellImbalance)
                .socHigh(socHigh)
                .socLow(socLow)
                .softShortScore(softShortScore)
                .zeroDriftAmps(zeroDriftAmps)
                .zeroDriftDebounce(zeroDriftDebounce)
                .tempSpreadCelsius(tempSpreadCelsius)
                .tempSpreadDebounce(tempSpreadDebounce)
                .tempRateCelsiusPerS(tempRateCelsiusPerS)
                .tempRateWindow(tempRateWindow)
                .tempStepCelsius(tempStepCelsius)
                .stuckMinAmps(stuckMinAmps)
                .cellStuckWhileFlowing(cellStuckWhileFlowing)
                .tempStuckWhileFlowing(tempStuckWhileFlowing)
                .currentStuckWhileFlowing(currentStuckWhileFlowing)
                .cellStuckAtRest(cellStuckAtRest)
                .tempStuckAtRest(tempStuckAtRest)
                .currentStuckAtRest(currentStuckAtRest)
                .sensorStatusDebounce(sensorStatusDebounce)
                .cellVoltsAccuracy(cellVoltsAccuracy)
                .packVoltsAccuracyFraction(packVoltsAccuracyFraction)
                .packMismatchDebounce(packMismatchDebounce)
                .shortCircuitFactor(shortCircuitFactor)
                .lockoutTrips(lockoutTrips)
                .lockoutWindow(lockoutWindow)
                .loopProof(loopProof)
                .anodicHysteresisVolts(anodicHysteresisVolts)
                .currentDeadbandAmps(currentDeadbandAmps)
                .currentCrossCheckC(currentCrossCheckC)
                .currentCrossCheckWindow(currentCrossCheckWindow)
                .currentCrossCheckDebounce(currentCrossCheckDebounce)
                .currentCrossCheckModelDoubt(currentCrossCheckModelDoubt)
                .currentCrossCheckLaggingFraction(currentCrossCheckLaggingFraction)
                .cellFrozenFalseAlarm(cellFrozenFalseAlarm)
                .tempFrozenFalseAlarm(tempFrozenFalseAlarm)
                .tempFrozenMinHistory(tempFrozenMinHistory)
                .tempFrozenPriorRepeat(tempFrozenPriorRepeat)
                .tempFrozenPriorMinCelsius(tempFrozenPriorMinCelsius)
                .tempFrozenPriorMaxCelsius(tempFrozenPriorMaxCelsius)
                .cellRepeatAtRest(cellRepeatAtRest)
                .currentRepeatAtRest(currentRepeatAtRest)
                .temperatureRepeatAtRest(temperatureRepeatAtRest)
                .currentResponseWindow(currentResponseWindow)
                .currentResponseStepAmps(currentResponseStepAmps)
                .currentResponseMinVolts(currentResponseMinVolts)
                .currentResponseFollowFraction(currentResponseFollowFraction)
                .currentResponseModelDoubt(currentResponseModelDoubt)
                .currentResponseNoiseSigmas(currentResponseNoiseSigmas)
                .currentOffsetWindow(currentOffsetWindow)
                .currentOffsetSettle(currentOffsetSettle)
                .currentOffsetMaxC(currentOffsetMaxC)
                .currentOffsetSteadyC(currentOffsetSteadyC)
                .currentOffsetNoiseVolts(currentOffsetNoiseVolts)
                .currentOffsetOcvDoubt(currentOffsetOcvDoubt)
                .currentOffsetModelDoubt(currentOffsetModelDoubt)
                .currentOffsetMinSlope(currentOffsetMinSlope)
                .softShortBleedHold(softShortBleedHold)
                .softShortBleedRelease(softShortBleedRelease)
                .balancingKneeSlope(balancingKneeSlope)
                .cellStuckMoveResolutions(cellStuckMoveResolutions);
    }

    /** Named setters for the thresholds (see the record's parameters for each one's meaning and unit). */
    public static final class Builder {
        private ThreeLevelLimit cellImbalance;
        private ThreeLevelLimit socHigh;
        private ThreeLevelLimit socLow;
        private ThreeLevelLimit softShortScore;
        private double zeroDriftAmps = Double.NaN;
        private Duration zeroDriftDebounce;
        private double tempSpreadCelsius = Double.NaN;
        private Duration tempSpreadDebounce;
        private double tempRateCelsiusPerS = Double.NaN;
        private Duration tempRateWindow;
        private double tempStepCelsius = Double.NaN;
        private double stuckMinAmps = Double.NaN;
        private Duration cellStuckWhileFlowing;
        private Duration tempStuckWhileFlowing;
        private Duration currentStuckWhileFlowing;
        private Duration cellStuckAtRest;
        private Duration tempStuckAtRest;
        private Duration currentStuckAtRest;
        private Duration sensorStatusDebounce;
        private double cellVoltsAccuracy = Double.NaN;
        private double packVoltsAccuracyFraction = Double.NaN;
        private Duration packMismatchDebounce;
        private double shortCircuitFactor = Double.NaN;
        private int lockoutTrips;
        private Duration lockoutWindow;
        private Duration loopProof;
        private double anodicHysteresisVolts = Double.NaN;
        private double currentDeadbandAmps = Double.NaN;
        private double currentCrossCheckC = Double.NaN;
        private Duration currentCrossCheckWindow;
        private Duration currentCrossCheckDebounce;
        private double currentCrossCheckModelDoubt = Double.NaN;
        private double currentCrossCheckLaggingFraction = Double.NaN;
        private double cellFrozenFalseAlarm = Double.NaN;
        private double tempFrozenFalseAlarm = Double.NaN;
        private double tempFrozenMinHistory = Double.NaN;
        private double tempFrozenPriorRepeat = Double.NaN;
        private double tempFrozenPriorMinCelsius = Double.NaN;
        private double tempFrozenPriorMaxCelsius = Double.NaN;
        private double cellRepeatAtRest = Double.NaN;
        private double currentRepeatAtRest = Double.NaN;
        private double temperatureRepeatAtRest = Double.NaN;
        private Duration currentResponseWindow;
        private double currentResponseStepAmps = Double.NaN;
        private double currentResponseMinVolts = Double.NaN;
        private double currentResponseFollowFraction = Double.NaN;
        private double currentResponseModelDoubt = Double.NaN;
        private double currentResponseNoiseSigmas = Double.NaN;
        private Duration currentOffsetWindow;
        private Duration currentOffsetSettle;
        private double currentOffsetMaxC = Double.NaN;
        private double currentOffsetSteadyC = Double.NaN;
        private double currentOffsetNoiseVolts = Double.NaN;
        private double currentOffsetOcvDoubt = Double.NaN;
        private double currentOffsetModelDoubt = Double.NaN;
        private double currentOffsetMinSlope = Double.NaN;
        private double softShortBleedHold = Double.NaN;
        private double softShortBleedRelease = Double.NaN;
        private double balancingKneeSlope = Double.NaN;
        private double cellStuckMoveResolutions = Double.NaN;

        private Builder() {}

        public Builder cellImbalance(ThreeLevelLimit v) {
            cellImbalance = v;
            return this;
        }

        public Builder socHigh(ThreeLevelLimit v) {
            socHigh = v;
            return this;
        }

        public Builder socLow(ThreeLevelLimit v) {
            socLow = v;
            return this;
        }

        public Builder softShortScore(ThreeLevelLimit v) {
            softShortScore = v;
            return this;
        }

        public Builder zeroDriftAmps(double v) {
            zeroDriftAmps = v;
            return this;
        }

        public Builder zeroDriftDebounce(Duration v) {
            zeroDriftDebounce = v;
            return this;
        }

        public Builder tempSpreadCelsius(double v) {
            tempSpreadCelsius = v;
            return this;
        }

        public Builder tempSpreadDebounce(Duration v) {
            tempSpreadDebounce = v;
            return this;
        }

        public Builder tempRateCelsiusPerS(double v) {
            tempRateCelsiusPerS = v;
            return this;
        }

        public Builder tempRateWindow(Duration v) {
            tempRateWindow = v;
            return this;
        }

        public Builder tempStepCelsius(double v) {
            tempStepCelsius = v;
            return this;
        }

        public Builder stuckMinAmps(double v) {
            stuckMinAmps = v;
            return this;
        }

        public Builder cellStuckWhileFlowing(Duration v) {
            cellStuckWhileFlowing = v;
            return this;
        }

        public Builder tempStuckWhileFlowing(Duration v) {
            tempStuckWhileFlowing = v;
            return this;
        }

        public Builder currentStuckWhileFlowing(Duration v) {
            currentStuckWhileFlowing = v;
            return this;
        }

        public Builder cellStuckAtRest(Duration v) {
            cellStuckAtRest = v;
            return this;
        }

        public Builder tempStuckAtRest(Duration v) {
            tempStuckAtRest = v;
            return this;
        }

        public Builder currentStuckAtRest(Duration v) {
            currentStuckAtRest = v;
            return this;
        }

        public Builder sensorStatusDebounce(Duration v) {
            sensorStatusDebounce = v;
            return this;
        }

        public Builder cellVoltsAccuracy(double v) {
            cellVoltsAccuracy = v;
            return this;
        }

        public Builder packVoltsAccuracyFraction(double v) {
            packVoltsAccuracyFraction = v;
            return this;
        }

        public Builder packMismatchDebounce(Duration v) {
            packMismatchDebounce = v;
            return this;
        }

        public Builder shortCircuitFactor(double v) {
            shortCircuitFactor = v;
            return this;
        }

        public Builder lockoutTrips(int v) {
            lockoutTrips = v;
            return this;
        }

        public Builder lockoutWindow(Duration v) {
            lockoutWindow = v;
            return this;
        }

        public Builder loopProof(Duration v) {
            loopProof = v;
            return this;
        }

        public Builder anodicHysteresisVolts(double v) {
            anodicHysteresisVolts = v;
            return this;
        }

        public Builder currentDeadbandAmps(double v) {
            currentDeadbandAmps = v;
            return this;
        }

        public Builder currentCrossCheckC(double v) {
            currentCrossCheckC = v;
            return this;
        }

        public Builder currentCrossCheckWindow(Duration v) {
            currentCrossCheckWindow = v;
            return this;
        }

        public Builder currentCrossCheckDebounce(Duration v) {
            currentCrossCheckDebounce = v;
            return this;
        }

        public Builder currentCrossCheckModelDoubt(double v) {
            currentCrossCheckModelDoubt = v;
            return this;
        }

        public Builder currentCrossCheckLaggingFraction(double v) {
            currentCrossCheckLaggingFraction = v;
            return this;
        }

        public Builder cellFrozenFalseAlarm(double v) {
            cellFrozenFalseAlarm = v;
            return this;
        }

        public Builder tempFrozenFalseAlarm(double v) {
            tempFrozenFalseAlarm = v;
            return this;
        }

        public Builder tempFrozenMinHistory(double v) {
            tempFrozenMinHistory = v;
            return this;
        }

        public Builder tempFrozenPriorRepeat(double v) {
            tempFrozenPriorRepeat = v;
            return this;
        }

        public Builder tempFrozenPriorMinCelsius(double v) {
            tempFrozenPriorMinCelsius = v;
            return this;
        }

        public Builder tempFrozenPriorMaxCelsius(double v) {
            tempFrozenPriorMaxCelsius = v;
            return this;
        }

        public Builder cellRepeatAtRest(double v) {
            cellRepeatAtRest = v;
            return this;
        }

        public Builder currentRepeatAtRest(double v) {
            currentRepeatAtRest = v;
            return this;
        }

        public Builder temperatureRepeatAtRest(double v) {
            temperatureRepeatAtRest = v;
            return this;
        }

        public Builder currentResponseWindow(Duration v) {
            currentResponseWindow = v;
            return this;
        }

        public Builder currentResponseStepAmps(double v) {
            currentResponseStepAmps = v;
            return this;
        }

        public Builder currentResponseMinVolts(double v) {
            currentResponseMinVolts = v;
            return this;
        }

        public Builder currentResponseFollowFraction(double v) {
            currentResponseFollowFraction = v;
            return this;
        }

        public Builder currentResponseModelDoubt(double v) {
            currentResponseModelDoubt = v;
            return this;
        }

        public Builder currentResponseNoiseSigmas(double v) {
            currentResponseNoiseSigmas = v;
            return this;
        }

        public Builder currentOffsetWindow(Duration v) {
            currentOffsetWindow = v;
            return this;
        }

        public Builder currentOffsetSettle(Duration v) {
            currentOffsetSettle = v;
            return this;
        }

        public Builder currentOffsetMaxC(double v) {
            currentOffsetMaxC = v;
            return this;
        }

        public Builder currentOffsetSteadyC(double v) {
            currentOffsetSteadyC = v;
            return this;
        }

        public Builder currentOffsetNoiseVolts(double v) {
            currentOffsetNoiseVolts = v;
            return this;
        }

        public Builder currentOffsetOcvDoubt(double v) {
            currentOffsetOcvDoubt = v;
            return this;
        }

        public Builder currentOffsetModelDoubt(double v) {
            currentOffsetModelDoubt = v;
            return this;
        }

        public Builder currentOffsetMinSlope(double v) {
            currentOffsetMinSlope = v;
            return this;
        }

        public Builder softShortBleedHold(double v) {
            softShortBleedHold = v;
            return this;
        }

        public Builder softShortBleedRelease(double v) {
            softShortBleedRelease = v;
            return this;
        }

        public Builder balancingKneeSlope(double v) {
            balancingKneeSlope = v;
            return this;
        }

        public Builder cellStuckMoveResolutions(double v) {
            cellStuckMoveResolutions = v;
            return this;
        }

        /**
         * @throws IllegalArgumentException naming the value that cannot work, or a limit or duration never set
         */
        public SupplementaryLimits build() {
            requireSet(cellImbalance, "cellImbalance");
            requireSet(socHigh, "socHigh");
            requireSet(socLow, "socLow");
            requireSet(softShortScore, "softShortScore");
            requireSet(zeroDriftDebounce, "zeroDriftDebounce");
            requireSet(tempSpreadDebounce, "tempSpreadDebounce");
            requireSet(tempRateWindow, "tempRateWindow");
            requireSet(cellStuckWhileFlowing, "cellStuckWhileFlowing");
            requireSet(tempStuckWhileFlowing, "tempStuckWhileFlowing");
            requireSet(currentStuckWhileFlowing, "currentStuckWhileFlowing");
            requireSet(cellStuckAtRest, "cellStuckAtRest");
            requireSet(tempStuckAtRest, "tempStuckAtRest");
            requireSet(currentStuckAtRest, "currentStuckAtRest");
            requireSet(sensorStatusDebounce, "sensorStatusDebounce");
            requireSet(packMismatchDebounce, "packMismatchDebounce");
            requireSet(lockoutWindow, "lockoutWindow");
            requireSet(loopProof, "loopProof");
            requireSet(currentCrossCheckWindow, "currentCrossCheckWindow");
            requireSet(currentCrossCheckDebounce, "currentCrossCheckDebounce");
            requireSet(currentResponseWindow, "currentResponseWindow");
            requireSet(currentOffsetWindow, "currentOffsetWindow");
            requireSet(currentOffsetSettle, "currentOffsetSettle");
            return new SupplementaryLimits(
                    cellImbalance,
                    socHigh,
                    socLow,
                    softShortScore,
                    zeroDriftAmps,
                    zeroDriftDebounce,
                    tempSpreadCelsius,
                    tempSpreadDebounce,
                    tempRateCelsiusPerS,
                    tempRateWindow,
                    tempStepCelsius,
                    stuckMinAmps,
                    cellStuckWhileFlowing,
                    tempStuckWhileFlowing,
                    currentStuckWhileFlowing,
                    cellStuckAtRest,
                    tempStuckAtRest,
                    currentStuckAtRest,
                    sensorStatusDebounce,
                    cellVoltsAccuracy,
                    packVoltsAccuracyFraction,
                    packMismatchDebounce,
                    shortCircuitFactor,
                    lockoutTrips,
                    lockoutWindow,
                    loopProof,
                    anodicHysteresisVolts,
                    currentDeadbandAmps,
                    currentCrossCheckC,
                    currentCrossCheckWindow,
                    currentCrossCheckDebounce,
                    currentCrossCheckModelDoubt,
                    currentCrossCheckLaggingFraction,
                    cellFrozenFalseAlarm,
                    tempFrozenFalseAlarm,
                    tempFrozenMinHistory,
                    tempFrozenPriorRepeat,
                    tempFrozenPriorMinCelsius,
                    tempFrozenPriorMaxCelsius,
                    cellRepeatAtRest,
                    currentRepeatAtRest,
                    temperatureRepeatAtRest,
                    currentResponseWindow,
                    currentResponseStepAmps,
                    currentResponseMinVolts,
                    currentResponseFollowFraction,
                    currentResponseModelDoubt,
                    currentResponseNoiseSigmas,
                    currentOffsetWindow,
                    currentOffsetSettle,
                    currentOffsetMaxC,
                    currentOffsetSteadyC,
                    currentOffsetNoiseVolts,
                    currentOffsetOcvDoubt,
                    currentOffsetModelDoubt,
                    currentOffsetMinSlope,
                    softShortBleedHold,
                    softShortBleedRelease,
                    balancingKneeSlope,
                    cellStuckMoveResolutions);
        }

        private static void requireSet(Object value, String name) {
            if (value == null) {
                throw new IllegalArgumentException(name + " is not set");
            }
        }
    }
}
