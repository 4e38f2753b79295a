package org.qsebms.bms.control;

import org.qsebms.bms.measure.PackMeasurement;
import org.qsebms.estimators.soc.SocEstimator;
import org.qsebms.hal.BalancingSwitches;

/**
 * Passive balancing: bleeds the cells that are more than a threshold above the lowest cell,
 * measured either by voltage or by estimated SOC ({@link Mode}). It balances only while charging
 * or at rest (never while discharging), only while the hottest cell is below the temperature
 * limit and the lowest cell above the voltage floor, and with a duty cap so the resistors' heat
 * stays bounded (on for {@code dutyOnTicks} of every {@code dutyPeriodTicks}). A rest that begins
 * with the lowest cell at or below the floor, or the hottest at or above the ceiling, is not balanced
 * when its cells relax or cool across them: a bleed that starts in the middle of a rest leaves its
 * onset in the soft-short detector's rest fit, which then reads a leak low (docs/safety.md, "A balancer
 * floor"); the next charge or rest is judged again. The switch state
 * goes to telemetry through {@code PackSample.balancing}. In voltage mode with a {@link BleedRelaxation} (as the
 * controller wires it), the lowest cell is taken only over the cells whose own bleed has relaxed: a cell read under or
 * just after its bleed reads low by the drop its bleed caused, which in the cold exceeds the threshold, and taking it
 * for the lowest bled every other cell after it (docs/safety.md, "Cold balancing", 2026-12-06). No allocation per
 * tick.
 */
public final class PassiveBalancer {
    /** What "above the lowest cell" is measured in. */
    public enum Mode {
        /** Terminal voltage: simple, but at high current resistance spread looks like imbalance. */
        VOLTAGE,
        /** Estimated SOC: balances capacity-matched cells correctly in the flat part of the OCV curve. */
        SOC
    }

    /** Within this pack current (A, either sign) the pack is at rest; beyond it in discharge it is discharging. */
    static final double REST_AMPS = 0.05;

    private final Mode mode;
    /** The previous tick was at rest. */
    private boolean resting;
    /** The present rest began beyond the floor or the ceiling (decided at its first tick with a valid measurement). */
    private boolean restBlocked;
    /** The present rest has had a tick with a valid measurement, so {@link #restBlocked} is decided. */
    private boolean restJudged;

    private final double thresholdVolts;
    private final double thresholdSoc;
    private final double maxCelsius;
    private final int dutyPeriodTicks;
    private final int dutyOnTicks;
    private final double minCellVolts;
    /** Each cell's relaxation from its own bleed (voltage mode); null: every reading is taken as relaxed. */
    private final BleedRelaxation relaxation;

    private boolean enabled = true;
    private int tick;
    private int cellsOn;

    /** Voltage-mode balancer (as before the SOC mode existed). */
    public PassiveBalancer(
            double thresholdVolts, double maxCelsius, double minCellVolts, int dutyPeriodTicks, int dutyOnTicks) {
        this(Mode.VOLTAGE, thresholdVolts, 0.02, maxCelsius, minCellVolts, dutyPeriodTicks, dutyOnTicks);
    }

    /**
     * @param mode            voltage or SOC
     * @param thresholdVolts  bleed a cell this far above the lowest (voltage mode)
     * @param thresholdSoc    bleed a cell this far above the lowest, as SOC fraction (SOC mode)
     * @param maxCelsius      no balancing at or above this cell temperature
     * @param minCellVolts    no balancing while the lowest cell is at or below this voltage
     * @param dutyPeriodTicks duty-cycle period in ticks
     * @param dutyOnTicks     ticks per period the resistors may be on
     */
    public PassiveBalancer(
            Mode mode,
            double thresholdVolts,
            double thresholdSoc,
            double maxCelsius,
            double minCellVolts,
            int dutyPeriodTicks,
            int dutyOnTicks) {
        this(mode, thresholdVolts, thresholdSoc, maxCelsius, minCellVolts, dutyPeriodTicks, dutyOnTicks, null);
    }

