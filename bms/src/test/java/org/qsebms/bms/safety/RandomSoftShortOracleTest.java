package org.qsebms.bms.safety;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.qsebms.bms.offline.scenario.Scenario;
import org.qsebms.bms.offline.scenario.ScenarioLoader;
import org.qsebms.bms.offline.scenario.ScenarioRunner;

/**
 * The soft-short half of the random-scenario oracle (issue 23): hours-long random scenarios of the
 * two interactions where the detector failed, judged by {@link SoftShortOracle} from the docs'
 * claims and the simulated truth:
 * <ul>
 *   <li><b>balancing during rests</b>: a pack of 4-8 cells (every chemistry preset, 1-3 Ah) discharged
 *       at 0.3-1.2 C for 10-40 min from 55-95 % SOC, then resting for 2.5 h with the contactors closed
 *       while the passive balancer bleeds the cells above the lowest;</li>
 *   <li><b>soft shorts during cycling</b>: the same packs on the CC-CV / pulsed-discharge cycling
 *       profile (10 min rests, never long enough for the rest cue) with the balancer on, for 8 h;</li>
 * </ul>
 * half of them with a resistive short of 100 ohm to 5 kohm (log-uniform) in one random cell from
 * the first minute, the other half healthy. The build runs {@code -Doracle.softShortSeeds} seeds
 * (16 by default; the nightly profile runs more) of rests, and at least 30 of cycling (the first
 * cycling seed with a detection claim is 17).
 *
 * <p>Options: {@code -Doracle.softShortFirstSeed} (first seed, 1), {@code -Doracle.softShortSeeds} (rest seeds, 16),
 * {@code -Doracle.softShortCyclingSeeds} (cycling seeds, at least 30), {@code -Doracle.randomBalancing=true} (a random
 * {@code balancing:} section per seed), and {@code -Doracle.softShortAmbient=LO..HI} (°C, e.g. {@code -15..0} or
 * {@code 40..55}: each seed's ambient drawn uniformly in the range from a stream of its own, so its pack, load and
 * short stay the ones it has at 25 °C; without it every seed is at 25 °C as before, and a malformed value is refused
 * naming the expected form). The claims judged do not depend on the ambient: the documented rest claim (30 min settle
 * + 30 min fit, 3.7 mA) and cycling claim carry no temperature term, and the detector's settle time is a fixed setting.
 */
class RandomSoftShortOracleTest {
    private static final String[] CHEMISTRIES = {
        "psoa-ncm811", "psoa-lfp", "ptpa-ncm811", "ptpa-lfp", "le-ncm811", "le-lfp"
    };
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A generated scenario and whether it cycles (else: a discharge, then a rest). */
    record Generated(String yaml, boolean cycling) {}

    static Generated scenario(long seed, boolean cycling) {
        return scenario(seed, cycling, SoftShortAmbientRange.fromProperty());
    }

    /**
     * The seed's scenario with its ambient drawn from {@code ambient} ({@link SoftShortAmbientRange#draw}, a stream of
     * its own), or at 25 °C when {@code ambient} is null: every other draw is the one the seed has at 25 °C.
     */
    static Generated scenario(long seed, boolean cycling, SoftShortAmbientRange ambient) {
        SplittableRandom r = new SplittableRandom(seed);
        String chemistry = CHEMISTRIES[r.nextInt(CHEMISTRIES.length)];
        boolean lfp = chemistry.contains("lfp");
        int cells = 4 + r.nextInt(5);
        double capacity = 1 + r.nextInt(5) * 0.5;
        StringBuilder b = new StringBuilder();
        b.append("name: soft-short oracle seed ").append(seed).append('\n');
        b.append(String.format(
                Locale.ROOT, "pack: {chemistry: %s, seriesCells: %d, capacityAh: %.1f}%n", chemistry, cells, capacity));
        b.append("loop: {period: 500ms}\n");
        int dischargeMin = 10 + r.nextInt(31);
        if (cycling) {
            b.append("initial: {soc: 0.5, ambientCelsius: 25, close: true}\n");
            b.append(lfp ? "load: {type: cycling, cvVolts: 3.5, endVolts: 3.0}\n" : "load: {type: cycling}\n");
        } else {
            b.append(String.format(
                    Locale.ROOT, "initial: {soc: %.3f, ambientCelsius: 25, close: true}%n", 0.55 + r.nextDouble(0.4)));
            b.append(String.format(
                    Locale.ROOT,
                    "load: {type: pulses, highAmps: %.2f, high: %dmin, lowAmps: 0.0, low: 20h}%n",
                    -capacity * (0.3 + r.nextDouble(0.9)),
                    dischargeMin));
        }
        if (r.nextBoolean()) {
            b.append(String.format(
                    Locale.ROOT,
                    "faults:%n  - {at: 60s, type: softShort, cell: %d, ohms: %.0f}%n",
                    1 + r.nextInt(cells),
                    Math.pow(10, r.nextDouble(2, Math.log10(5000)))));
        }
        // a rest long enough for the rest claim (2 h after the current stops) and 30 min more
        b.append("duration: ")
                .append(cycling ? "8h" : (dischargeMin + 150) + "min")
                .append('\n');
        b.append("limitsEvery: 30min\nseed: ").append(seed).append('\n');
        // issue 23, fourth pass (drawn after every other choice, so the other seeds are unchanged): a quarter
        // of the balancing rests at a 1 s loop and a quarter at 250 ms, and a quarter on a 16-cell pack (the
        // short's cell stays where it was drawn)
        int period = r.nextInt(4);
        boolean sixteen = r.nextInt(4) == 0;
        String yaml = b.toString();
        if (!cycling) {
            if (period < 2) {
                yaml = yaml.replace(
                        "loop: {period: 500ms}", period == 0 ? "loop: {period: 1000ms}" : "loop: {period: 250ms}");
            }
            if (sixteen) {
                yaml = yaml.replace("seriesCells: " + cells + ",", "seriesCells: 16,");
            }
        }
        if (ambient != null) {
            yaml = yaml.replace(
                    "ambientCelsius: 25,", String.format(Locale.ROOT, "ambientCelsius: %.1f,", ambient.draw(seed)));
        }
        if (Boolean.getBoolean("oracle.randomBalancing")) {
            yaml += randomBalancing(seed);
        }
        return new Generated(yaml, cycling);
    }

    /**
     * A {@code balancing:} section drawn from its own stream (so the seed's pack, load and short stay as they
     * were), for {@code -Doracle.randomBalancing=true}: the voltage mode three times in four, else the SOC mode,
     * a threshold of 3-33 mV (0.5-5.5 % SOC) and a duty of 10-100 %; floor and ceiling are the defaults.
     */
    static String randomBalancing(long seed) {
        SplittableRandom q = new SplittableRandom(seed * 31 + 7);
        return String.format(
                Locale.ROOT,
                "balancing: {mode: %s, thresholdVolts: %.3f, thresholdSoc: %.3f, duty: %.2f}%n",
                q.nextInt(4) == 0 ? "soc" : "voltage",
                0.003 + q.nextDouble(0.03),
                0.005 + q.nextDouble(0.05),
                0.1 + q.nextDouble(0.9));
    }

    /** Runs one seed through the loader, the runner and the soft-short oracle; returns its violations. */
    static List<String> judge(long seed, boolean cycling) {
        return judge(seed, cycling, new AtomicInteger());
    }

    /** As {@link #judge(long, boolean)}, counting in {@code claims} a run that carried a detection claim. */
    static List<String> judge(long seed, boolean cycling, AtomicInteger claims) {
        return judge(seed, cycling, SoftShortAmbientRange.fromProperty(), claims);
    }

    /** As {@link #judge(long, boolean, AtomicInteger)}, the seed's ambient drawn from {@code ambient} (null: 25 °C). */
    static List<String> judge(long seed, boolean cycling, SoftShortAmbientRange ambient, AtomicInteger claims) {
        Generated g = scenario(seed, cycling, ambient);
        List<String> out = new ArrayList<>();
        for (String v : judge(g.yaml(), "soft-short oracle seed " + seed, g.cycling(), claims)) {
            out.add("seed " + seed + ": " + v);
        }
        if (!out.isEmpty()) {
            out.add("seed " + seed + " scenario:\n" + g.yaml());
        }
        return out;
    }

    /** The violations of every seed, each judged as {@link #judge(long, boolean)} judges it. */
    static List<String> judgeAll(boolean cycling, long... seeds) {
        List<String> out = new ArrayList<>();
        for (long seed : seeds) {
            out.addAll(judge(seed, cycling));
        }
        return out;
    }

    /** The violations of every seed with its ambient drawn from {@code ambient}, as {@link #judge(long, boolean)}. */
    static List<String> judgeAllAt(SoftShortAmbientRange ambient, boolean cycling, long... seeds) {
        List<String> out = new ArrayList<>();
        for (long seed : seeds) {
            out.addAll(judge(seed, cycling, ambient, new AtomicInteger()));
        }
        return out;
    }

    /** The violations of every seed with the {@code balancing:} section {@link #randomBalancing} draws for it. */
    static List<String> judgeWithRandomBalancing(boolean cycling, long... seeds) {
        List<String> out = new ArrayList<>();
        for (long seed : seeds) {
            out.addAll(judge(
                    scenario(seed, cycling).yaml() + randomBalancing(seed),
                    (cycling ? "cycling " : "rest ") + seed,
                    cycling,
                    new AtomicInteger()));
        }
        return out;
    }

