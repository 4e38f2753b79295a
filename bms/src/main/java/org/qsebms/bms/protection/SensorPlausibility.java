package org.qsebms.bms.protection;

import org.qsebms.bms.measure.PackMeasurement;
import org.qsebms.config.SupplementaryLimits;

/**
 * Cross-checks that find sensors which look healthy but cannot be right: a current read while the
 * current path is open (zero drift), a thermistor spread, rate of change or step between two
 * samples no pack can produce, and readings that stay bit-identical too long (a stuck ADC): for
 * {@code *StuckWhileFlowing} while current flows, and for {@code *StuckAtRest} whatever the current
 * (the at-rest liveness diagnostic: a live channel's noise changes its reading). A channel found
 * stuck stays stuck until its reading changes: that, and only that, proves it alive again.
 * Every window is a time, never a tick count, but only time the channel was watched: each interval
 * between two samples counts at most {@code loop.period x (loop.overrunsToFault + 1)}: a tick that
 * starts that late has missed {@code overrunsToFault} periods, so the interval is itself a LOOP_OVERRUN
 * (a stalled or stopped loop), no observation of the channel, while every interval of a loop not at
 * fault counts whole. A stall fills no window; a freeze across it is still timed by the watched time
 * before and after it.
 * Preallocated; one {@link #update} per tick, no allocation.
 */
final class SensorPlausibility {
    /** A liveness window not armed: no watched or flowing time reaches it. */
    private static final long NOT_ARMED = Long.MAX_VALUE;

    private final SupplementaryLimits limits;
    private final long rateWindowNanos;
    private final ChannelLiveness cells;
    /**
     * The cell model's move of each cell since its reading last changed, where the cell front end states its
     * resolution (fix23bu): the cells' while-flowing window judges only beyond it; null: that window judges by time.
     */
    private final PredictedCellMove cellMove;

    private final ChannelLiveness temps;
    private final ChannelLiveness current;
    /** The cell channels' relative liveness check: unchanged while every other cell changes. */
    private final FrozenAmongMovingChannels frozenCells;
    /** The thermistors' own-rate liveness check: a run of identical readings too long for the channel's own history. */
    private final FrozenByOwnRepeatRate frozenTemps;

    private final boolean[] tempOk;

    private final boolean[] cellOk;
    /** The cells' cross-check of the current reading, or null without a cell model. */
    private final CurrentFlowCrossCheck currentByCells;

    private final double[] lastCelsius;
    /** Time of each thermistor's last valid reading ({@link #lastCelsius}), and of the previous sample. */
    private final long[] lastCelsiusNanos;

    private long previousSampleNanos = Long.MIN_VALUE;
    /** Kept thermistor samples for the sliding rate windows (ring; at most one per window / 128, so it spans 4). */
    private static final int RING = 512;

    private final long[] ringNanos = new long[RING];
    private final double[][] ringCelsius;
    private int ringHead;
    private int ringSize;
    private long lastNanos = Long.MIN_VALUE;

    boolean zeroDrift;
    boolean spread;
    boolean rate;
    int stuckCell = -1;
    /** The cell channels judged are the taps of a tap-subtraction front end (for the reason text). */
    boolean cellChannelsAreTaps;
    /** True when the relative check (every other cell changing), not a window, found a cell channel frozen. */
    boolean cellFrozenAmongMoving;

    int stuckTemp = -1;
    /** True when the own-rate check, not a window, found a thermistor frozen. */
    boolean tempFrozenByOwnRate;
    /** The own-rate check's bound was the front end's prior, not the channel's own history. */
    boolean tempFrozenByPrior;
    /** The frozen thermistor's bound on its own repeat chance and its run, when the own-rate check found it. */
    double tempFrozenBound;

    int tempFrozenRun;
    boolean stuckCurrent;
    /** True when the cells' cross-check, not the reading's own window, found the current channel stuck. */
    boolean currentStuckByCells;
    /** Worst rate (°C/s) and its channel in the last window, for the reason text. */
    double worstRate;

