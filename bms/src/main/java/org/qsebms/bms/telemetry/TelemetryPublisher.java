package org.qsebms.bms.telemetry;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.qsebms.bms.command.CommandHandler;
import org.qsebms.bms.command.CommandParser;
import org.qsebms.bms.command.CommandResult;
import org.qsebms.bms.snapshot.ControllerEvent;
import org.qsebms.bms.snapshot.PackSample;
import org.qsebms.bms.snapshot.SoftShortAvailability;
import org.tinylog.Logger;

/**
 * The telemetry thread: it drains controller events first (priority lane: alarms, events, command
 * results) and samples second, filters samples (deadband, cadence), answers commands and hands every
 * message to the router. Its parts: {@link ControllerEventLog} (events to the log),
 * {@link BrokerSession} (the supervised broker connection, exact command subscriptions),
 * {@link CommandInbox} (byte-bounded queue filled by the client's receive thread),
 * {@link CommandDispatcher} (rate limit, retain/size checks,
 * parsing, execution, reset correlation), {@link TelemetryRouter} (send now or spool) and
 * {@link TelemetryPayloads} (JSON, per-topic sequences). The control loop only offers to bounded
 * queues; nothing here can block it, and no control decision is made here.
 */
public final class TelemetryPublisher implements AutoCloseable {
    private static final int INBOUND_MAX_COMMANDS = 1024;
    /** The inbound queue's byte budget: 128 commands of the largest allowed size. */
    static final long INBOUND_MAX_BYTES = 128L * (CommandParser.MAX_PAYLOAD_BYTES + CommandInbox.ENTRY_OVERHEAD_BYTES);

    private static final long HEALTH_EVERY_NANOS = 10_000_000_000L;

    /** Collaborators that answer commands; null in {@link PublisherWiring} disables the command subscription. */
    public record Commands(CommandParser parser, CommandHandler handler) {}

    private final PublisherWiring w;
    /** Whether the soft-short detector judges this pack, said in every health message. */
    private final SoftShortAvailability softShort;

    private final MqttTopics topics;
    private final BrokerSession session;
    private final CommandInbox inbox;
    private final CommandDispatcher commands;
    private final TelemetryRouter router;
    private final TelemetryPayloads payloads;
    private final DiskSpool spool;
    private final StateFilter filter;
    private final HomeAssistantDiscovery discovery;
    private final ControllerEventLog eventLog = new ControllerEventLog();
    private final PackSample sample;
    private final PackSample last;
    /** Messages other threads hand in for topics of their own (the per-cycle record's {@code cycle}). */
    private final ArrayBlockingQueue<OutboundMessage> handedIn = new ArrayBlockingQueue<>(256);

    private final long boot;
    private final AtomicLong commandsAccepted = new AtomicLong();
    private final AtomicLong commandsRejected = new AtomicLong();
    private volatile boolean running;
    private volatile int spooled;
    private volatile long spoolDropped;
    private volatile long spoolDroppedStates;
    private volatile Thread thread;
    private boolean haveLast;
    private boolean lastPublished;
    private long nextHealthNanos = Long.MIN_VALUE;