    /** Runs one scenario's YAML through the loader, the runner and the soft-short oracle; returns its violations. */
    static List<String> judge(String yaml, String name, boolean cycling, AtomicInteger claims) {
        Scenario sc = new ScenarioLoader().parse(yaml, Path.of("."), name);
        SoftShortOracle oracle = new SoftShortOracle(sc, cycling);
        List<JsonNode> lines = new ArrayList<>();
        new ScenarioRunner()
                .run(
                        sc,
                        s -> {
                            if (s.contains(
                                    "SOFT_SHORT")) { // the only lines the judge reads; hours of limits are not kept
                                try {
                                    lines.add(JSON.readTree(s));
                                } catch (Exception e) {
                                    throw new AssertionError(e);
                                }
                            }
                        },
                        oracle::afterTick);
        oracle.judge(lines);
        if (oracle.claimJudged()) {
            claims.incrementAndGet();
        }
        return oracle.violations();
    }

    /**
     * The repository's own cycling pack without a short, seed 1 (the oracle's find, kept as a file): it
     * tripped {@code SOFT_SHORT.MSL} on healthy cell 4 at 3.24 h (118.9 mA from the SOC drift) until the
     * drift's standard error counted the SOC filter's correlated errors.
     */
    @Test
    void theHealthyCyclingPackItFoundRaisesNoSoftShortAlarm() throws java.io.IOException {
        String name = "soft-short-cycling-healthy-seed-1.yaml";
        String yaml = java.nio.file.Files.readString(Path.of("src/test/resources/scenarios/oracle", name));
        assertThat(judge(yaml, name, true, new AtomicInteger())).isEmpty();
    }

    /**
     * The oracle's cycling seed 9, a healthy psoa-lfp pack (kept as a file): it tripped {@code SOFT_SHORT.MSL}
     * on healthy cell 3 at 4.87 h (170.9 mA from the SOC drift) until the drift cue sampled only while the SOC
     * filter's bounds say its estimates can be trusted (on the LFP plateau the filter was up to 0.38 off and
     * corrected the cell at the bottom knee).
     */
    @Test
    void theHealthyLfpCyclingPackItFoundRaisesNoSoftShortAlarm() throws java.io.IOException {
        String name = "soft-short-cycling-healthy-lfp-seed-9.yaml";
        String yaml = java.nio.file.Files.readString(Path.of("src/test/resources/scenarios/oracle", name));
        assertThat(judge(yaml, name, true, new AtomicInteger())).isEmpty();
    }

    /**
     * Found by check23e on seeds no earlier run used (rests 51-150: 3 violations, all seed 90): a healthy 16 x 3 Ah
     * psoa-lfp pack resting at 8-15 % SOC (the LFP knee) while the balancer bleeds the cells above the lowest (82 mA on average through 33 ohm). It
     * tripped {@code SOFT_SHORT.MSL} on unbled cell 3 at 1.57 h ("leak about 23.7 mA ... from the rest fit", standard
     * error 2.48 mA): the bled cells were located on their OCV through a bleed drop the linear model puts at 2 mV where
     * the QSE interface drops 5 mV, so 0.005 SOC low on a knee whose slope doubles within 1 % SOC, and their bleed's
     * OCV fall was overstated (12.7 mV read for 10.5 mV in 26 min): a median of rising corrected voltages. An excess must
     * now clear the bound that location doubt puts on it first (docs/safety.md, "Balancing bleed is not a leak").
     */
    @Test
    void theRestSeedCheck23eFoundRaisesNoFalseAlarm() {
        assertThat(judge(90, false)).isEmpty();
    }

    /**
     * Rest seed 585, a 233 ohm short (16.6 mA) in cell 6 of a 6 x 3 Ah ptpa-ncm811 pack resting at 5-9 % SOC while the
     * balancer bleeds the five others: flagged in time. With the bleed's location doubt counted inside the 5-sigma test
     * (the first form of the fix for seed 90) its 14.5 mA excess against a median doubt of about 4.3 mA was never
     * confirmed; as a bound the excess must clear first, it is.
     */
    @Test
    void aRestShortWhileTheOthersBleedOnAKneeIsStillFlagged() {
        AtomicInteger claims = new AtomicInteger();
        assertThat(judge(585, false, claims)).isEmpty();
        assertThat(claims.get()).as("seed 585 carries a detection claim").isEqualTo(1);
    }

    /**
     * Rest seed 430, a 416 ohm short (8.8 mA at rest) in cell 4 of a 4 x 2 Ah le-ncm811 pack resting at about 23 % SOC:
     * the shorted cell sat highest after the discharge (the capacity spread outweighs 4 mAh of leak), so the balancer
     * bled it (13 mA on average over the fit's first minutes, still 1.8 mA after 112 min: above half the
     * threshold) while three cells stayed unbled, and a cell
     * bled too much was left out of the rest fit altogether: never flagged. Measured against the unbled cells' median,
     * with its whole bleed as a bound, it was flagged at 1.65 h, 1.18 h into the rest (8.2 mA for the true 8.8 mA);
     * with its bleed's doubt (location and resistor tolerance) as the bound, at 1.47 h.
     */
    @Test
    void aBledShortedCellIsMeasuredAgainstTheUnbledOnes() {
        AtomicInteger claims = new AtomicInteger();
        assertThat(judge(430, false, claims)).isEmpty();
        assertThat(claims.get()).as("seed 430 carries a detection claim").isEqualTo(1);
    }

    /**
     * Rest seed 274, a 704 ohm short (5.1 mA at rest) in cell 5 of a 16 x 2 Ah ptpa-ncm811 pack at a 1 s loop: bled by
     * the balancer, so left out until its mean bleed over the fit fell under 1.5 mA, then flagged at once (5.5 mA),
     * at 2.62 h against the 2.50 h deadline. Measured while bled, its whole bleed a bound, it was flagged at 1.80 h;
     * with its bleed's doubt (location and resistor tolerance) as the bound, at 1.50 h.
     */
    @Test
    void aBledShortedCellInASixteenCellPackIsFlaggedInTime() {
        AtomicInteger claims = new AtomicInteger();
        assertThat(judge(274, false, claims)).isEmpty();
        assertThat(claims.get()).as("seed 274 carries a detection claim").isEqualTo(1);
    }

    /**
     * Rest seeds 723 and 837 (601-1000, no earlier run used them): a short smaller than its cell's bleed. Seed 837, a
     * 766 ohm short (4.8 mA at rest) in cell 4 of a 16 x 2.5 Ah psoa-ncm811 pack, bled 9-38 mA on average over the
     * fit, read at 4.6 mA (standard error 0.29 mA after 118 min), never cleared a bound of its whole mean bleed (9.3 mA
     * at the end); seed 723, a 540 ohm short (6.7 mA) in cell 4 of a 16 x 1.5 Ah ptpa-ncm811 pack, cleared it only at
     * 2.73 h against the 2.60 h deadline. The bound is now what the bleed's accounting can be off by that the fit does
     * not already carry: the location doubt and the bleed resistor's tolerance (5 %) of the cell's and the median's
     * mean bleed; 723 is flagged at 1.68 h (bound 1.0 mA), 837 at 2.14 h against 2.53 h (bound 1.5 mA).
     */
    @Test
    void aShortSmallerThanItsCellsBleedIsFlaggedInTime() {
        AtomicInteger claims = new AtomicInteger();
        List<String> violations = new ArrayList<>(judge(723, false, claims));
        violations.addAll(judge(837, false, claims));
        assertThat(violations).isEmpty();
        assertThat(claims.get())
                .as("seeds 723 and 837 each carry a detection claim")
                .isEqualTo(2);
    }

    /**
     * Seeds 144 and 123, cycling (check23f, cycling seeds 121-160, the only violations in them; both on NCM, and
     * both the same on the code before check23f's changes): seed 144, a healthy 6 x 1.5 Ah psoa-ncm811 pack at a
     * 500 ms loop, {@code SOFT_SHORT.MSL} on cell 1 at 3.49 h (27.1 mA above the string median, from the SOC drift;
     * at 100 and 250 ms loops too, 3.39 and 3.40 h, 24.2 and 26.7 mA; not at 1 s); seed 123, a 4999 ohm short in
     * cell 1 of an 8-cell ptpa-ncm811 pack at 500 ms, {@code SOFT_SHORT.MSL} naming cell 6 at 3.77 h (13.0 mA, SOC
     * drift). Both were a healthy cell's drift significant for less than an hour (0.15 h; 0.58 h), where the SOC
     * filter's lagging correction of a capacity mismatch meets the first discharge after the long charge; a drift is
     * now confirmed only once it has stayed significant for the filter's correlation time (docs/safety.md, "SOC drift
     * while cycling: a verdict must outlast the filter's lag").
     */
    @Test
    void theCyclingSeedsCheck23fFoundRaiseNoFalseAlarm() {
        List<String> violations = new java.util.ArrayList<>(judge(144, true));
        violations.addAll(judge(123, true));
        assertThat(violations).isEmpty();
    }

    /**
     * Cycling seeds 161-800 (run once before and once after the hold on the drift verdict, choosing nothing on them):
     * ten false alarms before, all from the SOC drift of a cell without a short: seeds 273 (healthy pack, cell 2 at
     * 3.47 h, 7.7 mA), 343 (healthy, cell 3 at 3.47 h, 20.3 mA), 399 (healthy, cell 1 at 4.47 h, 7.4 mA), 289 (the
     * short in cell 3, cell 1 at 4.47 h, 16.8 mA), 401 (healthy, cell 4 at 3.49 h, 22.2 mA), 516 and 519 (healthy, 4.07
     * and 4.45 h, 4.5 mA), 483, 576 and 758 (shorted packs, a wrong cell at 3.92-4.27 h, 8.0-12.1 mA); none with the
     * hold. Seed 401 raises its false alarm again with the drift fit's lag term and is held apart,
     * {@link #theHealthyCyclingSeed401RaisesNoFalseAlarm}.
     */
    @Test
    void theCyclingSeedsDriftfalseFoundRaiseNoFalseAlarm() {
        assertThat(judgeAll(true, 273, 289, 343, 399, 483, 516, 519, 576, 758)).isEmpty();
    }

