package org.qsebms.bms.telemetry;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.qsebms.bms.command.Command;
import org.qsebms.bms.command.CommandHandler;
import org.qsebms.bms.command.CommandParser;
import org.qsebms.bms.command.CommandRateLimiter;
import org.qsebms.bms.command.CommandResult;
import org.qsebms.bms.control.ControllerEvent;
import org.qsebms.bms.control.EventQueue;
import org.qsebms.bms.supervisor.SupervisorState;
import org.qsebms.config.MqttConfig;
import org.tinylog.Logger;

/**
 * The telemetry thread. It owns the one Paho client for the process lifetime (never re-created),
 * connects and reconnects with exponential backoff, drains controller events first (priority
 * lane: alarms, events, command results) and samples second, and publishes them with QoS 1
 * (cells: QoS 0). While the broker is unreachable, or while older messages are still spooled,
 * QoS 1 messages go to the {@link DiskSpool} and are delivered in order when the broker returns,
 * also after a restart. Commands arrive on Paho's callback thread, are only queued there (bounded),
 * and are parsed, rate-limited and applied here. The control loop only offers to bounded queues;
 * nothing here can block it.
 */
public final class TelemetryPublisher implements AutoCloseable {
    private static final int INBOUND_CAPACITY = 1024;
    private static final long HEALTH_EVERY_NANOS = 10_000_000_000L;
    private static final long RESET_ANSWER_TIMEOUT_NANOS = 3_000_000_000L;

    /** Collaborators that answer commands; null in {@link Wiring} disables the command subscription. */
    public record Commands(CommandParser parser, CommandHandler handler) {
    }

    /** Everything the publisher is connected to. */
    public record Wiring(String url, MqttConfig mqtt, MqttTopics topics, SampleRing ring, EventQueue events, int cells,
                         int temperatureChannels, Consumer<PackSample> localSink, DiskSpool spool, Commands commands,
                         Supplier<PackHealth> health, String version, Map<String, String> env, LongSupplier epochMillis,
                         LongSupplier nanoClock) {
    }

    private record Inbound(String topic, byte[] payload) {
    }

    private record PendingReset(String id, long deadlineNanos) {
    }

    private enum Stream { STATE, CELLS, HEALTH, ALARMS, EVENTS, RESULTS }

    private final Wiring w;
    private final MqttClient client;
    private final MqttConnectOptions options;
    private final MqttTopics topics;
    private final TelemetryJson json;
    private final DiskSpool spool;
    private final StateFilter filter;
    private final HomeAssistantDiscovery discovery;
    private final CommandRateLimiter rate;
    private final PackSample sample;
    private final PackSample last;
    private final long[] seq = new long[Stream.values().length];
    private final ArrayBlockingQueue<Inbound> inbound = new ArrayBlockingQueue<>(INBOUND_CAPACITY);
    /** Messages other threads hand in for topics of their own (the per-cycle record's {@code cycle}). */
    private final ArrayBlockingQueue<OutboundMessage> handedIn = new ArrayBlockingQueue<>(256);
    private final ArrayDeque<PendingReset> pendingResets = new ArrayDeque<>();
    private final SplittableRandom jitter;
    private final long boot;
    private final AtomicLong published = new AtomicLong();
    private final AtomicLong droppedQos0 = new AtomicLong();
    private final AtomicLong inboundOverflow = new AtomicLong();
    private final AtomicLong commandsAccepted = new AtomicLong();
    private final AtomicLong commandsRejected = new AtomicLong();
    private final AtomicLong reconnects = new AtomicLong();
    private final AtomicLong[] lastSeq = new AtomicLong[Stream.values().length];
    private volatile boolean running;
    private volatile int spooled;
    private volatile long spoolDropped;
    private volatile long spoolDroppedStates;
    private volatile Thread thread;
    private boolean haveLast;
    private long nextHealthNanos = Long.MIN_VALUE;
    private long nextConnectAttemptNanos = Long.MIN_VALUE;
    private long backoffNanos = 250_000_000L;
    private boolean reportedUnreachable;
    private boolean everConnected;

