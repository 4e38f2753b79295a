package org.qsebms.bms.protection;

import java.util.Arrays;
import org.qsebms.bms.measure.PackMeasurement;
import org.qsebms.config.SupplementaryLimits;
import org.qsebms.estimators.model.EcmParameters;

/**
 * The cells' cross-check of the current sensor (issue 23): a current channel frozen at rest reads
 * "nothing flows", so its own liveness check waits for the at-rest window; the cells see a current
 * at once. While the current path is closed and the reading says the pack rests (at most
 * {@code stuckMinAmps}), every cell's voltage is compared over a window sliding with every sample
 * ({@code currentCrossCheckWindow}) with what the preset's equivalent circuit makes of the
 * reported current (R0 and the two RC pairs, at the coldest thermistor's temperature): the
 * relaxation after a load, and any change of the reading, are explained by the model. When all but
 * {@code currentCrossCheckLaggingFraction} of the cells (rounded down; every cell of a string of up to
 * three) moved the same way, beyond that, by more than a current of {@code currentCrossCheckC} would
 * have moved it (its R0 step and RC pairs over half the window left after the debounce), plus
 * {@code currentCrossCheckModelDoubt} of the model's own predicted move, the condition holds; held for
 * {@code currentCrossCheckDebounce}, the channel is stuck. The move is judged only over the part of the
 * window in which the reading has been bit-identical: a sensor that froze after the window began is
 * judged from its freeze on.
 *
 * <p>What it cannot mistake for a current: a move of one cell or some (a voltage step, the balancer
 * bleeding some cells: the move all but that minority exceed counts, so a majority must move); relaxation (the model's, within its
 * doubt); a live reading that changes (only an unchanged reading is judged stuck); a current the
 * reading shows (above {@code stuckMinAmps} the while-flowing window judges it). What it does not
 * see: an unseen current that builds up slower than the window (the at-rest window still ends it).
 * What it no longer misses (fix23by): a minority of cells that move less than the rest, a heated cell of lower
 * resistance, a cell on a flat stretch of its OCV, one noisy channel, used to veto it (the least move counted).
 * Preallocated; one {@link #update} per tick, no allocation.
 */
final class CurrentFlowCrossCheck {
    /** Kept samples of the window (ring; at most one per window / 32). */
    private static final int RING = 64;

    private final EcmParameters cell;
    private final double minAmps;
    private final double restAmps;
    private final long windowNanos;
    private final long debounceNanos;
    private final double doubt;
    /** Per ohm of the model at 25 °C: how far a current moves a cell within half the window left after the debounce. */
    private final double gateSeconds;
    /** How many cells may move less than the threshold without vetoing it (the lagging minority, rounded down). */
    private final int lagging;
    /** Each cell's move beyond the model, signed the majority's way, sorted in place (preallocated). */
    private final double[] moves;

    private final long[] keptNanos = new long[RING];
    private final double[][] keptVolts;
    private final double[] keptPolarisation = new double[RING];
    private int head;
    private int size;

    /** The model's RC pair voltages (charge positive), driven by the reported current. */
    private double v1;

    private double v2;
    private long lastNanos = Long.MIN_VALUE;
    private long beyondSince = Long.MIN_VALUE;

    /** True when the condition has held for the debounce: the current channel is stuck. */
    boolean flagged;
    /** The move beyond the model all but the lagging minority of the cells exceed, volts (signed; for the reason). */
    double movedVolts;
    /** The threshold it was judged against, volts. */
    double thresholdVolts;
    /** The smallest current that explains the move (the move over the model's full resistance), A. */
    double impliedAmps;

    CurrentFlowCrossCheck(SupplementaryLimits limits, EcmParameters cell, int cells) {
        this.cell = cell;
        this.minAmps = limits.currentCrossCheckC() * cell.capacityAh();
        this.restAmps = limits.stuckMinAmps();
        this.windowNanos = limits.currentCrossCheckWindow().toNanos();
        this.debounceNanos = limits.currentCrossCheckDebounce().toNanos();
        this.doubt = limits.currentCrossCheckModelDoubt();
        this.gateSeconds = (windowNanos - debounceNanos) / 2e9;
        this.keptVolts = new double[RING][cells];
        this.lagging = laggingCells(limits.currentCrossCheckLaggingFraction(), cells);
        this.moves = new double[cells];
    }