    /**
     * Known miss since the drift fit's lag term (2026-12-05, seventh session; it passed with the hold alone): seed 401,
     * a healthy 7 x 1.5 Ah psoa-ncm811 pack, latches {@code SOFT_SHORT.MSL} on cell 7 at 5.29 h (a drift of 0.45 %/h,
     * 6.8 mA; 5.42 h with a lag of 2 h). Traced with throw-away prints of each cell's estimate less the truth: cell 7's
     * filter error less the median's was +0.9 % SOC at the fit's first sample (the pack had just come down from its
     * start to the bottom knee, where the filter corrects the cells at different times), about 0 from 2 h of fit, and
     * -1.0 % for half an hour at the next bottom knee; the lag term, which takes the part of the error that turns with
     * the current, leaves that start-up error to the drift, 0.39-0.42 %/h at 0.056-0.072 %/h standard error from 3.3 h
     * (0.19 at 0.07 without the term). A fourth term that decays from the fit's start (over the same hour) took it, and
     * took a real leak present from the start with it: all 19 late-drift seeds below and check23e's seed 66 were late
     * again (tried, not kept). Traced against the truth the next session ({@code -Doracle.traceTruth=600},
     * docs/safety.md "The false alarms the lag term leaves"): the error swings around the bottom of each full
     * discharge, the start being one (+0.94 % at 1.0 h, about 0 at the second bottom, -1.0 % half an hour into the
     * next charge, +0.2 % an hour into the rest), as the filter's offset state takes up the model's voltage errors.
     * The state counted as a current inside the cell met this seed, 8670 and 1708, and flagged 14 shorts late or
     * never where 6 were (tried, not kept).
     */
    // Passes since fix23bf (2026-12-07: the balancer stays off the OCV's bottom knee, 3.534 V here); with that change
    // reverse-applied it still raises SOFT_SHORT.MSL at 5.29 h on cell 7 (6.8 mA). Found, not aimed at: the
    // mechanism by which the floor removes this drift false alarm was not traced.
    @Test
    void theHealthyCyclingSeed401RaisesNoFalseAlarm() {
        assertThat(judge(401, true)).isEmpty();
    }

    /**
     * Known miss, fresh cycling seeds 8401-9600 with the default settings, run once on the drift fit's lag term and
     * once on the code before it (nothing chosen on them; 53 detection claims): with the term, 8670 names a wrong
     * cell (cell 8 at 5.30 h for a short in cell 2), and 8869, 9398 and 9436 are flagged late; before it, nine seeds
     * were in violation, a false alarm (9258) and eight shorts late or never, 8869 at 7.49 h, 9398 never and 9436 at
     * 6.92 h among them. 8670 (a psoa-ncm811 8 x 1.5 Ah pack, a 3205 ohm short in cell 2) is the class of
     * {@link #theHealthyCyclingSeed401RaisesNoFalseAlarm}: traced, cell 8's error less the median's was +0.9 % SOC at
     * the fit's first sample, taken at the bottom knee while the filter corrected the cells one after another, and
     * -1.3 % at 5.0 h, half an hour into the charge after the second bottom ({@code -Doracle.traceTruth}).
     */
    @Disabled(
            "known miss, re-measured 2026-12-07 on main after fix23bf: only 9398 (175 ohm, 21.6 mA) is left, flagged at 6.85 h; earlier: "
                    + "known miss, measured 2026-12-05 with the drift fit's lag term: 8670 SOFT_SHORT.MSL on cell 8 at 5.30 h"
                    + " (the short in cell 2); 8869 flagged at 7.02 h, 9398 at 7.06 h, 9436 at 6.74 h, deadline 6.62 h")
    @Test
    void theFreshCyclingSeedsFrom8401AreJudgedRight() {
        assertThat(judgeAll(true, 8670, 8869, 9398, 9436)).isEmpty();
    }

    /**
     * Cycling seeds 555 and 669 (found on seeds 401-800, after the hold on the drift verdict; met 2026-12-05 by the
     * drift fit's lag term, flagged in time since): the drift
     * cue confirms a drift only an hour after it was first significant, so a short whose drift becomes significant
     * late is flagged late. Seed 669, 121 ohm (31.2 mA) in cell 2 of an 8 x 3 Ah psoa-ncm811 pack: flagged at 7.32 h
     * against the oracle's 6.62 h (6.32 h before the hold); seed 555, 188 ohm (20.1 mA) in cell 6 of a 6 x 2.5 Ah
     * pack: not flagged in 8 h (7.05 h before the hold, late then too). Traced, not fixed (docs/safety.md, "a leak in
     * a small cell is significant late"): both shorted cells are small ones, and the detector's own SOC filter lags
     * their capacity mismatch with the leak's sign in the discharge, so the fit reads 0.46 %/h of 669's 1.04 %/h at
     * 4 h, and its standard error grows as the lag turns over in the next charge. The fit now has a term for that
     * lag, the pack current low-passed over the filter's correlation time (docs/safety.md, "The SOC filter's lag is a
     * term of the drift fit").
     */
    @Test
    void theCyclingShortsTheHoldMakesLateAreFlaggedInTime() {
        List<String> violations = new java.util.ArrayList<>(judge(669, true));
        violations.addAll(judge(555, true));
        assertThat(violations).isEmpty();
    }

    /**
     * Cycling seeds 990, 1161, 1380, 1561, 1584, 1888 and 1952 (sweep37, on cycling seeds 801-2000, no
     * earlier run used them; the only violations there, all late flags, 54 detection claims): the class of seeds 669
     * and 555 above (docs/safety.md, "a leak in a small cell is significant late"), but not only in small cells.
     * Seed 990, 146 ohm (25.9 mA, 1.04 %/h) in cell 2 of a 5 x 2.5 Ah le-ncm811 pack, the smallest cell (2.406 Ah;
     * 2.406-2.521): the own filter's estimate of it less the median sat +0.3..+1.2 % SOC above the truth in the 0.5 A
     * discharge at 3.25-4.25 h (the lag with the leak's sign), the drift read -0.38 %/h at 4.0 h, -0.59 at 5.0 h,
     * -1.01 at 5.75 h (standard error 0.31 %/h after the next charge), first significant at about 6.9 h, flagged at
     * 7.89 h. Seed 1161, 132 ohm (28.6 mA) in cell 4 of a 7 x 3 Ah psoa-ncm811 pack, also the smallest (2.926 Ah;
     * 2.926-3.119): -0.43 %/h at 4.0 h, -1.02 at 6.0 h, first significant at 6.28 h, flagged at 7.27 h. Seed 1380,
     * 121 ohm (31.2 mA, 1.25 %/h) in cell 1 of a 4 x 2.5 Ah ptpa-ncm811 pack, a large cell (2.559 Ah; 2.404-2.561):
     * the figure right from 4 h (-1.36 %/h, then -1.02 to -1.56) but 4.1-4.7 standard errors from 4.25 to 5.75 h
     * (0.23-0.37 %/h), first significant at 5.88 h, flagged at 6.87 h. Seeds 1561 (175 ohm, the largest cell) and
     * 1952 (162 ohm, the largest) read the figure at 4 h and were first significant at 5.82 and 6.00 h, flagged at
     * 6.80 and 6.99 h; 1888 (122 ohm, the smallest) at 6.23 h, flagged at 7.22 h; 1584 (170 ohm, the smallest) at
     * 6.90 h, flagged at 7.89 h. Five of the seven were first significant before the 6.62 h deadline: the hold's
     * hour makes them late; 990 and 1584 would be late without it. Seed 2492 (cycling seeds 2001-2500, fresh, the
     * only violation in 24 detection claims; not traced): 168 ohm (22.5 mA) in cell 6 of a 7 x 3 Ah ptpa-ncm811
     * pack, not flagged in the 8 h run. Cycling seeds 2501-3000 (fresh, 2026-12-04 evening, 25 claims, no false alarm
     * or wrong cell; not traced): 2686 (132 ohm, 28.6 mA, ptpa-ncm811 5 x 2 Ah) at 6.85 h, 2925 (175 ohm, 21.6 mA,
     * 4 x 3 Ah) at 7.95 h, 2728 (146 ohm, 25.8 mA, 5 x 2.5 Ah) never. Cycling seeds 3001-3500 (fresh, 2026-12-04
     * night, 20 claims, no false alarm or wrong cell; not traced): 3208 (188 ohm, 20.1 mA) at 7.52 h. Cycling seeds
     * 5001-5500 (fresh, 2026-12-05, on main b207fd1, 14 claims, no false alarm or wrong cell; the same trace to the
     * byte on the last stop's code 5a32d1e): 5032 (152 ohm, 24.8 mA, cell 1 of a 6 x 3 Ah ptpa-ncm811 pack, the
     * smallest cell, 2.775 Ah against 2.970-3.093) and 5212 (137 ohm, 27.5 mA, cell 5 of a 5 x 3 Ah ptpa-ncm811
     * pack) never in 8 h. Cycling seeds 5501-5900 (fresh, 2026-12-05, 14 claims, no false alarm or wrong cell; not
     * traced): 5608 (153 ohm, 24.7 mA, cell 1 of a 4 x 2 Ah le-ncm811 pack at a 500 ms loop) at 7.19 h. Cycling seeds
     * 6301-6600 (fresh, 2026-12-05, fifth session, on b22d6115, 14 claims, no false alarm or wrong cell; not traced):
     * 6467 (183 ohm, 20.6 mA, cell 5 of a 5 x 2 Ah psoa-ncm811 pack) at 7.05 h and 6561 (170 ohm, 22.2 mA, cell 7)
     * at 7.70 h. All were late (a known miss) until the drift fit's lag term (2026-12-05, seventh session); with it,
     * 12 of the 17 are flagged in time; 2492, 2728, 3208, 5212 and 6561 are still late, each earlier than before
     * ({@link #theCyclingShortsTheLagTermLeavesLateAreFlaggedInTime}).
     */
    @Test
    void theCyclingShortsSweep37FoundAreFlaggedInTime() {
        assertThat(judgeAll(true, 990, 1161, 1380, 1561, 1584, 1888, 1952, 2686, 2925, 5032, 5608, 6467))
                .isEmpty();
    }

