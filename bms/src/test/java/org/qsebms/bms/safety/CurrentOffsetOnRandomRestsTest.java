package org.qsebms.bms.safety;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.qsebms.bms.offline.scenario.Scenario;
import org.qsebms.bms.offline.scenario.ScenarioLoader;
import org.qsebms.bms.offline.scenario.ScenarioRunner;

/**
 * Issue 23, fix23av: the soft-short oracle's random rests (a discharge of 0.3-1.2 C for 10-40 min, then 2.5 h closed
 * with the balancer on, every chemistry preset, some with a soft short) are the relaxation test of the cells' check of
 * a small steady reading's counted charge: no healthy current reading may raise CURRENT_OFFSET_IMPLAUSIBLE (none of
 * these scenarios touches the current sensor). The soft-short oracle's judge reads only SOFT_SHORT lines, so this
 * test reads the check's own. Seeds: {@code -Doracle.softShortFirstSeed} (1), {@code -Doracle.currentOffsetRestSeeds}
 * (8 by default).
 */
class CurrentOffsetOnRandomRestsTest {
    /**
     * The 12 rests (seeds 32001-32300 at -15..5 °C) that raised a false 212 before the model's own relaxation over
     * the window joined the margin (currentOffsetModelDoubt): cells moving 5-6 mV in 30 min with the reading at 0,
     * 1.0-1.2 times a 5 mV margin. Measured on the seeds it was made on; the largest left is 0.996 (seed 32076).
     */
    @Test
    void theColdRestsThatRaisedAFalseOffsetRaiseNone() {
        assertThat(sweep(
                        LongStream.of(
                                32028, 32065, 32076, 32087, 32093, 32095, 32100, 32163, 32172, 32212, 32267, 32294),
                        new SoftShortAmbientRange(-15, 5)))
                .isEmpty();
    }

    /**
     * The 2 fresh cold rests (the lead's run, seeds 32601-32900 at -15..5 °C) that raised a false 212 after the model's
     * relaxation doubt: 32734 at 1.038 of its margin, 32642 at 1.003, the reading 0 +- 14 mA while every cell moved
     * 5-6 mV in 30 min (fix23az: the check now judges one way, at most the counted move; these are now seen seeds).
     */
    @Test
    void theFreshColdRestsThatRaisedAFalseOffsetAfterTheDoubtRaiseNone() {
        assertThat(sweep(LongStream.of(32734, 32642), new SoftShortAmbientRange(-15, 5)))
                .isEmpty();
    }

    @Test
    void randomRestsWithACorrectReadingRaiseNoCurrentOffset() {
        long first = Long.getLong("oracle.softShortFirstSeed", 1);
        int seeds = Integer.getInteger("oracle.currentOffsetRestSeeds", 8);
        String list = System.getProperty("oracle.currentOffsetRestSeedList", "");
        LongStream chosen = list.isBlank()
                ? LongStream.range(first, first + seeds)
                : java.util.Arrays.stream(list.split(",")).mapToLong(Long::parseLong);
        assertThat(sweep(chosen, SoftShortAmbientRange.fromProperty())).isEmpty();
    }

    private static List<String> sweep(LongStream chosen, SoftShortAmbientRange ambient) {
        ConcurrentLinkedQueue<String> raised = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<String> peaks = new ConcurrentLinkedQueue<>();
        AtomicInteger judged = new AtomicInteger();
        AtomicInteger runs = new AtomicInteger();
        chosen.parallel().forEach(seed -> {
            RandomSoftShortOracleTest.Generated g = RandomSoftShortOracleTest.scenario(seed, false, ambient);
            Scenario sc = new ScenarioLoader().parse(g.yaml(), Path.of("."), "rest " + seed);
            ScenarioRunner.Result r = new ScenarioRunner().run(sc, s -> {
                if (s.contains("CURRENT_OFFSET_IMPLAUSIBLE") && s.contains("\"raised\"")) {
                    raised.add("seed " + seed + ": " + s + "\n" + g.yaml());
                }
            });
            runs.incrementAndGet();
            double peak = r.currentOffsetPeakRatio();
            if (Double.isFinite(peak)) {
                judged.incrementAndGet();
                peaks.add(String.format(java.util.Locale.ROOT, "%.3f seed %d", peak, seed));
            }
        });
        List<String> top = peaks.stream()
                .sorted(java.util.Comparator.comparingDouble(
                                (String p) -> Double.parseDouble(p.substring(0, p.indexOf(' '))))
                        .reversed())
                .limit(5)
                .toList();
        System.out.printf(
                "current offset on random rests: %d seeds, %d judged, %d raised 212; largest: %s%n",
                runs.get(), judged.get(), raised.size(), top);
        raised.forEach(System.out::println);
        return List.copyOf(raised);
    }
}
