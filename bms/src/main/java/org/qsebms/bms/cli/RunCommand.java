package org.qsebms.bms.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.qsebms.bms.broker.BrokerAccess;
import org.qsebms.bms.broker.EmbeddedBroker;
import org.qsebms.bms.control.PackLinks;
import org.qsebms.bms.control.Plant;
import org.qsebms.bms.dashboard.DashboardFeed;
import org.qsebms.bms.dashboard.DashboardServer;
import org.qsebms.bms.runtime.BmsRuntime;
import org.qsebms.bms.runtime.ConsoleStatusLine;
import org.qsebms.bms.runtime.SimulatedPackSetup;
import org.qsebms.bms.sim.Bq76952Simulation;
import org.qsebms.bms.sim.DriverLevelSimulation;
import org.qsebms.bms.sim.SimulatedHardware;
import org.qsebms.bms.telemetry.LocalSink;
import org.qsebms.config.BmsConfig;
import org.qsebms.config.ConfigException;
import org.qsebms.config.ConfigLoader;
import org.qsebms.config.DashboardConfig;
import org.qsebms.config.DurationText;
import org.qsebms.config.HalBackend;
import org.qsebms.config.MqttConfig;
import org.qsebms.config.PackConfig;
import org.qsebms.hal.PackHardware;
import org.qsebms.hal.emulator.EmulatedBq76952Board;
import org.qsebms.hal.pi4j.Pi4jHardware;
import org.tinylog.Logger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code bms run}: runs the controller on the simulated pack or on configured hardware until Ctrl-C. */
@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        description = {
            "Runs the BMS control loop at its fixed rate, with telemetry over MQTT.",
            "With --simulated: a 4-series PSOA||NCM811 virtual pack and an embedded MQTT broker "
                    + "(port 1883 unless --broker-port)",
            "and the live dashboard on 127.0.0.1:8787 (docs/dashboard.md)."
        },
        usageHelpWidth = 110,
        footer = {
            "",
            "The status line, once a second:",
            "  NORMAL    pack  14.80 V   -1.00 A | cell 3.698..3.702 V | max  25.0 °C | SOC  50.0 %% | contactors N-+",
            "  supervisor state; pack voltage and current (+ charging); lowest..highest cell; hottest sensor;",
            "  pack SOC; SOH once learned ('(nominal)' until a capacity window has been measured) and the usable",
            "  capacity at the rate it was measured, when known; contactors as three letters: N main negative,",
            "  P precharge, + main positive, '-' where that one is open (N-+ = closed for normal operation,",
            "  NP- = precharging, --- = all open); TRIPPED while a fault is latched."
        })
final class RunCommand implements Callable<Integer> {
    @Option(
            names = "--simulated",
            description = "Run on the simulated pack (default configuration unless --config is given).")
    boolean simulated;

    @Option(names = "--config", paramLabel = "FILE", description = "YAML configuration file (see config/examples/).")
    Path config;

    @Option(
            names = "--mqtt-url",
            paramLabel = "URL",
            description =
                    "Broker URL tcp://HOST:PORT; overrides the file and, with --simulated, replaces the embedded broker.")
    String mqttUrl;

    @Option(names = "--pack-id", paramLabel = "ID", description = "Pack id used in topics; overrides the file.")
    String packId;

    @Option(
            names = "--broker-port",
            paramLabel = "PORT",
            defaultValue = "1883",
            description = "Port of the embedded broker (default ${DEFAULT-VALUE}; 0 picks a free port).")
    int brokerPort;

    @Option(
            names = "--broker-host",
            paramLabel = "HOST",
            defaultValue = "127.0.0.1",
            description = "Interface the embedded broker listens on (default ${DEFAULT-VALUE}; "
                    + "0.0.0.0 for all, which needs --broker-password-file or --allow-anonymous-remote).")
    String brokerHost;

    @Option(
            names = "--broker-password-file",
            paramLabel = "FILE",
            description = "Embedded broker: require a login from this file (lines user:sha256-hex-of-password); "
                    + "needed beyond loopback.")
    Path brokerPasswordFile;

