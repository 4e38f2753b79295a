package org.qsebms.bms.telemetry;

import java.util.Map;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.qsebms.bms.record.HealthCheckpoint;
import org.qsebms.bms.snapshot.EventQueue;
import org.qsebms.bms.snapshot.SampleRing;
import org.qsebms.config.MqttConfig;

/** Everything the publisher is connected to. */
public record PublisherWiring(
        String url,
        MqttConfig mqtt,
        MqttTopics topics,
        SampleRing ring,
        EventQueue events,
        int cells,
        int temperatureChannels,
        LocalSink localSink,
        DiskSpool spool,
        TelemetryPublisher.Commands commands,
        Supplier<PackHealth> health,
        Supplier<HealthCheckpoint> checkpoint,
        String version,
        Map<String, String> env,
        LongSupplier epochMillis,
        LongSupplier nanoClock,
        LoopTiming loopTiming) {
    /** The wiring with every part named; a part not set is null (a null {@link TelemetryPublisher.Commands} disables the command subscription). */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link PublisherWiring} by name; each setter is the component of the same name. */
    public static final class Builder {
        private String url;
        private MqttConfig mqtt;
        private MqttTopics topics;
        private SampleRing ring;
        private EventQueue events;
        private int cells;
        private int temperatureChannels;
        private LocalSink localSink;
        private DiskSpool spool;
        private TelemetryPublisher.Commands commands;
        private Supplier<PackHealth> health;
        private Supplier<HealthCheckpoint> checkpoint;
        private String version;
        private Map<String, String> env;
        private LongSupplier epochMillis;
        private LongSupplier nanoClock;
        private LoopTiming loopTiming;

        private Builder() {}

        public Builder url(String url) {
            this.url = url;
            return this;
        }

        public Builder mqtt(MqttConfig mqtt) {
            this.mqtt = mqtt;
            return this;
        }

        public Builder topics(MqttTopics topics) {
            this.topics = topics;
            return this;
        }

        public Builder ring(SampleRing ring) {
            this.ring = ring;
            return this;
        }

        public Builder events(EventQueue events) {
            this.events = events;
            return this;
        }

        public Builder cells(int cells) {
            this.cells = cells;
            return this;
        }

        public Builder temperatureChannels(int temperatureChannels) {
            this.temperatureChannels = temperatureChannels;
            return this;
        }

        public Builder localSink(LocalSink localSink) {
            this.localSink = localSink;
            return this;
        }

        public Builder spool(DiskSpool spool) {
            this.spool = spool;
            return this;
        }

        public Builder commands(TelemetryPublisher.Commands commands) {
            this.commands = commands;
            return this;
        }

        public Builder health(Supplier<PackHealth> health) {
            this.health = health;
            return this;
        }

        public Builder checkpoint(Supplier<HealthCheckpoint> checkpoint) {
            this.checkpoint = checkpoint;
            return this;
        }

        public Builder version(String version) {
            this.version = version;
            return this;
        }

        public Builder env(Map<String, String> env) {
            this.env = env;
            return this;
        }

        public Builder epochMillis(LongSupplier epochMillis) {
            this.epochMillis = epochMillis;
            return this;
        }

        public Builder nanoClock(LongSupplier nanoClock) {
            this.nanoClock = nanoClock;
            return this;
        }

        public Builder loopTiming(LoopTiming loopTiming) {
            this.loopTiming = loopTiming;
            return this;
        }

        public PublisherWiring build() {
            return new PublisherWiring(
                    url,
                    mqtt,
                    topics,
                    ring,
                    events,
                    cells,
                    temperatureChannels,
                    localSink,
                    spool,
                    commands,
                    health,
                    checkpoint,
                    version,
                    env,
                    epochMillis,
                    nanoClock,
                    loopTiming);
        }
    }
}