    int worstRateChannel = -1;
    /** A thermistor that stepped by more than {@code tempStepCelsius} between the last two samples, or -1. */
    int stepChannel = -1;

    double stepCelsius;
    /** The step that was allowed there: the step limit, plus the rate limit over samples the channel missed. */
    double stepAllowedCelsius;

    SensorPlausibility(SupplementaryLimits limits, int cellCount, int tempCount) {
        this(
                limits,
                org.qsebms.config.LoopConfig.DEFAULT,
                cellCount,
                tempCount,
                null,
                java.util.Optional.empty(),
                AtRestWindows.EVERY);
    }

    /**
     * @param loop the loop's period and overrun limit: an interval between two samples counts towards a liveness
     *     window for at most {@code period x (overrunsToFault + 1)}, where the loop itself is at fault
     * @param cell the preset's cell scaled to the pack, for the cells' cross-check of the current (null: none)
     * @param frontEnd the thermistor front end's own repeat-chance bound (empty: it states none)
     * @param atRest which at-rest windows are armed: a window not armed never judges its channels
     */
    SensorPlausibility(
            SupplementaryLimits limits,
            org.qsebms.config.LoopConfig loop,
            int cellCount,
            int tempCount,
            org.qsebms.estimators.model.EcmParameters cell,
            java.util.Optional<org.qsebms.hal.ThermistorRepeatBound> frontEnd,
            AtRestWindows atRest) {
        this(
                limits,
                loop,
                cellCount,
                tempCount,
                cell,
                0.0,
                org.qsebms.estimators.model.LithiumInterface.NONE,
                frontEnd,
                atRest,
                java.util.OptionalDouble.empty());
    }

    /**
     * @param cellResolutionVolts the cell front end's stated reading resolution (empty: none stated): with a cell
     *     model, the cells' while-flowing window judges a reading only once the model predicts it has moved by more
     *     than {@code cellStuckMoveResolutions} of it since it last changed ({@link PredictedCellMove}, fix23bu)
     * @param hysteresisVolts the preset's OCV hysteresis half-gap, for that model (0 for none)
     * @param lithium the preset's lithium interface law scaled to the pack, for that model
     */
    SensorPlausibility(
            SupplementaryLimits limits,
            org.qsebms.config.LoopConfig loop,
            int cellCount,
            int tempCount,
            org.qsebms.estimators.model.EcmParameters cell,
            double hysteresisVolts,
            org.qsebms.estimators.model.LithiumInterface lithium,
            java.util.Optional<org.qsebms.hal.ThermistorRepeatBound> frontEnd,
            AtRestWindows atRest,
            java.util.OptionalDouble cellResolutionVolts) {
        this.limits = limits;
        this.cellMove = cell == null || cellResolutionVolts.isEmpty()
                ? null
                : new PredictedCellMove(
                        cell,
                        hysteresisVolts,
                        lithium,
                        cellResolutionVolts.getAsDouble(),
                        limits.cellVoltsAccuracy(),
                        limits.cellStuckMoveResolutions(),
                        cellCount);
        this.currentByCells = cell == null ? null : new CurrentFlowCrossCheck(limits, cell, cellCount);
        this.rateWindowNanos = limits.tempRateWindow().toNanos();
        long statusDebounce = limits.sensorStatusDebounce().toNanos();
        // ControlLoop: a tick starts (missed + 1) periods after the last, LOOP_OVERRUN once missed >= overrunsToFault
        long watchedInterval = loop.period().toNanos() * (loop.overrunsToFault() + 1L);
        cells = new ChannelLiveness(
                cellCount,
                limits.cellStuckWhileFlowing().toNanos(),
                atRest.cells() ? limits.cellStuckAtRest().toNanos() : NOT_ARMED,
                statusDebounce,
                watchedInterval);
        // the thermistors' while-flowing window makes the at-rest window's claim (a live reading changes within it)
        // under current, and a quiet converter breaks it there too: a cell at thermal equilibrium under a steady
        // current holds one code for minutes (fix23bs). It is armed by the same statement: the chance two readings
        // of a drifting temperature coincide is at most the larger of the two steady chances (Cauchy-Schwarz), so a
        // bound over every steady reading bounds it under current as well
        temps = new ChannelLiveness(
                tempCount,
                atRest.temperatures() ? limits.tempStuckWhileFlowing().toNanos() : NOT_ARMED,
                atRest.temperatures() ? limits.tempStuckAtRest().toNanos() : NOT_ARMED,
                statusDebounce,
                watchedInterval);
        current = new ChannelLiveness(
                1,
                limits.currentStuckWhileFlowing().toNanos(),
                atRest.current() ? limits.currentStuckAtRest().toNanos() : NOT_ARMED,
                statusDebounce,
                watchedInterval);
        frozenCells = new FrozenAmongMovingChannels(cellCount, limits.cellFrozenFalseAlarm());
        cellOk = new boolean[cellCount];
        // the front end's own bound and the one the configuration states from a measurement: the smaller chance
        var stated = limits.statedThermistorRepeatBound();
        var prior = frontEnd.map(d -> stated.map(d::tighter).orElse(d)).or(() -> stated);
        frozenTemps = new FrozenByOwnRepeatRate(
                tempCount,
                limits.tempFrozenFalseAlarm(),
                limits.tempFrozenMinHistory(),
                prior.map(org.qsebms.hal.ThermistorRepeatBound::chance).orElse(1.0),
                prior.map(org.qsebms.hal.ThermistorRepeatBound::minCelsius).orElse(0.0),
                prior.map(org.qsebms.hal.ThermistorRepeatBound::maxCelsius).orElse(0.0));
        tempOk = new boolean[tempCount];
        lastCelsius = new double[tempCount];
        lastCelsiusNanos = new long[tempCount];
        ringCelsius = new double[RING][tempCount];
        java.util.Arrays.fill(lastCelsius, Double.NaN);
    }