    public TelemetryPublisher(PublisherWiring wiring) {
        this.w = wiring;
        this.softShort = SoftShortAvailability.forSeriesCells(wiring.cells());
        this.topics = wiring.topics();
        this.boot = wiring.epochMillis().getAsLong();
        this.payloads = new TelemetryPayloads(topics, boot, wiring.loopTiming());
        this.spool = wiring.spool();
        this.filter = new StateFilter(
                wiring.mqtt().deadband(),
                wiring.mqtt().stateHeartbeat().toNanos(),
                wiring.cells(),
                wiring.temperatureChannels());
        this.discovery = wiring.mqtt().discoveryPrefix().isEmpty()
                ? null
                : new HomeAssistantDiscovery(wiring.mqtt().discoveryPrefix(), topics, wiring.version());
        this.sample = new PackSample(wiring.cells(), wiring.temperatureChannels());
        this.last = new PackSample(wiring.cells(), wiring.temperatureChannels());
        this.spooled = spool.size();
        this.inbox = new CommandInbox(CommandParser.MAX_PAYLOAD_BYTES, INBOUND_MAX_BYTES, INBOUND_MAX_COMMANDS, () -> {
            Thread t = thread;
            if (t != null) {
                LockSupport.unpark(t);
            }
        });
        this.commands = wiring.commands() == null
                ? null
                : new CommandDispatcher(
                        topics,
                        wiring.commands().parser(),
                        wiring.commands().handler(),
                        wiring.mqtt().commandsPerSecond(),
                        wiring.nanoClock(),
                        this::result,
                        this::snapshot);
        List<String> subscriptions = new ArrayList<>();
        if (commands != null) {
            for (String name : CommandParser.NAMES.stream().sorted().toList()) {
                subscriptions.add(topics.command(name)); // exact names: no other topic can ever reach the client
            }
        }
        this.session = new BrokerSession(
                wiring.url(),
                "qse-bms-" + topics.packId(),
                BrokerSession.options(wiring.mqtt(), wiring.url(), topics.status(), wiring.env()),
                topics.status(),
                subscriptions,
                inbox::offer,
                this::onConnectMessages,
                wiring.nanoClock());
        this.router = new TelemetryRouter(session, spool, wiring.nanoClock());
    }

    private List<OutboundMessage> onConnectMessages() {
        List<OutboundMessage> out = new ArrayList<>();
        out.add(new OutboundMessage(
                topics.status(), "online".getBytes(StandardCharsets.UTF_8), 1, true, OutboundMessage.Lane.PRIORITY));
        if (discovery != null) {
            out.addAll(discovery.messages(w.cells()));
        }
        return out;
    }

