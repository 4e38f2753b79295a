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
    /** A scenario by name; the caller sets every part. */
    static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link Scenario} by name; each setter is the component of the same name. */
    static final class Builder {
        private String name;
        private BmsConfig config;
        private double initialSoc;
        private List<AmbientStep> ambient;
        private PackLoad load;
        private boolean closeAtStart;
        private double durationS;
        private long seed;
        private List<ScenarioAction> actions;
        private double limitsEveryS;

        private Builder() {}

        Builder name(String name) {
            this.name = name;
            return this;
        }

        Builder config(BmsConfig config) {
            this.config = config;
            return this;
        }

        Builder initialSoc(double initialSoc) {
            this.initialSoc = initialSoc;
            return this;
        }

        Builder ambient(List<AmbientStep> ambient) {
            this.ambient = ambient;
            return this;
        }

        Builder load(PackLoad load) {
            this.load = load;
            return this;
        }

        Builder closeAtStart(boolean closeAtStart) {
            this.closeAtStart = closeAtStart;
            return this;
        }

        Builder durationS(double durationS) {
            this.durationS = durationS;
            return this;
        }

        Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        Builder actions(List<ScenarioAction> actions) {
            this.actions = actions;
            return this;
        }

        Builder limitsEveryS(double limitsEveryS) {
            this.limitsEveryS = limitsEveryS;
            return this;
        }

        Scenario build() {
            return new Scenario(
                    name, config, initialSoc, ambient, load, closeAtStart, durationS, seed, actions, limitsEveryS);
        }
    }

    /** Ambient temperature from {@code atS} on. */
    public record AmbientStep(double atS, double celsius) {}
}
