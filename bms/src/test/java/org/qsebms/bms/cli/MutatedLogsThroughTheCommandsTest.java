package org.qsebms.bms.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/**
 * Malformed cell logs through {@code bms replay} and {@code bms characterize}, as a user runs them:
 * each kept cycler export mutated (fixed seeds; the reader's own mutation test,
 * {@code MutatedCyclerLogsTest}, covers the reading), and each command must finish with exit 0 or
 * with its input error (2) or "cannot characterise" (3) and a message, never an exception's stack trace: a log that reads
 * can still hold what the estimators were never given (a time that stands still, a current that
 * never changes, a voltage far off the preset).
 */
class MutatedLogsThroughTheCommandsTest {
    private static final int MUTANTS = Integer.getInteger("cli.mutants", 20);

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

    static Stream<Path> files() throws IOException {
        try (Stream<Path> s = Files.list(Path.of("src/test/resources/cycler"))) {
            return s.filter(p -> !p.toString().endsWith(".md")).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void replayAndCharacterizeFinishWithAnAnswerOnEveryMutant(Path file, @TempDir Path tmp) throws IOException {
        String name = file.getFileName().toString();
        String text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        SplittableRandom rnd = new SplittableRandom(name.hashCode() * 31L);
        List<String> crashes = new ArrayList<>();
        int[] exits = new int[4];
        for (int k = 0; k < MUTANTS; k++) {
            Path mutant = tmp.resolve(name);
            Files.write(mutant, mutate(text, rnd).getBytes(StandardCharsets.ISO_8859_1));
            Path out = tmp.resolve("out-" + k);
            for (String[] args : new String[][] {
                {"replay", mutant.toString(), "--chemistry", "psoa-ncm811", "--celsius", "25", "--out", out.toString()},
                {
                    "characterize",
                    "--ocv-test",
                    mutant.toString(),
                    "--pulse-test",
                    mutant.toString(),
                    "--capacity-ah",
                    "2",
                    "--celsius",
                    "25",
                    "--out",
                    out.resolve("preset.yaml").toString()
                }
            }) {
                Run r = run(args);
                exits[Math.min(3, Math.max(0, r.exit()))]++;
                boolean answered = r.exit() == 0
                        || (r.exit() == 2 || r.exit() == 3) && !r.err().isBlank();
                if (!answered || r.err().contains("\tat ") || r.err().contains("Exception")) {
                    crashes.add(args[0] + " on mutant " + k + " of " + name + ": exit " + r.exit() + "\n" + r.err());
                }
            }
        }
        System.out.printf(
                "%s: %d mutants through replay and characterize: exit 0 %d, 2 %d, 3 %d, other %d%n",
                name, MUTANTS, exits[0], exits[2], exits[3], exits[1]);
        assertThat(crashes).as("commands that did not answer").isEmpty();
    }

    /** Row edits that keep the file readable more often than not: numbers changed, rows dropped or repeated. */
    static String mutate(String text, SplittableRandom rnd) {
        List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
        int edits = 1 + rnd.nextInt(6);
        for (int e = 0; e < edits && lines.size() > 2; e++) {
            int i = rnd.nextInt(lines.size());
            String line = lines.get(i);
            String sep = line.contains("\t") ? "\t" : line.contains(";") ? ";" : ",";
            String[] f = line.split(sep, -1);
            switch (rnd.nextInt(6)) {
                case 0, 1 -> {
                    int c = rnd.nextInt(f.length);
                    f[c] = rnd.nextBoolean() ? "0" : String.valueOf(rnd.nextDouble(-5000, 5000));
                    lines.set(i, String.join(sep, f));
                }
                case 2 -> lines.remove(i);
                case 3 -> lines.add(i, line);
                case 4 -> { // every row from here on keeps this row's values: a frozen logger
                    for (int j = i + 1; j < lines.size() && j < i + 200; j++) {
                        lines.set(j, line);
                    }
                }
                default ->
                    lines.subList(Math.min(lines.size(), i + 1), lines.size()).clear(); // cut short
            }
        }
        return String.join("\n", lines);
    }
}
