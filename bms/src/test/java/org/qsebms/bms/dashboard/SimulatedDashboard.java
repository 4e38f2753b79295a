package org.qsebms.bms.dashboard;

import java.nio.file.Path;
import java.util.Map;
import org.qsebms.bms.broker.EmbeddedBroker;
import org.qsebms.bms.control.PackLinks;
import org.qsebms.bms.runtime.BmsRuntime;
import org.qsebms.bms.runtime.SimulatedPackSetup;
import org.qsebms.bms.sim.SimulatedHardware;
import org.qsebms.config.BmsConfig;
import org.qsebms.config.ConfigLoader;
import org.qsebms.config.DashboardConfig;

/**
 * The real controller at its real rate on the simulated pack, telemetry to an embedded broker over TCP, and the
 * dashboard fed by the telemetry thread as {@code bms run} wires it, on a free loopback port.
 */
final class SimulatedDashboard implements AutoCloseable {
    final EmbeddedBroker broker;
    final SimulatedHardware sim;
    final BmsRuntime runtime;
    final DashboardServer server;

    private SimulatedDashboard(
            EmbeddedBroker broker, SimulatedHardware sim, BmsRuntime runtime, DashboardServer server) {
        this.broker = broker;
        this.sim = sim;
        this.runtime = runtime;
        this.server = server;
    }

    static SimulatedDashboard start(Path stateDir) {
        return start(stateDir, EmbeddedBroker.start("127.0.0.1", EmbeddedBroker.freePort()), null);
    }

    /** The same with telemetry pointed at {@code mqttUrl}, where no broker answers. */
    static SimulatedDashboard startWithoutBroker(Path stateDir, String mqttUrl) {
        return start(stateDir, null, mqttUrl);
    }

    private static SimulatedDashboard start(Path stateDir, EmbeddedBroker broker, String mqttUrl) {
        BmsConfig cfg = new ConfigLoader()
                .defaultSimulated()
                .withPackId("dash")
                .withPersistenceDirectory(stateDir.toString())
                .withDashboard(DashboardConfig.OFF.withEnabled(true).withPort(0));
        SimulatedHardware sim = SimulatedPackSetup.createDefault(cfg);
        DashboardFeed feed = DashboardServer.feedFor(
                cfg,
                sim.hardware().cellVoltages().cellCount(),
                sim.hardware().temperatures().channelCount());
        DashboardServer server = DashboardServer.start(cfg, feed, "test", Map.of(), false);
        BmsRuntime runtime = BmsRuntime.start(
                cfg,
                sim.hardware(),
                PackLinks.followingLimitsWithPulses(sim.pack()),
                broker != null ? broker.url() : mqttUrl,
                feed,
                true);
        return new SimulatedDashboard(broker, sim, runtime, server);
    }

    /** Drives cell {@code cell} (0-based) to about {@code volts}, as an over-voltage drive would. */
    void driveCellTo(int cell, double volts) {
        sim.pack().driveCellVoltage(cell, 0);
        sim.pack().driveCellVoltage(cell, volts - sim.pack().cellVolts(cell));
    }

    @Override
    public void close() {
        server.close();
        runtime.close();
        if (broker != null) {
            broker.close();
        }
    }
}