    void update(PackMeasurement m) {
        long now = m.nanos;
        boolean currentOk = m.currentStatus.isOk();
        zeroDrift = currentOk && m.currentPathOpen && Math.abs(m.sensorAmps) > limits.zeroDriftAmps();
        spread = m.maxTempIndex >= 0 && m.maxCelsius - m.minCelsius > limits.tempSpreadCelsius();
        updateRate(m);
        updateStep(m);
        boolean flowing = currentOk && Math.abs(m.sensorAmps) > limits.stuckMinAmps();
        long prev = lastNanos == Long.MIN_VALUE ? now : lastNanos;
        lastNanos = now;
        // the converter's own readings: under tap subtraction the taps, whose freeze no derived cell shows
        cellChannelsAreTaps = m.cellChannelsAreTaps;
        double[] cellReadings = cellChannelsAreTaps ? m.cellChannelVolts : m.cellVolts;
        double amps = currentOk ? m.sensorAmps : 0.0;
        if (cellMove != null) {
            cellMove.advance(amps, (now - prev) / 1e9);
        }
        for (int i = 0; i < m.cellVolts.length; i++) {
            cellOk[i] = m.cellStatus[i].isOk();
            // where the front end states its resolution, the while-flowing window judges only once the cell model
            // says a live reading must have left its code (a tap moves at least as far as its cell, the same way)
            boolean moveExpected =
                    cellMove == null || cellMove.beyondResolution(i, amps, currentOk, m.celsiusAtCell[i]);
            cells.sample(i, cellReadings[i], cellOk[i], now, prev, flowing, moveExpected);
            if (cellMove != null && cellOk[i] && (cells.changedNow()[i] || cellMove.awaitsRestart(i))) {
                cellMove.restart(i, m.cellVolts[i], amps, m.celsiusAtCell[i]);
            }
        }
        int frozen = frozenCells.update(cells.changedNow(), cellOk);
        if (frozen >= 0) {
            cells.markStuck(frozen); // stuck until its reading changes, as the windows' verdict
            cellFrozenAmongMoving = true;
        }
        stuckCell = cells.firstStuck();
        if (stuckCell < 0) {
            cellFrozenAmongMoving = false;
        }
        for (int i = 0; i < m.cellCelsius.length; i++) {
            tempOk[i] = m.tempStatus[i].isOk();
            temps.sample(i, m.cellCelsius[i], tempOk[i], now, prev, flowing, true);
        }
        int frozenTemp = frozenTemps.update(temps.changedNow(), tempOk, m.cellCelsius);
        if (frozenTemp >= 0 && !tempFrozenByOwnRate) {
            temps.markStuck(frozenTemp); // stuck until its reading changes, as the windows' verdict
            tempFrozenByOwnRate = true;
            tempFrozenByPrior = frozenTemps.byPrior(frozenTemp);
            tempFrozenBound = frozenTemps.bound(frozenTemp);
            tempFrozenRun = frozenTemps.run(frozenTemp);
        }
        stuckTemp = temps.firstStuck();
        if (stuckTemp < 0) {
            tempFrozenByOwnRate = false;
        }
        current.sample(0, m.sensorAmps, currentOk, now, prev, flowing, true);
        boolean stuckBefore = current.firstStuck() >= 0;
        if (currentByCells != null) {
            currentByCells.update(m, current.changedAt(0));
            if (currentByCells.flagged && !stuckBefore) {
                // the reading says nothing flows and every cell says otherwise: stuck until its reading changes
                current.markStuck(0);
                currentStuckByCells = true;
            }
        }
        stuckCurrent = current.firstStuck() >= 0;
        if (!stuckCurrent) {
            currentStuckByCells = false;
        }
    }

