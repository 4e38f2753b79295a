package org.qsebms.config;

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

/**
 * Malformed configuration files, made by mutating the shipped examples and the built-in configuration
 * (fixed seeds; {@code -Dconfig.mutants=N} per file, 2000 by default): a value replaced by one of the wrong kind or out of range, a line dropped,
 * repeated or re-indented, the file cut short, bytes that are not text. Each must either load (a
 * mutant that is still a valid file) or be refused with a {@link ConfigException} that says where
 * (a key path, a line, or the file when it is empty) and what; never another exception, which
 * would reach the user as a stack trace.
 */
class MutatedConfigFilesTest {
    private static final int MUTANTS = Integer.getInteger("config.mutants", 2000);

    private static final String[] WRONG_VALUES = {
        "",
        "-1",
        "0",
        "-0.0",
        "1e308",
        "-1e308",
        "1e-320",
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
        "0x10",
        "1_000",
        "'4.2'",
        "\"\"",
        "2.0.0",
        "1,5",
        "4.2 V",
        "100 ms",
        "-100ms",
        "0ms",
        "1000000h",
        "PT1S",
        "\u00e9t\u00e9",
        "\uD83D\uDCA5",
        "*anchor",
        "&a x",
        "!!binary AAAA",
        "|",
        ">",
        "- a",
        "2147483648",
        "-2147483649",
        "9.9e9",
        "1e-9"
    };

    static Stream<Path> files() throws IOException {
        List<Path> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(Path.of("examples"))) {
            s.filter(p -> p.toString().endsWith(".yaml")).sorted().forEach(out::add);
        }
        out.add(Path.of("src/main/resources/default-simulated.yaml"));
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void everyMutantLoadsOrIsRefusedWithAClearError(Path file) throws IOException {
        String text = Files.readString(file);
        ConfigLoader loader = new ConfigLoader();
        SplittableRandom rnd =
                new SplittableRandom(file.getFileName().toString().hashCode());
        List<String> crashes = new ArrayList<>();
        int refused = 0;
        java.util.Map<String, Double> original =
                numbers(loader.parse(text, file.getFileName().toString()));
        for (int k = 0; k < MUTANTS; k++) {
            String mutant = mutate(text, rnd);
            try {
                java.util.Map<String, Double> loaded =
                        numbers(loader.parse(mutant, file.getFileName().toString()));
                loaded.forEach((where, v) -> {
                    Double was = original.get(where);
                    boolean slipped = was != null && (Double.isFinite(was) && !Double.isFinite(v) || was >= 0 && v < 0);
                    if (slipped) {
                        crashes.add(where + " = " + v + " (was " + was + ") loaded from a mutant:\n" + mutant);
                    }
                });
            } catch (ConfigException e) {
                refused++;
                boolean where = !e.keyPath().isEmpty()
                        || e.getMessage().contains("line")
                        || e.getMessage().startsWith(file.getFileName() + " ");
                if (e.getMessage() == null || e.getMessage().isBlank() || !where) {
                    crashes.add("no place in \"" + e.getMessage() + "\" for mutant " + k + ":\n" + mutant);
                }
            } catch (RuntimeException | StackOverflowError e) {
                crashes.add(e + " for mutant " + k + ":\n" + mutant);
            }
        }
        System.out.printf(
                "%s: %d mutants, %d refused, %d crashes, %d numbers checked in each that loaded%n",
                file, MUTANTS, refused, crashes.size(), original.size());
        assertThat(original)
                .as("numbers found in the shipped file's configuration")
                .hasSizeGreaterThan(50);
        assertThat(crashes).as("mutants that crashed the loader").isEmpty();
        assertThat(refused).as("mutants refused").isGreaterThan(MUTANTS / 4);
    }

    static Stream<String> presets() {
        return Stream.of("le-lfp", "le-ncm811", "psoa-lfp", "psoa-ncm811", "ptpa-lfp", "ptpa-ncm811");
    }