    /**
     * Known miss, the five seeds of {@link #theCyclingShortsSweep37FoundAreFlaggedInTime}'s class that the drift fit's
     * lag term leaves late (the other 12, and 669 and 555, are flagged in time with it); each is flagged earlier than
     * before the term, or flagged where it was not.
     */
    @Disabled(
            "known miss, re-measured 2026-12-07 on main after fix23bf: 2492 at 6.69 h and 2728 at 6.74 h are left (3208, 5212, 6561 in time); earlier: "
                    + "known miss (latedrift class), measured 2026-12-05 with the drift fit's lag term: deadline 6.62 h;"
                    + " 2492 (168 ohm, 22.5 mA) flagged at 6.74 h and 2728 (146 ohm, 25.8 mA) at 6.72 h (both never in 8 h"
                    + " before the term), 3208 (188 ohm) at 6.89 h (7.52 h), 5212 (137 ohm) at 7.22 h (never), 6561 (170"
                    + " ohm) at 6.69 h (7.70 h)")
    @Test
    void theCyclingShortsTheLagTermLeavesLateAreFlaggedInTime() {
        assertThat(judgeAll(true, 2492, 2728, 3208, 5212, 6561)).isEmpty();
    }

    /**
     * Rest seed 4844 (rest seeds 4001-6000, fresh; a false alarm): a healthy le-ncm811 4 x 2.5 Ah pack at a 500 ms
     * loop rested at 1-3 % SOC after a 1.1 C discharge, cells 1 and 2 bled (39 and 29 mA). Their start locations
     * were low by the relaxation still under way 30 min after the discharge, on the bottom knee, so the fall of their
     * bleed was read off the OCV's last 1 % (380-520 mV) and they read gains of 0.1-1.2 A; the median (of two bled and
     * two unbled cells) fell to -95 mA, the upper location's doubt covered 84 mA of it, and unbled cell 3 was flagged:
     * SOFT_SHORT.MSL at 2.18 h, "94.7 mA above the string median". A bled cell's upper bound is now at least the least
     * reading of the cells without much bleed (or 0): only relaxation makes a resting cell read a gain.
     */
    @Test
    void aHealthyNcmRestAtTheBottomKneeRaisesNoFalseAlarm() {
        assertThat(judge(4844, false)).isEmpty();
    }

    /**
     * Rest seeds that were known misses (or a false alarm) until a resting cell was located on its OCV from the mean
     * of its readings over the fit's first sample interval instead of its first reading alone (2026-12-05; rest seed
     * 15799, {@link #aBledCellOnAnLfpKneeIsNotFlaggedInsteadOfTheShortedOne}): the located SOC from which each bled
     * cell's bleed fall is added back carried one reading's noise, on a knee enough to misread the fall by more than
     * the threshold and to spread the median's doubt. Each failed on the code before (flagged late or never:
     * {@link #theRestSeedsStillMissedAreFlaggedInTimeOnTheRightCell}, {@link #theFreshRestSeedsFrom6001AreFlaggedInTime},
     * and fresh 18233, 19081 and 19660); each is flagged in time on the right cell now. Not chosen: the seeds were
     * found by the sweeps before the change and kept with their figures.
     */
    @Test
    void theRestSeedsALocationFromOneReadingMissedAreFlaggedInTime() {
        assertThat(judgeAll(
                        false, 2235, 2568, 2687, 5537, 7034, 7156, 8844, 9360, 12831, 15158, 15235, 15662, 18233, 19081,
                        19660))
                .isEmpty();
    }

    /**
     * A guard for a pause of the bleed at rest (issue 20's relaxed rest read, docs/estimation.md, "A rest read while
     * its cell bleeds"): fresh rest seed 36754 (a 773 ohm short in cell 7, true leak 5.3 mA, at rest from 0.60 h,
     * deadline 2.60 h) is flagged in time without pauses and was flagged never with fix20t's one pause per rest before
     * the rest fit (merged and reverted 2026-12-08). Found by the sweep of seeds 36751-37150 on the merged head, not
     * chosen.
     */
    @Test
    void theRestSeedABleedPauseBeforeTheFitLostIsFlaggedInTime() {
        assertThat(judgeAll(false, 36754)).isEmpty();
    }

    /**
     * Known miss, rest seed 36754's scenario at a 250 ms loop (issue 23, docs/safety.md, "The bleed hold decided on the
     * rest fit's first reading", 2026-12-08): the bled shorted cell 7 (773 ohm, true leak 5.3 mA) is flagged at 3.03 h
     * against its 2.60 h deadline. The detector's bleed hold is decided on the rest fit's first reading: at 500 ms that
     * reading happens to clear the hold, at 250 ms (another noise draw) it does not, and the cell bleeds on under a
     * bleed doubt larger than its leak. Found by fix23bt, whose fix (every cell held from the fit's start) is not
     * merged.
     */
    @Disabled("known miss, measured 2026-12-08 on main a7f8b3fa (fix23bt): flagged at 3.03 h, deadline 2.60 h")
    @Test
    void theRestSeedWhoseBledShortOneReadingHeldIsFlaggedInTimeAtAnotherLoop() {
        String yaml = scenario(36754, false).yaml().replace("loop: {period: 500ms}", "loop: {period: 250ms}");
        assertThat(yaml).contains("loop: {period: 250ms}");
        assertThat(judge(yaml, "rest seed 36754 at 250 ms", false, new AtomicInteger()))
                .isEmpty();
    }

    /**
     * Known miss, rest seed 37732 (a 653 ohm short in cell 1, true leak 5.9 mA, at rest from 0.38 h, deadline 2.38 h):
     * flagged never on main a7f8b3fa, the only violation of the fresh sweep of seeds 37451-37850 (not chosen). The same
     * class as {@link #theRestSeedWhoseBledShortOneReadingHeldIsFlaggedInTimeAtAnotherLoop}; in time on fix23bt's
     * branch (not merged).
     */
    @Disabled("known miss, measured 2026-12-08 on main a7f8b3fa (fix23bt): flagged never, deadline 2.38 h")
    @Test
    void theRestSeedTheFirstReadingHoldMissedIsFlaggedInTime() {
        assertThat(judgeAll(false, 37732)).isEmpty();
    }

    /**
     * Known miss, rest seed 8746 (ptpa-ncm811 4 x 2.5 Ah at 25 °C, 830 ohm, 4.9 mA in cell 2), held in
     * {@link #theRestSeedsALocationFromOneReadingMissedAreFlaggedInTime} until the rest cue took a bled cell's drop at
     * its temperature (2026-12-06, fix23s, for check23s's false alarm on a healthy cold bled cell): the excess is
     * nearer the truth (4.6-4.7 mA against 2.9-3.3 mA before) but its bleed doubt (2.9-3.6 mA) keeps it under the
     * 5-sigma test, so it is never raised by its 2.63 h deadline. A false alarm fixed against a leak at the claim's
     * edge found late (docs/safety.md, "Cold rests, bleed steps and leaks that start mid-rest"). Met since fix23ad
     * (2026-12-06: the reference's capacity error taken as a median's of independent cells, not one cell's); on main
     * before it (04299c01) still never raised, as the test asserts.
     */
    @Test
    void restSeed8746IsFlaggedInTime() {
        assertThat(judgeAll(false, 8746)).isEmpty();
    }

    /** The cold range of fix23ag's first rest sweep (rest seeds 31201-31400). */
    private static final SoftShortAmbientRange COLD = new SoftShortAmbientRange(-15, 0);

    /** The cool range of fix23ag's second rest sweep (rest seeds 31401-31600). */
    private static final SoftShortAmbientRange COOL = new SoftShortAmbientRange(0, 10);

