package org.qsebms.bms.runtime;

import org.qsebms.bms.persistence.PersistedState;
import org.qsebms.config.BmsConfig;
import org.qsebms.estimators.soc.SocState;

/**
 * How much a persisted SOC's doubt grows between its save and a restart. Two things can have moved
 * the SOC that the filter did not count, each taken as a limit (a uniform spread over plus or minus
 * it, so sigma is the limit over sqrt(3), as the current sensor's rated offset is):
 * <ul>
 *   <li>charge that flowed after the last periodic save and before a crash: at most the largest
 *       current the protection lets flow for one save interval; none when the state was saved at a
 *       stop ({@link SocState#atStop}), after the loop had opened the contactors;</li>
 *   <li>the cells' own self-discharge while the BMS was off: at most
 *       {@code estimation.selfDischargeLimitPerDay} times the days off.</li>
 * </ul>
 * Where the time off is unknown (no saved time, or a clock that says the save is in the future, as
 * on a Pi without a real-time clock that came up before its clock was set) every cell takes the
 * filter's start doubt, as before the doubt was persisted.
 *
 * @param saveIntervalSeconds      {@code persistence.interval}: the most time between the last periodic
 *                                 save and a crash
 * @param mostAmps                 the largest pack current the protection lets flow: the larger of the
 *                                 charge and discharge over-current MSLs
 * @param packCapacityAh           the pack's capacity, over which that charge is a SOC
 * @param selfDischargeLimitPerDay the most SOC a healthy cell loses in a day off
 */
public record RestartSocDoubt(
        double saveIntervalSeconds, double mostAmps, double packCapacityAh, double selfDischargeLimitPerDay) {

    /**
     * The persisted SOC as restored: each cell's sigma widened for the time off (NaN: unknown), how
     * long the cells rested (from the stop, or from one save interval after the last save), and the
     * time off (both NaN when unknown).
     */
    public record Restored(SocState soc, double restedSeconds, double offSeconds) {}

    /** The growth for {@code cfg}'s save interval, over-current limits, capacity and self-discharge limit. */
    public static RestartSocDoubt of(BmsConfig cfg) {
        return new RestartSocDoubt(
                cfg.persistence().interval().toMillis() / 1000.0,
                Math.max(
                        Math.abs(cfg.limits().chargeOverCurrent().msl()),
                        Math.abs(cfg.limits().dischargeOverCurrent().msl())),
                cfg.pack().capacityAh(),
                cfg.estimation().selfDischargeLimitPerDay());
    }

    /** {@code saved}'s SOC with its doubt widened for a restart at {@code nowEpochMillis}. */
    public Restored widen(PersistedState saved, long nowEpochMillis) {
        return widen(saved, nowEpochMillis, 0);
    }

    /**
     * As {@link #widen(PersistedState, long)} for a state {@code savesLost} saves older than the newest (the
     * previous generation of a file whose newest could not be used: 1): the pack may have run on through those
     * saves too, so the state counts as saved while running and the charge after it spans that many intervals
     * more.
     */
    public Restored widen(PersistedState saved, long nowEpochMillis, int savesLost) {
        SocState soc = saved.soc();
        long savedAt = saved.savedEpochMillis();
        if (savedAt <= 0 || nowEpochMillis < savedAt) {
            return new Restored(
                    soc.withCellSocSigma(SocState.unknown(soc.cellCount()).cellSoc()), Double.NaN, Double.NaN);
        }
        double offSeconds = (nowEpochMillis - savedAt) / 1000.0;
        boolean atStop = soc.atStop() && savesLost == 0;
        double afterSave = atStop ? 0.0 : (1 + savesLost) * mostAmps * saveIntervalSeconds / 3600.0 / packCapacityAh;
        double leak = selfDischargeLimitPerDay * offSeconds / 86_400.0;
        double added = (afterSave * afterSave + leak * leak) / 3.0;
        double[] sigma = soc.cellSocSigma();
        for (int i = 0; i < sigma.length; i++) {
            sigma[i] = Math.sqrt(sigma[i] * sigma[i] + added); // NaN (unknown) stays NaN
        }
        double rested = atStop ? offSeconds : Math.max(0.0, offSeconds - (1 + savesLost) * saveIntervalSeconds);
        return new Restored(new SocState(soc.cellSoc(), sigma, atStop), rested, offSeconds);
    }
}
