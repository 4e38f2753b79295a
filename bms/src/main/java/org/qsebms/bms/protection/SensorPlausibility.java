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
 * Every window is a time, never a tick count. Preallocated; one {@link #update} per tick, no allocation.
 */
final class SensorPlausibility {
    private final SupplementaryLimits limits;
    private final long rateWindowNanos;
    private final ChannelLiveness cells;
    private final ChannelLiveness temps;
    private final ChannelLiveness current;
    private final double[] lastCelsius;
    private final double[] refCelsius;
    private long refNanos = Long.MIN_VALUE;
    /** Time of the last sample without current flowing (flow began after it). */
    private long restNanos = Long.MIN_VALUE;

    private long lastNanos = Long.MIN_VALUE;

    boolean zeroDrift;
    boolean spread;
    boolean rate;
    int stuckCell = -1;
    int stuckTemp = -1;
    boolean stuckCurrent;
    /** Worst rate (°C/s) and its channel in the last window, for the reason text. */
    double worstRate;

    int worstRateChannel = -1;
    /** A thermistor that stepped by more than {@code tempStepCelsius} between the last two samples, or -1. */
    int stepChannel = -1;

    double stepCelsius;

    SensorPlausibility(SupplementaryLimits limits, int cellCount, int tempCount) {
        this.limits = limits;
        this.rateWindowNanos = limits.tempRateWindow().toNanos();
        cells = new ChannelLiveness(
                cellCount,
                limits.cellStuckWhileFlowing().toNanos(),
                limits.cellStuckAtRest().toNanos());
        temps = new ChannelLiveness(
                tempCount,
                limits.tempStuckWhileFlowing().toNanos(),
                limits.tempStuckAtRest().toNanos());
        current = new ChannelLiveness(
                1,
                limits.currentStuckWhileFlowing().toNanos(),
                limits.currentStuckAtRest().toNanos());
        lastCelsius = new double[tempCount];
        refCelsius = new double[tempCount];
        java.util.Arrays.fill(lastCelsius, Double.NaN);
    }

    void update(PackMeasurement m) {
        long now = m.nanos;
        boolean currentOk = m.currentStatus.isOk();
        zeroDrift = currentOk && m.currentPathOpen && Math.abs(m.packAmps) > limits.zeroDriftAmps();
        spread = m.maxTempIndex >= 0 && m.maxCelsius - m.minCelsius > limits.tempSpreadCelsius();
        updateRate(m);
        updateStep(m);
        boolean flowing = currentOk && Math.abs(m.packAmps) > limits.stuckMinAmps();
        if (!flowing || restNanos == Long.MIN_VALUE) {
            restNanos = now;
        }
        long flowStart = flowing ? restNanos : Long.MAX_VALUE;
        long prev = lastNanos == Long.MIN_VALUE ? now : lastNanos;
        lastNanos = now;
        for (int i = 0; i < m.cellVolts.length; i++) {
            cells.sample(i, m.cellVolts[i], m.cellStatus[i].isOk(), now, prev, flowStart);
        }
        stuckCell = cells.firstStuck();
        for (int i = 0; i < m.cellCelsius.length; i++) {
            temps.sample(i, m.cellCelsius[i], m.tempStatus[i].isOk(), now, prev, flowStart);
        }
        stuckTemp = temps.firstStuck();
        current.sample(0, m.packAmps, currentOk, now, prev, flowStart);
        stuckCurrent = current.firstStuck() >= 0;
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

    /** A jump between two consecutive samples of one thermistor larger than any cell can heat or cool. */
    private void updateStep(PackMeasurement m) {
        stepChannel = -1;
        for (int i = 0; i < lastCelsius.length; i++) {
            double t = m.cellCelsius[i];
            boolean ok = m.tempStatus[i].isOk();
            if (ok
                    && stepChannel < 0
                    && Double.isFinite(lastCelsius[i])
                    && Math.abs(t - lastCelsius[i]) > limits.tempStepCelsius()) {
                stepChannel = i;
                stepCelsius = t - lastCelsius[i];
            }
            lastCelsius[i] = ok ? t : Double.NaN;
        }
    }

    /** Rate of change per thermistor over a window; the verdict holds until the next window closes. */
    private void updateRate(PackMeasurement m) {
        if (refNanos == Long.MIN_VALUE) {
            refNanos = m.nanos;
            System.arraycopy(m.cellCelsius, 0, refCelsius, 0, refCelsius.length);
            return;
        }
        long dt = m.nanos - refNanos;
        if (dt < rateWindowNanos) {
            return;
        }
        double seconds = dt / 1e9;
        rate = false;
        worstRate = 0;
        worstRateChannel = -1;
        for (int i = 0; i < refCelsius.length; i++) {
            if (m.tempStatus[i].isOk() && Double.isFinite(refCelsius[i])) {
                double r = Math.abs(m.cellCelsius[i] - refCelsius[i]) / seconds;
                if (r > worstRate) {
                    worstRate = r;
                    worstRateChannel = i;
                }
            }
            refCelsius[i] = m.tempStatus[i].isOk() ? m.cellCelsius[i] : Double.NaN;
        }
        rate = worstRate > limits.tempRateCelsiusPerS();
        refNanos = m.nanos;
    }

    /**
     * Per channel: since when its reading has not changed (the sample before the first reading of
     * the unchanged run: the freeze can have begun right after it) and whether the channel is
     * flagged stuck. Preallocated.
     */
    private static final class ChannelLiveness {
        private final double[] last;
        private final long[] changedAt;
        private final boolean[] stuck;
        /** True until the channel's reading is seen changing (after a restart with a stuck latch). */
        private final boolean[] unproven;

        private final long whileFlowingNanos;
        private final long atRestNanos;

        ChannelLiveness(int n, long whileFlowingNanos, long atRestNanos) {
            last = new double[n];
            changedAt = new long[n];
            stuck = new boolean[n];
            unproven = new boolean[n];
            java.util.Arrays.fill(last, Double.NaN);
            java.util.Arrays.fill(changedAt, Long.MIN_VALUE);
            this.whileFlowingNanos = whileFlowingNanos;
            this.atRestNanos = atRestNanos;
        }

        /**
         * @param prev      time of the previous sample
         * @param flowStart the last sample before the current began to flow, or Long.MAX_VALUE at rest
         */
        void sample(int i, double v, boolean ok, long now, long prev, long flowStart) {
            if (!ok || changedAt[i] == Long.MIN_VALUE || Double.compare(v, last[i]) != 0) {
                // a changed reading proves the channel alive; a channel reporting a fault is judged by its status
                if (ok && changedAt[i] != Long.MIN_VALUE && !Double.isNaN(last[i])) {
                    unproven[i] = false;
                }
                changedAt[i] = prev;
                last[i] = ok ? v : Double.NaN;
                stuck[i] = ok && unproven[i];
                return;
            }
            long atRest = now - changedAt[i];
            long whileFlowing = flowStart == Long.MAX_VALUE ? 0 : now - Math.max(changedAt[i], flowStart);
            if (unproven[i] || atRest >= atRestNanos || whileFlowing >= whileFlowingNanos) {
                stuck[i] = true;
            }
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

        double unchangedSeconds(int i, long now) {
            return i < 0 || changedAt[i] == Long.MIN_VALUE ? 0 : (now - changedAt[i]) / 1e9;
        }
    }
}