    /**
     * Known miss, the cold rests fix23ag's sweep found (rest seeds 31201-31400 at -15..0 °C, {@code
     * -Doracle.softShortAmbient=-15..0}: 19 detection claims, 3 violations). Both are shorts the balancer's bleed during
     * the rest hides in the cold, and both are flagged in time with the balancer off or at 25 °C:
     * <ul>
     *   <li>31220: le-ncm811 8 x 3 Ah at -2.1 °C, 214 ohm (18.2 mA) in cell 4, the pack discharged to the bottom knee
     *       (SOC 0.07 leaking, 0.13 the median) and at rest from 0.62 h; the others bled 57-102 mAh by 2 h. Flagged at
     *       2.80 h, deadline 2.62 h. The rest fit's excess starts low and climbs (-2.4, 0.7, 4.3, 8.7 mA at 23, 53,
     *       83, 98 min of fit) where at 25 °C it is 11.9-15.6 mA throughout (flagged 2.28 h) and with the balancer off
     *       17.4 mA (flagged 1.62 h): the bled median's drop is read as a loss, the interface's cold bleed drop the
     *       linear {@code BleedDropModel} underrates (docs/safety.md, fix23z, "what is left").</li>
     *   <li>31243: psoa-ncm811 6 x 3 Ah at -14.7 °C, 1008 ohm (3.7 mA) in cell 2, at rest from 0.33 h: never flagged;
     *       excess 3.4-4.0 mA against a bleed doubt of 2.0-2.3 mA and a standard error of 0.57-0.71 mA (5 sigmas
     *       needed). The healthy cells are bled down to the leaking one all rest long (48 mAh mean by 2 h; at 25 °C the
     *       bleed stops at 24 mAh by 1.5 h and the short is flagged at 1.34 h; with the balancer off RSL at 1.34 h,
     *       4.1 mA): fix23ab's known miss (the leak's cold interface drop read as a low cell) and fix23ad's -15 °C
     *       1000 ohm miss ({@code ColdRestSoftShortDetectionTest}).</li>
     * </ul>
     */
    // Passes since fix23bf (2026-12-07: the balancer stays off the OCV's bottom knee, 3.534 V on NCM811; a cold rest
    // after a discharge likely begins under it and is then not balanced, as in the balancer-off runs above: not
    // traced); with that change reverse-applied both are "flagged never" (2026-12-07).
    @Test
    void theColdRestShortsTheBalancerHidesAreFlaggedInTime() {
        assertThat(judgeAllAt(COLD, false, 31220, 31243)).isEmpty();
    }

    /**
     * Found by fix23bh's fresh cold rests (seeds 35901-36000, {@code -Doracle.softShortAmbient=-15..0}: 16 detection
     * claims): seed 35990 raised SOFT_SHORT MOL, RSL and MSL at 2.43 h naming healthy cell 13 (66.4 mA above the
     * string median from the rest fit, score 0.96; the short is in cell 4) on main without the balancer's knee floor
     * (aa79e985), the sweep's only violations; with the floor (fix23bf, re-landed by fix23bh) none. Not traced further.
     */
    @Test
    void theColdRestSeed35990NamesNoHealthyCell() {
        assertThat(judgeAllAt(COLD, false, 35990)).isEmpty();
    }

    /**
     * Known miss, rest seed 31307 at -15..0 °C (fix23ag): le-ncm811 16 x 3 Ah at -2.3 °C, 1001 ohm (4.0 mA) in cell 2,
     * at rest from 0.53 h with the others bled: never flagged (excess 2.0-3.2 mA from 1 h of fit, standard error
     * 0.48-0.76 mA, bleed doubt 1.1-1.6 mA). Not a cold defect: at 25 °C the same pack is never flagged either (3.8-3.9
     * mA, bleed doubt 1.8-2.5 mA), the class of the small rest leaks still missed at 25 °C (2444, 4737 above).
     */
    // Passes on main 2026-12-07 (513698ca, and on 85c0680f before fix23bf too: made right by an earlier change, not
    // traced which); the figure above is what it measured when it was a known miss.
    @Test
    void restSeed31307IsFlaggedInTime() {
        assertThat(judgeAllAt(COLD, false, 31307)).isEmpty();
    }

    /**
     * Known miss, rest seed 31998 from fix23ag's second cold sweep (rest seeds 31801-32000 at -15..0 °C: 26 detection
     * claims, this the one violation): ptpa-ncm811 16 x 3 Ah at -1.5 °C, 143 ohm (25.5 mA) in cell 7, discharged at
     * 1.15 C to the bottom (median SOC 0.027, cell under-voltage MOL at 0.47 h) and at rest from 0.47 h with nothing
     * bled (every cell under the balancing floor). Flagged at 2.62 h, deadline 2.47 h: the rest fit names 0.1, 0.3 and
     * 0.4 mA after 32, 62 and 92 min of fit (standard error 0.27-0.05 mA), where at 25 °C it is flagged at 1.47 h naming
     * 26.0 mA. The leaking cell's reading rises for the first hour (3.5230 V at 0.5 h, 3.5292 V at 1.0 h) as the cold
     * cells relax on the bottom knee; not traced further. Not the balancer: nothing is bled, and the same with it off.
     */
    @Disabled("known miss, re-measured 2026-12-07 on main after fix23bf: unchanged, flagged at 2.62 h; earlier: "
            + "known miss, measured 2026-12-06 (fix23ag, -15..0 °C): rest seed 31998 (143 ohm, 25.5 mA, -1.5 °C, at the"
            + " bottom knee, nothing bled) flagged at 2.62 h, deadline 2.47 h; 1.47 h at 25 °C")
    @Test
    void restSeed31998AtTheColdBottomKneeIsFlaggedInTime() {
        assertThat(judgeAllAt(COLD, false, 31998)).isEmpty();
    }

    /**
     * Known miss, a false alarm fix23ag's sweep found (rest seeds 31401-31600 at 0..10 °C, {@code
     * -Doracle.softShortAmbient=0..10}: 33 detection claims, all flagged in time; 3 violations, all this seed's three
     * levels): 31547, a healthy psoa-lfp 16 x 2 Ah pack at 6.7 °C discharged at 0.75 C for 37 min to SOC 0.09, resting
     * with the balancer on. {@code SOFT_SHORT.MSL} at 1.62 h on cell 1, "47.1 mA" (standard error 3.46 mA, bleed doubt
     * 17.0 mA, 30 min of fit): cell 1 was bled 59 mAh, 8.9 mA recently. At 25 °C the same pack, bled alike (62 mAh in
     * cell 1), raises nothing (largest other excess 3.4 mA); at 6.7 °C with the balancer off nothing (largest 4.9 mA,
     * unconfirmed). Traced (fix23ak, docs/safety.md): cell 1, bled 81 mA falling to 0 over the first 31 min of fit, was
     * located at SOC 0.081 on the bottom knee through the circuit's linear bleed drop (5.7 mV) where its interface's
     * law drops 11.7 mV, so its bleed's OCV fall was added back through too steep a slope (26.4 mV for 18.4 mAh): its
     * corrected voltage rose 16.7 mV while it bled, and the fit read the flat end as -28.4 mV/h, 47.6 mA. Locating the
     * bled cells through the law silences it but makes rest seeds 8746 and 9360 late (not kept).
     */
    // Passes on main 2026-12-07 (513698ca, and on 85c0680f before fix23bf too: made right by an earlier change, not
    // traced which); the figure above is what it measured when it was a known miss.
    @Test
    void theHealthyCoolLfpRestSeed31547RaisesNoFalseAlarm() {
        assertThat(judgeAllAt(COOL, false, 31547)).isEmpty();
    }

    /**
     * Known miss, rest seed 30482 (rest seeds 30001-31200, fresh, run 2026-12-06 after this day's merges: 143
     * detection claims, the only violation): a 294 ohm short (13.0 mA) in cell 1 from 0.02 h, at rest from 0.52 h,
     * flagged at 2.53 h against its 2.52 h deadline. The same to the hundredth on main before the day's soft-short
     * changes (7a1d7500), so not one of them; not traced.
     */
    @Disabled("known miss, re-measured 2026-12-07 on main after fix23bf: unchanged, flagged at 2.53 h; earlier: "
            + "known miss, measured 2026-12-06: rest seed 30482, 294 ohm / 13.0 mA, flagged at 2.53 h, deadline 2.52 h")
    @Test
    void restSeed30482IsFlaggedInTime() {
        assertThat(judgeAll(false, 30482)).isEmpty();
    }

    /**
     * Known miss, rest seeds 2235, 2279, 2444, 2568 and 2687 (sweep37, rest seeds 2001-3000) and 4737, 4867 and
     * 5537 (rest seeds 4001-6000, fresh). NCM shorts at rest after discharges to low SOC, flagged late or never.
     * 2568 (117 ohm, 33.1 mA, ptpa-ncm811 7 x 3 Ah at 1-5 % SOC), traced: its unbled shorted cell read 24-54 mA
     * above the median (standard error 0.3-3.2 mA), but with fewer than three cells unbled the median is a bled cell,
     * and the bled cells' location doubt grew from 20 mA to 1066-2819 mA, because the low location (one prior spread
     * of the bleed drop below) less the bleed's charge fell into the OCV's last 1 %, where it drops 0.5 V. 2235 and
     * 2444 are the same class (docs/safety.md, sweep37). Bounding the low location by the cells' voltage now, and the
     * doubt per side, flagged 2235, 2279 and 2568 in time but raised a false alarm and two wrong cells elsewhere
     * (docs/safety.md, "Fresh seeds again"); not kept. 4737 (999 ohm, 4.0 mA, le-ncm811 7 x 3 Ah): the shorted cell
     * bled 21 mA and read 4.7 mA above the median, against its bound and five standard errors. 4867 (105 ohm, 36.6
     * mA, le-ncm811 7 x 1.5 Ah resting near empty): 4844's class with the unbled cell the shorted one; the bled cells
     * read gains of 0.4-1.6 A, the median fell to -0.4..-1.6 A, and the shorted cell stood far above it. It was
     * flagged before the floor under a bled cell's upper bound (for the median's fault, not its own leak), never
     * since. 5537 (685 ohm, 5.9 mA) not traced.
     */
    @Disabled("known miss, re-measured 2026-12-07 on main after fix23bf: only 4737 (4.0 mA, never) is left; earlier: "
            + "known miss, measured 2026-12-04 (rests 1-6000 with the floor): 2279, 2687 and 5537 flagged at 2.79,"
            + " 2.90 and 2.57 h against 2.60, 2.57 and 2.52 h; 2235 (17.9 mA), 2444 (5.4 mA), 2568 (33.1 mA), 4737"
            + " (4.0 mA) and 4867 (36.6 mA) never. Re-measured 2026-12-05 with the location from the first interval's"
            + " mean: 2279 at 2.65 h against 2.60 h; 2444, 4737 and 4867 never (2235, 2568, 2687 and 5537 in time,"
            + " moved to theRestSeedsALocationFromOneReadingMissedAreFlaggedInTime)")
    @Test
    void theRestSeedsStillMissedAreFlaggedInTimeOnTheRightCell() {
        assertThat(judgeAll(false, 2279, 2444, 4737, 4867)).isEmpty();
    }

