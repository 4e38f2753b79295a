package org.qsebms.bms.telemetry;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.qsebms.bms.command.CommandResult;
import org.qsebms.bms.protection.FaultEvent;
import org.qsebms.bms.snapshot.ControllerEvent;
import org.qsebms.bms.snapshot.PackSample;

/**
 * Builds the outbound messages (topic, JSON payload, QoS, retain flag, spool lane) and numbers them:
 * one sequence per topic, starting at 1 for each run, so a consumer of any one topic (each command's
 * result topic included) sees 1, 2, 3 ... and can tell a loss from a gap. Telemetry thread only;
 * {@link #lastSeq} may be read from any thread.
 */
final class TelemetryPayloads {
    private final MqttTopics topics;
    private final TelemetryJson json;
    private final LoopTiming loop;
    private final Map<String, AtomicLong> seq = new ConcurrentHashMap<>();

    TelemetryPayloads(MqttTopics topics, long boot, LoopTiming loop) {
        this.topics = topics;
        this.json = new TelemetryJson(topics.packId(), boot);
        this.loop = loop;
    }

    private long next(String topic) {
        return seq.computeIfAbsent(topic, t -> new AtomicLong()).incrementAndGet();
    }

    /** The last sequence number given on {@code topic} (0: none yet). */
    long lastSeq(String topic) {
        AtomicLong s = seq.get(topic);
        return s == null ? 0 : s.get();
    }

    OutboundMessage state(PackSample s, long droppedSamples) {
        String payload = json.state(
                s,
                next(topics.state()),
                droppedSamples,
                loop.overruns().getAsLong(),
                loop.worstTickNanos().getAsLong());
        return new OutboundMessage(topics.state(), utf8(payload), 1, true, OutboundMessage.Lane.PERIODIC);
    }

    OutboundMessage cells(PackSample s) {
        return new OutboundMessage(
                topics.cells(), utf8(json.cells(s, next(topics.cells()))), 0, false, OutboundMessage.Lane.PERIODIC);
    }

    OutboundMessage health(PackHealth h, long epochMillis) {
        return new OutboundMessage(
                topics.health(),
                utf8(json.health(h, next(topics.health()), epochMillis)),
                1,
                true,
                OutboundMessage.Lane.PERIODIC);
    }

    OutboundMessage alarm(FaultEvent f, long epochMillis) {
        return priority(topics.alarms(), json.alarm(f, next(topics.alarms()), epochMillis));
    }

    OutboundMessage event(ControllerEvent e, long epochMillis) {
        return priority(topics.events(), json.event(e, next(topics.events()), epochMillis));
    }

    OutboundMessage result(CommandResult r, long epochMillis) {
        String topic = topics.commandResult(r.name());
        return priority(topic, json.commandResult(r, next(topic), epochMillis));
    }

    private static OutboundMessage priority(String topic, String payload) {
        return new OutboundMessage(topic, utf8(payload), 1, false, OutboundMessage.Lane.PRIORITY);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
