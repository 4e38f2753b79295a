package org.qsebms.bms.offline.scenario;

import java.util.List;
import org.qsebms.bms.sim.PackLoad;
import org.qsebms.config.BmsConfig;

/**
 * A parsed scenario: the pack, its initial state, the ambient and load profiles, timed fault
 * injections and operator commands, and how long to run. See docs/scenarios.md.
 *
 * @param name        free text, echoed in the log
 * @param config      the BMS configuration (pack, chemistry preset, limits, loop period)
 * @param initialSoc  starting SOC of every cell
 * @param ambient     ambient temperature steps, first at time 0
 * @param load        the charger/load profile
 * @param closeAtStart request the contactors to close at start
 * @param durationS   simulated run time
 * @param seed        seed of the cell-to-cell spread and the sensor noise
 * @param actions     timed injections and commands, sorted by time
 * @param limitsEveryS minimum spacing of "limits" lines (they are also printed on large changes)
 */
public record Scenario(
        String name,
        BmsConfig config,
        double initialSoc,
        List<AmbientStep> ambient,
        PackLoad load,
        boolean closeAtStart,
        double durationS,
        long seed,
        List<ScenarioAction> actions,
        double limitsEveryS) {

    /** Ambient temperature from {@code atS} on. */
    public record AmbientStep(double atS, double celsius) {}
}
