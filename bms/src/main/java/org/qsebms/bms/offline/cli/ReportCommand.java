package org.qsebms.bms.offline.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code bms report}: reports drawn from what the BMS recorded. */
@Command(
        name = "report",
        mixinStandardHelpOptions = true,
        description = "Reports from the BMS's own records.",
        subcommands = {CycleReportCommand.class})
public final class ReportCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing report: try 'bms report cycles --help'");
    }
}
