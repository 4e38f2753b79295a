package org.qsebms.bms.offline.replay;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;
import org.qsebms.config.FileErrorText;
import org.qsebms.config.TextFileBounds;
import org.qsebms.estimators.characterization.CellTestLog;

/**
 * Reads a cell log as the cycler wrote it: the qse-bms CSV, BioLogic EC-Lab .mpt, Arbin CSV,
 * Neware CSV or Maccor text, recognised by content or named with {@code --format}. It finds the
 * test time (seconds, or {@code [Nd ]H:MM:SS[.f]} text, hours past 24 included), current and
 * voltage with their units (A, mA, uA; V, mV), a temperature column where there is one, the
 * cycle and step columns, and returns current positive while charging: Arbin, Neware and EC-Lab
 * write it so, Maccor writes magnitudes (or signs) with a State column, C charge and D discharge.
 * Tab- or semicolon-separated files may use decimal commas; text that is not UTF-8 is read as
 * Windows-1252 (EC-Lab writes that). Errors name the file, line, column and the text.
 */
public final class CyclerLogReader {
    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");
    /** Temperatures outside this range are a disconnected or misread sensor, not a cell. */
    private static final double MIN_CELSIUS = -60;

    private static final double MAX_CELSIUS = 150;

    /**
     * What a cell log can sensibly be. The reader holds the whole text (about three copies of it with its lines) and
     * its numbers: 256 MiB is over 50 times the largest log of the real data sets (4.8 MB, a Panasonic 18650PF HPPC
     * test at 10 Hz), about 2 million rows of a cycler's widest export; a cycler's row, even EC-Lab's of some 50
     * columns, is under 1000 characters (530 at most in the kept exports), so 16384 leave room for a long header.
     * check23u: {@code bms replay /dev/zero} ended in OutOfMemoryError; a 50 MB row was echoed whole (measured here).
     */
    static final TextFileBounds BOUNDS = new TextFileBounds(
            "cell log",
            256L << 20,
            "the whole log is held in memory; 256 MiB is over 50 times the largest real log here, 4.8 MB; split a"
                    + " longer test into parts",
            16384,
            "a cycler's row is under 1000 characters, even EC-Lab's of some 50 columns");

    private CyclerLogReader() {}

    /**
     * @param format the format, or empty to recognise it by content
     * @param celsius the cell temperature for every row (instead of the file's column), or NaN to
     *                use the file's temperature column
     * @throws LogFormatException naming file, line, column and text for content that cannot be read
     * @throws UncheckedIOException with the reason when the file cannot be read
     */
    public static CyclerLog read(Path file, Optional<CyclerFormat> format, double celsius) {
        byte[] bytes;
        try {
            bytes = BOUNDS.bytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(FileErrorText.cannotRead("cell log", file, e), e);
        } catch (IllegalArgumentException e) {
            throw new LogFormatException(e.getMessage());
        }
        return parse(file.getFileName().toString(), bytes, format, celsius);
    }

