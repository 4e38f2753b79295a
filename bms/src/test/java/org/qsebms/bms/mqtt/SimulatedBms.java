package org.qsebms.bms.mqtt;

import java.nio.file.Path;
import java.time.Duration;
import org.qsebms.bms.control.PackLinks;
import org.qsebms.bms.runtime.BmsRuntime;
import org.qsebms.bms.runtime.SimulatedPackSetup;
import org.qsebms.bms.sim.SimulatedHardware;
import org.qsebms.config.BmsConfig;
import org.qsebms.config.ConfigLoader;

/** Starts the real controller on the simulated pack against a given broker, for MQTT tests. */
final class SimulatedBms {
    private SimulatedBms() {}

    static BmsConfig config(String packId, Path stateDir, Duration stateInterval) {
        BmsConfig cfg =
                new ConfigLoader().defaultSimulated().withPackId(packId).withPersistenceDirectory(stateDir.toString());
        return cfg.withMqtt(cfg.mqtt().withStateInterval(stateInterval));
    }

    static BmsRuntime start(BmsConfig cfg, String url) {
        SimulatedHardware sim = SimulatedPackSetup.createDefault(cfg);
        return BmsRuntime.start(
                cfg, sim.hardware(), PackLinks.followingLimitsWithPulses(sim.pack()), url, s -> {}, true);
    }
}
