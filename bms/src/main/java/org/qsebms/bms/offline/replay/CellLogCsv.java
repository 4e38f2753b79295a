package org.qsebms.bms.offline.replay;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.qsebms.config.FileErrorText;
import org.qsebms.estimators.characterization.CellTestLog;

/**
 * Reads a cell log CSV: header {@code time_s,current_a,voltage_v,temperature_c[,capacity_ah][,soc_ref]}
 * (any order, extra columns ignored, '#' lines skipped), current positive while charging.
 * Errors name the file, the 1-based line and column and the offending text.
 */
public final class CellLogCsv {
    private static final String[] REQUIRED = {"time_s", "current_a", "voltage_v", "temperature_c"};

    private CellLogCsv() {}

    public static CellTestLog read(Path file) {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return parse(file.getFileName().toString(), in);
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
        while ((line = in.readLine()) != null) {
            lineNo++;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] cells = line.split(",", -1);
            if (col == null) {
                col = header(name, lineNo, cells);
                width = cells.length;
                continue;
            }
            if (cells.length < width) {
                throw new LogFormatException(
                        name + " line " + lineNo + ": expected " + width + " columns, found " + cells.length);
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
                        + data[0][n] + " s goes back in time from the previous row (" + previousTime + " s)");
            }
            previousTime = data[0][n];
            n++;
        }
        if (col == null || n == 0) {
            throw new LogFormatException(name + ": no header or no data rows");
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
                        + String.join(",", cells) + "'");
            }
        }
        return col;
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
            throw new LogFormatException(name + " line " + lineNo + ", column " + (column + 1) + " (" + names[which]
                    + "): '" + text + "' is not a finite number; every data row needs a number in each column "
                    + "(a gap or a NaN the logger wrote when a reading was missing): remove the row, or fill the "
                    + "gap from its neighbours");
        }
    }
}
