package org.qsebms.bms.offline.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.qsebms.bms.offline.scenario.Scenario;
import org.qsebms.bms.offline.scenario.ScenarioLoader;
import org.qsebms.bms.offline.scenario.ScenarioRunner;
import org.qsebms.config.ConfigException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bms simulate --scenario FILE.yaml}: runs the controller on the simulated pack faster
 * than real time from a scenario file and prints the JSON-lines event log (docs/scenarios.md).
 */
@Command(
        name = "simulate",
        mixinStandardHelpOptions = true,
        description = {
            "Runs the whole controller on the simulated pack, faster than real time, from a scenario file,",
            "and prints a JSON-lines event log: state changes, faults with codes, contactor actions, limits."
        })
public final class SimulateCommand implements Callable<Integer> {
    @Option(
            names = "--scenario",
            required = true,
            paramLabel = "FILE",
            description = "Scenario YAML file (see docs/scenarios.md).")
    Path scenario;

    @Option(
            names = "--out",
            paramLabel = "FILE",
            description = "Write the event log to FILE instead of standard output.")
    Path out;

    @Option(
            names = "--record",
            paramLabel = "DIR",
            description = {
                "Write the per-cycle record (cycles.csv) to DIR and a "
                        + "'cycle' line per closed cycle with the simulated truth (docs/record.md)."
            })
    Path record;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        Scenario sc;
        try {
            sc = new ScenarioLoader().load(scenario);
        } catch (ConfigException e) {
            spec.commandLine().getErr().println("scenario error in " + scenario + ": " + e.getMessage());
            return 2;
        }
        ScenarioRunner.Result r;
        if (out != null) {
            try (BufferedWriter w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
                r = new ScenarioRunner()
                        .run(
                                sc,
                                line -> {
                                    try {
                                        w.write(line);
                                        w.newLine();
                                    } catch (IOException e) {
                                        throw new java.io.UncheckedIOException(e);
                                    }
                                },
                                record);
            }
        } else {
            PrintWriter w = spec.commandLine().getOut();
            r = new ScenarioRunner().run(sc, w::println, record);
            w.flush();
        }
        spec.commandLine()
                .getErr()
                .printf("simulated %.1f s in %d ms; final state %s%n", r.simulatedS(), r.wallMillis(), r.finalState());
        spec.commandLine().getErr().flush();
        return 0;
    }
}