    /**
     * After a restart with a stuck latch restored: every channel of that kind counts as stuck
     * until its reading is seen changing (the same proof a live latch needs). Call before the
     * first {@link #update}.
     */
    void requireProofOfLife(boolean cellChannels, boolean tempChannels, boolean currentChannel) {
        if (cellChannels) {
            cells.requireProofOfLife();
        }
        if (tempChannels) {
            temps.requireProofOfLife();
        }
        if (currentChannel) {
            current.requireProofOfLife();
        }
    }

    /** Samples the relative check needs: unchanged while every other cell channel changed (for the reason text). */
    int cellFrozenSamples() {
        return frozenCells.requiredSamples();
    }

    /** The last valid reading of cell channel {@code i}, the frozen value (for the reason text). */
    double cellFrozenVolts(int i) {
        return cells.lastValid(i);
    }

    double tempFrozenCelsius(int i) {
        return temps.lastValid(i);
    }

    double currentFrozenAmps() {
        return current.lastValid(0);
    }

    /** How long channel {@code i} of the cells has read the same value (for the reason text), seconds. */
    double cellUnchangedSeconds(int i, long now) {
        return cells.unchangedSeconds(i, now);
    }

    double tempUnchangedSeconds(int i, long now) {
        return temps.unchangedSeconds(i, now);
    }

    double currentUnchangedSeconds(long now) {
        return current.unchangedSeconds(0, now);
    }

    /** The cells' cross-check (null without a cell model), for the reason text. */
    CurrentFlowCrossCheck currentByCells() {
        return currentByCells;
    }

    /**
     * A jump between two valid samples of one thermistor larger than any cell can heat or cool: the
     * step limit between consecutive samples; across samples the channel missed (its status not OK,
     * e.g. a short dropout) the step limit plus the rate limit over the time missed, so a reading that
     * comes back from a dropout far from where it left is judged as the step it is.
     */
    private void updateStep(PackMeasurement m) {
        stepChannel = -1;
        long now = m.nanos;
        long previous = previousSampleNanos == Long.MIN_VALUE ? now : previousSampleNanos;
        previousSampleNanos = now;
        for (int i = 0; i < lastCelsius.length; i++) {
            double t = m.cellCelsius[i];
            boolean ok = m.tempStatus[i].isOk();
            if (!ok) {
                continue; // the last valid reading is kept for the comparison after the gap
            }
            if (stepChannel < 0 && Double.isFinite(lastCelsius[i])) {
                double missedS = Math.max(0, previous - lastCelsiusNanos[i]) / 1e9;
                double allowed = limits.tempStepCelsius() + limits.tempRateCelsiusPerS() * missedS;
                if (Math.abs(t - lastCelsius[i]) > allowed) {
                    stepChannel = i;
                    stepCelsius = t - lastCelsius[i];
                    stepAllowedCelsius = allowed;
                }
            }
            lastCelsius[i] = t;
            lastCelsiusNanos[i] = now;
        }
    }

