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
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.qsebms.bms.offline.scenario.Scenario;
import org.qsebms.bms.offline.scenario.ScenarioLoader;
import org.qsebms.bms.offline.scenario.ScenarioRunner;

/**
 * The independent random-scenario oracle: random packs (chemistry, cells, capacity), loop periods,
 * loads (following or ignoring the published limits), starting SOC (down to nearly empty, so some
 * runs discharge through empty), and random fault sequences in every supervisor state (from the
 * first tick on: INIT, PRECHARGE, NORMAL, OPENING, FAULT, STANDBY), with resets, opens and closes
 * at any moment and the balancer acting during rests, each written as a scenario file and run
 * through `bms simulate`'s loader and runner on the real controller. {@link ScenarioOracle}
 * judges each run from docs/faults.md and the simulated pack's truth. The build runs
 * {@code -Doracle.seeds} seeds (500 by default; the nightly profile runs more).
 */
class RandomScenarioOracleTest {
    private static final String[] CHEMISTRIES = {
        "psoa-ncm811", "psoa-lfp", "ptpa-ncm811", "ptpa-lfp", "le-ncm811", "le-lfp"
    };
    private static final int[] PERIODS_MS = {100, 150, 200, 250};
    private static final String[] SENSOR_FAULTS = {
        "cellSensorStuck",
        "cellSensorOpen",
        "cellSensorBusError",
        "cellSensorOutOfRange",
        "temperatureSensorOpen",
        "thermistorShort",
        "thermistorOpen",
        "temperatureSensorBusError",
        "temperatureSensorOutOfRange",
        "currentSensorBusError",
        "currentSensorStuck",
        "currentSensorOutOfRange",
        "packVoltageSensorBusError"
    };
    private static final ObjectMapper JSON = new ObjectMapper();

