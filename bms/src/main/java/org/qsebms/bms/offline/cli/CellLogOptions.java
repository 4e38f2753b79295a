package org.qsebms.bms.offline.cli;

import java.nio.file.Path;
import org.qsebms.bms.offline.replay.CyclerFormat;
import org.qsebms.bms.offline.replay.CyclerLog;
import org.qsebms.bms.offline.replay.CyclerLogReader;
import picocli.CommandLine.Option;

/** How {@code replay} and {@code characterize} read their cell logs: the cycler format and a fixed temperature. */
final class CellLogOptions {
    @Option(
            names = "--format",
            paramLabel = "FORMAT",
            defaultValue = "auto",
            description =
                    "format of the cell logs: auto (detected by content, the default), qse, biologic (EC-Lab .mpt), "
                            + "arbin, neware or maccor (docs/cycler-formats.md)")
    String format;

    @Option(
            names = "--celsius",
            paramLabel = "C",
            description = "cell temperature for every row, for logs without a temperature column (most cycler exports) "
                    + "or instead of the file's")
    Double celsius;

    CyclerLog read(Path file) {
        return CyclerLogReader.read(file, CyclerFormat.fromOption(format), celsius == null ? Double.NaN : celsius);
    }
}