    /**
     * The rate check, on a window sliding with every sample: a thermistor is changing too fast when,
     * over the last {@code tempRateWindow} (from the newest kept sample at least that old to now),
     * both halves of the window (split at the kept sample nearest its middle) changed the same way
     * at more than {@code tempRateCelsiusPerS}. A ramp fills both halves; a single step between two
     * samples lies in one half only (the step limit judges it), at any loop period. The verdict is
     * decided afresh every sample, so its time depends on no block boundary: a ramp beyond the rate
     * for one window is flagged within one window + one period of its start. At a loop period of a
     * whole window or more (a 1 s loop with the 1 s window) the window stretches to the two sample
     * intervals before now, so it keeps a middle sample: a ramp over two samples is flagged at the
     * second, and a lone step still fills one half only.
     *
     * <p>The same test is made over a span of two windows, each half one window long: a rise that
     * arrives as steps (a thermistor refreshed once a second, an AFE measuring at 1 Hz) leaves one
     * half of a single window flat whenever its step period is about the window, but steps at any
     * period up to one window put at least one step into each half of the double span, so a staircase
     * faster than the rate over each of two consecutive windows is flagged within two windows + one
     * period; a lone step still lies in one half of either span.
     */
    private void updateRate(PackMeasurement m) {
        rate = false;
        worstRate = 0;
        worstRateChannel = -1;
        judgeHalves(m, rateWindowNanos);
        judgeHalves(m, 2 * rateWindowNanos);
        rate = worstRate > limits.tempRateCelsiusPerS();
        keep(m, m.nanos);
    }

    /**
     * The two-halves test over the span from the newest kept sample at least {@code spanNanos} old (with a kept
     * sample after it) to now, split at the kept sample nearest its middle; raises {@link #worstRate} to the
     * slower half's rate of any thermistor whose halves both changed the same way.
     */
    private void judgeHalves(PackMeasurement m, long spanNanos) {
        long now = m.nanos;
        int ref = -1;
        int mid = -1;
        for (int k = 1; k < ringSize; k++) {
            int j = Math.floorMod(ringHead - 1 - k, ringNanos.length);
            if (now - ringNanos[j] >= spanNanos) {
                ref = j;
                break;
            }
        }
        if (ref < 0) {
            return;
        }
        long middle = ringNanos[ref] + (now - ringNanos[ref]) / 2;
        long best = Long.MAX_VALUE;
        for (int j = (ref + 1) % ringNanos.length; j != ringHead; j = (j + 1) % ringNanos.length) {
            long d = Math.abs(ringNanos[j] - middle);
            if (d < best) {
                best = d;
                mid = j;
            }
        }
        if (mid < 0) {
            return;
        }
        double firstS = (ringNanos[mid] - ringNanos[ref]) / 1e9;
        double secondS = (now - ringNanos[mid]) / 1e9;
        for (int i = 0; i < m.cellCelsius.length; i++) {
            double a = ringCelsius[ref][i];
            double b = ringCelsius[mid][i];
            double c = m.cellCelsius[i];
            if (!m.tempStatus[i].isOk() || !Double.isFinite(a) || !Double.isFinite(b)) {
                continue;
            }
            double r1 = (b - a) / firstS;
            double r2 = (c - b) / secondS;
            double sustained = Math.signum(r1) == Math.signum(r2) ? Math.min(Math.abs(r1), Math.abs(r2)) : 0;
            if (sustained > worstRate) {
                worstRate = sustained;
                worstRateChannel = i;
            }
        }
    }