    /**
     * Tries to connect once now; returns the failure text (for the caller to report), or null when connected.
     * Telemetry thread, or before {@link #start()}.
     */
    public String connectOnce() {
        String failure = session.connect();
        if (failure == null) {
            Logger.info(
                    "MQTT connected to {} as pack {}{}",
                    w.url(),
                    topics.packId(),
                    spool.isEmpty() ? "" : "; sending " + spool.size() + " spooled messages first");
        }
        return failure;
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
     * One pass: session upkeep (reconnect, supervision), events, samples, commands, spool; parks up to
     * {@code waitMillis} when idle. The loop's queues and the command inbox unpark this thread when they hand it
     * something.
     */
    void step(long waitMillis) throws InterruptedException {
        boolean up = session.maintain();
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
            router.route(h);
            idle = false;
        }
        if (commands != null) {
            if (!inbox.isEmpty()) {
                commands.process(inbox, INBOUND_MAX_COMMANDS);
                idle = false;
            }
            commands.expireResets();
            commands.expireCloses();
        }
        if (up && router.drainSpool(200_000_000L)) {
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

    private void handle(ControllerEvent e) {
        eventLog.log(e);
        long now = w.epochMillis().getAsLong();
        w.localSink().event(e);
        switch (e) {
            case ControllerEvent.FaultEdge fe -> router.route(payloads.alarm(fe.fault(), now));
            case ControllerEvent.ResetOutcome r -> {
                router.route(payloads.event(e, now));
                if (commands != null && !r.service()) { // a service reset's command was answered when it came
                    commands.resetOutcome(r.accepted(), r.reason(), r.answersUpTo());
                }
            }
            case ControllerEvent.CloseOutcome c -> { // the command's reply only: a refusal is also a CloseRefused
                if (commands != null) {
                    commands.closeOutcome(c.accepted(), c.reason(), c.answersUpTo());
                }
            }
            default -> router.route(payloads.event(e, now));
        }
    }

    private void handleSample(PackSample s) {
        w.localSink().sample(s);
        last.copyFrom(s);
        haveLast = true;
        lastPublished = false;
        if (filter.shouldPublish(s)) {
            publishSample(s);
            lastPublished = true;
        }
        if (nextHealthNanos == Long.MIN_VALUE || s.nanos >= nextHealthNanos) {
            nextHealthNanos = s.nanos + HEALTH_EVERY_NANOS;
            publishHealth(s);
        }
    }

    private void publishSample(PackSample s) {
        long dropped = spool.droppedPeriodic(topics.state()) + w.ring().dropped();
        router.route(payloads.state(s, dropped));
        router.route(payloads.cells(s));
    }

    private void publishHealth(PackSample s) {
        router.route(payloads.health(
                PackHealth.of(s, w.health().get())
                        .withCheckpoint(w.checkpoint().get())
                        .withSoftShort(softShort),
                s.epochMillis));
    }

    private void snapshot() {
        if (haveLast) {
            publishSample(last);
            publishHealth(last);
        }
    }

    private void result(CommandResult r) {
        if (r.accepted()) {
            commandsAccepted.incrementAndGet();
        } else {
            commandsRejected.incrementAndGet();
        }
        router.route(payloads.result(r, w.epochMillis().getAsLong()));
    }

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
        boolean taken = handedIn.offer(new OutboundMessage(
                topics.base() + "/" + leaf,
                json.getBytes(StandardCharsets.UTF_8),
                1,
                retained,
                OutboundMessage.Lane.PRIORITY));
        Thread t = thread;
        if (taken && t != null) {
            LockSupport.unpark(t);
        }
        return taken;
    }

    private static OutboundMessage priority(String topic, String payload) {
        return new OutboundMessage(
                topic, payload.getBytes(StandardCharsets.UTF_8), 1, false, OutboundMessage.Lane.PRIORITY);
    }

    /** Messages handed to the broker and acknowledged (QoS 1) or written (QoS 0). */
    public long published() {
        return router.published();
    }

    /** QoS 0 messages (cells) not sent because the broker was unreachable. */
    long droppedWhileDisconnected() {
        return router.droppedQos0();
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
        return payloads.lastSeq(topics.state());
    }

    public long lastAlarmSeq() {
        return payloads.lastSeq(topics.alarms());
    }

    public long commandsAccepted() {
        return commandsAccepted.get();
    }

    public long commandsRejected() {
        return commandsRejected.get();
    }

    /** Commands lost because the inbound queue was full (they got no result). */
    public long inboundOverflow() {
        return inbox.overflow();
    }

    /** Commands larger than a command may be, dropped unread as they arrived (each answered with a rejection). */
    long inboundOversize() {
        return inbox.oversize();
    }

    public long reconnects() {
        return session.reconnects();
    }

    /** Broker sessions ended because they stalled (a QoS 1 publish got no PUBACK in time) and were rebuilt. */
    public long sessionRebuilds() {
        return session.rebuilds();
    }

    /** Times another client took our session over (counted once three came within 60 s; logged as an error). */
    public long sessionTakeovers() {
        return session.takeovers();
    }

    public boolean connected() {
        return session.connected();
    }

    /**
     * Waits up to {@code millis} for the telemetry thread's first connect (after {@link #start()}), so a caller that
     * goes on to use the broker finds the session subscribed; true when connected. The control loop does not wait
     * on it: start the loop first.
     */
    public boolean awaitConnected(long millis) throws InterruptedException {
        long until = System.nanoTime() + millis * 1_000_000L;
        while (!session.connected() && System.nanoTime() < until) {
            Thread.sleep(10);
        }
        return session.connected();
    }

    /**
     * Stops the thread, hands what is queued to the broker (or to the spool when it is away), publishes
     * the final state (retained: the last sample the loop offered, which at a clean stop shows the
     * contactors open and the final mode) and then "offline", and disconnects. The spool keeps whatever
     * is undelivered for the next run.
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
                router.route(h);
            }
            if (haveLast && !lastPublished) {
                publishSample(last); // the final state is retained whatever the deadband says
            }
            router.drainSpool(2_000_000_000L);
        } catch (RuntimeException ex) {
            Logger.warn("MQTT flush at shutdown: {}", ex.getMessage());
        }
        session.close();
        if (!spool.isEmpty()) {
            Logger.info("MQTT: {} undelivered messages stay in {} for the next run", spool.size(), spool.directory());
        }
    }
}
