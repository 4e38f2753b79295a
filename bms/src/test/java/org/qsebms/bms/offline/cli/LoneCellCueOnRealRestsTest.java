package org.qsebms.bms.offline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.qsebms.config.ChemistryPreset;
import org.qsebms.config.PresetCatalog;
import org.qsebms.estimators.model.EcmParameters;
import org.qsebms.estimators.softshort.SoftShortDetector;

/**
 * The lone cell's soft-short cue (a pack of one cell, {@code LoneCellRestCue}) on REAL rests of healthy cells
 * (check23w): every logged stretch of the shared data whose current stays inside the detector's rest band for at least
 * an hour, fed through the detector as the controller builds it for one cell (rest band 0.05 A, settle 30 min,
 * threshold 3 mA, 5 sigma, the preset's hysteresis) with the file's own sample interval, its cell temperature and the
 * history before the rest (the preceding script of the same test run) in the stream. Each cell is healthy, so any flag
 * is a false alarm. Presets: the documented recipes (NCA, LFP; they carry a learnt OCV doubt) and a shipped preset of
 * the kind (psoa-ncm811, psoa-lfp), each scaled to the cell's capacity as the controller scales it. A gap in the log
 * (more than 5 min between samples) is one step of the detector: a rest if the tester's Ah counter did not move over it,
 * else the counter's mean current (the HPPC files leave out the discharges between pulse sets).
 *
 * <p>Measured (check23w), no rest flagged with any preset. NCA: 2 rests of an hour or more in the C/20 test (1.0 h after
 * the discharge to 2.5 V; 14.6 h after the charge to 4.2 V, of which only the first hour is logged, then one sample
 * 13.6 h later with the chamber 13.6 K cooler) and 1 in each HPPC test, whose middle is not logged (no fit). The 14.6 h
 * rest reads +3.39 mA at its end through psoa-ncm811 (1.13 of the 3 mA threshold, standard error 0.24 mA, model doubt
 * 1.6 mA: bound plus 5 sigma 2.8 mA, below the reading; not confirmed only through the steepest OCV slope within the
 * location doubt of 4.16 V), 22.6 mA at 60 min (bound 19.2 mA, standard error 1.34 mA) and 29.5 mA at 45 min (a fit of
 * 15 min, before any verdict); -5.9 mA at 60 min and -0.07 mA at the end through the recipe. LFP: 5 rests of 2.0-2.3 h (the OCV scripts' first rests and
 * script 2's), largest +0.32 mA (psoa-lfp, after the top-off). NASA: no rest of an hour (charges and discharges back to
 * back); 241 stretches of 20-48 min inside the rest band (CV tails under 50 mA, then the rest before the next
 * discharge) read up to 179 mA through psoa-ncm811 (the relaxation after a charge to 4.2 V), none long enough for a
 * verdict.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LoneCellCueOnRealRestsTest {
    private static final double REST_AMPS = 0.05;
    private static final double SETTLE_SECONDS = 1800;
    private static final double THRESHOLD_AMPS = 0.003;
    private static final double GAP_SECONDS = 300;
    private static final double MIN_REST_SECONDS = 3600;

    private Path data;
    private Path ncaRecipe;
    private Path lfpRecipe;

    @BeforeAll
    void characteriseWithTheDocumentedRecipe(@TempDir Path dir) {
        data = SharedDataValidationTest.locateSharedData();
        ncaRecipe = DocumentedRecipe.nca(data.resolve("panasonic_18650pf_nca"), dir.resolve("nca.yaml"));
        lfpRecipe = DocumentedRecipe.lfp(data.resolve("a123_lfp_plett"), dir.resolve("lfp.yaml"));
    }

    /** One row of a shared-data CSV. */
    record Row(double t, double amps, double volts, double celsius, double ah) {}

    /** What the cue read over one rest. */
    record Rest(
            String where,
            double startSeconds,
            double seconds,
            double startVolts,
            double endVolts,
            double endLeakAmps,
            double endSeAmps,
            double endDoubtAmps,
            double largestLeakAmps,
            double largestAtSeconds,
            double flaggedAfterSeconds,
            String reason) {
        boolean flagged() {
            return flaggedAfterSeconds >= 0;
        }

        String line() {
            return String.format(
                    Locale.ROOT,
                    "%-44s t0 %7.0f s  %5.2f h  V %.4f -> %.4f  leak at end %+6.2f mA (se %.2f, doubt %.2f; threshold"
                            + " %.1f mA, %+.2f of it)  largest %+6.2f mA at %.0f s  %s",
                    where,
                    startSeconds,
                    seconds / 3600,
                    startVolts,
                    endVolts,
                    1000 * endLeakAmps,
                    1000 * endSeAmps,
                    1000 * endDoubtAmps,
                    1000 * THRESHOLD_AMPS,
                    endLeakAmps / THRESHOLD_AMPS,
                    1000 * largestLeakAmps,
                    largestAtSeconds,
                    flagged()
                            ? String.format(Locale.ROOT, "FLAGGED after %.0f s of rest", flaggedAfterSeconds)
                            : "not flagged");
        }
    }

    private static final Pattern LONE = Pattern.compile(
            "self-discharge (-?[0-9.]+) mA from the cell's own OCV fall.*?standard error ([0-9.]+) mA, model doubt ([0-9.]+) mA");

    /** The detector over a stream of rows, recording each rest of an hour or more. */
    static List<Rest> feed(
            String label, EcmParameters cell, ChemistryPreset preset, List<Row> rows, double minRestSeconds) {
        SoftShortDetector d =
                new SoftShortDetector(cell, preset.hysteresis(), 1, REST_AMPS, SETTLE_SECONDS, THRESHOLD_AMPS, 5);
        double[] v = new double[1];
        double[] c = new double[1];
        double[] soc = {0.5};
        double[] bleed = new double[1];
        List<Rest> rests = new ArrayList<>();
        double restStart = Double.NaN;
        double restSeconds = 0;
        double startVolts = 0;
        double largest = 0;
        double largestAt = 0;
        double endVolts = 0;
        double flaggedAfter = -1;
        Rest reading = null;
        Row prev = rows.getFirst();
        for (int k = 1; k < rows.size(); k++) {
            Row r = rows.get(k);
            double dt = r.t() - prev.t();
            if (dt <= 0) {
                continue;
            }
            double amps = r.amps();
            if (dt > GAP_SECONDS && Math.abs(r.ah() - prev.ah()) > 1e-3) {
                amps = (r.ah() - prev.ah()) * 3600 / dt;
            }
            v[0] = r.volts();
            c[0] = r.celsius();
            d.update(amps, v, c, soc, null, bleed, dt);
            boolean resting = Math.abs(amps) <= REST_AMPS;
            if (resting) {
                if (Double.isNaN(restStart)) {
                    restStart = prev.t();
                    restSeconds = 0;
                    startVolts = prev.volts();
                    largest = 0;
                    largestAt = 0;
                    flaggedAfter = -1;
                }
                restSeconds += dt;
                if (d.selfDischargeAmps(0) > largest) {
                    largest = d.selfDischargeAmps(0);
                    largestAt = restSeconds;
                }
                endVolts = r.volts();
                reading =
                        rest(label, restStart, restSeconds, startVolts, endVolts, largest, largestAt, flaggedAfter, d);
                if (flaggedAfter < 0 && d.isFlagged(0)) {
                    flaggedAfter = restSeconds;
                    reading = rest(
                            label, restStart, restSeconds, startVolts, endVolts, largest, largestAt, flaggedAfter, d);
                }
            }
            boolean last = k == rows.size() - 1;
            if (!Double.isNaN(restStart) && (!resting || last)) {
                if (restSeconds >= minRestSeconds) {
                    rests.add(new Rest(
                            reading.where(),
                            reading.startSeconds(),
                            restSeconds,
                            startVolts,
                            endVolts,
                            reading.endLeakAmps(),
                            reading.endSeAmps(),
                            reading.endDoubtAmps(),
                            largest,
                            largestAt,
                            flaggedAfter,
                            reading.reason()));
                }
                restStart = Double.NaN;
            }
            prev = r;
        }
        return rests;
    }

    private static Rest rest(
            String label,
            double start,
            double seconds,
            double startVolts,
            double endVolts,
            double largest,
            double largestAt,
            double flaggedAfter,
            SoftShortDetector d) {
        String reason = d.reason(0);
        Matcher m = LONE.matcher(reason);
        double leak = d.selfDischargeAmps(0);
        double se = Double.NaN;
        double doubt = Double.NaN;
        if (m.find()) {
            se = Double.parseDouble(m.group(2)) / 1000;
            doubt = Double.parseDouble(m.group(3)) / 1000;
        }
        return new Rest(
                label, start, seconds, startVolts, endVolts, leak, se, doubt, largest, largestAt, flaggedAfter, reason);
    }

    static List<Row> read(Path... files) {
        List<Row> rows = new ArrayList<>();
        for (Path f : files) {
            List<Row> these = new ArrayList<>();
            try (Stream<String> lines = Files.lines(f)) {
                lines.skip(1).forEach(l -> {
                    String[] p = l.split(",");
                    these.add(new Row(
                            Double.parseDouble(p[0]),
                            Double.parseDouble(p[1]),
                            Double.parseDouble(p[2]),
                            Double.parseDouble(p[3]),
                            p.length > 4 && !p[4].isEmpty() ? Double.parseDouble(p[4]) : 0.0));
                });
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            double shift = rows.isEmpty()
                    ? 0
                    : rows.getLast().t() + 60 - these.getFirst().t();
            double ahShift =
                    rows.isEmpty() ? 0 : rows.getLast().ah() - these.getFirst().ah();
            for (Row r : these) {
                rows.add(new Row(r.t() + shift, r.amps(), r.volts(), r.celsius(), r.ah() + ahShift));
            }
        }
        return rows;
    }

    /** The preset scaled to the cell's capacity, as {@code ControllerAssembly} scales the chemistry preset. */
    static EcmParameters scaledTo(ChemistryPreset preset, double capacityAh) {
        EcmParameters nominal = preset.cell();
        double f = capacityAh / nominal.capacityAh();
        return nominal.scaled(f, 1.0 / f);
    }

    private List<Rest> run(String presetName, Path preset, double capacityAh, String label, Path... files) {
        ChemistryPreset p = new PresetCatalog().load(preset == null ? presetName : preset.toString());
        List<Rest> rests = feed(presetName + " " + label, scaledTo(p, capacityAh), p, read(files), MIN_REST_SECONDS);
        rests.forEach(r -> System.out.println(r.line()));
        return rests;
    }

    private List<Rest> nca(String presetName, Path preset) {
        Path pan = data.resolve("panasonic_18650pf_nca");
        List<Rest> all = new ArrayList<>();
        all.addAll(run(presetName, preset, 2.9, "NCA 25C C/20", pan.resolve("pan18650pf_25C_C20_OCV_native.csv")));
        all.addAll(run(presetName, preset, 2.9, "NCA 25C HPPC", pan.resolve("pan18650pf_25C_HPPC_native.csv")));
        all.addAll(run(presetName, preset, 2.9, "NCA 0C HPPC", pan.resolve("pan18650pf_0C_HPPC_native.csv")));
        return all;
    }

    private List<Rest> lfp(String presetName, Path preset) {
        Path a = data.resolve("a123_lfp_plett");
        List<Rest> all = new ArrayList<>();
        all.addAll(run(
                presetName,
                preset,
                2.05,
                "LFP 25C OCV S1-S4",
                a.resolve("a123_lfp_25C_ocvtest_S1.csv"),
                a.resolve("a123_lfp_25C_ocvtest_S2.csv"),
                a.resolve("a123_lfp_25C_ocvtest_S3.csv"),
                a.resolve("a123_lfp_25C_ocvtest_S4.csv")));
        all.addAll(run(
                presetName,
                preset,
                2.05,
                "LFP 25C script 1-3",
                a.resolve("a123_lfp_25C_script1_dyn.csv"),
                a.resolve("a123_lfp_25C_script2_slowdischarge.csv"),
                a.resolve("a123_lfp_25C_script3_cccv_charge.csv")));
        return all;
    }

    /** The cue had a fit as long as the settle time on this rest: it could have flagged it. */
    private static boolean judged(Rest r) {
        return Double.isFinite(r.endSeAmps()) && r.seconds() >= 2 * SETTLE_SECONDS;
    }

    private static void report(String what, List<Rest> rests) {
        long flagged = rests.stream().filter(Rest::flagged).count();
        double worst = rests.stream().mapToDouble(Rest::largestLeakAmps).max().orElse(0);
        System.out.printf(
                Locale.ROOT,
                "%s: %d rests, %d flagged, largest leak read %.2f mA (%.2f of the threshold)%n",
                what,
                rests.size(),
                flagged,
                1000 * worst,
                worst / THRESHOLD_AMPS);
        rests.stream()
                .filter(r -> r.flagged() || r.largestLeakAmps() > THRESHOLD_AMPS)
                .forEach(r -> System.out.println("  " + r.where() + ": " + r.reason()));
    }

    /**
     * NASA's cells (2.0 Ah rated, 24 °C) are charged and discharged back to back: each cell's files chained in the
     * order of {@code summary.csv} (the unlogged 10 min between two files joined as one minute) hold no rest of an
     * hour; every stretch of 20 min or more inside the rest band (the CV tails under 50 mA, the rests after the
     * cutoff) is reported, and none may flag.
     */
    @Test
    void theNasaStretchesInsideTheRestBandAreNotFlagged() throws IOException {
        Path nasa = data.resolve("nasa_pcoe_aging_18650");
        List<String> summary = Files.readAllLines(nasa.resolve("summary.csv"));
        List<Rest> all = new ArrayList<>();
        for (String cellName : List.of("B0005", "B0006")) {
            List<Path> files = summary.stream()
                    .skip(1)
                    .map(l -> l.split(","))
                    .filter(p -> p[0].equals(cellName) && !p[2].equals("impedance") && !p[p.length - 1].isEmpty())
                    .map(p -> nasa.resolve(p[p.length - 1]))
                    .filter(Files::exists)
                    .toList();
            for (String presetName : List.of("nca-recipe", "psoa-ncm811")) {
                Path preset = presetName.equals("nca-recipe") ? ncaRecipe : null;
                ChemistryPreset p = new PresetCatalog().load(preset == null ? presetName : preset.toString());
                List<Rest> rests = feed(
                        presetName + " NASA " + cellName + " (" + files.size() + " files)",
                        scaledTo(p, 2.0),
                        p,
                        read(files.toArray(Path[]::new)),
                        1200);
                rests.forEach(r -> System.out.println(r.line()));
                all.addAll(rests);
            }
        }
        report("NASA B0005/B0006, stretches of 20 min or more", all);
        assertThat(all).isNotEmpty().noneMatch(Rest::flagged);
    }

    @Test
    void theNcaRestsAreNotFlaggedWithTheDocumentedRecipe() {
        List<Rest> rests = nca("nca-recipe", ncaRecipe);
        report("NCA, documented recipe", rests);
        assertThat(rests).noneMatch(Rest::flagged).anyMatch(LoneCellCueOnRealRestsTest::judged);
    }

    @Test
    void theNcaRestsAreNotFlaggedWithTheShippedNcmPreset() {
        List<Rest> rests = nca("psoa-ncm811", null);
        report("NCA, psoa-ncm811", rests);
        assertThat(rests).noneMatch(Rest::flagged).anyMatch(LoneCellCueOnRealRestsTest::judged);
    }

    @Test
    void theLfpRestsAreNotFlaggedWithTheDocumentedRecipe() {
        List<Rest> rests = lfp("lfp-recipe", lfpRecipe);
        report("LFP, documented recipe", rests);
        assertThat(rests).noneMatch(Rest::flagged).anyMatch(LoneCellCueOnRealRestsTest::judged);
    }

    @Test
    void theLfpRestsAreNotFlaggedWithTheShippedLfpPreset() {
        List<Rest> rests = lfp("psoa-lfp", null);
        report("LFP, psoa-lfp", rests);
        assertThat(rests).noneMatch(Rest::flagged).anyMatch(LoneCellCueOnRealRestsTest::judged);
    }
}