    /**
     * @param currentChangedAt the time before the first sample of the current reading's unchanged run
     *                         (its reading is bit-identical since just after it)
     */
    void update(PackMeasurement m, long currentChangedAt) {
        long now = m.nanos;
        double dt = lastNanos == Long.MIN_VALUE ? 0 : (now - lastNanos) / 1e9;
        lastNanos = now;
        boolean currentOk = m.currentStatus.isOk();
        double celsius = m.minTempIndex >= 0 ? m.minCelsius : 25.0;
        double f = cell.resistanceFactor(celsius);
        double tau1 = cell.tau1SecondsAt(celsius);
        double tau2 = cell.tau2SecondsAt(celsius);
        double amps = currentOk ? m.sensorAmps : 0.0;
        double a1 = Math.exp(-dt / tau1);
        double a2 = Math.exp(-dt / tau2);
        v1 = a1 * v1 + (1 - a1) * cell.r1Ohms() * f * amps;
        v2 = a2 * v2 + (1 - a2) * cell.r2Ohms() * f * amps;
        double polarisation = amps * cell.r0Ohms() * f + v1 + v2;
        flagged = false;
        if (!currentOk || m.currentPathOpen || Math.abs(amps) > restAmps || m.firstBadCell() >= 0) {
            size = 0;
            beyondSince = Long.MIN_VALUE;
            return;
        }
        while (size > 0 && now - keptNanos[tail()] > windowNanos) {
            size--;
        }
        boolean beyond = false;
        int ref = frozenReference(currentChangedAt);
        if (ref >= 0) {
            double model = polarisation - keptPolarisation[ref];
            double mean = 0;
            for (int i = 0; i < m.cellVolts.length; i++) {
                mean += m.cellVolts[i] - keptVolts[ref][i] - model;
            }
            double sign = Math.signum(mean);
            int n = m.cellVolts.length;
            for (int i = 0; i < n; i++) {
                moves[i] = sign * (m.cellVolts[i] - keptVolts[ref][i] - model);
            }
            Arrays.sort(moves, 0, n);
            double least = moves[Math.min(lagging, n - 1)];
            movedVolts = sign * least;
            double response = cell.r0Ohms()
                    + cell.r1Ohms() * (1 - Math.exp(-gateSeconds / tau1))
                    + cell.r2Ohms() * (1 - Math.exp(-gateSeconds / tau2));
            thresholdVolts = minAmps * f * response + doubt * Math.abs(model);
            impliedAmps = least / (f * (cell.r0Ohms() + cell.r1Ohms() + cell.r2Ohms())) * sign;
            beyond = least > thresholdVolts;
        }
        if (!beyond) {
            beyondSince = Long.MIN_VALUE;
        } else {
            if (beyondSince == Long.MIN_VALUE) {
                beyondSince = now;
            }
            long sincePrevious = dt > 0 ? (long) (dt * 1e9) : 0;
            flagged = Debounce.due(now - beyondSince, sincePrevious, debounceNanos);
        }
        keep(m, now, polarisation);
    }

    /** How many cells may move less than the threshold without vetoing the check (for the reason). */
    int laggingCells() {
        return lagging;
    }

    /**
     * How many of {@code cells} may lag: {@code floor(fraction * cells)}, always fewer than half (a minority), so the
     * move judged is one a majority of the cells made.
     */
    static int laggingCells(double fraction, int cells) {
        int k = (int) Math.floor(fraction * cells);
        return Math.max(0, Math.min(k, (cells - 1) / 2));
    }

    /**
     * The sample the cells' move is judged from: the oldest kept in the window with the reading already as it is
     * now (kept after {@code currentChangedAt}), or -1. A reading that changed since is alive over that part, which
     * is not judged; so a sensor that froze after the window began is judged from its freeze on, not only once the
     * whole window has passed (as a path closed again is judged from its close).
     */
    private int frozenReference(long currentChangedAt) {
        for (int k = 0; k < size; k++) {
            int i = (tail() + k) % RING;
            if (keptNanos[i] > currentChangedAt) {
                return i;
            }
        }
        return -1;
    }

    private int tail() {
        return Math.floorMod(head - size, RING);
    }

    /** Keeps the sample if at least {@code window / (RING / 2)} after the last kept one, so the ring spans the window. */
    private void keep(PackMeasurement m, long now, double polarisation) {
        if (size > 0 && now - keptNanos[Math.floorMod(head - 1, RING)] < windowNanos / (RING / 2)) {
            return;
        }
        if (size == RING) {
            size--;
        }
        keptNanos[head] = now;
        System.arraycopy(m.cellVolts, 0, keptVolts[head], 0, m.cellVolts.length);
        keptPolarisation[head] = polarisation;
        head = (head + 1) % RING;
        size++;
    }
}
