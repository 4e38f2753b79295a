package org.qsebms.bms.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.qsebms.bms.broker.EmbeddedBroker;
import org.qsebms.bms.runtime.FleetSoak;
import org.qsebms.config.ConfigException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bms fleet-soak}: many simulated packs against one broker, reporting throughput, latency
 * percentiles and lost QoS 1 messages. Not registered in {@link BmsCommand} by this change; run it
 * with {@code java -cp qse-bms.jar org.qsebms.bms.cli.FleetSoakCommand --mqtt-url tcp://127.0.0.1:1883}.
 */
@Command(name = "fleet-soak", mixinStandardHelpOptions = true,
        description = "Runs N simulated packs at the loop rate against one MQTT broker and reports messages/s, "
                + "sample-to-subscriber latency percentiles and lost QoS 1 state messages.")
public final class FleetSoakCommand implements Callable<Integer> {
    @Option(names = "--mqtt-url", paramLabel = "URL", description = "Broker URL; an embedded Moquette broker when absent.")
    String mqttUrl;

    @Option(names = "--packs", defaultValue = "50", description = "Number of simulated packs (default ${DEFAULT-VALUE}).")
    int packs;

    @Option(names = "--duration", defaultValue = "PT5M", description = "How long to run, ISO-8601 (default ${DEFAULT-VALUE}).")
    Duration duration;

    @Option(names = "--period", defaultValue = "PT0.1S", description = "Loop and state period (default ${DEFAULT-VALUE} = 10 Hz).")
    Duration period;

    @Option(names = "--subscribers", defaultValue = "1",
            description = "Subscribers; more than one uses the shared subscription $share/qse-bms-soak/qse-bms/+/state.")
    int subscribers;

    @Option(names = "--state-dir", paramLabel = "DIR", description = "Directory for the packs' spools (default: a temporary directory).")
    Path stateDir;

    @Override
    public Integer call() throws Exception {
        if (packs < 1 || packs > 1000) {
            throw new ConfigException("--packs", packs + " is outside 1..1000");
        }
        if (subscribers < 1 || subscribers > 16) {
            throw new ConfigException("--subscribers", subscribers + " is outside 1..16");
        }
        Path dir = stateDir != null ? stateDir : Files.createTempDirectory("qse-bms-soak");
        EmbeddedBroker broker = null;
        String url = mqttUrl;
        if (url == null) {
            broker = EmbeddedBroker.start("127.0.0.1", EmbeddedBroker.freePort());
            url = broker.url();
        }
        try {
            FleetSoak.Report r = FleetSoak.run(new FleetSoak.Settings(url, packs, duration, period, subscribers, dir));
            System.out.println(r.text());
            return r.statesLost() == 0 ? 0 : 1;
        } finally {
            if (broker != null) {
                broker.close();
            }
        }
    }

    public static void main(String[] args) {
        picocli.CommandLine cl = new picocli.CommandLine(new FleetSoakCommand());
        cl.setExecutionExceptionHandler(BmsCommand.commandLine().getExecutionExceptionHandler());
        System.exit(cl.execute(args));
    }
}
