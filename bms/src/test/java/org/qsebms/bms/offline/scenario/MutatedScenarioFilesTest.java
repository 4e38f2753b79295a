package org.qsebms.bms.offline.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.qsebms.config.ConfigException;

/**
 * Malformed scenario files, made by mutating every scenario the tests use (fixed seeds; {@code
 * -Dscenario.mutants=N} per file, 300 by default): a value replaced by one of the wrong kind or out
 * of range, a line dropped, repeated, re-indented or cut, a key renamed to another of the file's.
 * Each must either load or be refused with a {@link ConfigException}, never another exception,
 * which would reach the user of {@code bms simulate} as a stack trace.
 */
class MutatedScenarioFilesTest {
    private static final int MUTANTS = Integer.getInteger("scenario.mutants", 300);
    private static final Path DIR = Path.of("src/test/resources/scenarios");
    /** One mutant in this many that loads is also run. */
    private static final int RUN_EVERY = Integer.getInteger("scenario.runEvery", 1);

    private static final String[] WRONG_VALUES = {
        "",
        "-1",
        "0",
        "-0.0",
        "1e308",
        "-1e308",
        ".nan",
        "NaN",
        ".inf",
        "-.inf",
        "abc",
        "[1, 2]",
        "{a: 1}",
        "null",
        "~",
        "true",
        "99999999999999999999",
        "2147483648",
        "-2147483649",
        "0x10",
        "'4.2'",
        "4.2 V",
        "100 ms",
        "-100ms",
        "0ms",
        "1000000h",
        "9999999999999ms",
        "PT1S",
        "\uD83D\uDCA5",
        "*anchor",
        "- a",
        "1e-9",
        "0.5ms"
    };

    static Stream<Path> files() throws IOException {
        List<Path> out = new ArrayList<>();
        try (Stream<Path> s = Files.walk(DIR)) {
            s.filter(p -> p.toString().endsWith(".yaml")).sorted().forEach(out::add);
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void everyMutantLoadsOrIsRefusedWithAClearError(Path file) throws IOException {
        String text = Files.readString(file);
        ScenarioLoader loader = new ScenarioLoader();
        SplittableRandom rnd =
                new SplittableRandom(file.getFileName().toString().hashCode());
        List<String> crashes = new ArrayList<>();
        int refused = 0;
        int ran = 0;
        for (int k = 0; k < MUTANTS; k++) {
            String mutant = mutate(text, rnd);
            Scenario sc;
            try {
                sc = loader.parse(mutant, file.getParent(), file.getFileName().toString());
            } catch (ConfigException e) {
                refused++;
                if (e.getMessage() == null || e.getMessage().isBlank()) {
                    crashes.add("blank message for mutant " + k + ":\n" + mutant);
                }
                continue;
            } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
                crashes.add(e + " at " + (e.getStackTrace().length > 0 ? e.getStackTrace()[0] : "?") + " for mutant "
                        + k + ":\n" + mutant);
                continue;
            }
            if (k % RUN_EVERY != 0) {
                continue;
            }
            // a mutant that loads runs too (its first 20 s): a value the loader let through must not crash the run
            Scenario first = new Scenario(
                    sc.name(),
                    sc.config(),
                    sc.initialSoc(),
                    sc.ambient(),
                    sc.load(),
                    sc.closeAtStart(),
                    Math.min(sc.durationS(), 20),
                    sc.seed(),
                    sc.actions(),
                    sc.limitsEveryS());
            try {
                new ScenarioRunner().run(first, line -> {});
                ran++;
            } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
                crashes.add("run: " + e + " at " + (e.getStackTrace().length > 0 ? e.getStackTrace()[0] : "?")
                        + " for mutant " + k + ":\n" + mutant);
            }
        }
        System.out.printf(
                "%s: %d mutants, %d refused, %d run, %d crashes%n", file, MUTANTS, refused, ran, crashes.size());
        assertThat(crashes).as("mutants that crashed the scenario loader").isEmpty();
        assertThat(refused).as("mutants refused").isGreaterThan(MUTANTS / 10);
    }

    static String mutate(String text, SplittableRandom rnd) {
        List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
        int edits = 1 + rnd.nextInt(3);
        for (int e = 0; e < edits && !lines.isEmpty(); e++) {
            int i = rnd.nextInt(lines.size());
            String line = lines.get(i);
            switch (rnd.nextInt(8)) {
                case 0, 1, 2 -> { // a value of the wrong kind or out of range (inline mappings too)
                    int colon = line.lastIndexOf(": ");
                    if (colon > 0) {
                        String rest = line.substring(colon + 2);
                        int end = rest.indexOf(',') >= 0 ? rest.indexOf(',') : rest.indexOf('}');
                        String tail = end >= 0 ? rest.substring(end) : "";
                        lines.set(
                                i,
                                line.substring(0, colon + 2) + WRONG_VALUES[rnd.nextInt(WRONG_VALUES.length)] + tail);
                    }
                }
                case 3 -> lines.remove(i);
                case 4 -> lines.add(i, line);
                case 5 -> lines.set(i, (rnd.nextBoolean() ? "  " : "") + line.strip());
                case 6 -> lines.set(i, line.substring(0, rnd.nextInt(line.length() + 1)));
                default -> { // a key renamed to another of the file's
                    int colon = line.indexOf(':');
                    if (colon > 0) {
                        String other = lines.get(rnd.nextInt(lines.size()));
                        int oc = other.indexOf(':');
                        String key = oc > 0 ? other.substring(0, oc).strip().replace("- {", "") : "x";
                        lines.set(i, line.substring(0, colon).replaceAll("[A-Za-z]+$", key) + line.substring(colon));
                    }
                }
            }
        }
        return String.join("\n", lines);
    }
}
