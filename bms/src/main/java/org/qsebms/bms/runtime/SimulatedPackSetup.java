package org.qsebms.bms.runtime;

import org.qsebms.bms.sim.CyclingProfile;
import org.qsebms.bms.sim.PackLoad;
import org.qsebms.bms.sim.SimulatedHardware;
import org.qsebms.bms.sim.SimulatedPack;
import org.qsebms.config.BmsConfig;
import org.qsebms.estimators.model.EcmParameters;

/** Builds the simulated pack and its hardware ports for a configuration. */
public final class SimulatedPackSetup {
    private SimulatedPackSetup() {
    }

    public static SimulatedHardware create(BmsConfig cfg, double initialSoc, double ambientCelsius, PackLoad load, long seed) {
        EcmParameters nominal = cfg.chemistry().cell();
        double capFactor = cfg.pack().capacityAh() / nominal.capacityAh();
        SimulatedPack pack = new SimulatedPack(nominal.scaled(capFactor, 1.0 / capFactor), cfg.pack().seriesCells(),
                initialSoc, ambientCelsius, load, seed);
        return new SimulatedHardware(pack, seed + 1);
    }

    /** The default: 50 % SOC, 25 °C, the repeating cycling profile. */
    public static SimulatedHardware createDefault(BmsConfig cfg) {
        return create(cfg, 0.5, 25.0, CyclingProfile.defaultFor(cfg.pack().capacityAh()), 42);
    }
}