    @Option(
            names = "--allow-anonymous-remote",
            description = "Embedded broker beyond loopback WITHOUT passwords (closed test networks only; "
                    + "logged as a warning).")
    boolean allowAnonymousRemote;

    @Option(
            names = "--duration",
            paramLabel = "DURATION",
            description = "Stop after this long (e.g. 30s, PT5M); runs until Ctrl-C when absent.")
    String duration;

    @Option(names = "--no-auto-close", description = "Do not close the contactors at start (wait for a close command).")
    boolean noAutoClose;

    @Option(
            names = "--state-dir",
            paramLabel = "DIR",
            description = "Directory for persisted state; overrides the file.")
    Path stateDir;

    @Option(
            names = "--record",
            paramLabel = "DIR",
            description = "Directory of the per-cycle record (docs/record.md); default: <state directory>/record.")
    Path record;

    @Option(
            names = "--dashboard",
            negatable = true,
            description = "Serve the live dashboard (on by default with "
                    + "--simulated, otherwise as dashboard.enabled says); --no-dashboard turns it off.")
    Boolean dashboard;

    @Option(
            names = "--dashboard-port",
            paramLabel = "PORT",
            description = "Dashboard port (default " + DashboardConfig.DEFAULT_PORT
                    + "; 0 picks a free one); turns the dashboard on.")
    Integer dashboardPort;

    @Option(
            names = "--dashboard-host",
            paramLabel = "HOST",
            description = "Interface the dashboard listens on "
                    + "(default " + DashboardConfig.DEFAULT_HOST
                    + "); beyond loopback it needs dashboard credentials in the "
                    + "file or --dashboard-allow-anonymous-remote. Turns the dashboard on.")
    String dashboardHost;

    @Option(
            names = "--dashboard-allow-anonymous-remote",
            description = "Serve the dashboard beyond loopback without "
                    + "credentials (logged as a warning at every start).")
    boolean dashboardAllowAnonymousRemote;

    @Option(
            names = "--no-status-line",
            description = "Do not print the once-a-second status line (the systemd unit "
                    + "sets this: the journal keeps state changes and fault edges, telemetry carries the samples).")
    boolean noStatusLine;

