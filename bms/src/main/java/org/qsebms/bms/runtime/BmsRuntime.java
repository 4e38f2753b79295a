package org.qsebms.bms.runtime;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.qsebms.bms.command.CommandHandler;
import org.qsebms.bms.command.CommandParser;
import org.qsebms.bms.control.PackLinks;
import org.qsebms.bms.loop.ControlLoop;
import org.qsebms.bms.persistence.PersistenceWriter;
import org.qsebms.bms.record.CycleJson;
import org.qsebms.bms.record.CycleRecord;
import org.qsebms.bms.record.CycleRow;
import org.qsebms.bms.record.CycleRules;
import org.qsebms.bms.record.HealthCheckpoint;
import org.qsebms.bms.record.LatestCheckpoint;
import org.qsebms.bms.snapshot.SoftShortAvailability;
import org.qsebms.bms.telemetry.DiskSpool;
import org.qsebms.bms.telemetry.LocalSink;
import org.qsebms.bms.telemetry.LoopTiming;
import org.qsebms.bms.telemetry.MqttTopics;
import org.qsebms.bms.telemetry.PackHealth;
import org.qsebms.bms.telemetry.PublisherWiring;
import org.qsebms.bms.telemetry.TelemetryPublisher;
import org.qsebms.config.BmsConfig;
import org.qsebms.hal.PackHardware;
import org.tinylog.Logger;

/**
 * A running BMS: control loop, telemetry publisher and hardware, started together and stopped
 * in the safe order (contactors open on the loop thread, loop stopped, telemetry flushed and
 * disconnected, hardware released).
 */
public final class BmsRuntime implements AutoCloseable {
    /** How long a start waits for the first broker connect, with the loop already running (ms). */
    private static final long START_CONNECT_WAIT_MILLIS = 3_000;

    private final ControllerAssembly.Wiring wiring;
    private final ControlLoop loop;
    private final TelemetryPublisher publisher;
    private final PackHardware hw;
    private final PersistenceWriter persistence;
    private boolean closed;
    private String packId = "";
    private CycleRecord record;

    private BmsRuntime(
            ControllerAssembly.Wiring wiring,
            ControlLoop loop,
            TelemetryPublisher publisher,
            PackHardware hw,
            PersistenceWriter persistence) {
        this.persistence = persistence;
        this.wiring = wiring;
        this.loop = loop;
        this.publisher = publisher;
        this.hw = hw;
    }

    /**
     * Starts a BMS. The broker connection is attempted once before the loop starts so an
     * unreachable broker is reported at once; the loop starts regardless (protection never
     * waits on the network) and telemetry reconnects in the background.
     *
     * @param links     the plant, and where the current limits and diagnostic pulses go
     * @param autoClose request the contactors to close once the pack is in STANDBY
     */
    public static BmsRuntime start(
            BmsConfig cfg, PackHardware hw, PackLinks links, String mqttUrl, LocalSink localSink, boolean autoClose) {
        return start(cfg, hw, links, mqttUrl, localSink, autoClose, defaultRecordDirectory(cfg));
    }

    /** The per-cycle record's default directory: {@code <persistence.directory>/record}. */
    public static Path defaultRecordDirectory(BmsConfig cfg) {
        return Path.of(cfg.persistence().directory(), "record");
    }