    public TelemetryPublisher(Wiring wiring) {
        this.w = wiring;
        this.topics = wiring.topics();
        this.boot = wiring.epochMillis().getAsLong();
        this.json = new TelemetryJson(topics.packId(), boot);
        this.spool = wiring.spool();
        this.filter = new StateFilter(wiring.mqtt().deadband(), wiring.mqtt().stateHeartbeat().toNanos(), wiring.cells(),
                wiring.temperatureChannels());
        this.discovery = wiring.mqtt().discoveryPrefix().isEmpty() ? null
                : new HomeAssistantDiscovery(wiring.mqtt().discoveryPrefix(), topics, wiring.version());
        double perSecond = wiring.mqtt().commandsPerSecond();
        this.rate = new CommandRateLimiter(perSecond, Math.max(1, 2 * perSecond), wiring.nanoClock());
        this.sample = new PackSample(wiring.cells(), wiring.temperatureChannels());
        this.last = new PackSample(wiring.cells(), wiring.temperatureChannels());
        this.jitter = new SplittableRandom(topics.packId().hashCode());
        for (int i = 0; i < lastSeq.length; i++) {
            lastSeq[i] = new AtomicLong();
        }
        this.spooled = spool.size();
        try {
            this.client = new MqttClient(wiring.url(), "qse-bms-" + topics.packId(), new MemoryPersistence());
        } catch (MqttException e) {
            throw new IllegalArgumentException("invalid MQTT broker URL '" + wiring.url() + "': " + e.getMessage()
                    + "; write tcp://HOST:PORT or ssl://HOST:PORT", e);
        }
        client.setTimeToWait(10_000);
        options = new MqttConnectOptions();
        options.setCleanSession(true); // commands are not queued for us while we are away: a stale command is unsafe
        options.setAutomaticReconnect(false); // this thread reconnects, with backoff, and then resubscribes
        options.setConnectionTimeout(5);
        options.setKeepAliveInterval(10);
        options.setMaxInflight(64);
        options.setWill(topics.status(), "offline".getBytes(StandardCharsets.UTF_8), 1, true);
        MqttSecurity.apply(wiring.mqtt(), wiring.url(), options, wiring.env());
        client.setCallback(new MqttCallback() {
            @Override
            public void connectionLost(Throwable cause) {
                Logger.warn("MQTT connection to {} lost ({}); spooling to {} and reconnecting with backoff", wiring.url(),
                        cause == null ? "no cause" : cause.getMessage(), spool.directory());
            }

            @Override
            public void messageArrived(String topic, MqttMessage message) {
                if (!inbound.offer(new Inbound(topic, message.getPayload()))) {
                    inboundOverflow.incrementAndGet();
                }
                Thread t = thread;
                if (t != null) {
                    LockSupport.unpark(t);
                }
            }

            @Override
            public void deliveryComplete(IMqttDeliveryToken token) {
                // synchronous publishes: completion is observed by the publishing call
            }
        });
    }

    /**
     * Tries to connect once now; returns the failure text (for the caller to report), or null when connected.
     * Telemetry thread, or before {@link #start()}.
     */
    public String connectOnce() {
        try {
            client.connect(options);
        } catch (MqttException e) {
            reportedUnreachable = true; // the caller reports this first failure; later ones stay quiet until connected
            return describe(e);
        }
        try {
            if (w.commands() != null) {
                client.subscribe(topics.commandFilter(), 1);
            }
            send(new OutboundMessage(topics.status(), "online".getBytes(StandardCharsets.UTF_8), 1, true,
                    OutboundMessage.Lane.PRIORITY));
            if (discovery != null) {
                for (OutboundMessage m : discovery.messages(w.cells())) {
                    send(m);
                }
            }
        } catch (MqttException e) {
            return describe(e);
        }
        if (everConnected) {
            reconnects.incrementAndGet();
        }
        everConnected = true;
        reportedUnreachable = false;
        backoffNanos = 250_000_000L;
        Logger.info("MQTT connected to {} as pack {}{}", w.url(), topics.packId(),
                spool.isEmpty() ? "" : "; sending " + spool.size() + " spooled messages first");
        return null;
    }

    private String describe(MqttException e) {
        Throwable cause = e.getCause();
        String why = cause != null && cause.getMessage() != null ? cause.getMessage() : e.getMessage();
        return "MQTT broker " + w.url() + " cannot be reached (" + why + ")";
    }

    public void start() {
        running = true;
        Thread t = new Thread(this::run, "bms-telemetry-" + topics.packId());
        t.setDaemon(true);
        thread = t;
        w.ring().wakeOnOffer(t);
        w.events().wakeOnOffer(t);
        t.start();
    }