    /**
     * Known miss, rest seeds 6001-10500 (6001-7500 fresh, run on the final code of 2026-12-04 and on the code before the floor
     * under a bled cell's upper bound: the same seven violations, and no false alarm or wrong cell in either, 231
     * detection claims). Five are leaks at the claim's edge (3.7-4.6 mA: 6008 at 2.45 h against 2.43 h, 6962 at 2.38
     * h against 2.23 h, 6320, 7040 and 7362 never); two are large and never flagged, 7034 (203 ohm, 18.7 mA) and 7156
     * (108 ohm, 36.3 mA), traced since: both rest near empty after a discharge (7034 ptpa-ncm811 7 x 1.5 Ah at about 5 %
     * SOC, 7156 le-ncm811 4 x 3 Ah at 1-2 %), 2568's class above: the shorted cell is the only unbled one, the bled
     * cells' location doubts reach 0.1-3 A, and the shorted cell (7156: 31 mA of 36.3 read, standard error 2-3 mA)
     * cannot clear the median's doubt. 7156's shorted cell reaches the under-voltage MOL at rest (2.999 V at 2.55 h)
     * and 7034's the imbalance MOL, each naming the cell. Rest seeds 7501-9000 (fresh, 237 claims, no false alarm or
     * wrong cell): 8844 (156 ohm, 24.8 mA, ptpa-ncm811 5 x 3 Ah at 2-5 % SOC) never, the same class (traced); four near
     * the claim's edge (4.8-7.1 mA): 8133 (553 ohm, 7.1 mA, at about 22 % SOC, one of the pack's highest cells and bled
     * 77 mA at first: read 6.0-6.4 mA against a bound of 2.1-3.5 mA and five standard errors of 0.8-1.9 mA, most of
     * them the capacity spread's share of its bleed; traced) at 2.88 h against 2.53 h, 7852 (4.8 mA) at 2.88 h against
     * 2.48 h, 7988 (5.0 mA) and 8746 (4.9 mA) never (not traced). Rest seeds 9001-10500 (fresh, 245 claims, no false
     * alarm or wrong cell; not traced): six near the claim's edge, all NCM after discharges to 4-29 % SOC: 9739 (4.9
     * mA) at 3.16 h against 2.67 h; 9010 (3.9 mA), 9076 (4.5 mA), 9360 (4.4 mA), 9570 (3.7 mA) and 9738 (8.7 mA, at
     * about 7 % SOC) never. Rest seeds 10501-12000 (fresh, 2026-12-04 night, 234 claims, no false alarm or wrong cell;
     * not traced), all NCM after discharges to about 7-16 % SOC: 11393 (6.3 mA) at 2.83 h against 2.55 h, 11957 (5.0
     * mA) at 2.71 h against 2.63 h; 11300 (5.8 mA), 11165 (6.1 mA), 11856 (5.9 mA) and 11122 (12.7 mA, psoa-ncm811
     * 16 x 2.5 Ah at about 7 % SOC, the bottom knee) never. Rest seeds 12001-13500 (fresh, 230 claims, no false
     * alarm or wrong cell; not traced): 12831 (5.3 mA, ptpa-ncm811 6 x 3 Ah at about 15 % SOC) and 13076 (4.5 mA,
     * 16 x 3 Ah at about 9 %) never. Rest seeds 13501-15000 (fresh, 2026-12-05, on main d8c4c30, 217 claims, no
     * false alarm or wrong cell; not traced): 13902 (946 ohm, 4.2 mA, le-ncm811 8 x 2 Ah at about 16 % SOC) and 14225
     * (920 ohm, 4.1 mA, ptpa-ncm811 6 x 3 Ah discharged to its cutoff) never, near the claim's edge; 14902 (220 ohm,
     * 17.9 mA, ptpa-ncm811 7 x 3 Ah at about 5 % SOC, the bottom knee) never. Rest seeds 15001-16500 (fresh,
     * 2026-12-05, on main b207fd1, 220 claims; not traced beyond the rest SOC): at the bottom knee (SOC at rest
     * about 4-15 %, from the scenario) 15158 (8.7 mA), 15235 (17.8 mA), 15285 (13.6 mA) and 15547 (8.4 mA) never;
     * near the claim's edge (3.8-5.5 mA at 26-42 % SOC) 16250 never, 15061, 15065 and 15662 at 2.49, 2.60 and
     * 2.72 h against 2.48, 2.53 and 2.62 h. The same run's false alarm, 15799, is held apart
     * ({@link #aBledCellOnAnLfpKneeIsNotFlaggedInsteadOfTheShortedOne}). Rest seeds 16501-17500 (fresh, 2026-12-05
     * later, 166 claims, no false alarm or wrong cell; not traced), both near the claim's edge: 17229 (1030 ohm, 3.9
     * mA, ptpa-ncm811 16 x 2 Ah at about 31 % SOC) at 2.85 h against 2.67 h, 17484 (917 ohm, 4.2 mA, le-ncm811 16
     * x 2.5 Ah at about 28 %) never. Rest seeds 17501-18300 (fresh, 2026-12-05, third session, on acffe53, 111
     * claims, no false alarm or wrong cell): 17512 (460 ohm, 8.7 mA, cell 7 of a ptpa-ncm811 16 x 2.5 Ah pack at
     * about 14 % SOC, the cell the balancer bled most, 85 mAh: traced, its 6.8 mA excess under a bleed doubt of 6-16
     * mA) and 18233 (971 ohm, 4.1 mA) never. With the location from the first interval's mean (rest seeds
     * 15001-18300 again, 497 claims): 18233 in time, 17512 still never, and 16853 (1092 ohm, 3.8 mA) at 2.53 h
     * against 2.48 h, which was in time before (the only seed the change made worse). Rest seeds 18301-19800 (fresh,
     * 225 claims, no false alarm or wrong cell on either code): on acffe53 6 violations, with the location from the
     * mean 4: 18676 (715 ohm, 5.6 mA), 18873 (597 ohm, 6.4 mA) and 19406 (843 ohm, 4.8 mA) never, 18650 (380 ohm,
     * 10.9 mA) at 2.45 h against 2.43 h (was 2.59 h); 19081 and 19660 in time (were late). Rest seeds 19801-21300
     * (fresh, 2026-12-05, fifth session, on b22d6115, 248 claims, no false alarm or wrong cell): 20446 (199 ohm, 19.1
     * mA, cell 3 of a 4 x 3 Ah psoa-ncm811 pack resting at 1-3 % SOC after a 1.1 C discharge) never, traced: 2568's
     * class. The shorted cell, the only one unbled, read 15-17 mA of loss (standard error 5-30 mA), but with three of
     * four cells bled the median is a bled cell, and their bleeds' falls, read from locations at SOC 0.010-0.034 into
     * the OCV's last 1 %, carried location doubts of 0.06-7.4 A. Rest seeds 21301-22800 (fresh, on 5df7d981 with the
     * balancer's rest rule, 234 claims, no false alarm or wrong cell): 22305 (990 ohm, 4.0 mA, cell 5 of a 5 x 2.5 Ah
     * ptpa-ncm811 pack at a 1 s loop, resting at about 30 % SOC) never; the same on b22d6115, before the rule. Rest
     * seeds 22801-24300 (fresh, sixth session, on 14d6789a, 215 claims, no false alarm or wrong cell; not traced):
     * 24078 (749 ohm, 5.2 mA, cell 4 of a 16 x 2.5 Ah le-ncm811 pack) at 2.88 h against 2.62 h and 24179 (455 ohm,
     * 9.1 mA, cell 1 of a 6 x 3 Ah le-ncm811 pack) at 2.52 h against 2.45 h: late near the claim's edge.
     */
    @Disabled(
            "known miss, re-measured 2026-12-07 on main after fix23bf: 9 left: 7362 and 13902 never; 7988 at 2.65 h (2.65), 9010 at 2.91 (2.48), 9739 at 2.96 (2.67), 11393 at 2.83 (2.55), 15061 at 2.70 (2.48), 16250 at 2.99 (2.57), 17484 at 2.48 (2.43); earlier: "
                    + "known miss, measured 2026-12-04: rests 6008, 6962, 7852 and 8133 flagged at 2.45, 2.38, 2.88 and 2.88"
                    + " h against 2.43, 2.23, 2.48 and 2.53 h; 6320 (3.7 mA), 7040 (4.2 mA), 7362 (3.8 mA), 7988 (5.0 mA),"
                    + " 8746 (4.9 mA), 7034 (18.7 mA), 7156 (36.3 mA) and 8844 (24.8 mA) never; 9739 at 3.16 h against 2.67"
                    + " h; 9010 (3.9 mA), 9076 (4.5 mA), 9360 (4.4 mA), 9570 (3.7 mA) and 9738 (8.7 mA) never; 11393 and"
                    + " 11957 at 2.83 and 2.71 h against 2.55 and 2.63 h; 11122 (12.7 mA), 11165 (6.1 mA), 11300 (5.8 mA) and"
                    + " 11856 (5.9 mA) never; 12831 (5.3 mA) and 13076 (4.5 mA) never; 2026-12-05: 13902 (4.2 mA), 14225 (4.1"
                    + " mA) and 14902 (17.9 mA) never; 15158 (8.7 mA), 15235 (17.8 mA), 15285 (13.6 mA), 15547 (8.4 mA) and"
                    + " 16250 (3.8 mA) never; 15061, 15065 and 15662 at 2.49, 2.60 and 2.72 h against 2.48, 2.53 and 2.62 h;"
                    + " 17229 at 2.85 h against 2.67 h, 17484 (4.2 mA) never. Re-measured 2026-12-05 with the location from"
                    + " the first interval's mean (7034, 7156, 8746, 8844, 9360, 12831, 15158, 15235 and 15662 in time, moved"
                    + " to theRestSeedsALocationFromOneReadingMissedAreFlaggedInTime): late 6008 2.45 h, 7040 2.66, 7852 2.81,"
                    + " 8133 2.87, 9739 3.15, 11300 2.92, 11393 2.83, 11957 2.65, 15061 2.56, 15065 2.58, 15547 2.96, 17229"
                    + " 2.80, 17484 2.64 and fresh 16853 (3.8 mA) 2.53 against 2.48 h; never 6320, 6962, 7362, 7988, 9010,"
                    + " 9076, 9570, 9738, 11122, 11165, 11856, 13076, 13902, 14225, 14902, 15285, 16250 and fresh 17512 (460"
                    + " ohm, 8.7 mA); fresh 18301-19800: 18650 at 2.45 h against 2.43 h, 18676 (5.6 mA), 18873 (6.4 mA) and"
                    + " 19406 (4.8 mA) never; fresh 19801-21300: 20446 (199 ohm, 19.1 mA, at 1-3 % SOC) never; fresh"
                    + " 21301-22800: 22305 (990 ohm, 4.0 mA) never; fresh 22801-24300 (sixth session, on 14d6789a): 24078"
                    + " (749 ohm, 5.2 mA) at 2.88 h against 2.62 h and 24179 (455 ohm, 9.1 mA) at 2.52 h against 2.45 h."
                    + " Re-measured 2026-12-07 with the bleed hold (fix23bb): 6008, 6320, 6962, 7040, 8133, 11300, 15065,"
                    + " 22305, 24078 and 24179 in time (moved to theRestSeedsTheBleedHoldFlagsInTime); late 7988 2.65 h,"
                    + " 9010 2.91, 9570 2.54, 9739 2.96, 11165 2.72, 11393 2.83, 15061 2.70 (was 2.56), 15547 2.88, 16250"
                    + " 2.99 (was never), 17484 2.48; never 7362, 9076, 9738, 11856, 13076, 13902, 14902, 15285, 17512,"
                    + " 18873, 19406 and 20446")
    @Test
    void theFreshRestSeedsFrom6001AreFlaggedInTime() {
        assertThat(judgeAll(
                        false, 7362, 7852, 7988, 9010, 9076, 9570, 9738, 9739, 11122, 11165, 11393, 11856, 11957, 13076,
                        13902, 14225, 14902, 15061, 15285, 15547, 16250, 16853, 17229, 17484, 17512, 18650, 18676,
                        18873, 19406, 20446))
                .isEmpty();
    }

