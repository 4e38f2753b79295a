package org.qsebms.config;

import java.time.Duration;

/**
 * One monitored quantity's three limit levels, after foxBMS: MOL (maximum operating limit:
 * inform), RSL (recommended safety limit: warn and derate), MSL (maximum safety limit: open the
 * contactors). A level is violated when the value stays beyond it for {@code debounce}, and
 * clears when it comes back by {@code hysteresis}.
 */
public record ThreeLevelLimit(
        String quantity,
        LimitDirection direction,
        double mol,
        double rsl,
        double msl,
        double hysteresis,
        Duration debounce,
        String unit) {

    public ThreeLevelLimit {
        boolean ordered = direction == LimitDirection.UPPER ? mol <= rsl && rsl <= msl : mol >= rsl && rsl >= msl;
        if (!ordered) {
            boolean upper = direction == LimitDirection.UPPER;
            String order = upper ? "mol <= rsl <= msl" : "mol >= rsl >= msl";
            throw new ConfigException(
                    quantity,
                    "levels must be ordered " + order + " for " + (upper ? "an upper" : "a lower") + " limit, got mol="
                            + mol + ", rsl=" + rsl + ", msl=" + msl + " " + unit
                            + "; move the levels out of order so that a value " + (upper ? "rising" : "falling")
                            + " reaches the MOL first, then the RSL, the MSL last (" + order + ")");
        }
        if (!(hysteresis >= 0)) {
            throw new ConfigException(quantity + ".hysteresis", hysteresis + " must be >= 0 " + unit);
        }
    }

    /**
     * The RSL moved inside by the hysteresis: the most a published limit may allow on this quantity, so a load that
     * holds exactly the limit keeps a reading with its noise off the RSL, by the same band that proves a level cleared.
     */
    public double rslInsideByHysteresis() {
        return direction == LimitDirection.UPPER ? rsl - hysteresis : rsl + hysteresis;
    }

    public double level(LimitLevel level) {
        return switch (level) {
            case MOL -> mol;
            case RSL -> rsl;
            case MSL -> msl;
        };
    }
}