    static CyclerLog parse(String name, byte[] bytes, Optional<CyclerFormat> given, double celsius) {
        if (Double.isFinite(celsius) && !(celsius >= MIN_CELSIUS && celsius <= MAX_CELSIUS)) {
            throw new LogFormatException("--celsius: " + celsius + " is outside " + MIN_CELSIUS + ".." + MAX_CELSIUS);
        }
        List<String> notes = new ArrayList<>();
        String text = decode(name, bytes, notes);
        if (text.isBlank()) {
            throw new LogFormatException(name + ": the file is empty (" + bytes.length + " bytes, no header and no "
                    + "rows); the export or copy wrote nothing: write the log again (time_s,current_a,voltage_v,"
                    + "temperature_c, one row per sample, or a cycler's text export)");
        }
        List<String> lines = text.lines().toList();
        try {
            BOUNDS.requireShortLines(name, lines);
        } catch (IllegalArgumentException e) {
            throw new LogFormatException(e.getMessage());
        }
        CyclerFormat format = given.orElseGet(
                () -> CyclerFormat.detect(lines).orElseThrow(() -> new LogFormatException(unknown(name, lines))));
        if (format == CyclerFormat.QSE) {
            try {
                CellTestLog log = CellLogCsv.parse(name, new BufferedReader(new StringReader(text)));
                return new CyclerLog(
                        Double.isFinite(celsius) ? withCelsius(log, celsius, notes) : log, format, 0, 0, notes);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        int headerIndex = format.headerLine(lines);
        if (headerIndex < 0) {
            throw new LogFormatException(name + ": no " + format.description() + " column header in the first "
                    + CyclerFormat.SNIFF_LINES + " lines"
                    + (given.isPresent()
                            ? "; is --format " + format.option() + " right? Leave it out to detect the format"
                            : ""));
        }
        return new Table(name, format, lines, headerIndex, notes).read(celsius);
    }

    /**
     * UTF-8 when it is, UTF-16 when it starts with UTF-16's byte-order mark (a spreadsheet's "Unicode
     * text"), else Windows-1252 (a superset of Latin-1); with a note for the last two.
     */
    private static String decode(String name, byte[] bytes, List<String> notes) {
        if (bytes.length >= 2
                && ((bytes[0] == (byte) 0xFF && bytes[1] == (byte) 0xFE)
                        || (bytes[0] == (byte) 0xFE && bytes[1] == (byte) 0xFF))) {
            notes.add("text read as UTF-16 (its byte-order mark)");
            String s = new String(bytes, StandardCharsets.UTF_16);
            return s.startsWith("\uFEFF") ? s.substring(1) : s;
        }
        for (int i = 0; i < Math.min(bytes.length, 4096); i++) {
            if (bytes[i] == 0) {
                throw new LogFormatException(name + ": a binary file (BioLogic .mpr, Arbin .res, Neware .nda/.ndax or "
                        + "Excel?), not a text export; export it as text from the cycler software (EC-Lab: Export as "
                        + "Text, .mpt; Arbin and Neware: CSV; Maccor: text) and read that");
            }
        }
        if (bytes.length >= 2 && bytes[0] == 'P' && bytes[1] == 'K') {
            throw new LogFormatException(name + ": a zip or Excel file, not a text export; save it as CSV");
        }
        try {
            String s = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
            return s.startsWith("\uFEFF") ? s.substring(1) : s;
        } catch (CharacterCodingException e) {
            notes.add("text read as Windows-1252 (not UTF-8)");
            return new String(bytes, WINDOWS_1252);
        }
    }

    private static String unknown(String name, List<String> lines) {
        String first = lines.isEmpty() ? "" : lines.get(0);
        if (first.length() > 80) {
            first = first.substring(0, 80) + "...";
        }
        return name + ": not a cell-log format bms knows (first line: '" + first + "'); it reads "
                + CyclerFormat.options()
                + " (docs/cycler-formats.md). Give --format NAME if it is one of them, or write the log as "
                + "time_s,current_a,voltage_v,temperature_c (current positive while charging)";
    }

    private static CellTestLog withCelsius(CellTestLog log, double celsius, List<String> notes) {
        notes.add(String.format(Locale.ROOT, "temperature %.1f °C from --celsius", celsius));
        double[] t = new double[log.size()];
        Arrays.fill(t, celsius);
        return new CellTestLog(
                log.source(), log.timeS(), log.currentA(), log.voltageV(), t, log.capacityAh(), log.socRef());
    }

    /** Header names as compared: lower case, single spaces, no quotes or byte-order mark. */
    static String normal(String header) {
        return header.replace("\"", "")
                .replace("\uFEFF", "")
                .trim()
                .replaceAll("\\s+", " ")
                .toLowerCase(Locale.ROOT);
    }

    /** The rows under one header line, split into cells. */
    private static final class Table {
        private final String name;
        private final CyclerFormat format;
        private final List<String> lines;
        private final int headerIndex;
        private final List<String> notes;
        private final char delimiter;
        private final String[] header;
        private final int leadingEmpty;

        Table(String name, CyclerFormat format, List<String> lines, int headerIndex, List<String> notes) {
            this.name = name;
            this.format = format;
            this.lines = lines;
            this.headerIndex = headerIndex;
            this.notes = notes;
            String h = lines.get(headerIndex);
            this.delimiter = h.indexOf('\t') >= 0 ? '\t' : h.indexOf(';') >= 0 ? ';' : ',';
            this.header = split(h, delimiter);
            int lead = 0;
            while (lead < header.length && header[lead].isBlank()) {
                lead++;
            }
            // Neware's nested export: cycle rows, then ",step" rows, then ",,record" rows under a ",,header"
            this.leadingEmpty = lead;
        }

        CyclerLog read(double celsius) {
            int time = column(
                    "test time",
                    n -> n.equals("time/s")
                            || n.startsWith("test_time")
                            || n.startsWith("test time")
                            || n.equals("testtime")
                            || n.startsWith("test (sec")
                            || n.startsWith("cumulative time")
                            || n.startsWith("total time")
                            || n.startsWith("relative time"),
                    true);
            int current = column(
                    "current",
                    n -> n.equals("i/ma")
                            || n.equals("<i>/ma")
                            || n.equals("i/a")
                            || n.equals("<i>/a")
                            || n.equals("i/µa")
                            || n.equals("<i>/µa")
                            || n.startsWith("current")
                            || n.equals("amps"),
                    true);
            int voltage = voltageColumn();
            int temperature = Double.isFinite(celsius) ? -1 : temperatureColumn();
            int cycle = column(
                    "cycle",
                    n -> n.equals("cycle_index")
                            || n.equals("cycle index")
                            || n.equals("cyc#")
                            || n.equals("cycle number")
                            || n.equals("cycle"),
                    false);
            int step = column(
                    "step",
                    n -> n.equals("step_index") || n.equals("step index") || n.equals("step") || n.equals("ns"),
                    false);
            int state = format == CyclerFormat.MACCOR ? column("state", n -> n.equals("state"), false) : -1;
            if (temperature < 0 && !Double.isFinite(celsius)) {
                throw new LogFormatException(name + " (" + format.description() + ") has no temperature column; give "
                        + "the cell's temperature with --celsius (e.g. --celsius 25 for a test in a 25 °C chamber)");
            }
            double amps = unitScale(header[current], "a");
            double volts = unitScale(header[voltage], "v");
            if (amps != 1) {
                notes.add("current in " + (amps == 1e-3 ? "mA" : "uA") + " converted to A");
            }
            if (volts != 1) {
                notes.add("voltage in mV converted to V");
            }
            if (state >= 0) {
                notes.add("current sign from the State column (C charge +, D discharge -)");
            }
            if (temperature >= 0) {
                notes.add("temperature from column '" + header[temperature].trim() + "'");
            } else {
                notes.add(String.format(Locale.ROOT, "temperature %.1f °C from --celsius", celsius));
            }
            int n = 0;
            double[][] data = new double[4][1024];
            double previousTime = Double.NEGATIVE_INFINITY;
            boolean decimalComma = false;
            java.util.Set<Long> cycles = new java.util.HashSet<>();
            int steps = 0;
            double lastStep = Double.NaN;
            for (int i = headerIndex + 1; i < lines.size(); i++) {
                String line = lines.get(i);
                if (line.isBlank()) {
                    continue;
                }
                String[] cells = split(line, delimiter);
                if (leadingEmpty > 0 && !isRecordRow(cells)) {
                    // the nested export's parent rows: a cycle row starts in the first cell, a step row in the second
                    if (!cells[0].isBlank()) {
                        cycles.add((long) cycles.size());
                    } else if (cells.length > 1 && !cells[1].isBlank()) {
                        steps++;
                    }
                    continue;
                }
                int lineNo = i + 1;
                if (n == data[0].length) {
                    for (int c = 0; c < 4; c++) {
                        data[c] = Arrays.copyOf(data[c], 2 * n);
                    }
                }
                decimalComma |= hasDecimalComma(cells[Math.min(voltage, cells.length - 1)]);
                double t = timeSeconds(cells, time, lineNo);
                double a = number(cells, current, lineNo) * amps;
                if (state >= 0) {
                    String s = cell(cells, state, lineNo).trim();
                    if (s.startsWith("D")) {
                        a = -Math.abs(a);
                    } else if (s.startsWith("C")) {
                        a = Math.abs(a);
                    }
                }
                double v = number(cells, voltage, lineNo) * volts;
                double c = temperature >= 0 ? number(cells, temperature, lineNo) : celsius;
                if (temperature >= 0 && !(c >= MIN_CELSIUS && c <= MAX_CELSIUS)) {
                    throw new LogFormatException(String.format(
                            Locale.ROOT,
                            "%s line %d, column %d (%s): %s °C is not a "
                                    + "cell temperature (a disconnected sensor?); give the cell's temperature with --celsius",
                            name,
                            lineNo,
                            temperature + 1,
                            header[temperature].trim(),
                            TextFileBounds.excerpt(cells[temperature].trim())));
                }
                if (!(t >= previousTime)) {
                    throw new LogFormatException(String.format(
                            Locale.ROOT,
                            "%s line %d, column %d (%s): %s goes back in "
                                    + "time from the previous row (%.3f s -> %.3f s); a second test appended to the same export? "
                                    + "Split the file and read each test on its own",
                            name,
                            lineNo,
                            time + 1,
                            header[time].trim(),
                            TextFileBounds.excerpt(cells[time].trim()),
                            previousTime,
                            t));
                }
                previousTime = t;
                if (cycle >= 0 && cycle < cells.length && !cells[cycle].isBlank()) {
                    cycles.add(Math.round(number(cells, cycle, lineNo)));
                }
                if (step >= 0 && step < cells.length && !cells[step].isBlank()) {
                    double s = number(cells, step, lineNo);
                    if (s != lastStep) {
                        steps++;
                        lastStep = s;
                    }
                }
                data[0][n] = t;
                data[1][n] = a;
                data[2][n] = v;
                data[3][n] = c;
                n++;
            }
            if (n == 0) {
                throw new LogFormatException(name + ": no data rows under the " + format.description()
                        + " header on line " + (headerIndex + 1));
            }
            if (decimalComma) {
                notes.add("decimal commas");
            }
            double[] none = new double[n];
            Arrays.fill(none, Double.NaN);
            CellTestLog log = new CellTestLog(
                    name,
                    Arrays.copyOf(data[0], n),
                    Arrays.copyOf(data[1], n),
                    Arrays.copyOf(data[2], n),
                    Arrays.copyOf(data[3], n),
                    none,
                    none.clone());
            return new CyclerLog(log, format, cycles.size(), steps, notes);
        }

        private boolean isRecordRow(String[] cells) {
            for (int i = 0; i < leadingEmpty; i++) {
                if (i >= cells.length || !cells[i].isBlank()) {
                    return false;
                }
            }
            return cells.length > leadingEmpty && !cells[leadingEmpty].isBlank();
        }

        private int voltageColumn() {
            if (format == CyclerFormat.BIOLOGIC) {
                // the cell voltage of a 3-electrode set-up is Ecell = Ewe - Ece; with 2 electrodes it is Ewe
                int ecell = column("voltage", n -> n.equals("ecell/v") || n.equals("<ecell>/v"), false);
                if (ecell >= 0) {
                    return ecell;
                }
                return column("voltage", n -> n.equals("ewe/v") || n.equals("<ewe>/v"), true);
            }
            return column("voltage", n -> n.startsWith("voltage") || n.equals("volts"), true);
        }

        private int temperatureColumn() {
            int t = column(
                    "temperature",
                    n -> n.startsWith("temperature")
                            || n.startsWith("aux_temperature")
                            || n.startsWith("temp ")
                            || n.startsWith("t/")
                            || n.startsWith("t1(")
                            || n.startsWith("t1 ("),
                    false);
            if (t >= 0 || format != CyclerFormat.MACCOR) {
                return t;
            }
            // Maccor: "Aux #k" followed by a "Units" column that reads C in the first data row
            String[] first = firstDataRow();
            for (int i = 0; i + 1 < header.length && first != null; i++) {
                if (normal(header[i]).startsWith("aux #")
                        && normal(header[i + 1]).equals("units")
                        && i + 1 < first.length
                        && first[i + 1].trim().equalsIgnoreCase("C")) {
                    return i;
                }
            }
            return -1;
        }

        private String[] firstDataRow() {
            for (int i = headerIndex + 1; i < lines.size(); i++) {
                if (!lines.get(i).isBlank()) {
                    return split(lines.get(i), delimiter);
                }
            }
            return null;
        }

        private int column(String what, Predicate<String> matches, boolean required) {
            for (int i = 0; i < header.length; i++) {
                if (matches.test(normal(header[i]))) {
                    return i;
                }
            }
            if (required) {
                throw new LogFormatException(name + " line " + (headerIndex + 1) + ": no " + what + " column in this "
                        + format.description() + " header; found '"
                        + String.join(
                                "', '",
                                Arrays.stream(header)
                                        .map(String::trim)
                                        .filter(s -> !s.isEmpty())
                                        .toList())
                        + "'");
            }
            return -1;
        }

        private String cell(String[] cells, int column, int lineNo) {
            if (column >= cells.length) {
                throw new LogFormatException(name + " line " + lineNo + ": expected at least " + (column + 1)
                        + " columns, found " + cells.length);
            }
            return cells[column];
        }

        private double number(String[] cells, int column, int lineNo) {
            String text = cell(cells, column, lineNo);
            try {
                double v = parse(text);
                if (!Double.isFinite(v)) {
                    throw new NumberFormatException();
                }
                return v;
            } catch (NumberFormatException e) {
                throw new LogFormatException(
                        name + " line " + lineNo + ", column " + (column + 1) + " (" + header[column].trim() + "): '"
                                + TextFileBounds.excerpt(text.trim()) + "' is not a finite number");
            }
        }

        private double timeSeconds(String[] cells, int column, int lineNo) {
            String text = cell(cells, column, lineNo).trim();
            if (text.indexOf(':') < 0) {
                return number(cells, column, lineNo) * timeScale(header[column]);
            }
            double seconds = DurationText.seconds(hasDecimalComma(text) ? text.replace(',', '.') : text);
            if (Double.isNaN(seconds)) {
                throw new LogFormatException(name + " line " + lineNo + ", column " + (column + 1) + " ("
                        + header[column].trim() + "): '" + TextFileBounds.excerpt(text)
                        + "' is not a time; expected seconds or [Nd ]H:MM:SS[.f]");
            }
            return seconds;
        }
    }

    /** Text durations of cycler exports: {@code [Nd ]H:MM:SS[.f]} or {@code M:SS}; hours may pass 24. */
    static final class DurationText {
        private DurationText() {}

        /** Seconds, or NaN when the text is not such a duration. */
        static double seconds(String text) {
            String t = text.trim();
            double days = 0;
            int d = t.indexOf('d');
            try {
                if (d > 0) {
                    days = Double.parseDouble(t.substring(0, d).trim());
                    t = t.substring(d + 1).trim();
                }
                String[] parts = t.split(":");
                if (parts.length < 2 || parts.length > 3) {
                    return Double.NaN;
                }
                double s = 0;
                for (String p : parts) {
                    if (p.isBlank()) {
                        return Double.NaN;
                    }
                    s = s * 60 + Double.parseDouble(p.trim());
                }
                return days * 86400 + s;
            } catch (NumberFormatException e) {
                return Double.NaN;
            }
        }
    }

    /** A number as cyclers write it; after splitting, a comma in a cell is a decimal comma. */
    private static double parse(String text) {
        String t = text.replace("\"", "").trim();
        return Double.parseDouble(hasDecimalComma(t) ? t.replace(',', '.') : t);
    }

    private static boolean hasDecimalComma(String text) {
        return text.indexOf(',') >= 0 && text.indexOf('.') < 0;
    }

    /** 1e-3 for a milli unit, 1e-6 for micro, from "I/mA", "Current(mA)", "Voltage (mV)". */
    private static double unitScale(String header, String base) {
        String n = normal(header).replace(" ", "");
        if (n.endsWith("/m" + base) || n.contains("(m" + base + ")")) {
            return 1e-3;
        }
        if (n.endsWith("/µ" + base)
                || n.endsWith("/u" + base)
                || n.contains("(µ" + base + ")")
                || n.contains("(u" + base + ")")) {
            return 1e-6;
        }
        return 1;
    }

    /** Seconds per unit of a numeric time column: hours or minutes where the header says so. */
    private static double timeScale(String header) {
        String n = normal(header).replace(" ", "");
        if (n.endsWith("/h") || n.contains("(h)")) {
            return 3600;
        }
        if (n.endsWith("/min") || n.contains("(min)")) {
            return 60;
        }
        return 1;
    }

    /** Splits on {@code delimiter} outside double quotes. */
    static String[] split(String line, char delimiter) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (ch == '"') {
                quoted = !quoted;
            } else if (ch == delimiter && !quoted) {
                cells.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(ch);
            }
        }
        cells.add(cell.toString());
        return cells.toArray(new String[0]);
    }
}