    /**
     * Rest seeds of {@link #theFreshRestSeedsFrom6001AreFlaggedInTime}'s known misses that the bleed hold (fix23bb,
     * 2026-12-07) flags in time: measured before it (the fix reverse-applied) 6008, 6962, 7040, 8133, 11300, 15065,
     * 24078 and 24179 late (2.45, 2.61, 2.45, 2.77, 2.82, 2.58, 2.88 and 2.51 h), 6320 and 22305 never. Each is a
     * shorted cell bled through the rest: held from bleeding, its own loss is measured without its bleed's doubt.
     */
    @Test
    void theRestSeedsTheBleedHoldFlagsInTime() {
        assertThat(judgeAll(false, 6008, 6320, 6962, 7040, 8133, 11300, 15065, 22305, 24078, 24179))
                .isEmpty();
    }

    /**
     * Rest seed 32255 (fix23ba's known miss, fixed by fix23bb): a 478 ohm short (8.5 mA at rest) in cell 3 of a 16 x
     * 2.5 Ah le-ncm811 pack at a 1 s loop, discharged 36 min at 2.36 A from 0.833 to about 0.27 SOC, then resting
     * with 15 of 16 cells bled, the shorted one at 5-10 times its leak. Its bleed was accounted only to the resistor's
     * tolerance and the capacity spread, a doubt as large as the leak, so it was never flagged (at the 2.60 h
     * deadline 7.7 mA against a bleed doubt of 6.44 mA plus 5 x 1.60 mA). A cell whose excess reads a fraction of
     * what its confirmation needs is now held from bleeding while the fit judges it ({@code BleedHold}): flagged at
     * 1.60 h (12.2 mA, standard error 1.04 mA, bleed doubt 5.7 mA), the earliest a 30 min settle and a 30 min fit
     * allow, as with the balancer off.
     */
    @Test
    void aShortInACellBledFiveTimesItsLeakIsFlaggedInTime() {
        AtomicInteger claims = new AtomicInteger();
        assertThat(judge(32255, false, claims)).isEmpty();
        assertThat(claims.get()).as("seed 32255 carries a detection claim").isEqualTo(1);
    }

    /**
     * Rest seed 34326 (found by the lead 2026-12-07 on fresh rest seeds 34301-34400): a 6 x 1.0 Ah psoa-ncm811 pack at
     * 25 °C, 500 ms loop, discharged 40 min at 1.14 A from 0.802 to about 2-6 % SOC, then resting; an 865 ohm short in
     * cell 5 (4.6 mA at rest), deadline 2.67 h. Traced (trace34326; docs/safety.md, "Seed 34326 traced"): the
     * voltage-mode balancer took the leaking cell, the lowest, as its target and bled four healthy cells after it down
     * the OCV's end-of-discharge knee at the leak's own rate, where only their bleed's doubtful accounting told them
     * from the leaking cell: never flagged. The balancer now stays off the knee (fix23bf: no cell is bled while the
     * lowest reads at or below the top of the preset's bottom knee, 3.534 V here; "The balancer stays off the OCV's
     * bottom knee"): the rest begins below it and is not balanced.
     */
    @Test
    void anEightHundredOhmShortAfterAOneHourDischargeIsFlaggedInTime() {
        AtomicInteger claims = new AtomicInteger();
        assertThat(judge(34326, false, claims)).isEmpty();
        assertThat(claims.get()).as("seed 34326 carries a detection claim").isEqualTo(1);
    }

    /**
     * Known miss (2026-12-05, sixth session): seeds that pass with the default balancing settings and fail with the
     * random {@code balancing:} section {@link #randomBalancing} draws for them ({@code -Doracle.randomBalancing=true}).
     * Rests (seeds 1-3000, 519 detection claims, 3 violations): 460 (987 ohm, 4.2 mA; threshold 4 mV, duty 0.44),
     * 1789 (530 ohm, 7.2 mA; 3 mV) and 2745 (1033 ohm, 4.0 mA; 5 mV) never flagged. Cycling (seeds 1-1200, 46 claims):
     * false alarms on healthy packs, 161 (cell 8, 18.6 mA, at 4.84 h; SOC mode with a 4.7 % threshold) and 736 (cell 5,
     * 4.6 mA, at 7.69 h); a wrong cell, 372 (cell 6, 5.1 mA, at 5.04 h, for a 116 ohm short in cell 5, which then
     * goes unflagged; a 15 % duty alone does it); late, 192 (7.94 h), 529 (7.10 h) and 845 (6.83 h) against 6.62 h.
     * With balancing off, cycling seeds 1-400 pass. Traced on 161 and 372 with throw-away prints in the drift cue
     * (docs/safety.md, "Balancing settings the detector was not tested with"): 161's cell 8, the pack's largest
     * (+7.5 %), read a loss of 0.68 %/h at 0.09-0.10 %/h standard error from 4.3 h under its settings, and
     * 0.79-0.95 %/h at 0.17-0.30 (under five standard errors) under the defaults; 372's cell 6 (-2.8 %) read
     * 0.28-0.34 %/h at 0.04-0.11 %/h from 3.7 h with 22-30 mAh of bleed, and about 0 under the defaults, where it bled
     * 156 mAh. The capacity mismatch the fit's charge term should take reads as a drift; the defaults' bleed hides
     * it on these seeds, which is luck, not a mechanism. The relative error of the flagged cells follows the current:
     * met (2026-12-05, seventh session) by the drift fit's lag term, {@link #theCyclingSeedsRandomBalancingFailedAreJudgedRight}.
     * With it, fresh cycling seeds 1201-2400 under their random settings (55 claims) gave 1708, a false alarm on a
     * healthy pack, and 1380 and 1520 late (before it: 2383 a false alarm, 1380, 1584 and 1888 late); they are held
     * here.
     */
    @Disabled(
            "known miss, re-measured 2026-12-07 on main after fix23bf: 3 cycling shorts left (153 ohm never; 121 ohm at 6.62 h; 134 ohm at 7.10 h, deadline 6.62 h); earlier: "
                    + "known miss, measured 2026-12-05 with -Doracle.randomBalancing=true: rests 460, 1789, 2745 never"
                    + " flagged; cycling 192 never flagged (7.94 h before the drift fit's lag term) against 6.62 h; fresh"
                    + " cycling seeds 1201-2400 with the lag term: 1708 a false alarm (cell 3 at 5.25 h), 1380 and 1520"
                    + " flagged at 7.22 and 7.10 h")
    @Test
    void theSeedsRandomBalancingSettingsFailAreJudgedRight() {
        List<String> violations = new java.util.ArrayList<>(judgeWithRandomBalancing(false, 460, 1789, 2745));
        violations.addAll(judgeWithRandomBalancing(true, 192, 1380, 1520, 1708));
        assertThat(violations).isEmpty();
    }