    static String scenario(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int cells = 2 + r.nextInt(11);
        double capacity = 1 + r.nextInt(9) * 0.5;
        int period = PERIODS_MS[r.nextInt(PERIODS_MS.length)];
        double durationS = 20 + r.nextInt(41);
        boolean nearlyEmpty = r.nextInt(6) == 0;
        double soc = nearlyEmpty ? 0.01 + r.nextDouble(0.03) : 0.1 + r.nextDouble(0.85);
        double ambient = r.nextInt(5) == 0 ? -10 + r.nextDouble(15) : 10 + r.nextDouble(25);
        StringBuilder b = new StringBuilder();
        b.append("name: oracle seed ").append(seed).append('\n');
        b.append(String.format(
                Locale.ROOT,
                "pack: {chemistry: %s, seriesCells: %d, capacityAh: %.1f}%n",
                CHEMISTRIES[r.nextInt(CHEMISTRIES.length)],
                cells,
                capacity));
        b.append("loop: {period: ").append(period).append("ms}\n");
        b.append(String.format(
                Locale.ROOT,
                "initial: {soc: %.3f, ambientCelsius: %.1f, close: %b}%n",
                soc,
                ambient,
                r.nextInt(8) != 0));
        String obeys = r.nextBoolean() ? "true" : "false";
        double c = capacity;
        switch (nearlyEmpty ? 1 : r.nextInt(4)) {
            case 0 -> b.append("load: {type: idle}\n");
            case 1 ->
                b.append(String.format(
                        Locale.ROOT,
                        "load: {type: constant, amps: %.2f, obeysLimits: %s}%n",
                        -c * (0.2 + r.nextDouble(1.0)),
                        nearlyEmpty ? "false" : obeys));
            case 2 ->
                b.append(String.format(
                        Locale.ROOT,
                        "load: {type: constant, amps: %.2f, obeysLimits: %s}%n",
                        c * (0.1 + r.nextDouble(0.6)),
                        obeys));
            default ->
                b.append(String.format(
                        Locale.ROOT,
                        "load: {type: pulses, highAmps: %.2f, high: %ds, lowAmps: %.2f, low: %ds, obeysLimits: %s}%n",
                        -c * (0.5 + r.nextDouble(2.0)),
                        2 + r.nextInt(5),
                        c * 0.3 * r.nextDouble(),
                        2 + r.nextInt(5),
                        obeys));
        }
        List<String> faults = new ArrayList<>();
        java.util.Set<String> kinds = new java.util.HashSet<>();
        int n = r.nextInt(4);
        for (int i = 0; i < n; i++) {
            double at = r.nextInt(4) == 0 ? r.nextDouble(3) : r.nextDouble(durationS - 2);
            String forS = r.nextBoolean() ? String.format(Locale.ROOT, ", for: %dms", 200 + r.nextInt(15000)) : "";
            int cell = 1 + r.nextInt(cells);
            String f = switch (r.nextInt(11)) {
                case 0, 1 -> {
                    String t = SENSOR_FAULTS[r.nextInt(SENSOR_FAULTS.length)];
                    String key = t.startsWith("cell")
                            ? ", cell: " + cell
                            : t.startsWith("temp") || t.startsWith("therm") ? ", channel: " + cell : "";
                    yield "type: " + t + key + forS;
                }
                case 2 ->
                    String.format(
                            Locale.ROOT,
                            "type: cellOverVoltage, cell: %d, volts: %.2f%s",
                            cell,
                            r.nextDouble(-1.2, 0.8),
                            forS);
                case 3 ->
                    String.format(
                            Locale.ROOT,
                            "type: forceCurrent, amps: %.1f%s",
                            (r.nextBoolean() ? -1 : 1) * c * r.nextDouble(0.5, r.nextInt(4) == 0 ? 12 : 4),
                            forS);
                case 4 ->
                    String.format(
                            Locale.ROOT, "type: cellTemperature, cell: %d, celsius: %.1f", cell, r.nextDouble(-30, 90));
                case 5 ->
                    "type: contactorWeld, contactor: "
                            + new String[] {"MAIN_POSITIVE", "MAIN_NEGATIVE", "PRECHARGE"}[r.nextInt(3)] + forS;
                case 6 ->
                    "type: contactorFailsToClose, contactor: "
                            + new String[] {"MAIN_POSITIVE", "MAIN_NEGATIVE", "PRECHARGE"}[r.nextInt(3)] + forS;
                case 7 -> "type: prechargeFailure" + forS;
                case 8 ->
                    String.format(Locale.ROOT, "type: loopOverrun, tick: %dms%s", period + 20 + r.nextInt(200), forS);
                case 9 -> "type: tickException" + forS;
                default ->
                    String.format(Locale.ROOT, "type: packVoltageOffset, volts: %.2f%s", r.nextDouble(-2, 2), forS);
            };
            // one injection per kind: two of a kind on one target would end each other (the file format's rule)
            if (kinds.add(f.replaceAll("type: (\\w+).*", "$1"))) {
                faults.add(String.format(Locale.ROOT, "  - {at: %dms, %s}", (long) (at * 1000), f));
            }
        }
        if (!faults.isEmpty()) {
            b.append("faults:\n");
            faults.forEach(f -> b.append(f).append('\n'));
        }
        int m = r.nextInt(5);
        if (m > 0) {
            b.append("commands:\n");
            for (int i = 0; i < m; i++) {
                String cmd = new String[] {"reset", "reset", "reset", "close", "open", "serviceReset"}[r.nextInt(6)];
                b.append(String.format(
                        Locale.ROOT, "  - {at: %dms, type: %s}%n", (long) (r.nextDouble(durationS) * 1000), cmd));
            }
        }
        b.append("duration: ")
                .append((long) durationS)
                .append("s\nseed: ")
                .append(seed)
                .append('\n');
        return b.toString();
    }

    /** Runs one seed; returns its violations (empty when the oracle finds nothing). */
    static List<String> judge(long seed) {
        String yaml = scenario(seed);
        Scenario sc = new ScenarioLoader().parse(yaml, Path.of("."), "oracle seed " + seed);
        ScenarioOracle oracle = new ScenarioOracle(sc);
        List<JsonNode> lines = new ArrayList<>();
        new ScenarioRunner()
                .run(
                        sc,
                        s -> {
                            try {
                                lines.add(JSON.readTree(s));
                            } catch (Exception e) {
                                throw new AssertionError(e);
                            }
                        },
                        oracle::afterTick);
        oracle.judge(lines);
        List<String> out = new ArrayList<>();
        for (String v : oracle.violations()) {
            out.add("seed " + seed + ": " + v);
        }
        if (!out.isEmpty()) {
            out.add("seed " + seed + " scenario:\n" + yaml);
        }
        return out;
    }

    @Test
    void theOracleFindsNothingOverItsSeeds() {
        int seeds = Integer.getInteger("oracle.seeds", 500);
        long first = Long.getLong("oracle.firstSeed", 1);
        ConcurrentLinkedQueue<String> violations = new ConcurrentLinkedQueue<>();
        AtomicInteger runs = new AtomicInteger();
        long start = System.nanoTime();
        IntStream.range(0, seeds).parallel().forEach(i -> {
            violations.addAll(judge(first + i));
            runs.incrementAndGet();
        });
        System.out.printf(
                "random-scenario oracle: %d seeds from %d in %.1f s, %d violations%n",
                runs.get(),
                first,
                (System.nanoTime() - start) / 1e9,
                violations.stream().filter(v -> !v.contains("scenario:")).count());
        assertThat(violations).isEmpty();
    }
}
