package org.qsebms.bms.offline.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Malformed cell logs, made by mutating each cycler export the tests keep (fixed seeds; {@code
 * -Dlog.mutants=N} per file, 200 by default): a field replaced by text, a number of another size or
 * sign, a separator; a row dropped, repeated, cut or moved; the header damaged; bytes that are not
 * text. Each must either read (every value finite) or be refused with a {@link LogFormatException}
 * that names the file; never another exception, which would reach the user of {@code bms replay}
 * or {@code bms characterize} as a stack trace.
 */
class MutatedCyclerLogsTest {
    private static final int MUTANTS = Integer.getInteger("log.mutants", 200);

    private static final String[] WRONG_FIELDS = {
        "",
        "abc",
        "NaN",
        "nan",
        "Infinity",
        "-Infinity",
        "1e308",
        "-1e308",
        "1e-320",
        "0",
        "-0",
        "99999999999999999999",
        "1,5",
        "1.2.3",
        "--1",
        "+",
        "0x1F",
        "\"",
        "\"\"",
        ";",
        "\t",
        "12:34:56",
        "99:99:99",
        "1d 25:00:00",
        "-1:00:00",
        "\uD83D\uDCA5",
        "\u00a0",
        "1e",
        ".",
        "-"
    };

    static Stream<Path> files() throws IOException {
        try (Stream<Path> s = Files.list(Path.of("src/test/resources/cycler"))) {
            return s.filter(p -> !p.toString().endsWith(".md")).sorted().toList().stream();
        }
    }

    /** The project's own CSV: a 1 A discharge pulse and its rest, 240 rows of one second. */
    static String ownCsv() {
        StringBuilder b = new StringBuilder("time_s,current_a,voltage_v,temperature_c,capacity_ah,soc_ref\n");
        for (int i = 0; i < 240; i++) {
            double amps = i >= 60 && i < 120 ? -1.0 : 0.0;
            double volts =
                    3.70 - (amps < 0 ? 0.05 + 0.0002 * (i - 60) : 0.012 * Math.exp(-(Math.max(0, i - 120)) / 30.0));
            b.append(String.format(
                    java.util.Locale.ROOT,
                    "%d,%.3f,%.5f,25.0,%.6f,%.5f%n",
                    i,
                    amps,
                    volts,
                    Math.min(60, Math.max(0, i - 60)) / 3600.0,
                    0.5 - Math.min(60, Math.max(0, i - 60)) / 3600.0 / 2.0));
        }
        return b.toString();
    }

    @org.junit.jupiter.api.Test
    void everyMutantOfTheProjectsOwnCsvReadsOrIsRefusedWithAClearError() {
        check("pulse.csv", ownCsv().getBytes(StandardCharsets.ISO_8859_1));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void everyMutantReadsOrIsRefusedWithAClearError(Path file) throws IOException {
        check(file.getFileName().toString(), Files.readAllBytes(file));
    }

    private static void check(String name, byte[] bytes) {
        String text = new String(bytes, StandardCharsets.ISO_8859_1); // byte for byte, whatever the encoding
        CyclerLogReader.parse(name, bytes, Optional.empty(), 25.0); // the file as kept reads (--celsius 25)
        SplittableRandom rnd = new SplittableRandom(name.hashCode());
        List<String> crashes = new ArrayList<>();
        int refused = 0;
        for (int k = 0; k < MUTANTS; k++) {
            byte[] mutant = mutate(text, rnd).getBytes(StandardCharsets.ISO_8859_1);
            try {
                CyclerLog log = CyclerLogReader.parse(name, mutant, Optional.empty(), 25.0);
                for (int i = 0; i < log.log().size(); i++) {
                    double[] row = {
                        log.log().timeS()[i], log.log().currentA()[i], log.log().voltageV()[i]
                    };
                    for (double v : row) {
                        if (!Double.isFinite(v)) {
                            crashes.add("row " + i + " read a value that is not finite (" + v + ") from mutant " + k);
                            break;
                        }
                    }
                }
            } catch (LogFormatException e) {
                refused++;
                if (e.getMessage() == null || !e.getMessage().contains(name)) {
                    crashes.add("message without the file name for mutant " + k + ": " + e.getMessage());
                }
            } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
                crashes.add(
                        e + " at " + (e.getStackTrace().length > 0 ? e.getStackTrace()[0] : "?") + " for mutant " + k);
            }
        }
        System.out.printf("%s: %d mutants, %d refused, %d crashes%n", name, MUTANTS, refused, crashes.size());
        assertThat(crashes).as("mutants that crashed the log reader").isEmpty();
    }

    static String mutate(String text, SplittableRandom rnd) {
        List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
        int edits = 1 + rnd.nextInt(4);
        for (int e = 0; e < edits && !lines.isEmpty(); e++) {
            // most edits in the first rows, where the reader recognises the format and its columns
            int i = rnd.nextInt(4) == 0 ? rnd.nextInt(lines.size()) : rnd.nextInt(Math.min(lines.size(), 120));
            String line = lines.get(i);
            switch (rnd.nextInt(9)) {
                case 0, 1, 2, 3 -> { // one field replaced
                    String sep = line.contains("\t") ? "\t" : line.contains(";") ? ";" : ",";
                    String[] f = line.split(sep, -1);
                    f[rnd.nextInt(f.length)] = WRONG_FIELDS[rnd.nextInt(WRONG_FIELDS.length)];
                    lines.set(i, String.join(sep, f));
                }
                case 4 -> lines.remove(i);
                case 5 -> lines.add(i, line);
                case 6 -> lines.set(i, line.substring(0, rnd.nextInt(line.length() + 1)));
                case 7 -> lines.add(rnd.nextInt(lines.size()), lines.remove(i)); // a row moved (time out of order)
                default -> { // bytes that are not text
                    StringBuilder b = new StringBuilder(line);
                    b.insert(rnd.nextInt(line.length() + 1), (char) (0x80 + rnd.nextInt(0x80)));
                    b.insert(rnd.nextInt(b.length() + 1), (char) rnd.nextInt(0x20));
                    lines.set(i, b.toString());
                }
            }
        }
        return String.join("\n", lines);
    }
}
