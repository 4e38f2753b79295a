package org.qsebms.bms.offline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.IntPredicate;
import java.util.function.IntToDoubleFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qsebms.config.PresetCatalog;
import org.qsebms.estimators.model.EcmParameters;
import org.qsebms.estimators.model.EquivalentCircuitCell;

/**
 * Logs with rows missing in time, and logs shorter than the convergence window (an independent check
 * of issue 20, 2026-12-03, {@code check20b}). A gap under a changing current leaves the charge counted
 * over it unknown: cut 600 s out of the A123 25 °C dynamic log and it replayed silently with RMSE 16.0 %
 * and 88.6 % coverage; now both commands refuse it, naming the row, the times, the currents and the fix.
 * Gaps at rest and at a held current count right and pass. A log shorter than the 600 s window used to
 * print "no soc_ref column" although it had one.
 */
class LogGapsAndShortLogsTest {
    @TempDir
    Path tmp;

    /**
     * The shipped NCM811 cell from 90 % SOC at 25 °C, 1 s rows: 60 s discharge pulses at 1 C with 60 s
     * rests, for {@code seconds}, with its true SOC as soc_ref; rows where {@code cut} holds are left out.
     */
    private Path log(String name, int seconds, IntPredicate cut) throws IOException {
        return log(name, seconds, cut, k -> (k / 60) % 2 == 0 ? 0.0 : -1.0);
    }

    /** As above, the current {@code cRate.applyAsDouble(second)} C. */
    private Path log(String name, int seconds, IntPredicate cut, IntToDoubleFunction cRate) throws IOException {
        EcmParameters p = new PresetCatalog().load("psoa-ncm811").cell();
        EquivalentCircuitCell cell = new EquivalentCircuitCell(p, 0.9, 25);
        StringBuilder b = new StringBuilder("time_s,current_a,voltage_v,temperature_c,soc_ref\n");
        for (int k = 0; k < seconds; k++) {
            double amps = cRate.applyAsDouble(k) * p.capacityAh();
            cell.step(amps, 1.0);
            if (!cut.test(k)) {
                b.append(String.format(
                        Locale.ROOT, "%d,%.4f,%.5f,25.00,%.6f%n", k, amps, cell.terminalVolts(), cell.soc()));
            }
        }
        Path f = tmp.resolve(name);
        Files.writeString(f, b);
        return f;
    }

    private SharedDataValidationTest.Result replay(Path log, String... more) {
        String[] args = new String[5 + more.length];
        args[0] = log.toString();
        args[1] = "--chemistry";
        args[2] = "psoa-ncm811";
        args[3] = "--initial-soc";
        args[4] = "0.9";
        System.arraycopy(more, 0, args, 5, more.length);
        return SharedDataValidationTest.run(new ReplayCommand(), args);
    }

    @Test
    void aGapUnderAChangingCurrentIsRefusedByBothCommands() throws IOException {
        // rows 600..1199 missing: the row before the gap is in a 1 C pulse, the row after it at rest
        Path gap = log("gap.csv", 3600, k -> k >= 600 && k < 1200);
        SharedDataValidationTest.Result r = replay(gap);
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err())
                .contains(
                        "gap.csv: time_s jumps 601 s at data row 601 (from 599 to 1200 s; the log's median step is 1 s)")
                .contains("the charge moved in that gap is not in the log")
                .contains("split the log at that row");
        SharedDataValidationTest.Result c = SharedDataValidationTest.run(
                new CharacterizeCommand(),
                "--ocv-test",
                gap.toString(),
                "--pulse-test",
                gap.toString(),
                "--capacity-ah",
                "1.845",
                "--out",
                tmp.resolve("cell.yaml").toString());
        assertThat(c.exit()).isEqualTo(2);
        assertThat(c.err()).contains("gap.csv: time_s jumps 601 s at data row 601");
    }

    @Test
    void gapsAtRestAndAtAHeldCurrentAreReplayed() throws IOException {
        // 50 s missing inside a rest (0 A on both sides) and 50 s inside a pulse (1 C on both sides)
        Path gaps = log("held.csv", 3600, k -> (k > 1200 && k <= 1250) || (k > 1260 && k <= 1310));
        SharedDataValidationTest.Result r = replay(gaps);
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("RMSE");
    }

    @Test
    void aLogShorterThanTheConvergenceWindowSaysSoAndHowToScoreIt() throws IOException {
        Path shortLog = log("short.csv", 300, k -> false);
        SharedDataValidationTest.Result r = replay(shortLog);
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out())
                .doesNotContain("no soc_ref column")
                .contains("SOC error not scored: the log lasts 299 s, no longer than the first 600 s")
                .contains("give --convergence-window 0");
        SharedDataValidationTest.Result scored = replay(
                shortLog,
                "--convergence-window",
                "0",
                "--out",
                tmp.resolve("scored").toString());
        assertThat(scored.exit()).as(scored.err()).isZero();
        assertThat(SharedDataValidationTest.json(scored.out()).get("soc_rmse_pct"))
                .isNotNaN();
    }

    /**
     * A constant-current discharge after a short rest (like a NASA aging-test discharge file) given as a
     * pulse test: it used to be refused with "no current pulse after a rest was found" and nothing on what a
     * pulse is; now the message says what the characterizer looks for and what the log holds.
     */
    @Test
    void aPulseTestWithoutAPulseSaysWhatAPulseIs() throws IOException {
        Path discharge = log("discharge.csv", 2400, k -> false, k -> k < 20 ? 0.0 : -1.0);
        SharedDataValidationTest.Result c = SharedDataValidationTest.run(
                new CharacterizeCommand(),
                "--ocv-test",
                discharge.toString(),
                "--pulse-test",
                discharge.toString(),
                "--capacity-ah",
                "1.845",
                "--out",
                tmp.resolve("cell.yaml").toString());
        assertThat(c.exit()).isNotZero();
        assertThat(c.err())
                .contains("discharge.csv: no current pulse after a rest was found: a pulse is a rest of at least 60 s")
                .contains("this log's longest rest before such a current is 19 s, its largest current 1.8")
                .contains("give a pulse or HPPC test");
    }
}