    private void run() {
        long lastErrorLog = 0;
        while (running) {
            try {
                step(20);
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException ex) {
                long now = w.nanoClock().getAsLong();
                if (now - lastErrorLog > 10_000_000_000L) { // an edge every 10 s at most, never per message
                    Logger.error(ex, "telemetry error (the control loop is unaffected)");
                    lastErrorLog = now;
                }
                pause();
            }
        }
    }

    private static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * One pass: reconnect if due, events, samples, commands, spool; parks up to {@code waitMillis} when idle.
     * The loop's queues and Paho's callback unpark this thread when they hand it something.
     */
    void step(long waitMillis) throws InterruptedException {
        ensureConnected();
        boolean idle = true;
        ControllerEvent e;
        while ((e = w.events().poll()) != null) {
            handle(e);
            idle = false;
        }
        while (w.ring().poll(sample)) {
            handleSample(sample);
            idle = false;
        }
        OutboundMessage h;
        while ((h = handedIn.poll()) != null) {
            route(h);
            idle = false;
        }
        if (!inbound.isEmpty()) {
            processCommands();
            idle = false;
        } else if (!pendingResets.isEmpty()) {
            processCommands();
        }
        if (client.isConnected() && !spool.isEmpty()) {
            drainSpool();
            idle = false;
        }
        if (idle) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(waitMillis));
            if (Thread.interrupted()) {
                throw new InterruptedException("telemetry thread stopped");
            }
        }
        spooled = spool.size();
        spoolDropped = spool.droppedPeriodic();
        spoolDroppedStates = spool.droppedPeriodic(topics.state());
    }

    private void ensureConnected() {
        if (client.isConnected()) {
            return;
        }
        long now = w.nanoClock().getAsLong();
        if (nextConnectAttemptNanos != Long.MIN_VALUE && now < nextConnectAttemptNanos) {
            return;
        }
        boolean firstFailure = !reportedUnreachable;
        String failure = connectOnce();
        if (failure != null) {
            if (firstFailure) {
                Logger.error("{}; retrying with backoff; the pack stays protected and telemetry is spooled to {}",
                        failure, spool.directory());
                reportedUnreachable = true;
            }
            long delay = (long) (backoffNanos * (0.8 + 0.4 * jitter.nextDouble()));
            nextConnectAttemptNanos = now + delay;
            backoffNanos = Math.min(10_000_000_000L, backoffNanos * 2);
        }
    }

    private long next(Stream s) {
        long v = ++seq[s.ordinal()];
        lastSeq[s.ordinal()].set(v);
        return v;
    }

    private void handle(ControllerEvent e) {
        long now = w.epochMillis().getAsLong();
        switch (e) {
            case ControllerEvent.FaultEdge fe -> {
                var f = fe.fault();
                if (f.raised()) {
                    Logger.warn("fault raised {} [{}]: {}", f.id(), f.code().number(), f.reason());
                } else {
                    Logger.info("fault cleared {} [{}]: {}", f.id(), f.code().number(), f.reason());
                }
                route(priority(topics.alarms(), json.alarm(f, next(Stream.ALARMS), now)));
            }
            case ControllerEvent.StateChange sc -> {
                Logger.info("state {} -> {}: {}", sc.from(), sc.to(), sc.reason());
                route(priority(topics.events(), json.event(e, next(Stream.EVENTS), now)));
            }
            case ControllerEvent.UsableCapacityChange u -> {
                if (u.measured() != null) {
                    Logger.info("usable capacity measured: {} Ah at {} C, {} °C (discharge from full to the cutoff)",
                            String.format(java.util.Locale.ROOT, "%.4f", u.measured().ampHours()),
                            String.format(java.util.Locale.ROOT, "%.2f", u.measured().meanDischargeC()),
                            String.format(java.util.Locale.ROOT, "%.1f", u.measured().meanCelsius()));
                } else {
                    Logger.info("usable capacity: {}", u.voidedReason());
                }
                route(priority(topics.events(), json.event(e, next(Stream.EVENTS), now)));
            }
            case ControllerEvent.ResetOutcome r -> {
                Logger.info("{}", r.reason());
                route(priority(topics.events(), json.event(e, next(Stream.EVENTS), now)));
                while (!pendingResets.isEmpty()) {
                    PendingReset p = pendingResets.pollFirst();
                    result(new CommandResult("reset", p.id(), r.accepted(), r.reason(), Double.NaN));
                }
            }
        }
    }

    private static OutboundMessage priority(String topic, String payload) {
        return new OutboundMessage(topic, payload.getBytes(StandardCharsets.UTF_8), 1, false, OutboundMessage.Lane.PRIORITY);
    }

    private void handleSample(PackSample s) {
        w.localSink().accept(s);
        last.copyFrom(s);
        haveLast = true;
        if (filter.shouldPublish(s)) {
            publishSample(s);
        }
        if (nextHealthNanos == Long.MIN_VALUE || s.nanos >= nextHealthNanos) {
            nextHealthNanos = s.nanos + HEALTH_EVERY_NANOS;
            publishHealth(s);
        }
    }

    private void publishSample(PackSample s) {
        long dropped = spool.droppedPeriodic(topics.state()) + w.ring().dropped();
        route(new OutboundMessage(topics.state(), json.state(s, next(Stream.STATE), dropped).getBytes(StandardCharsets.UTF_8),
                1, true, OutboundMessage.Lane.PERIODIC));
        route(new OutboundMessage(topics.cells(), json.cells(s, next(Stream.CELLS)).getBytes(StandardCharsets.UTF_8),
                0, false, OutboundMessage.Lane.PERIODIC));
    }

    private void publishHealth(PackSample s) {
        PackHealth h = PackHealth.of(s, w.health().get());
        route(new OutboundMessage(topics.health(), json.health(h, next(Stream.HEALTH), s.epochMillis)
                .getBytes(StandardCharsets.UTF_8), 1, true, OutboundMessage.Lane.PERIODIC));
    }

    /** Sends at once when connected and nothing older is spooled; otherwise spools (QoS 1) or drops (QoS 0). */
    private void route(OutboundMessage m) {
        if (spool.isEmpty() && client.isConnected()) {
            try {
                send(m);
                return;
            } catch (MqttException e) {
                // fall through: keep it for later
            }
        }
        if (m.qos() == 0) {
            droppedQos0.incrementAndGet();
            return;
        }
        spool.append(m);
    }

    private void send(OutboundMessage m) throws MqttException {
        client.publish(m.topic(), m.payload(), m.qos(), m.retained());
        published.incrementAndGet();
    }

    private void drainSpool() {
        long deadline = w.nanoClock().getAsLong() + 200_000_000L;
        while (client.isConnected() && !spool.isEmpty() && w.nanoClock().getAsLong() < deadline) {
            OutboundMessage m = spool.peek();
            if (m == null) {
                return;
            }
            try {
                send(m);
            } catch (MqttException e) {
                return; // kept; resent after reconnect (at least once: the broker may have it already)
            }
            spool.removeFirst();
        }
    }

    private void processCommands() {
        long now = w.nanoClock().getAsLong();
        while (!pendingResets.isEmpty() && now > pendingResets.peekFirst().deadlineNanos()) {
            PendingReset p = pendingResets.pollFirst();
            result(CommandResult.rejected("reset", p.id(), "no answer from the control loop within 3 s; "
                    + "check state.mode and retry"));
        }
        if (w.commands() == null) {
            return;
        }
        String prefix = topics.base() + "/cmd/";
        for (int n = 0; n < INBOUND_CAPACITY; n++) {
            Inbound in = inbound.poll();
            if (in == null) {
                return;
            }
            String level = in.topic().startsWith(prefix) ? in.topic().substring(prefix.length()) : in.topic();
            if (!rate.tryAcquire()) {
                result(CommandResult.rejected(CommandParser.safeName(level), null, "rate limit: more than "
                        + w.mqtt().commandsPerSecond() + " commands/s (mqtt.commandsPerSecond); command ignored, slow down"));
                continue;
            }
            CommandParser.Parsed parsed = w.commands().parser().parse(level, in.payload());
            switch (parsed) {
                case CommandParser.Invalid bad -> result(CommandResult.rejected(bad.name(), bad.id(), bad.reason()));
                case CommandParser.Valid ok -> execute(ok.command(), ok.id());
            }
        }
    }

    private void execute(Command c, String id) {
        if (c instanceof Command.Reset) {
            if (!haveLast || last.state != SupervisorState.FAULT) {
                result(CommandResult.rejected("reset", id, "nothing to reset: the pack is in "
                        + (haveLast ? last.state : SupervisorState.INIT) + ", not FAULT"));
                return;
            }
            if (pendingResets.size() >= 16) {
                result(CommandResult.rejected("reset", id, "16 resets already await the control loop's answer; retry later"));
                return;
            }
            pendingResets.addLast(new PendingReset(id, w.nanoClock().getAsLong() + RESET_ANSWER_TIMEOUT_NANOS));
        }
        CommandResult r = w.commands().handler().apply(c, id);
        if (c instanceof Command.Snapshot && haveLast) {
            publishSample(last);
            publishHealth(last);
        }
        if (r != null) {
            result(r);
        }
    }

    private void result(CommandResult r) {
        if (r.accepted()) {
            commandsAccepted.incrementAndGet();
        } else {
            commandsRejected.incrementAndGet();
        }
        route(priority(topics.commandResult(r.name()), json.commandResult(r, next(Stream.RESULTS), w.epochMillis().getAsLong())));
    }

    /** Messages handed to the broker and acknowledged (QoS 1) or written (QoS 0). */
    /**
     * Hands in a JSON payload for {@code <root>/<packId>/<leaf>} (QoS 1, not retained, priority lane,
     * spooled while disconnected), from any thread except the control loop; returns at once, false
     * when 256 are already waiting.
     */
    public boolean offer(String leaf, String json) {
        return offer(leaf, json, false);
    }

    /** As {@link #offer(String, String)}, retained when {@code retained} (the latest value of a topic). */
    public boolean offer(String leaf, String json, boolean retained) {
        boolean taken = handedIn.offer(new OutboundMessage(topics.base() + "/" + leaf,
                json.getBytes(StandardCharsets.UTF_8), 1, retained, OutboundMessage.Lane.PRIORITY));
        Thread t = thread;
        if (taken && t != null) {
            LockSupport.unpark(t);
        }
        return taken;
    }

    public long published() {
        return published.get();
    }

    /** QoS 0 messages (cells) not sent because the broker was unreachable. */
    public long droppedWhileDisconnected() {
        return droppedQos0.get();
    }

    /** Messages waiting in the spool (updated by the telemetry thread). */
    public int spooled() {
        return spooled;
    }

    /** Periodic messages the spool dropped to stay within its bound. */
    public long spoolDropped() {
        return spoolDropped;
    }

    /** State messages the spool dropped to stay within its bound. */
    public long spoolDroppedStates() {
        return spoolDroppedStates;
    }

    /** Identifies this run in every payload ({@code boot}). */
    public long boot() {
        return boot;
    }

    /** The last sequence number given to a state message. */
    public long lastStateSeq() {
        return lastSeq[Stream.STATE.ordinal()].get();
    }

    public long lastAlarmSeq() {
        return lastSeq[Stream.ALARMS.ordinal()].get();
    }

    public long commandsAccepted() {
        return commandsAccepted.get();
    }

    public long commandsRejected() {
        return commandsRejected.get();
    }

    /** Commands lost because the inbound queue was full (they got no result). */
    public long inboundOverflow() {
        return inboundOverflow.get();
    }

    public long reconnects() {
        return reconnects.get();
    }

    public boolean connected() {
        return client.isConnected();
    }

    /**
     * Stops the thread, hands what is queued to the broker (or to the spool when it is away),
     * publishes "offline" and disconnects. The spool keeps whatever is undelivered for the next run.
     */
    @Override
    public void close() {
        running = false;
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            ControllerEvent e;
            while ((e = w.events().poll()) != null) {
                handle(e);
            }
            while (w.ring().poll(sample)) {
                handleSample(sample);
            }
            OutboundMessage h;
            while ((h = handedIn.poll()) != null) {
                route(h);
            }
            drainSpool();
        } catch (RuntimeException ex) {
            Logger.warn("MQTT flush at shutdown: {}", ex.getMessage());
        }
        try {
            if (client.isConnected()) {
                client.publish(topics.status(), "offline".getBytes(StandardCharsets.UTF_8), 1, true);
                client.disconnect(2000);
            }
        } catch (MqttException ex) {
            Logger.warn("MQTT disconnect: {}", ex.getMessage());
        }
        try {
            client.close(true);
        } catch (MqttException ex) {
            Logger.warn("MQTT close: {}", ex.getMessage());
        }
        if (!spool.isEmpty()) {
            Logger.info("MQTT: {} undelivered messages stay in {} for the next run", spool.size(), spool.directory());
        }
    }
}
