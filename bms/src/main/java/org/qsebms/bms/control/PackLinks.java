package org.qsebms.bms.control;

import java.util.Optional;
import org.qsebms.bms.record.PulseOutput;

/**
 * The physical side of one controller: the plant it advances before each tick, where it publishes
 * its current limits (a charger or inverter link, or the simulated charger/load; {@link
 * CurrentLimitOutput#NONE} when nothing follows them) and where a scheduled diagnostic asks for its
 * discharge pulse (absent when the BMS cannot command one).
 */
public record PackLinks(Plant plant, CurrentLimitOutput limitOutput, Optional<PulseOutput> pulses) {

    /** A plant that nothing beyond the contactors acts on: limits go nowhere, no pulses. */
    public static PackLinks plantOnly(Plant plant) {
        return new PackLinks(plant, CurrentLimitOutput.NONE, Optional.empty());
    }

    /** A plant whose charger and load follow the published limits. */
    public static <P extends Plant & CurrentLimitOutput> PackLinks followingLimits(P plant) {
        return new PackLinks(plant, plant, Optional.empty());
    }

    /** A plant whose charger and load follow the published limits and whose load draws diagnostic pulses. */
    public static <P extends Plant & CurrentLimitOutput & PulseOutput> PackLinks followingLimitsWithPulses(P plant) {
        return new PackLinks(plant, plant, Optional.of(plant));
    }
}