    @Override
    public Integer call() throws Exception {
        if (!simulated && config == null) {
            throw new ConfigException(
                    "", "give --simulated to run on the simulated pack, or --config FILE for a configured pack");
        }
        ConfigLoader loader = new ConfigLoader();
        BmsConfig cfg = config != null ? loader.load(config) : loader.defaultSimulated();
        if (packId != null) {
            cfg = cfg.withPackId(PackConfig.requireValidId("--pack-id", packId));
        }
        if (mqttUrl != null) {
            if (mqttUrl.isEmpty()) {
                throw new ConfigException("--mqtt-url", "is empty; write tcp://HOST:PORT or ssl://HOST:PORT");
            }
            cfg = cfg.withMqttUrl(MqttConfig.requireValidUrl("--mqtt-url", mqttUrl));
        }
        if (stateDir != null) {
            cfg = cfg.withPersistenceDirectory(stateDir.toString());
        }
        boolean implicitDashboard = simulated
                && !cfg.dashboard().enabled()
                && dashboard == null
                && dashboardPort == null
                && dashboardHost == null;
        cfg = cfg.withDashboard(dashboardSettings(cfg.dashboard()));
        Duration runFor = duration == null ? null : DurationText.parse("--duration", duration);
        if (brokerPort < 0 || brokerPort > 65535) {
            throw new ConfigException(
                    "--broker-port",
                    brokerPort + " is outside 0..65535; give a TCP port "
                            + "(1883 is MQTT's, 1024 and above need no root, 0 picks a free one)");
        }
        boolean useSimulation = simulated || cfg.hal().backend() == HalBackend.SIMULATED;
        if (!useSimulation && cfg.hal().pi4j().isEmpty() && cfg.hal().bq76952().isEmpty()) {
            throw new ConfigException(
                    "hal.pi4j",
                    "the pi4j backend needs a 'hal.pi4j' wiring section (chips, cell taps, "
                            + "current sensor, NTCs, GPIO pins); see config/examples/pi-4s-ads1115.yaml and docs/wiring.md");
        }

        EmbeddedBroker broker = null;
        String url = cfg.mqtt().url();
        if (url.isEmpty()) {
            // no mqtt.url: the embedded broker, on loopback unless --broker-host says otherwise (and then with a login)
            EmbeddedBroker.Authenticator login = BrokerAccess.decide(
                    brokerHost,
                    brokerPasswordFile,
                    allowAnonymousRemote,
                    cfg.mqtt().username());
            int port = brokerPort == 0 ? EmbeddedBroker.freePort() : brokerPort;
            broker = EmbeddedBroker.start(brokerHost, port, login);
            url = broker.url();
            System.out.println("embedded MQTT broker listening on " + brokerHost + ":" + port
                    + (BrokerAccess.loopback(brokerHost)
                            ? " (this machine only)"
                            : login != null ? " (login required)" : " (ANYONE on the network)")
                    + "  (watch: mosquitto_sub -h 127.0.0.1 -p " + port + " -t '"
                    + cfg.mqtt().topicRoot() + "/#' -v)");
            if (login == null && !BrokerAccess.loopback(brokerHost)) {
                String warning = BrokerAccess.anonymousRemoteWarning(brokerHost, port);
                System.err.println(warning);
                Logger.warn(warning);
            }
        }
        PackHardware hw;
        PackLinks links;
        if (useSimulation && cfg.hal().bq76952().isPresent()) {
            // The simulated pack behind a register-level BQ76952 that runs its own protections,
            // read through the driver.
            Bq76952Simulation sim = new Bq76952Simulation(
                    SimulatedPackSetup.createDefault(cfg).pack(),
                    cfg.hal().bq76952().get(),
                    EmulatedBq76952Board.DEFAULT_WATCHDOG_NANOS);
            hw = sim.hardware();
            links = PackLinks.followingLimits(sim); // the simulated charger/load follows the limits
            System.out.println("simulated pack wired through the BQ76952 driver and its register-level emulator");
        } else if (useSimulation && cfg.hal().pi4j().isPresent()) {
            // The simulated pack behind register-level emulators of the configured ADCs, read through the real drivers.
            DriverLevelSimulation sim = new DriverLevelSimulation(
                    SimulatedPackSetup.createDefault(cfg).pack(),
                    cfg.hal().pi4j().get(),
                    7);
            hw = sim.hardware();
            links = PackLinks.followingLimits(sim);
            System.out.println("simulated pack wired through the hal.pi4j drivers and register-level emulators");
        } else if (useSimulation) {
            SimulatedHardware sim = SimulatedPackSetup.createDefault(cfg);
            hw = sim.hardware();
            links = PackLinks.followingLimitsWithPulses(sim.pack());
        } else {
            // Real providers only, fail-fast self-test of every chip and channel (names bus, address, channel).
            try {
                hw = cfg.hal().bq76952().isPresent()
                        ? Pi4jHardware.open(cfg.hal().bq76952().get()).hardware()
                        : Pi4jHardware.open(cfg.hal().pi4j().get()).hardware();
            } catch (RuntimeException e) {
                if (broker != null) {
                    broker.close();
                }
                throw new IllegalStateException(
                        "cannot open the Raspberry Pi hardware configured in hal.pi4j: "
                                + e.getMessage()
                                + ". Is this a Raspberry Pi with I2C and SPI enabled (raspi-config), and is the "
                                + "service user in the i2c, spi and gpio groups? 'bms hal probe --config FILE' checks the wiring "
                                + "chip by chip.",
                        e);
            }
            links = PackLinks.plantOnly(Plant.REAL); // a CAN link to a charger would publish the limits here
        }
        System.out.println("qse-bms: pack '" + cfg.pack().id() + "', "
                + cfg.pack().seriesCells() + " x " + cfg.chemistry().name()
                + " (" + cfg.pack().capacityAh() + " Ah), loop "
                + cfg.loop().period().toMillis() + " ms, telemetry " + url
                + " on " + cfg.mqtt().topicRoot() + "/" + cfg.pack().id() + "/#. Ctrl-C stops.");
        LocalSink sink = noStatusLine ? sample -> {} : new ConsoleStatusLine(System.out)::accept;
        DashboardServer dashboardServer = null;
        if (cfg.dashboard().enabled()) {
            DashboardFeed feed = DashboardServer.feedFor(
                    cfg, hw.cellVoltages().cellCount(), hw.temperatures().channelCount());
            try {
                dashboardServer =
                        DashboardServer.start(cfg, feed, BmsRuntime.version(), System.getenv(), implicitDashboard);
            } catch (RuntimeException e) {
                if (broker != null) {
                    broker.close();
                }
                hw.close();
                throw e;
            }
            sink = LocalSink.both(sink, feed);
            if (!dashboardServer.exposureWarning().isEmpty()) {
                System.err.println(dashboardServer.exposureWarning()); // also logged: say it where the user looks
            }
            System.out.println("dashboard on " + dashboardServer.url()
                    + (dashboardServer.loopbackOnly() ? "  (this machine only; read-only)" : "  (read-only)"));
        }
        BmsRuntime runtime = BmsRuntime.start(
                cfg,
                hw,
                links,
                url,
                sink,
                !noAutoClose,
                record != null ? record : BmsRuntime.defaultRecordDirectory(cfg));
        // never counted down: without --duration the run ends only through the shutdown hook
        CountDownLatch untilShutdown = new CountDownLatch(1);
        EmbeddedBroker brokerToClose = broker;
        DashboardServer dashboardToClose = dashboardServer;
        // Ctrl-C (SIGINT), SIGTERM and SIGHUP start the JVM's shutdown: the hook stops cleanly and
        // exits 0. --duration (or nothing) lets the main thread stop, and the hook is removed.
        StopSignals.warnIfIgnored();
        Thread hook = StopSignals.cleanStopHook(() -> stopAll(runtime, brokerToClose, dashboardToClose));
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            if (runFor != null) {
                untilShutdown.await(runFor.toMillis(), TimeUnit.MILLISECONDS);
            } else {
                untilShutdown.await();
            }
            stopAll(runtime, brokerToClose, dashboardToClose);
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException alreadyShuttingDown) {
                // the JVM is exiting: the hook has stopped the BMS and ends the process with 0
            }
        }
        Logger.info("stopped cleanly");
        return 0;
    }

    /** The dashboard settings after the flags: --simulated turns it on unless --no-dashboard. */
    private DashboardConfig dashboardSettings(DashboardConfig d) {
        boolean on = dashboard != null
                ? dashboard
                : d.enabled() || simulated || dashboardPort != null || dashboardHost != null;
        if (dashboard != null && !dashboard && (dashboardPort != null || dashboardHost != null)) {
            throw new ConfigException("--no-dashboard", "contradicts --dashboard-port/--dashboard-host; drop one");
        }
        if (dashboardPort != null) {
            if (dashboardPort < 0 || dashboardPort > 65535) {
                throw new ConfigException(
                        "--dashboard-port",
                        dashboardPort + " is outside 0..65535; give a TCP port, " + "or 0 for a free one");
            }
            d = d.withPort(dashboardPort);
        }
        if (dashboardHost != null) {
            if (dashboardHost.isBlank()) {
                throw new ConfigException(
                        "--dashboard-host", "is empty; give 127.0.0.1, an interface address or " + "0.0.0.0");
            }
            d = d.withHost(dashboardHost);
        }
        return d.withEnabled(on).withAllowAnonymousRemote(d.allowAnonymousRemote() || dashboardAllowAnonymousRemote);
    }

    private final java.util.concurrent.atomic.AtomicBoolean stopped = new java.util.concurrent.atomic.AtomicBoolean();

    /** Stops everything once; a second caller (the shutdown hook) waits until the first has finished. */
    private synchronized void stopAll(BmsRuntime runtime, EmbeddedBroker broker, DashboardServer dashboardServer) {
        if (!stopped.compareAndSet(false, true)) {
            return;
        }
        runtime.close();
        if (dashboardServer != null) {
            dashboardServer.close();
        }
        if (broker != null) {
            broker.close();
        }
    }
}
