package org.qsebms.bms.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qsebms.bms.testing.RealData;
import picocli.CommandLine;

/** bms replay and bms characterize take cycler exports as the cyclers write them. */
class CyclerFormatCommandsTest {
    private static final Path CYCLER = Path.of("src/test/resources/cycler");

    private record Run(int exit, String out, String err) {}

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = BmsCommand.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int exit = cl.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void replayReadsARealMaccorExportAndSaysHowItReadIt(@TempDir Path tmp) {
        Run r = run(
                "replay",
                CYCLER.resolve("maccor-PredictionDiagnostics_000151_test.052").toString(),
                "--chemistry",
                "psoa-ncm811",
                "--celsius",
                "25",
                "--capacity-ah",
                "4.84",
                "--out",
                tmp.toString());

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out())
                .contains("read maccor-PredictionDiagnostics_000151_test.052 as Maccor text export: 333 rows")
                .contains("current sign from the State column")
                .contains("temperature 25.0 °C from --celsius");
        assertThat(tmp.resolve("replay.csv")).isRegularFile();
    }

    @Test
    void withoutCelsiusTheCommandSaysWhatToGive() {
        Run r = run(
                "replay", CYCLER.resolve("neware_uio-first-2600-rows.csv").toString(), "--chemistry", "psoa-ncm811");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("has no temperature column; give the cell's temperature with --celsius");
    }

    @Test
    void anUnknownFormatNameListsTheKnownOnes() {
        Run r = run(
                "replay",
                CYCLER.resolve("neware_uio-first-2600-rows.csv").toString(),
                "--chemistry",
                "psoa-ncm811",
                "--format",
                "gamry");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--format: 'gamry' is not a known format; give one of auto, qse, biologic");
    }

    @Test
    void characterizeDescribesEachCyclerFileItReads(@TempDir Path tmp) {
        Run r = run(
                "characterize",
                "--ocv-test",
                CYCLER.resolve("arbin-FastCharge_000025_CH8.csv").toString(),
                "--pulse-test",
                CYCLER.resolve("arbin-2017-05-09_test-TC-contact_CH33.csv").toString(),
                "--capacity-ah",
                "1.1",
                "--out",
                tmp.resolve("x.yaml").toString());
        // these Arbin files are a rest and a contact test, not an OCV and a pulse test: the fit refuses them,
        // after reading both
        assertThat(r.out())
                .contains("read arbin-FastCharge_000025_CH8.csv as Arbin CSV export: 248 rows")
                .contains("read arbin-2017-05-09_test-TC-contact_CH33.csv as Arbin CSV export: 287 rows");
    }

    /**
     * The same real drive cycle written as a Neware export (mA, cumulative H:MM:SS, no temperature
     * column) and as a Maccor export (magnitudes with C/D states, "Nd HH:MM:SS" times, tabs) gives
     * the same SOC and R0 trace as the qse CSV.
     */
    @Test
    void aRealDriveCycleGivesTheSameReplayInEveryFormat(@TempDir Path tmp) throws IOException {
        Path data = RealData.find().orElse(null);
        org.junit.jupiter.api.Assumptions.assumeTrue(data != null, RealData::missing);
        Path qse = data.resolve("panasonic_18650pf_nca/pan18650pf_25C_US06.csv");
        List<double[]> rows = new ArrayList<>();
        for (String line :
                Files.readAllLines(qse).subList(1, Files.readAllLines(qse).size())) {
            String[] c = line.split(",");
            rows.add(new double[] {Double.parseDouble(c[0]), Double.parseDouble(c[1]), Double.parseDouble(c[2])});
        }
        StringBuilder neware = new StringBuilder(
                "DataPoint,Cycle Index,Step Index,Step Type,Time,Cumulative Time," + "Current(mA),Voltage(V)\n");
        StringBuilder maccor =
                new StringBuilder("Today's Date 12/02/2026\nRec#\tCyc#\tStep\tTestTime\tStepTime\tAmp-hr\t"
                        + "Watt-hr\tAmps\tVolts\tState\n");
        for (int i = 0; i < rows.size(); i++) {
            double[] r = rows.get(i);
            long s = Math.round(r[0]);
            String hms = String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60);
            neware.append(
                    String.format(Locale.ROOT, "%d,1,1,CC DChg,%s,%s,%.4f,%.4f%n", i + 1, hms, hms, r[1] * 1000, r[2]));
            maccor.append(String.format(
                    Locale.ROOT,
                    "%d\t1\t1\t  %dd %02d:%02d:%02d.0000\t0\t0\t0\t%.7f\t%.4f\t%s%n",
                    i + 1,
                    s / 86400,
                    s / 3600 % 24,
                    s / 60 % 60,
                    s % 60,
                    Math.abs(r[1]),
                    r[2],
                    r[1] > 0 ? "C" : r[1] < 0 ? "D" : "R"));
        }
        Path nw = Files.writeString(tmp.resolve("us06-neware.csv"), neware);
        Path mc = Files.writeString(tmp.resolve("us06-maccor.txt"), maccor);

        List<String> reference = replayTrace(qse, tmp.resolve("qse"));
        assertThat(reference).hasSize(rows.size());
        assertThat(replayTrace(nw, tmp.resolve("neware"))).containsExactlyElementsOf(reference);
        assertThat(replayTrace(mc, tmp.resolve("maccor"))).containsExactlyElementsOf(reference);
    }

    /** time, SOC estimate and R0 of each row of replay.csv, rounded to what the comparison needs. */
    private static List<String> replayTrace(Path log, Path out) throws IOException {
        Run r = run(
                "replay",
                log.toString(),
                "--chemistry",
                "psoa-ncm811",
                "--capacity-ah",
                "2.9",
                "--celsius",
                "25",
                "--initial-soc",
                "1.0",
                "--out",
                out.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        List<String> lines = Files.readAllLines(out.resolve("replay.csv"));
        List<String> trace = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] c = line.split(",");
            trace.add(String.format(
                    Locale.ROOT,
                    "%.0f %.4f %.5f",
                    Double.parseDouble(c[0]),
                    Double.parseDouble(c[1]),
                    Double.parseDouble(c[3])));
        }
        return trace;
    }
}