    /**
     * The cycling seeds of {@link #theSeedsRandomBalancingSettingsFailAreJudgedRight} that the drift fit's lag term
     * met (2026-12-05, seventh session): false alarms 161 and 736, the wrong cell 372, late 529 and 845, and the
     * default settings' late-drift seeds 555, 669, 990 and 1161 under their random settings.
     */
    @Test
    void theCyclingSeedsRandomBalancingFailedAreJudgedRight() {
        assertThat(judgeWithRandomBalancing(true, 161, 372, 529, 555, 669, 736, 845, 990, 1161))
                .isEmpty();
    }

    /**
     * Rest seed 20446 (held above: a pack resting at 1-3 % SOC, three of four cells bled into the OCV's last 1 %, the
     * short never flagged) with the balancer's floor raised to 3.5 V ({@code balancing.minCellVolts}, the lowest cell
     * rests at 3.39 V and falls): nothing is bled near empty, every cell is in the median, and the short is flagged in
     * time on its cell. The same scenario with the default floor is {@link #theFreshRestSeedsFrom6001AreFlaggedInTime}'s
     * miss; this is what a user who does not balance a pack near empty gets, not a fix of the detector.
     */
    @Test
    void aBalancerFloorAboveANearEmptyRestLetsItsShortBeFound() {
        AtomicInteger claims = new AtomicInteger();
        String yaml = scenario(20446, false).yaml() + "balancing: {minCellVolts: 3.5}\n";
        assertThat(judge(yaml, "rest seed 20446 with a balancing floor", false, claims))
                .isEmpty();
        assertThat(claims.get()).as("the scenario carries a detection claim").isEqualTo(1);
    }

    /**
     * Rest seed 15799 (rest seeds 15001-16500, fresh, 2026-12-05; the same on the last stop's code 5a32d1e): a
     * psoa-lfp 8 x 1.5 Ah pack at a 1 s loop, started from the plateau at 0.891 SOC (the filter placed it at 0.53,
     * 3-sigma 87 %), discharged 40 min at 1.71 A to about 13 % SOC, the bottom knee, then at rest with a 201 ohm
     * short (about 16 mA) in cell 2. The voltage-mode balancer bled the cells above the lowest; cell 8 bled 14.5 mAh
     * (string mean 6.7 mAh). At 2.07 h {@code SOFT_SHORT.MOL} and {@code .RSL} named cell 8: "leak about 3.3 mA
     * above the string median (threshold 3.0 mA ... standard error 0.56 mA, bleed doubt 0.4 mA: it bled too much
     * to be in the median)". Traced: the rest fit located cell 8 on its OCV from its first reading, 3.4154 V, 2.3 mV
     * above the 3.413 V it then read with its bleed off (the sensor's noise): 0.1504 SOC for a true 0.1366, where
     * the knee's slope is 0.11 V per unit SOC against 0.31, so its bleed's OCV fall was added back a third too small
     * and the rest of the fall read as a leak. Fixed: a cell is located from the mean of its readings over the fit's
     * first sample interval, and the range about it counts that mean's standard error. Cell 2, the shorted one,
     * rests where the OCV is flatter than the cue can read (its voltage 5 mV under its OCV by the leak's own
     * overpotential) and the oracle claims nothing for it.
     */
    @Test
    void aBledCellOnAnLfpKneeIsNotFlaggedInsteadOfTheShortedOne() {
        assertThat(judge(15799, false)).isEmpty();
    }

    /**
     * Rest seed 2446 (sweep37, rest seeds 2001-3000): a 2406 ohm short in cell 6 of a 7 x 2 Ah le-lfp pack at a
     * 1 s loop raised {@code SOFT_SHORT.MSL} on cell 1 at 1.72 h (5.7 mA, a wrong cell). Not traced; it passes since
     * the median's own range joined the bound (the fix made for seed 1201, below, not chosen on this seed).
     */
    @Test
    void anLfpRestShortSweep37FoundIsNotFlaggedOnAnotherCell() {
        assertThat(judge(2446, false)).isEmpty();
    }

    /**
     * Rest seed 1201 (sweep37, rest seeds 1001-1300, no earlier run used them; the only violations there): a
     * healthy 8 x 2 Ah le-lfp pack at a 1 s loop resting at 10-14 % SOC (the LFP knee) while the balancer bleeds
     * every cell but cell 6 (the smallest, 1.925 Ah, lowest). With fewer than three cells unbled the bled cells are
     * the rest fit's median (their bleed accounted for), and on the knee they read low (cell 1, 17.6 mA mean bleed,
     * -6.4 mA; cell 4, 33.9 mA, -41.4 mA; inside their own bounds). At 2.02 h cell 4's OCV slope made it measurable
     * and it joined the median: eight cells, so the median went from cell 3's -0.5 mA to the mean of cells 1 and 3,
     * -3.45 mA, and every unbled cell stood about 3 mA higher at once. Cell 6 read 3.5 mA above it (standard error
     * 0.53 mA, bleed doubt 0.6 mA: the median of the cells' doubts, not the doubt of the median) and raised {@code
     * SOFT_SHORT.RSL}. The bound now carries the median's own range (the medians of the losses moved down and up by
     * each cell's doubt), which is cell 1's doubt where cell 1 makes the median.
     */
    @Test
    void aHealthyLfpRestWhoseMedianIsTheBledCellsRaisesNoFalseAlarm() {
        assertThat(judge(1201, false)).isEmpty();
    }

    /**
     * Seeds 66 and 89, cycling: the short flagged on its own cell and no neighbour tripped, since the drift cue reads
     * the detector's own leak-following SOC filter (docs/safety.md, "A leak-following SOC filter for the drift cue").
     */
    @Test
    void theCyclingSeedsCheck23eFoundFlagTheShortedCell() {
        List<String> violations = new java.util.ArrayList<>(judge(66, true));
        violations.addAll(judge(89, true));
        assertThat(violations).isEmpty();
    }

    @Test
    void balancingDuringRestsRaisesNoFalseAlarmAndFindsTheShortsItClaims() {
        assertThat(run(false, Integer.getInteger("oracle.softShortSeeds", 16))).isEmpty();
    }

    /**
     * Every chemistry: on LFP the SOC filter is tens of % off on the plateau and corrects a cell at a
     * knee; the drift cue samples only while the filter's bounds say its estimates can be trusted
     * (seed 9, a healthy psoa-lfp pack, tripped SOFT_SHORT.MSL on cell 3 at 4.87 h before). At least 30
     * seeds (more when {@code -Doracle.softShortSeeds} asks for more, as the nightly profile does): the first
     * cycling seed with a detection claim is 17, so the build's 16 would prove little.
     */
    @Test
    void softShortsDuringCyclingAreFlaggedOnTheRightCellAndNoHealthyCellIs() {
        int seeds = Math.max(30, Integer.getInteger("oracle.softShortSeeds", 16));
        assertThat(run(true, Integer.getInteger("oracle.softShortCyclingSeeds", seeds), seed -> true))
                .isEmpty();
    }

    /**
     * The cycling interaction on the sloped-OCV (NCM) packs among the first 30 seeds (11 packs, one with
     * a detection claim): no false alarm, no wrong cell, the claimed short flagged in time. The LFP
     * packs are judged with the others in the test above.
     */
    @Test
    void softShortsDuringCyclingOnNcmAreFlaggedOnTheRightCellAndNoHealthyCellIs() {
        assertThat(run(
                        true,
                        Integer.getInteger("oracle.softShortCyclingSeeds", 30),
                        seed -> !scenario(seed, true).yaml().contains("lfp")))
                .isEmpty();
    }

    /** Runs {@code seeds} seeds; with 16 or more, at least one must carry a detection claim (else the test proves little). */
    private static List<String> run(boolean cycling, int seeds) {
        return run(cycling, seeds, seed -> true);
    }

    /** As {@link #run(boolean, int)}, only the seeds {@code take} accepts (the claim check counts those). */
    private static List<String> run(boolean cycling, int seeds, java.util.function.LongPredicate take) {
        long first = Long.getLong("oracle.softShortFirstSeed", 1);
        ConcurrentLinkedQueue<String> violations = new ConcurrentLinkedQueue<>();
        AtomicInteger runs = new AtomicInteger();
        AtomicInteger claims = new AtomicInteger();
        long start = System.nanoTime();
        LongStream.range(first, first + seeds).filter(take).parallel().forEach(seed -> {
            violations.addAll(judge(seed, cycling, claims));
            runs.incrementAndGet();
        });
        System.out.printf(
                "soft-short oracle (%s): %d seeds from %d (%d with a detection claim) in %.1f s, %d violations%n",
                cycling ? "cycling" : "rests",
                runs.get(),
                first,
                claims.get(),
                (System.nanoTime() - start) / 1e9,
                violations.stream().filter(v -> !v.contains("scenario:")).count());
        violations.stream()
                .filter(v -> !v.contains("scenario:"))
                .forEach(v -> System.out.println("  " + v.substring(0, Math.min(v.length(), 260))));
        if (seeds >= 16) {
            assertThat(claims.get()).as("runs with a detection claim").isPositive();
        }
        return new ArrayList<>(violations);
    }
}
