package org.qsebms.bms.record;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.qsebms.config.TextFileBounds;

/**
 * Reads a record directory: the rotated files oldest first, then {@code cycles.csv}. A line cut off
 * by a crash (no newline at the end of a file) and a line that does not parse are skipped, each with
 * a warning naming the file, the line and why, and so is a file that is a device or larger than {@link #BOUNDS};
 * the rest is read.
 */
public final class CycleRecordReader {
    private static final Pattern ROTATED = Pattern.compile("cycles-(\\d{6})\\.csv");

    /**
     * What a file of the record can be: {@code cycles.csv} is rotated once past 8 MiB ({@link
     * CycleRecord#DEFAULT_MAX_BYTES}), so a file holds that and one cycle's rows (a row per cell, under 600
     * characters: about 300 kB for 512 cells); 64 MiB leaves room for a record written with a larger rotation. A device
     * or a larger file is skipped with a warning, as a line that does not parse is (fix23ae: a 2 GB rotated file ended
     * the start in OutOfMemoryError).
     */
    static final TextFileBounds BOUNDS = new TextFileBounds(
            "record file",
            64L << 20,
            "a record file is rotated past 8 MiB, so it holds that and one cycle's rows",
            Integer.MAX_VALUE,
            "its lines are bounded by its size");

    private CycleRecordReader() {}

    /** Every row of the record in {@code dir}, in file order. Throws when {@code dir} holds no record. */
    public static List<CycleRow> read(Path dir, Consumer<String> warnings) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IOException("record directory " + dir.toAbsolutePath() + " does not exist; pass the directory "
                    + "given to --record (bms run writes to <persistence.directory>/record by default)");
        }
        List<Path> files = new ArrayList<>(rotatedFiles(dir));
        Path active = dir.resolve(CycleRecordFile.ACTIVE);
        if (Files.exists(active)) {
            files.add(active);
        }
        if (files.isEmpty()) {
            throw new IOException(
                    dir.toAbsolutePath() + " holds no record (no cycles.csv); pass the directory given to --record");
        }
        List<CycleRow> rows = new ArrayList<>();
        for (Path f : files) {
            readFile(f, rows, warnings);
        }
        return rows;
    }

    private static void readFile(Path f, List<CycleRow> rows, Consumer<String> warnings) throws IOException {
        String text;
        try {
            text = new String(BOUNDS.bytes(f), StandardCharsets.UTF_8);
        } catch (TextFileBounds.Refused e) {
            warnings.accept(f + ": skipped the whole file, it " + e.fact() + "; move it out of the record directory"
                    + " (docs/record.md)");
            return;
        }
        if (text.isEmpty()) {
            return;
        }
        String[] lines = text.split("\n", -1);
        // split leaves "" after a final newline; anything else in the last slot is a torn line
        int complete = lines.length - 1;
        if (!lines[complete].isEmpty()) {
            warnings.accept(f + " line " + (complete + 1) + ": skipped a torn last line (no newline: the append was "
                    + "interrupted by a crash or power loss)");
        }
        if (complete == 0) {
            return;
        }
        if (!lines[0].equals(CycleCsv.HEADER)) {
            warnings.accept(f + " line 1: not the record's header; skipped the whole file (expected '"
                    + CycleCsv.HEADER.substring(0, 40) + "...', see docs/record.md)");
            return;
        }
        for (int i = 1; i < complete; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            try {
                rows.add(CycleCsv.parse(lines[i]));
            } catch (IllegalArgumentException e) {
                warnings.accept(f + " line " + (i + 1) + ": skipped, " + e.getMessage());
            }
        }
    }

    /** The rotated files of {@code dir}, oldest (lowest number) first. */
    static List<Path> rotatedFiles(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> ROTATED.matcher(p.getFileName().toString()).matches())
                    .sorted(Comparator.comparingInt(CycleRecordReader::rotationNumber))
                    .toList();
        }
    }

    static int rotationNumber(Path p) {
        Matcher m = ROTATED.matcher(p.getFileName().toString());
        return m.matches() ? Integer.parseInt(m.group(1)) : -1;
    }

    /** The highest closed cycle's number in {@code dir}'s record, or 0 when there is none (a fresh directory). */
    public static long lastCycle(Path dir, Consumer<String> warnings) {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try {
            long last = 0;
            for (CycleRow r : read(dir, warnings)) {
                if (r.kind() == CycleRow.Kind.CYCLE) { // a checkpoint carries the number of the cycle still in progress
                    last = Math.max(last, r.cycle());
                }
            }
            return last;
        } catch (IOException e) {
            return 0;
        }
    }
}