    /**
     * Keeps the sample if at least {@code window / (RING / 4)} after the last kept one, so the ring spans about four
     * windows: the double span of the rate check always finds a sample at least two windows old.
     */
    private void keep(PackMeasurement m, long now) {
        if (ringSize > 0) {
            long last = ringNanos[Math.floorMod(ringHead - 1, ringNanos.length)];
            if (now - last < rateWindowNanos / (RING / 4)) {
                return;
            }
        }
        ringNanos[ringHead] = now;
        for (int i = 0; i < m.cellCelsius.length; i++) {
            ringCelsius[ringHead][i] = m.tempStatus[i].isOk() ? m.cellCelsius[i] : Double.NaN;
        }
        ringHead = (ringHead + 1) % RING;
        ringSize = Math.min(RING, ringSize + 1);
    }

    /**
     * Per channel: since when its reading has not changed (the last valid sample before the first
     * reading of the unchanged run: the freeze can have begun right after it, also inside a dropout
     * between the two), how long current has flowed over that time (summed over every flowing
     * sample interval, so a load that pauses between pulses still adds up, as the SOC floors'
     * debounce does) and whether the channel is flagged stuck. A dropout the status check judges
     * (faulty samples spanning its debounce) is its own: a run after it starts at the sample before
     * its first reading. Both windows count watched time: each sample interval at most
     * {@link #maxIntervalNanos}, so a stalled loop's one long interval fills neither. Preallocated.
     */
    private static final class ChannelLiveness {
        private final double[] last;
        private final long[] changedAt;
        /** Watched time since the reading last changed: the sum of the sample intervals, each capped. */
        private final long[] watchedNanos;
        /** Flowing time since the reading last changed: the sum of the sample intervals that end on a flowing sample. */
        private final long[] flowedNanos;

        private final boolean[] stuck;
        /** Per channel: its reading at the last sample changed (or it had none, or is not OK). */
        private final boolean[] changedNow;
        /** True until the channel's reading is seen changing (after a restart with a stuck latch). */
        private final boolean[] unproven;

        /** Per channel: time of its last valid sample, and the flowing time over the faulty samples since. */
        private final long[] lastOkAt;

        private final long[] flowedSinceOk;
        /** Watched time over the faulty samples since the last valid one. */
        private final long[] watchedSinceOk;

        private final long whileFlowingNanos;
        private final long atRestNanos;
        /** The status check's debounce: a frozen run is timed across a dropout it cannot judge, not across longer ones. */
        private final long statusDebounceNanos;
        /**
         * The most one sample interval counts towards a window: {@code loop.period x (loop.overrunsToFault + 1)}. An
         * interval that long is a stalled loop (LOOP_OVERRUN), during which nobody watched the channel.
         */
        private final long maxIntervalNanos;

        ChannelLiveness(
                int n, long whileFlowingNanos, long atRestNanos, long statusDebounceNanos, long maxIntervalNanos) {
            last = new double[n];
            lastOkAt = new long[n];
            flowedSinceOk = new long[n];
            watchedSinceOk = new long[n];
            watchedNanos = new long[n];
            this.maxIntervalNanos = maxIntervalNanos;
            java.util.Arrays.fill(lastOkAt, Long.MIN_VALUE);
            this.statusDebounceNanos = statusDebounceNanos;
            changedAt = new long[n];
            flowedNanos = new long[n];
            stuck = new boolean[n];
            changedNow = new boolean[n];
            unproven = new boolean[n];
            java.util.Arrays.fill(last, Double.NaN);
            java.util.Arrays.fill(changedAt, Long.MIN_VALUE);
            this.whileFlowingNanos = whileFlowingNanos;
            this.atRestNanos = atRestNanos;
        }

