package org.qsebms.bms.offline.replay;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The cell-log formats {@code bms replay} and {@code bms characterize} read: the project's own
 * CSV and the text exports of the common lab cyclers. Each knows how to recognise itself from
 * the first lines of a file and where its column header is; {@link CyclerLogReader} maps the
 * columns (docs/cycler-formats.md).
 */
public enum CyclerFormat {
    QSE("qse", "qse-bms CSV (time_s,current_a,voltage_v,temperature_c[,capacity_ah][,soc_ref])"),
    BIOLOGIC("biologic", "BioLogic EC-Lab text export (.mpt)"),
    ARBIN("arbin", "Arbin CSV export"),
    NEWARE("neware", "Neware BTS CSV export"),
    MACCOR("maccor", "Maccor text export");

    /** How many lines detection and header search look at. */
    static final int SNIFF_LINES = 120;

    private final String option;
    private final String description;

    CyclerFormat(String option, String description) {
        this.option = option;
        this.description = description;
    }

    /** The name {@code --format} takes. */
    String option() {
        return option;
    }

    public String description() {
        return description;
    }

    /** The names --format accepts, for help and errors. */
    public static String options() {
        StringBuilder b = new StringBuilder("auto");
        for (CyclerFormat f : values()) {
            b.append(", ").append(f.option);
        }
        return b.toString();
    }

    /**
     * The format named by {@code --format}; empty for {@code auto} (detect by content).
     *
     * @throws LogFormatException naming the accepted names
     */
    public static Optional<CyclerFormat> fromOption(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        if (n.equals("auto")) {
            return Optional.empty();
        }
        for (CyclerFormat f : values()) {
            if (f.option.equals(n)) {
                return Optional.of(f);
            }
        }
        throw new LogFormatException("--format: '" + name + "' is not a known format; give one of " + options());
    }

    /** The format whose signature the first lines carry, if any. */
    static Optional<CyclerFormat> detect(List<String> lines) {
        for (int i = 0; i < Math.min(SNIFF_LINES, lines.size()); i++) {
            String line = lines.get(i);
            String lower = line.toLowerCase(Locale.ROOT);
            if (i == 0 && line.startsWith("EC-Lab ASCII FILE")) {
                return Optional.of(BIOLOGIC);
            }
            if (lower.contains("time_s")
                    && (lower.contains("current_a")
                            || lower.contains("voltage_v")
                            || lower.contains("temperature_c"))) {
                // the qse CSV, even with a column missing: its reader names the missing one
                return Optional.of(QSE);
            }
            if (line.startsWith("Rec#") && line.contains("Amps") && line.contains("Volts")) {
                return Optional.of(MACCOR);
            }
            if ((lower.contains("test_time") || lower.contains("data_point")) && lower.contains("current")) {
                return Optional.of(ARBIN);
            }
            if ((lower.contains("datapoint") || lower.contains("record index") || lower.contains("step type"))
                    && lower.contains("current(")) {
                return Optional.of(NEWARE);
            }
            if (lower.contains("time/s") && (lower.contains("ewe/v") || lower.contains("ecell/v"))) {
                return Optional.of(BIOLOGIC);
            }
        }
        return Optional.empty();
    }

    /** Index of the column header line among {@code lines}, or -1. */
    int headerLine(List<String> lines) {
        if (this == BIOLOGIC && !lines.isEmpty() && lines.get(0).startsWith("EC-Lab ASCII FILE") && lines.size() > 1) {
            String count = lines.get(1).replaceAll("[^0-9]", "");
            if (lines.get(1).toLowerCase(Locale.ROOT).startsWith("nb header lines") && !count.isEmpty()) {
                int header = Integer.parseInt(count) - 1;
                return header < lines.size() ? header : -1;
            }
        }
        for (int i = 0; i < Math.min(SNIFF_LINES, lines.size()); i++) {
            String lower = lines.get(i).toLowerCase(Locale.ROOT);
            boolean header = switch (this) {
                case QSE -> lower.contains("time_s");
                case BIOLOGIC -> lower.contains("time/s");
                case ARBIN ->
                    (lower.contains("test_time") || lower.contains("data_point")) && lower.contains("current");
                case NEWARE ->
                    lower.contains("current(")
                            && (lower.contains("datapoint") || lower.contains("record") || lower.contains("time"));
                case MACCOR -> lines.get(i).startsWith("Rec#");
            };
            if (header) {
                return i;
            }
        }
        return -1;
    }
}
