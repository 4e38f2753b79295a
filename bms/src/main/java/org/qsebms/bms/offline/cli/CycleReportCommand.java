package org.qsebms.bms.offline.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import org.qsebms.bms.record.CellCycleSeries;
import org.qsebms.bms.record.CycleRecordReader;
import org.qsebms.bms.record.CycleRow;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bms report cycles --record DIR --out DIR}: the seed paper's figures for the recorded
 * cells (capacity retention and coulombic efficiency, polarization, R0 and SEI resistance against
 * cycle, per cell and for the pack, beside the paper's PSOA and liquid-electrolyte figures) and a
 * Markdown summary (docs/record.md).
 */
@Command(
        name = "cycles",
        mixinStandardHelpOptions = true,
        description = {
            "Draws the per-cycle record: capacity retention and CE, polarization, R0 and SEI resistance",
            "against cycle, per cell and for the pack, beside the seed paper's PSOA and liquid-electrolyte",
            "figures, and writes summary.md (fade per 100 cycles, mean CE, projected cycles to 80 %%)."
        })
final class CycleReportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(
            names = "--record",
            required = true,
            paramLabel = "DIR",
            description = "The record directory (as given to --record).")
    Path record;

    @Option(
            names = "--out",
            required = true,
            paramLabel = "DIR",
            description = "Directory for the PNGs and summary.md.")
    Path out;

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        List<String> warnings = new ArrayList<>();
        List<CycleRow> rows = CycleRecordReader.read(record, warnings::add);
        for (String w : warnings) {
            err.println("warning: " + w);
        }
        TreeSet<Integer> cells = new TreeSet<>();
        for (CycleRow r : rows) {
            cells.add(r.cell());
        }
        if (cells.isEmpty()) {
            err.println("error: " + record.toAbsolutePath() + " holds no cycles yet; run the BMS (or bms simulate "
                    + "--record) until a cycle closes");
            err.flush();
            return 1;
        }
        Files.createDirectories(out);
        PaperCycleReference paper = PaperCycleReference.bundled();
        List<CellCycleSeries> series = new ArrayList<>();
        for (int c : cells) {
            series.add(CellCycleSeries.ofCell(rows, c));
        }
        CellCycleSeries pack = CellCycleSeries.ofPack(rows);
        List<CellCycleSeries> all = new ArrayList<>(series);
        all.add(pack);
        for (CellCycleSeries s : all) {
            String base = s.name().replace(' ', '-');
            CycleCharts.capacity(s, paper, out.resolve(base + "-capacity.png"));
            CycleCharts.coulombicEfficiency(s, paper, out.resolve(base + "-ce.png"));
            CycleCharts.polarization(s, paper, out.resolve(base + "-polarization.png"));
            CycleCharts.resistance(s, paper, out.resolve(base + "-resistance.png"));
        }
        String md = CycleSummary.markdown(record, rows, series, pack, paper, warnings);
        Files.writeString(out.resolve("summary.md"), md, StandardCharsets.UTF_8);
        PrintWriter o = spec.commandLine().getOut();
        o.printf(
                Locale.ROOT,
                "%d cells, %d PNGs and summary.md in %s%n",
                cells.size(),
                4 * all.size(),
                out.toAbsolutePath());
        o.flush();
        err.flush();
        return 0;
    }
}