        /**
         * @param prev    time of the previous sample
         * @param flowing current flows at this sample (the interval since {@code prev} counts as flowing)
         * @param moveExpected the while-flowing window may judge at this sample: a live reading must have changed by
         *     now (always, but where a cell model and the front end's resolution say it need not yet, fix23bu)
         */
        void sample(int i, double v, boolean ok, long now, long prev, boolean flowing, boolean moveExpected) {
            long watched = Math.min(now - prev, maxIntervalNanos);
            if (!ok) {
                // a faulty sample neither proves the channel alive nor restarts its run: the reading after
                // it is compared with the one before it, so a frozen channel that also drops out now and
                // then, too seldom for its status check, is still judged by its windows (the interval
                // counts as flowing when current flowed, as across any sample of the run)
                changedNow[i] = true;
                if (changedAt[i] != Long.MIN_VALUE) {
                    watchedNanos[i] += watched;
                    if (flowing) {
                        flowedNanos[i] += watched;
                    }
                }
                watchedSinceOk[i] += watched;
                if (flowing) {
                    flowedSinceOk[i] += watched;
                }
                // a window that runs out inside a dropout too short for the status check: the channel has shown
                // no life for the window (its faulty samples prove none), so it is stuck until its reading changes
                if (changedAt[i] != Long.MIN_VALUE
                        && lastOkAt[i] != Long.MIN_VALUE
                        && now - lastOkAt[i] <= statusDebounceNanos + (now - prev)
                        && (watchedNanos[i] >= atRestNanos || moveExpected && flowedNanos[i] >= whileFlowingNanos)) {
                    stuck[i] = true;
                }
                return;
            }
            long okBefore = lastOkAt[i];
            long flowedInGap = flowedSinceOk[i];
            long watchedInGap = watchedSinceOk[i];
            lastOkAt[i] = now;
            flowedSinceOk[i] = 0;
            watchedSinceOk[i] = 0;
            changedNow[i] = changedAt[i] == Long.MIN_VALUE || Double.compare(v, last[i]) != 0;
            if (changedNow[i]) {
                // a changed reading proves the channel alive
                if (changedAt[i] != Long.MIN_VALUE && !Double.isNaN(last[i])) {
                    unproven[i] = false;
                }
                // the new value can have been frozen from right after the last valid sample: across a dropout too
                // short for the status check (faulty samples spanning less than its debounce, so a gap of at most
                // the debounce and one period), the run and its flow start there, not at the dropout's end
                boolean acrossDropout = okBefore != Long.MIN_VALUE
                        && okBefore < prev
                        && prev - okBefore <= statusDebounceNanos + (now - prev);
                changedAt[i] = acrossDropout ? okBefore : prev;
                watchedNanos[i] = (acrossDropout ? watchedInGap : 0) + watched;
                flowedNanos[i] = (acrossDropout ? flowedInGap : 0) + (flowing ? watched : 0);
                last[i] = v;
                stuck[i] = unproven[i];
                return;
            }
            watchedNanos[i] += watched;
            if (flowing) {
                flowedNanos[i] += watched;
            }
            if (unproven[i] || watchedNanos[i] >= atRestNanos || moveExpected && flowedNanos[i] >= whileFlowingNanos) {
                stuck[i] = true;
            }
        }

        boolean[] changedNow() {
            return changedNow;
        }

        void markStuck(int i) {
            stuck[i] = true;
        }

        long changedAt(int i) {
            return changedAt[i];
        }

        void requireProofOfLife() {
            java.util.Arrays.fill(unproven, true);
        }

        int firstStuck() {
            for (int i = 0; i < stuck.length; i++) {
                if (stuck[i]) {
                    return i;
                }
            }
            return -1;
        }

        /** The channel's last valid reading (NaN before the first): the value a stuck channel is frozen at. */
        double lastValid(int i) {
            return last[i];
        }

        double unchangedSeconds(int i, long now) {
            return i < 0 || changedAt[i] == Long.MIN_VALUE ? 0 : (now - changedAt[i]) / 1e9;
        }
    }
}
