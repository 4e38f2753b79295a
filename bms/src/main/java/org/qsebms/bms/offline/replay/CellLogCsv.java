package org.qsebms.bms.offline.replay;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.qsebms.config.FileErrorText;
import org.qsebms.config.TextFileBounds;
import org.qsebms.estimators.characterization.CellTestLog;

/**
 * Reads a cell log CSV: header {@code time_s,current_a,voltage_v,temperature_c[,capacity_ah][,soc_ref]}
 * (any order, extra columns ignored, '#' lines skipped), current positive while charging. The
 * columns are separated by commas, or by semicolons or tabs throughout (a spreadsheet's export in a
 * locale with decimal commas; there a comma in a number is its decimal point); cells may be quoted.
 * Errors name the file, the 1-based line and column and the offending text.
 */
public final class CellLogCsv {
    private static final String[] REQUIRED = {"time_s", "current_a", "voltage_v", "temperature_c"};

    private CellLogCsv() {}

    /**
     * Reads {@code file} within the cell log's bounds ({@link CyclerLogReader#BOUNDS}: a device, a file over 256 MiB or
     * a line over 16384 characters is refused as a {@link LogFormatException}, before it is held whole).
     */
    public static CellTestLog read(Path file) {
        List<String> lines;
        try {
            lines = CyclerLogReader.BOUNDS.lines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(FileErrorText.cannotRead("cell log", file, e), e);
        } catch (TextFileBounds.Refused e) {
            throw new LogFormatException(e.getMessage());
        }
        try {
            return parse(file.getFileName().toString(), new BufferedReader(new StringReader(String.join("\n", lines))));
        } catch (IOException e) {
            throw new UncheckedIOException(FileErrorText.cannotRead("cell log", file, e), e);
        }
    }

    static CellTestLog parse(String name, BufferedReader in) throws IOException {
        String line;
        int lineNo = 0;
        int[] col = null;
        int width = 0;
        int n = 0;
        double[][] data = new double[6][1024];
        double previousTime = Double.NEGATIVE_INFINITY;
        char separator = ',';
        while ((line = in.readLine()) != null) {
            lineNo++;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            if (col == null) {
                separator = separator(line);
            }
            String[] cells = unquoted(line.split(String.valueOf(separator), -1));
            if (col == null) {
                col = header(name, lineNo, cells);
                width = cells.length;
                continue;
            }
            if (cells.length < width) {
                throw new LogFormatException(shortRow(name, lineNo, width, cells.length, in));
            }
            if (cells.length > width && !blankFrom(cells, width)) {
                throw new LogFormatException(longRow(name, lineNo, width, cells.length, separator));
            }
            if (separator != ',') {
                for (int c = 0; c < cells.length; c++) {
                    cells[c] = cells[c].replace(',', '.');
                }
            }
            if (n == data[0].length) {
                for (int c = 0; c < 6; c++) {
                    data[c] = Arrays.copyOf(data[c], 2 * n);
                }
            }
            for (int c = 0; c < 6; c++) {
                data[c][n] = col[c] < 0 ? Double.NaN : number(name, lineNo, col[c], cells[col[c]], c);
            }
            if (!(data[0][n] >= previousTime)) {
                throw new LogFormatException(name + " line " + lineNo + ", column " + (col[0] + 1) + " (time_s): "
                        + data[0][n] + " s goes back in time from the previous row (" + previousTime + " s); two "
                        + "logs joined, or a logger clock that restarted? Split the file at that line and use each "
                        + "part on its own (or make time_s run on across the join)");
            }
            previousTime = data[0][n];
            n++;
        }
        if (col == null) {
            throw new LogFormatException(name + ": no header and no data rows (only blank or '#' lines); the export "
                    + "or copy wrote nothing: write the log again with the header time_s,current_a,voltage_v,"
                    + "temperature_c and one row per sample");
        }
        if (n == 0) {
            throw new LogFormatException(name + ": a header but no data rows; the export or copy stopped after the "
                    + "header (or the log recorded nothing): write it again with its rows");
        }
        return new CellTestLog(
                name,
                Arrays.copyOf(data[0], n),
                Arrays.copyOf(data[1], n),
                Arrays.copyOf(data[2], n),
                Arrays.copyOf(data[3], n),
                Arrays.copyOf(data[4], n),
                Arrays.copyOf(data[5], n));
    }

    /**
     * A row with fewer columns than the header. The last row of a file cut off mid-row (a copy or a
     * logger interrupted) is the usual cause, and is named as such.
     */
    private static String shortRow(String name, int lineNo, int width, int found, BufferedReader in)
            throws IOException {
        String where = name + " line " + lineNo + ": expected " + width + " columns, found " + found;
        String next;
        while ((next = in.readLine()) != null) {
            if (!next.isBlank() && !next.startsWith("#")) {
                return where + "; fill the missing columns of that row, or remove it";
            }
        }
        return where + " in the file's last row: the file ends in the middle of a row, so it looks cut off (a copy "
                + "or a logger interrupted); copy or export it again, or remove that last row to replay what is there";
    }

