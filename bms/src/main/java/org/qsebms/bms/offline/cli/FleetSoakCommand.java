package org.qsebms.bms.offline.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.qsebms.bms.broker.EmbeddedBroker;
import org.qsebms.bms.offline.soak.FleetSoak;
import org.qsebms.config.ConfigException;
import org.qsebms.config.DurationText;
import org.tinylog.configuration.Configuration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bms fleet-soak}: many simulated packs against one broker, reporting throughput, latency
 * percentiles and lost QoS 1 messages. Durations are written as for {@code run} ({@code 20s},
 * {@code 5min}, ISO-8601). The packs start from fresh state directories (a temporary one, deleted
 * at the end, unless {@code --state-dir}); their per-pack start-up lines are kept out of the log,
 * which shows only warnings and errors of real trouble.
 */
@Command(
        name = "fleet-soak",
        mixinStandardHelpOptions = true,
        description = "Runs N simulated packs at the loop rate against one MQTT broker and reports messages/s, "
                + "sample-to-subscriber latency percentiles and lost QoS 1 state messages.")
public final class FleetSoakCommand implements Callable<Integer> {
    @Option(
            names = "--mqtt-url",
            paramLabel = "URL",
            description = "Broker URL; an embedded Moquette broker when absent.")
    String mqttUrl;

    @Option(
            names = "--packs",
            defaultValue = "20",
            description = "Number of simulated packs, 1..1000 (default ${DEFAULT-VALUE}).")
    int packs;

    @Option(
            names = "--duration",
            paramLabel = "DURATION",
            defaultValue = "30s",
            description = "How long to measure, e.g. 20s, 5min, PT5M (default ${DEFAULT-VALUE}).")
    String duration;

    @Option(
            names = "--period",
            paramLabel = "DURATION",
            defaultValue = "100ms",
            description = "Loop and state period, e.g. 100ms (default ${DEFAULT-VALUE} = 10 Hz).")
    String period;

    @Option(
            names = "--subscribers",
            defaultValue = "1",
            description =
                    "Subscribers; more than one uses the shared subscription $share/qse-bms-soak/qse-bms/+/state.")
    int subscribers;

    @Option(
            names = "--state-dir",
            paramLabel = "DIR",
            description = "Directory for the packs' spools (default: a temporary directory).")
    Path stateDir;

    @Override
    public Integer call() throws Exception {
        if (packs < 1 || packs > 1000) {
            throw new ConfigException("--packs", packs + " is outside 1..1000");
        }
        if (subscribers < 1 || subscribers > 16) {
            throw new ConfigException("--subscribers", subscribers + " is outside 1..16");
        }
        Duration runFor = DurationText.parse("--duration", duration);
        Duration loopPeriod = DurationText.parse("--period", period);
        if (runFor.isNegative() || runFor.isZero()) {
            throw new ConfigException("--duration", "'" + duration + "' must be longer than zero");
        }
        if (loopPeriod.toMillis() < 10 || loopPeriod.toMillis() > 10_000) {
            throw new ConfigException("--period", "'" + period + "' is outside 10ms..10s");
        }
        quietPerPackLog();
        Path dir = stateDir != null ? stateDir : Files.createTempDirectory("qse-bms-soak");
        System.out.println("fleet soak: " + packs + " simulated packs for " + duration + " from fresh state in " + dir
                + (stateDir == null ? " (deleted at the end)" : ""));
        EmbeddedBroker broker = null;
        String url = mqttUrl;
        try {
            if (url == null) {
                broker = EmbeddedBroker.start("127.0.0.1", EmbeddedBroker.freePort());
                url = broker.url();
            }
            FleetSoak.Report r =
                    FleetSoak.run(new FleetSoak.Settings(url, packs, runFor, loopPeriod, subscribers, dir));
            System.out.println(r.text());
            return r.states().lost() == 0 ? 0 : 1;
        } finally {
            if (broker != null) {
                broker.close();
            }
            if (stateDir == null) {
                deleteTree(dir);
            }
        }
    }

    /**
     * Every pack starts from a fresh state directory, so each would log "no persisted state" and
     * its start-up transitions: keep the log to warnings (errors for persistence) when this command
     * is the first to log in the JVM, as it is from the command line.
     */
    private static void quietPerPackLog() {
        try {
            Configuration.set("level@org.qsebms", "warn");
            Configuration.set("level@org.qsebms.bms.persistence", "error");
            Configuration.set("level@org.qsebms.bms.runtime.StatePersistence", "error");
        } catch (UnsupportedOperationException alreadyLogging) {
            // the logging is already configured (e.g. inside a test JVM): it stays as it is
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
