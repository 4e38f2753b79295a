package org.qsebms.bms.offline.replay;

import java.util.Locale;
import java.util.Optional;
import org.qsebms.estimators.model.EcmParameters;
import org.qsebms.estimators.soc.EkfAdaptation;

/**
 * How far a replayed cell's capacity may lie from the one its SOC filter counts against
 * ({@code EkfTuning.capacityErrorLimit}), and where that limit came from. Stated with
 * {@code --capacity-error-limit}, it is taken as given. Otherwise, a {@code --capacity-ah} that departs from a
 * characterised preset's capacity (the capacity that preset's own tests measured) is one of two claims about
 * the cell that disagree, and nothing in the replay says which is right: the filter counts against the one
 * given, and the bound carries the departure as the limit of its error. Found by check20z (2026-12-06): the
 * 25 °C HWFTa log replayed with {@code --capacity-ah 2.61} against the recipe preset's 2.9 Ah gave RMSE 3.74 %
 * with the bound covering 47.8 % of the rows, since the filter held 2.61 as exact. A chemistry preset
 * ({@code --chemistry}) is any cell's, so its capacity is no evidence against the one given, and without
 * {@code --capacity-ah} the preset's capacity is the cell's: both give 0.
 *
 * <p>A capacity the limit doubts is learnt within it ({@link #adaptation}, fix20e, 2026-12-06) where the preset
 * models the slow polarisation ({@code EcmParameters.slowPolarisation}); without that branch the capacity is held
 * and the bound carries the limit as a consider term, as before. Why: a slow relaxation the model lacks grows with
 * the charge drawn, as a capacity error does, and a capacity state reads it as one (measured on the recipe preset
 * without the branch, 25 °C US06 with the preset's own capacity: RMSE 0.48 % held, 1.72 % learnt, coverage 87 %).
 *
 * @param limit the largest relative capacity error the bound carries (fraction, 0..1)
 * @param givenAh the capacity given, NaN without {@code --capacity-ah}
 * @param presetAh the characterised preset's capacity, NaN for a chemistry preset
 * @param stated whether the limit was given with {@code --capacity-error-limit}
 */
public record CapacityDoubt(double limit, double givenAh, double presetAh, boolean stated) {
    /**
     * The limit for a replay: {@code statedLimit} when given (refused outside 0..1), else the relative departure
     * of {@code capacityAh} from {@code characterisedPresetAh} (either may be null / NaN: then 0).
     *
     * @throws LogFormatException for a stated limit that is not a fraction in 0..1
     */
    public static CapacityDoubt of(Double statedLimit, Double capacityAh, double characterisedPresetAh) {
        double given = capacityAh == null ? Double.NaN : capacityAh;
        if (statedLimit != null) {
            if (!(statedLimit >= 0 && statedLimit < 1)) {
                throw new LogFormatException(String.format(
                        Locale.ROOT,
                        "--capacity-error-limit: %s is not a fraction of the capacity in 0..1; give 0.05 for a "
                                + "capacity known within 5 %%, or 0 for one measured on this cell",
                        statedLimit));
            }
            return new CapacityDoubt(statedLimit, given, characterisedPresetAh, true);
        }
        double departure = Math.abs(given / characterisedPresetAh - 1);
        return new CapacityDoubt(
                Double.isFinite(departure) ? Math.min(departure, 0.99) : 0.0, given, characterisedPresetAh, false);
    }

    /**
     * The SOC filter's adaptation for this doubt: {@code base} with the capacity learnt within the limit
     * ({@link EkfAdaptation#withCapacityLearntWithin}) when the limit is above 0 and {@code cell} models the slow
     * polarisation; else {@code base}, the capacity held and the limit carried in the bound.
     */
    public EkfAdaptation adaptation(EkfAdaptation base, EcmParameters cell) {
        return learnt(cell) ? base.withCapacityLearntWithin(limit) : base;
    }

    /** Whether the filter learns the capacity within the limit for {@code cell} ({@link #adaptation}). */
    public boolean learnt(EcmParameters cell) {
        return limit > 0 && !cell.slowPolarisation().isNone();
    }

    /** A line for the replay's output when the bound carries a capacity error the user did not state. */
    public Optional<String> note(String presetName, EcmParameters cell) {
        if (stated || limit == 0) {
            return Optional.empty();
        }
        return Optional.of(String.format(
                        Locale.ROOT,
                        "note: --capacity-ah %s is %.1f %% from the %s Ah preset %s measured; ",
                        CellLogPlausibility.number(givenAh),
                        100 * limit,
                        CellLogPlausibility.number(presetAh),
                        presetName)
                + (learnt(cell)
                        ? String.format(
                                Locale.ROOT,
                                "the SOC filter learns the capacity within %.1f %% of the one given (give "
                                        + "--capacity-error-limit to state how well the capacity is known)",
                                100 * limit)
                        : String.format(
                                Locale.ROOT,
                                "the SOC bound carries a capacity error of up to %.1f %% (give "
                                        + "--capacity-error-limit to state how well the capacity is known; the "
                                        + "capacity is learnt only with a preset that models the slow "
                                        + "polarisation: bms characterize --slow-polarisation-log)",
                                100 * limit)));
    }
}
