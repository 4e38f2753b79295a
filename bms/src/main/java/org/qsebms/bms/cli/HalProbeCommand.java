package org.qsebms.bms.cli;

import com.pi4j.Pi4J;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.qsebms.config.BmsConfig;
import org.qsebms.config.ConfigException;
import org.qsebms.config.ConfigLoader;
import org.qsebms.hal.bus.BusException;
import org.qsebms.hal.bus.I2cRegisterBus;
import org.qsebms.hal.emulator.EmulatedBoard;
import org.qsebms.hal.emulator.ManualNanoClock;
import org.qsebms.hal.pi4j.Pi4jBoardPorts;
import org.qsebms.hal.wiring.Ads1115Spec;
import org.qsebms.hal.wiring.Board;
import org.qsebms.hal.wiring.BoardPorts;
import org.qsebms.hal.wiring.BoardProbe;
import org.qsebms.hal.wiring.PackHardwareFactory;
import org.qsebms.hal.wiring.ProbeReport;
import org.qsebms.hal.wiring.WiringConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bms hal probe --config FILE}: bring-up check of a wired Pi. Scans each configured I2C
 * bus for ADS1115 addresses 0x48..0x4B, reports which configured chips answer, and prints one
 * calibrated reading per configured channel with its status. Exit code 0 when everything
 * answers and reads OK, 1 when something does not, 2 for a configuration error.
 * {@code --emulated} runs the same code on the register-level emulators with a nominal pack
 * (to rehearse a configuration without hardware).
 */
@Command(
        name = "probe",
        mixinStandardHelpOptions = true,
        description =
                "Scan the configured buses, report which chips answer and print one calibrated reading per channel.")
final class HalProbeCommand implements Callable<Integer> {
    @Option(
            names = "--config",
            required = true,
            paramLabel = "FILE",
            description = "the qse-bms YAML configuration with a hal.pi4j section")
    private Path config;

    @Option(
            names = "--emulated",
            description = "probe register-level emulators with a nominal 3.70 V / 0 A / 25 degC pack instead of the Pi")
    private boolean emulated;

    @Spec
    private CommandSpec spec;

    private final Function<WiringConfig, BoardPorts> portsOverride;
    private final Path devices;

    public HalProbeCommand() {
        this(null);
    }

    /** Test seam: {@code ports} builds the buses and pins for the wiring instead of Pi4J or the default emulation. */
    HalProbeCommand(Function<WiringConfig, BoardPorts> ports) {
        this(ports, Path.of("/dev"));
    }

    /** Test seam: {@code devices} stands for /dev where the hints look for bus and GPIO device nodes. */
    HalProbeCommand(Function<WiringConfig, BoardPorts> ports, Path devices) {
        this.portsOverride = ports;
        this.devices = devices;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        WiringConfig wiring;
        try {
            BmsConfig bms = new ConfigLoader().load(config);
            if (bms.hal().bq76952().isPresent()) {
                return Bq76952ProbeRun.run(bms.hal().bq76952().get(), config, emulated, out, err);
            }
            if (bms.hal().pi4j().isEmpty()) {
                err.println("hal.pi4j: missing in " + config + "; the probe needs the wiring section "
                        + "(see config/examples/pi-4s-ads1115.yaml)");
                return 2;
            }
            wiring = bms.hal().pi4j().get();
        } catch (ConfigException e) {
            err.println(e.getMessage());
            return 2;
        }
        ProbePorts ports;
        try {
            ports = new ProbePorts(
                    portsOverride != null
                            ? portsOverride.apply(wiring)
                            : emulated ? nominalEmulation(wiring) : new Pi4jBoardPorts(Pi4J.newAutoContext()));
        } catch (IllegalStateException e) {
            err.println(e.getMessage());
            return 1;
        }
        out.println("qse-bms hal probe: " + config + (emulated || portsOverride != null ? " (emulated)" : ""));
        scan(wiring, ports, out);
        try (Board board = PackHardwareFactory.build(wiring, ports)) {
            ProbeReport report = BoardProbe.probe(board);
            print(report, ports.openFailures(), new ProbeHints(devices), out);
            if (!report.allOk() || !ports.openFailures().isEmpty()) {
                List<String> problems = problems(report, ports.openFailures());
                err.println("probe found " + problems.size() + " problem(s) (the hints are in the table above):");
                problems.forEach(f -> err.println("  " + f));
                return 1;
            }
            out.println("all chips answer and every channel reads OK");
            return 0;
        } catch (RuntimeException e) {
            err.println("probe failed: " + e.getMessage());
            return 1;
        } catch (Exception e) {
            err.println("probe could not release the hardware: " + e.getMessage());
            return 1;
        }
    }

    private static EmulatedBoard nominalEmulation(WiringConfig wiring) {
        EmulatedBoard board = new EmulatedBoard(wiring, new ManualNanoClock(), 1);
        double[] cells = new double[wiring.cells().size()];
        java.util.Arrays.fill(cells, 3.70);
        double[] celsius = new double[wiring.temperatures().size()];
        java.util.Arrays.fill(celsius, 25.0);
        board.connectPack(cells, () -> 0.0, celsius);
        return board;
    }

