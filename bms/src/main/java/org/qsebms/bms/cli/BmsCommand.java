package org.qsebms.bms.cli;

import java.io.IOException;
import org.qsebms.bms.broker.EmbeddedBroker;
import org.qsebms.bms.offline.cli.CharacterizeCommand;
import org.qsebms.bms.offline.cli.FleetSoakCommand;
import org.qsebms.bms.offline.cli.ModelCommand;
import org.qsebms.bms.offline.cli.ReplayCommand;
import org.qsebms.bms.offline.cli.ReportCommand;
import org.qsebms.bms.offline.cli.SimulateCommand;
import org.qsebms.bms.runtime.BmsRuntime;
import org.qsebms.config.ConfigException;
import org.tinylog.provider.ProviderRegistry;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code bms} command line: the entry point of the jar. */
@Command(
        name = "bms",
        mixinStandardHelpOptions = true,
        versionProvider = BmsCommand.Version.class,
        description =
                "qse-bms: battery-management controller for lithium-metal pouch cells with a quasi-solid-state electrolyte.",
        subcommands = {
            RunCommand.class,
            SimulateCommand.class,
            FleetSoakCommand.class,
            ReplayCommand.class,
            CharacterizeCommand.class,
            HalCommand.class,
            ModelCommand.class,
            ReportCommand.class,
            CommandLine.HelpCommand.class
        })
public final class BmsCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(
                spec.commandLine(), "missing command: try 'bms run --simulated' or 'bms --help'");
    }

    public static void main(String[] args) {
        int code = execute(args);
        flushLog();
        System.exit(code);
    }

    /**
     * Writes out what the log's writing thread still holds and stops it. tinylog.properties turns
     * tinylog's own shutdown hook off, so that a clean stop run from a shutdown hook (StopSignals)
     * can still log; every exit path of a command-line main calls this instead.
     */
    static void flushLog() {
        try {
            ProviderRegistry.getLoggingProvider().shutdown();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Runs the command line and returns the exit code (0 ok, 1 runtime error, 2 usage or configuration error). */
    public static int execute(String... args) {
        CommandLine cl = commandLine();
        return cl.execute(args);
    }

    /** The configured picocli command line, with clear one-line errors instead of stack traces. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new BmsCommand());
        cl.setExecutionExceptionHandler((ex, cmd, parseResult) -> {
            if (ex instanceof ConfigException ce) {
                cmd.getErr().println("configuration error: " + ce.getMessage());
                return 2;
            }
            if (ex instanceof EmbeddedBroker.BrokerStartException be) {
                cmd.getErr().println("error: " + be.getMessage());
                return 1;
            }
            if (ex instanceof IllegalArgumentException
                    || ex instanceof IllegalStateException
                    || ex instanceof IOException) {
                cmd.getErr().println("error: " + ex.getMessage());
                return 1;
            }
            cmd.getErr().println("unexpected error: " + ex);
            return 1;
        });
        return cl;
    }

    /** The version Maven wrote into the jar. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {
                "qse-bms " + BmsRuntime.version(),
                "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"
            };
        }
    }
}