    /** As above, writing the per-cycle record to {@code recordDir} (docs/record.md). */
    public static BmsRuntime start(
            BmsConfig cfg,
            PackHardware hw,
            PackLinks links,
            String mqttUrl,
            LocalSink localSink,
            boolean autoClose,
            Path recordDir) {
        ControllerAssembly.Channels channels = ControllerAssembly.Channels.forPack(cfg, hw);
        // closed cycles and checkpoints go to telemetry, whose publisher needs the loop, which needs the controller,
        // which needs the record: the relay is connected to the publisher before the loop starts
        // the health message carries the latest diagnostic checkpoint, from the record at start and then as written
        LatestCheckpoint checkpoint =
                LatestCheckpoint.fromRecord(recordDir, hw.cellVoltages().cellCount(), Logger::warn);
        RecordRelay relay = new RecordRelay(checkpoint);
        // a plant that draws diagnostic pulses itself gives them; else they are asked of an external load over MQTT
        MqttPulseRequest mqttPulses = new MqttPulseRequest(cfg.pack().id());
        PackLinks pulseLinks = links.pulses().isPresent()
                ? links
                : new PackLinks(links.plant(), links.limitOutput(), Optional.of(mqttPulses));
        // the state directory first: an unusable one stops the start before anything else is opened
        StatePersistence.requireWritableDirectory(Path.of(cfg.persistence().directory()));
        CycleRecord record = openRecord(cfg, recordDir, hw, relay);
        ControllerAssembly.Wiring w;
        PersistenceWriter persistence;
        try {
            w = ControllerAssembly.build(
                    cfg, hw, pulseLinks, channels, Optional.ofNullable(record), System::currentTimeMillis);
            persistence = StatePersistence.restoreAndStart(cfg, w.controller(), System.nanoTime(), links.plant());
        } catch (RuntimeException e) {
            if (record != null) {
                record.close(); // its writer thread would otherwise outlive the failed start
            }
            throw e;
        }
        SoftShortAvailability softShort =
                SoftShortAvailability.forSeriesCells(hw.cellVoltages().cellCount());
        if (!softShort.on()) {
            Logger.warn(softShort.reason());
        }
        ControlLoop loop = new ControlLoop(
                w.controller(), cfg.loop().period().toNanos(), cfg.loop().overrunsToFault(), System::nanoTime);
        TelemetryPublisher publisher = createPublisher(
                cfg, mqttUrl, channels, hw, localSink, new LoopTiming(loop::overruns, loop::maxTickNanos), checkpoint);
        relay.connect(publisher);
        mqttPulses.connect(publisher);
        if (autoClose) {
            w.requests().requestClose();
        }
        // the loop first: protection never waits on the network (a broker that takes the connection and never
        // answers held the start for the connect timeout); the telemetry thread connects on its own and logs a
        // failure, and the start waits a moment for it only so a caller finds the session subscribed
        loop.start();
        publisher.start();
        try {
            publisher.awaitConnected(START_CONNECT_WAIT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        BmsRuntime rt = new BmsRuntime(w, loop, publisher, hw, persistence);
        rt.record = record;
        rt.packId = cfg.pack().id();
        return rt;
    }

    /** Hands the record's closed cycles and diagnostic checkpoints to telemetry, once the publisher exists. */
    private static final class RecordRelay implements Consumer<CycleRow[]> {
        private final LatestCheckpoint checkpoint;
        private volatile TelemetryPublisher publisher;

        RecordRelay(LatestCheckpoint checkpoint) {
            this.checkpoint = checkpoint;
        }

        void connect(TelemetryPublisher p) {
            publisher = p;
        }

        @Override
        public void accept(CycleRow[] rows) {
            TelemetryPublisher p = publisher;
            if (p == null) {
                return; // not possible: rows come from ticks, which start after connect
            }
            if (rows[0].kind() == CycleRow.Kind.CHECKPOINT) {
                checkpoint.offer(rows);
                p.offer(CycleJson.CHECKPOINT_LEAF, CycleJson.of(rows), true);
            } else {
                p.offer(CycleJson.LEAF, CycleJson.of(rows));
            }
        }
    }

    /** The record, or null (with an error in the log) when its directory cannot be used: the BMS runs on without it. */
    private static CycleRecord openRecord(BmsConfig cfg, Path dir, PackHardware hw, Consumer<CycleRow[]> rows) {
        try {
            return CycleRecord.open(
                    dir,
                    hw.cellVoltages().cellCount(),
                    CycleRules.forCapacity(
                            cfg.pack().capacityAh(),
                            cfg.health().usableCapacity().cutoffVolts()),
                    null,
                    rows);
        } catch (java.io.IOException | RuntimeException e) {
            Logger.error(
                    "cannot open the cycle record in {}: {}; the BMS runs without it "
                            + "(pass a writable --record DIR)",
                    dir.toAbsolutePath(),
                    e.getMessage());
            return null;
        }
    }

    /** The per-cycle record of this run, or null when it could not be opened. */
    public CycleRecord record() {
        return record;
    }

    /** The telemetry publisher for a pack: spool under the persistence directory unless mqtt.spoolDirectory is set. */
    static TelemetryPublisher createPublisher(
            BmsConfig cfg,
            String mqttUrl,
            ControllerAssembly.Channels channels,
            PackHardware hw,
            LocalSink localSink,
            LoopTiming loopTiming,
            Supplier<HealthCheckpoint> checkpoint) {
        MqttTopics topics = new MqttTopics(cfg.mqtt().topicRoot(), cfg.pack().id());
        Path spoolDir = cfg.mqtt().spoolDirectory().isEmpty()
                ? Path.of(
                        cfg.persistence().directory(), "mqtt-spool", cfg.pack().id())
                : Path.of(cfg.mqtt().spoolDirectory());
        DiskSpool spool = new DiskSpool(spoolDir, cfg.mqtt().spoolMaxMessages());
        var limits = cfg.limits();
        TelemetryPublisher.Commands commands = new TelemetryPublisher.Commands(
                new CommandParser(
                        limits.chargeOverCurrent().rsl(),
                        limits.dischargeOverCurrent().rsl()),
                new CommandHandler(channels.requests(), channels.operator()));
        PackHealth health = PackHealth.nominal(cfg.pack().capacityAh());
        return new TelemetryPublisher(PublisherWiring.builder()
                .url(mqttUrl)
                .mqtt(cfg.mqtt())
                .topics(topics)
                .ring(channels.ring())
                .events(channels.events())
                .cells(hw.cellVoltages().cellCount())
                .temperatureChannels(hw.temperatures().channelCount())
                .localSink(localSink)
                .spool(spool)
                .commands(commands)
                .health(() -> health)
                .checkpoint(checkpoint)
                .version(version())
                .env(System.getenv())
                .epochMillis(System::currentTimeMillis)
                .nanoClock(System::nanoTime)
                .loopTiming(loopTiming)
                .build());
    }

    /** The version Maven wrote into the jar ({@code qse-bms-version.properties}), or "unknown". */
    public static String version() {
        java.util.Properties p = new java.util.Properties();
        try (var in = BmsRuntime.class.getResourceAsStream("/qse-bms-version.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (java.io.IOException e) {
            // unknown version
        }
        return p.getProperty("version", "unknown");
    }

    public ControllerAssembly.Wiring wiring() {
        return wiring;
    }

    /** The pack id used in this runtime's topics. */
    public String publisherPackId() {
        return packId;
    }

    public ControlLoop loop() {
        return loop;
    }

    public TelemetryPublisher publisher() {
        return publisher;
    }

    /** Stops cleanly: contactors opened on the loop thread, loop stopped, telemetry flushed, broker session closed. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            loop.stop(
                    () -> {
                        wiring.requests().requestShutdown(); // one last tick: the supervisor enters SHUTDOWN and opens
                        try {
                            wiring.controller().tick(System.nanoTime());
                        } finally {
                            wiring.controller().supervisor().openAll();
                            hw.balancing().allOff();
                        }
                        wiring.controller()
                                .offerSampleNow(System.nanoTime()); // the final retained state: contactors open
                    },
                    5,
                    TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            Logger.error("control loop did not stop cleanly: {}", e.getMessage());
            wiring.controller().supervisor().openAll();
        }
        if (record != null) {
            // the cycle in progress is recorded as ended by the operator; its MQTT message goes out below
            record.close();
        }
        persistence.close(); // stops the writer after writing what is pending
        if (wiring.controller().offerPersistenceAtStop()) { // the loop has stopped: save the final state
            persistence.flush();
        }
        publisher.close();
        try {
            hw.close();
        } catch (Exception e) {
            Logger.warn("releasing hardware: {}", e.getMessage());
        }
        Logger.info(
                "BMS stopped: contactors open, {} ticks, {} overruns",
                wiring.controller().ticks(),
                loop.overruns());
    }
}
