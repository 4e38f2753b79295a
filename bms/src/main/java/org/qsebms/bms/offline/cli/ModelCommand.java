package org.qsebms.bms.offline.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code bms model}: the QSE cell model against the seed paper. Subcommands {@code report},
 * {@code calibrate} and {@code simulate}. Wired into the top-level {@code bms} command by the
 * application; usable alone as {@code new CommandLine(new ModelCommand())}.
 */
@Command(
        name = "model",
        mixinStandardHelpOptions = true,
        description = "The QSE cell model: model-vs-paper report, calibration to a preset, and life simulation.",
        subcommands = {ModelReportCommand.class, ModelCalibrateCommand.class, ModelSimulateCommand.class})
public final class ModelCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