    private static void scan(WiringConfig wiring, ProbePorts ports, PrintWriter out) {
        java.util.SortedSet<Integer> buses = new java.util.TreeSet<>();
        wiring.ads1115().forEach(a -> buses.add(a.bus()));
        for (int bus : buses) {
            I2cRegisterBus i2c = ports.i2c(bus);
            StringBuilder line = new StringBuilder("scan " + i2c.name() + " ADS1115 addresses:");
            for (int address = 0x48; address <= 0x4B; address++) {
                boolean answers;
                try {
                    i2c.readRegisterWord(address, 0x01);
                    answers = true;
                } catch (BusException e) {
                    answers = false;
                }
                boolean configured = false;
                for (Ads1115Spec a : wiring.ads1115()) {
                    configured |= a.bus() == bus && a.address() == address;
                }
                line.append(String.format(
                        " 0x%02X=%s",
                        address,
                        answers
                                ? (configured ? "answers" : "answers(not configured)")
                                : (configured ? "MISSING" : "-")));
            }
            out.println(line);
        }
    }

    /** The probe's table for a board probed by another path (the BQ76952's), with hints for chips that do not answer. */
    static void print(ProbeReport report, PrintWriter out) {
        print(report, List.of(), new ProbeHints(Path.of("/dev")), out);
    }

    private static void print(
            ProbeReport report, List<ProbePorts.OpenFailure> openFailures, ProbeHints hints, PrintWriter out) {
        out.println("chips (answered or why not, and a hint):");
        for (ProbeReport.ChipAnswer c : report.chips()) {
            out.println(String.format(
                    Locale.ROOT,
                    "  %-4s %-8s %-8s %-14s %s",
                    c.answered() ? "OK" : "FAIL",
                    c.type(),
                    c.id(),
                    c.location(),
                    c.answered() ? "answers" : c.detail()));
            if (!c.answered()) {
                out.println("       hint: " + hints.forChip(c.location(), c.detail()));
            }
        }
        if (!openFailures.isEmpty()) {
            out.println("buses and pins that could not be opened:");
            for (var byCause : groupedByCause(openFailures).entrySet()) {
                List<ProbePorts.OpenFailure> group = byCause.getValue();
                List<String> what = group.stream()
                        .map(f -> group.size() == 1 ? f.what() + " (" + f.purpose() + ")" : f.what())
                        .toList();
                out.println("  FAIL " + String.join(", ", what) + ": " + byCause.getKey());
                out.println("       hint: "
                        + hints.forChip(byCause.getValue().get(0).what(), byCause.getKey()));
            }
        }
        out.println("channels (cells and temperatures from 1, bottom cell first):");
        List<String> silentChips = silentChips(report);
        for (ProbeReport.Reading r : report.readings()) {
            boolean chipSilent =
                    silentChips.stream().anyMatch(chip -> r.location().startsWith(chip));
            out.println(String.format(
                    Locale.ROOT,
                    "  %-14s %-22s %10.4f %-4s %-13s %s",
                    r.quantity(),
                    r.location(),
                    r.value(),
                    r.unit(),
                    r.status(),
                    chipSilent && !r.status().isOk() ? "its chip does not answer" : r.fault()));
        }
    }

    /** Buses and pins that failed for the same reason, in the order they were opened. */
    private static Map<String, List<ProbePorts.OpenFailure>> groupedByCause(List<ProbePorts.OpenFailure> failures) {
        Map<String, List<ProbePorts.OpenFailure>> byCause = new LinkedHashMap<>();
        failures.forEach(f -> byCause.computeIfAbsent(
                        f.what().replaceAll("\\d+$", "") + f.cause(), k -> new ArrayList<>())
                .add(f));
        Map<String, List<ProbePorts.OpenFailure>> out = new LinkedHashMap<>();
        byCause.values().forEach(group -> out.put(group.get(0).cause(), group));
        return out;
    }

    /**
     * One line per problem: the chips that do not answer, the buses and pins that could not be
     * opened (grouped by reason) and the failing channels of chips that do answer (a silent chip's
     * channels fail with it and are in the table).
     */
    private static List<String> problems(ProbeReport report, List<ProbePorts.OpenFailure> openFailures) {
        List<String> problems = new ArrayList<>();
        List<String> silentChips = silentChips(report);
        for (ProbeReport.ChipAnswer c : report.chips()) {
            if (!c.answered()) {
                problems.add(c.type() + " '" + c.id() + "' on " + c.location() + " does not answer: " + c.detail());
            }
        }
        for (var byCause : groupedByCause(openFailures).entrySet()) {
            problems.add("cannot open "
                    + String.join(
                            ", ",
                            byCause.getValue().stream()
                                    .map(ProbePorts.OpenFailure::what)
                                    .toList()) + ": " + byCause.getKey());
        }
        for (ProbeReport.Reading r : report.readings()) {
            if (!r.status().isOk()
                    && silentChips.stream().noneMatch(chip -> r.location().startsWith(chip))) {
                problems.add(r.quantity() + " on " + r.location() + ": " + r.status() + ": " + r.fault());
            }
        }
        return problems;
    }

    private static List<String> silentChips(ProbeReport report) {
        return report.chips().stream()
                .filter(c -> !c.answered())
                .map(ProbeReport.ChipAnswer::location)
                .toList();
    }
}