    /**
     * The header line's column separator: a comma, or a semicolon or tab where the header has no
     * comma but holds the names that way (a spreadsheet's export in a locale with decimal commas).
     */
    private static char separator(String header) {
        if (header.indexOf(',') >= 0) {
            return ',';
        }
        if (header.indexOf(';') >= 0) {
            return ';';
        }
        return header.indexOf('\t') >= 0 ? '\t' : ',';
    }

    /** The cells without the double quotes a spreadsheet may put around each. */
    private static String[] unquoted(String[] cells) {
        for (int c = 0; c < cells.length; c++) {
            String t = cells[c].trim();
            if (t.length() >= 2 && t.charAt(0) == '"' && t.charAt(t.length() - 1) == '"') {
                cells[c] = t.substring(1, t.length() - 1);
            }
        }
        return cells;
    }

    private static boolean blankFrom(String[] cells, int from) {
        for (int c = from; c < cells.length; c++) {
            if (!cells[c].isBlank()) {
                return false;
            }
        }
        return true;
    }

    /**
     * A row with more (non-empty) columns than the header: its values would be read from the wrong
     * columns. A decimal comma in a comma-separated file is the usual cause ({@code 1,5} for 1.5).
     */
    private static String longRow(String name, int lineNo, int width, int found, char separator) {
        String where = name + " line " + lineNo + ": expected " + width + " columns, found " + found
                + ", so its values cannot be matched to the header's columns";
        if (separator == ',') {
            return where + "; a decimal comma in a number (1,5 for 1.5)? Write decimals with a point, or separate "
                    + "the columns with ';' throughout (then a comma is read as the decimal point); otherwise "
                    + "remove the extra values from that row";
        }
        return where + "; remove the extra values from that row";
    }

    private static int[] header(String name, int lineNo, String[] cells) {
        int[] col = new int[6];
        Arrays.fill(col, -1);
        String[] names = {"time_s", "current_a", "voltage_v", "temperature_c", "capacity_ah", "soc_ref"};
        for (int i = 0; i < cells.length; i++) {
            for (int c = 0; c < names.length; c++) {
                if (cells[i].trim().equals(names[c])) {
                    col[c] = i;
                }
            }
        }
        for (int c = 0; c < REQUIRED.length; c++) {
            if (col[c] < 0) {
                throw new LogFormatException(name + " line " + lineNo + ": header lacks column '" + REQUIRED[c]
                        + "'; expected time_s,current_a,voltage_v,temperature_c[,capacity_ah][,soc_ref], found '"
                        + String.join(",", cells) + "'" + nearSpelling(REQUIRED[c], cells, names));
            }
        }
        return col;
    }

    /**
     * "; rename 'curent_a' to 'current_a'" when a header name that is no known column is within two
     * edits of the missing one (a typo), else "".
     */
    private static String nearSpelling(String missing, String[] cells, String[] known) {
        for (String cell : cells) {
            String c = cell.trim();
            if (!Arrays.asList(known).contains(c) && editDistance(c.toLowerCase(Locale.ROOT), missing) <= 2) {
                return "; '" + c + "' looks like a misspelling: rename it to '" + missing + "' in the header";
            }
        }
        return "; rename that column in the header to '" + missing + "' (the names are exact, lower case, with units)";
    }

    /** Levenshtein distance (insertions, deletions and substitutions). */
    static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] t = previous;
            previous = current;
            current = t;
        }
        return previous[b.length()];
    }

    private static double number(String name, int lineNo, int column, String text, int which) {
        try {
            double v = Double.parseDouble(text.trim());
            if (!Double.isFinite(v)) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            String[] names = {"time_s", "current_a", "voltage_v", "temperature_c", "capacity_ah", "soc_ref"};
            if (Arrays.asList(names).contains(text.trim())) {
                throw new LogFormatException(name + " line " + lineNo + ": a second header ('" + text.trim()
                        + "' in column " + (column + 1) + "): two logs joined into one file? Split the file at "
                        + "that line and use each part on its own, or remove that line if the rows below "
                        + "continue the log");
            }
            throw new LogFormatException(name + " line " + lineNo + ", column " + (column + 1) + " (" + names[which]
                    + "): '" + TextFileBounds.excerpt(text)
                    + "' is not a finite number; every data row needs a number in each column "
                    + "(a gap or a NaN the logger wrote when a reading was missing): remove the row, or fill the "
                    + "gap from its neighbours");
        }
    }
}
