package org.qsebms.bms.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code bms hal}: hardware bring-up tools. */
@Command(
        name = "hal",
        mixinStandardHelpOptions = true,
        description = "Hardware bring-up: probe the configured buses and channels.",
        subcommands = {HalProbeCommand.class})
final class HalCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(
                spec.commandLine(), "missing subcommand: try 'bms hal probe --config FILE'");
    }
}