    /**
     * A preset file a user wrote (or {@code bms characterize} wrote and a user edited), mutated the same way
     * from each shipped preset and loaded by path, as {@code pack.chemistry: path/to/preset.yaml} does.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("presets")
    void everyMutatedPresetLoadsOrIsRefusedWithAClearError(String name, @org.junit.jupiter.api.io.TempDir Path dir)
            throws IOException {
        String text = Files.readString(Path.of("src/main/resources/presets", name + ".yaml"));
        Path file = dir.resolve(name + "-edited.yaml");
        PresetCatalog catalog = new PresetCatalog();
        SplittableRandom rnd = new SplittableRandom(name.hashCode());
        List<String> crashes = new ArrayList<>();
        int refused = 0;
        int mutants = MUTANTS / 4;
        Files.writeString(file, text);
        java.util.Map<String, Double> original = numbers(catalog.load(file.toString()));
        for (int k = 0; k < mutants; k++) {
            String mutant = mutate(text, rnd);
            Files.writeString(file, mutant);
            try {
                numbers(catalog.load(file.toString())).forEach((where, v) -> {
                    Double was = original.get(where);
                    // an N/P ratio given as null is documented as not known (NaN: no lithium inventory estimate)
                    boolean unknownNp = where.equals(".life.npRatio") && Double.isNaN(v);
                    if (was != null
                            && !unknownNp
                            && (Double.isFinite(was) && !Double.isFinite(v) || was >= 0 && v < 0)) {
                        crashes.add(where + " = " + v + " (was " + was + ") loaded from a mutant:\n" + mutant);
                    }
                });
            } catch (ConfigException e) {
                refused++;
                if (e.getMessage() == null || e.getMessage().isBlank()) {
                    crashes.add("blank message for mutant " + k + ":\n" + mutant);
                }
            } catch (RuntimeException | StackOverflowError e) {
                crashes.add(e + " for mutant " + k + ":\n" + mutant);
            }
        }
        System.out.printf(
                "preset %s: %d mutants, %d refused, %d crashes, %d numbers checked in each that loaded%n",
                name, mutants, refused, crashes.size(), original.size());
        assertThat(original).as("numbers found in the shipped preset").hasSizeGreaterThan(20);
        assertThat(crashes).as("mutants that crashed the preset loader").isEmpty();
        assertThat(refused).as("mutants refused").isGreaterThan(mutants / 4);
    }

    /**
     * Every number in a loaded configuration (doubles, ints, longs, durations in seconds), by its path through
     * the records, lists and maps: a value that is finite and not negative in the shipped file must not load as
     * NaN, an infinity or a negative number from a mutant (a value that slipped past validation).
     */
    static java.util.Map<String, Double> numbers(Object root) {
        java.util.Map<String, Double> out = new java.util.TreeMap<>();
        walk(root, "", out, 0);
        return out;
    }

    private static void walk(Object o, String path, java.util.Map<String, Double> out, int depth) {
        if (o == null || depth > 12) {
            return;
        }
        switch (o) {
            case Double d -> out.put(path, d);
            case Float f -> out.put(path, f.doubleValue());
            case Integer i -> out.put(path, i.doubleValue());
            case Long l -> out.put(path, l.doubleValue());
            case java.time.Duration d -> out.put(path, d.toNanos() / 1e9);
            case double[] a -> {
                for (int i = 0; i < a.length; i++) {
                    out.put(path + "[" + i + "]", a[i]);
                }
            }
            case java.util.List<?> l -> {
                for (int i = 0; i < l.size(); i++) {
                    walk(l.get(i), path + "[" + i + "]", out, depth + 1);
                }
            }
            case java.util.Map<?, ?> m -> m.forEach((k, v) -> walk(v, path + "." + k, out, depth + 1));
            case Record r -> {
                for (var c : r.getClass().getRecordComponents()) {
                    try {
                        c.getAccessor().setAccessible(true);
                        walk(c.getAccessor().invoke(r), path + "." + c.getName(), out, depth + 1);
                    } catch (ReflectiveOperationException e) {
                        throw new AssertionError(e);
                    }
                }
            }
            default -> {}
        }
    }

    static String mutate(String text, SplittableRandom rnd) {
        List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
        int edits = 1 + rnd.nextInt(3);
        for (int e = 0; e < edits && !lines.isEmpty(); e++) {
            int i = rnd.nextInt(lines.size());
            String line = lines.get(i);
            switch (rnd.nextInt(8)) {
                case 0, 1, 2 -> { // a value of the wrong kind or out of range
                    int colon = line.indexOf(": ");
                    if (colon > 0) {
                        lines.set(i, line.substring(0, colon + 2) + WRONG_VALUES[rnd.nextInt(WRONG_VALUES.length)]);
                    }
                }
                case 3 -> lines.remove(i);
                case 4 -> lines.add(i, line);
                case 5 -> lines.set(i, (rnd.nextBoolean() ? "  " : "") + line.strip());
                case 6 -> lines.set(i, line.substring(0, rnd.nextInt(line.length() + 1)));
                default -> { // a key misspelt or renamed to another of the file's
                    int colon = line.indexOf(':');
                    if (colon > 0) {
                        String other = lines.get(rnd.nextInt(lines.size()));
                        int oc = other.indexOf(':');
                        String key = oc > 0 ? other.substring(0, oc).strip() : "x";
                        lines.set(i, line.substring(0, colon).replaceAll("\\S+$", key) + line.substring(colon));
                    }
                }
            }
        }
        String out = String.join("\n", lines);
        if (rnd.nextInt(20) == 0) {
            out = out.substring(0, rnd.nextInt(out.length() + 1)); // cut short
        }
        return out;
    }
}