    /**
     * As {@link #PassiveBalancer(Mode, double, double, double, double, int, int)}, with the relaxation that keeps a
     * cell read under its own bleed from being taken for the lowest (voltage mode; null for none).
     */
    public PassiveBalancer(
            Mode mode,
            double thresholdVolts,
            double thresholdSoc,
            double maxCelsius,
            double minCellVolts,
            int dutyPeriodTicks,
            int dutyOnTicks,
            BleedRelaxation relaxation) {
        if (dutyPeriodTicks < 1 || dutyOnTicks < 0 || dutyOnTicks > dutyPeriodTicks) {
            throw new IllegalArgumentException("balancing duty " + dutyOnTicks + " of " + dutyPeriodTicks
                    + " ticks is invalid; need 0 <= on <= period and period >= 1");
        }
        this.mode = mode;
        this.thresholdVolts = thresholdVolts;
        this.thresholdSoc = thresholdSoc;
        this.maxCelsius = maxCelsius;
        this.minCellVolts = minCellVolts;
        this.dutyPeriodTicks = dutyPeriodTicks;
        this.dutyOnTicks = dutyOnTicks;
        this.relaxation = relaxation;
    }

    /** Voltage-mode decision (SOC mode needs {@link #decide(PackMeasurement, SocEstimator, boolean, BalancingSwitches)}). */
    public void decide(PackMeasurement m, boolean allowed, BalancingSwitches out) {
        decide(m, null, allowed, out);
    }

    /**
     * Sets every balancing switch for this tick.
     *
     * @param soc     the SOC estimates (used in SOC mode; may be null in voltage mode)
     * @param allowed false while the supervisor forbids balancing (fault, precharge, shutdown)
     */
    public void decide(PackMeasurement m, SocEstimator soc, boolean allowed, BalancingSwitches out) {
        decide(m, soc, allowed, out, null);
    }

    /**
     * As {@link #decide(PackMeasurement, SocEstimator, boolean, BalancingSwitches)}, leaving unbled the cells
     * {@code hold} holds (null: none): a cell the soft-short rest fit is judging is not bled, so its own loss is
     * measured without its bleed's doubt (docs/safety.md, "A suspected cell is not bled", 2026-12-07). A held cell
     * still counts for the lowest cell.
     */
    void decide(PackMeasurement m, SocEstimator soc, boolean allowed, BalancingSwitches out, BleedHold hold) {
        tick = (tick + 1) % dutyPeriodTicks;
        boolean discharging = m.packAmps < -REST_AMPS;
        boolean valid = m.maxCellIndex >= 0 && m.maxTempIndex >= 0;
        boolean withinLimits = valid && m.maxCelsius < maxCelsius && m.minCellVolts > minCellVolts;
        boolean atRest = Math.abs(m.packAmps) <= REST_AMPS;
        if (!atRest || !resting) {
            restJudged = false;
            restBlocked = false;
        }
        resting = atRest;
        if (atRest && !restJudged && valid) {
            restJudged = true;
            restBlocked = !withinLimits;
        }
        boolean useSoc = mode == Mode.SOC && soc != null;
        boolean ok =
                enabled && allowed && !discharging && withinLimits && !(atRest && restBlocked) && tick < dutyOnTicks;
        double lowestSoc = Double.MAX_VALUE;
        if (ok && useSoc) {
            for (int i = 0; i < soc.cellCount(); i++) {
                lowestSoc = Math.min(lowestSoc, soc.cellSoc(i));
            }
        }
        double lowestVolts = ok && !useSoc ? lowestRelaxedVolts(m) : Double.NaN;
        int on = 0;
        for (int i = 0; i < out.cellCount(); i++) {
            boolean above = useSoc
                    ? ok && soc.cellSoc(i) - lowestSoc > thresholdSoc
                    : ok && m.cellVolts[i] - lowestVolts > thresholdVolts;
            boolean bleed = above && m.cellStatus[i].isOk() && (hold == null || !hold.held(i));
            if (out.isOn(i) != bleed) {
                out.set(i, bleed);
            }
            if (bleed) {
                on++;
            }
            if (relaxation != null && i < relaxation.cellCount()) {
                relaxation.record(i, bleed);
            }
        }
        cellsOn = on;
    }

    /**
     * The lowest reading among the cells with a good reading whose bleed has relaxed (NaN when none has: nothing is
     * judged this tick); without a relaxation, the lowest good reading.
     */
    private double lowestRelaxedVolts(PackMeasurement m) {
        if (relaxation == null) {
            return m.minCellVolts;
        }
        double lowest = Double.MAX_VALUE;
        for (int i = 0; i < relaxation.cellCount() && i < m.cellVolts.length; i++) {
            if (m.cellStatus[i].isOk() && relaxation.relaxed(i, m.celsiusAtCell[i])) {
                lowest = Math.min(lowest, m.cellVolts[i]);
            }
        }
        return lowest == Double.MAX_VALUE ? Double.NaN : lowest;
    }

    void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public boolean enabled() {
        return enabled;
    }

    Mode mode() {
        return mode;
    }

    /** Cells bleeding after the last decision. */
    int cellsOn() {
        return cellsOn;
    }
}
