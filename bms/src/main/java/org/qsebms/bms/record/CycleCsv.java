package org.qsebms.bms.record;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/** The record's CSV format: the header and one row per line (docs/record.md). */
public final class CycleCsv {
    /** The header line, without its newline. */
    public static final String HEADER = "kind,cycle,cell,start_utc,end_utc,duration_s,charge_ah,discharge_ah,charge_wh,"
            + "discharge_wh,coulombic_efficiency,energy_efficiency,mean_charge_v,mean_discharge_v,polarization_v,"
            + "r0_25c_ohm,sei_25c_ohm,min_celsius,max_celsius,lithium_excess_ah,capacity_ah_est,end,ocv_v,soc";

    static final int COLUMNS = HEADER.split(",").length;

    private CycleCsv() {}

    /** One line, without its newline. Unknown values are empty. */
    public static String format(CycleRow r) {
        StringBuilder b = new StringBuilder(256);
        b.append(r.kind() == CycleRow.Kind.CYCLE ? "cycle" : "checkpoint")
                .append(',')
                .append(r.cycle())
                .append(',')
                .append(r.cell())
                .append(',')
                .append(Instant.ofEpochMilli(r.startMillis()))
                .append(',')
                .append(Instant.ofEpochMilli(r.endMillis()))
                .append(',');
        num(b, r.durationSeconds(), 3);
        num(b, r.chargeAh(), 6);
        num(b, r.dischargeAh(), 6);
        num(b, r.chargeWh(), 6);
        num(b, r.dischargeWh(), 6);
        num(b, r.coulombicEfficiency(), 6);
        num(b, r.energyEfficiency(), 6);
        num(b, r.meanChargeVolts(), 5);
        num(b, r.meanDischargeVolts(), 5);
        num(b, r.polarizationVolts(), 5);
        num(b, r.r0At25Ohms(), 7);
        num(b, r.seiAt25Ohms(), 7);
        num(b, r.minCelsius(), 2);
        num(b, r.maxCelsius(), 2);
        num(b, r.excessLithiumAh(), 6);
        num(b, r.capacityAh(), 6);
        b.append(r.end().word()).append(',');
        num(b, r.ocvVolts(), 5);
        if (Double.isFinite(r.socFraction())) {
            b.append(String.format(Locale.ROOT, "%.5f", r.socFraction()));
        }
        return b.toString();
    }

    private static void num(StringBuilder b, double v, int digits) {
        if (Double.isFinite(v)) {
            b.append(String.format(Locale.ROOT, "%." + digits + "f", v));
        }
        b.append(',');
    }

    /**
     * Parses one line. Throws {@link IllegalArgumentException} naming the column and the bad
     * value; the caller adds the file and line.
     */
    public static CycleRow parse(String line) {
        String[] p = line.split(",", -1);
        if (p.length != COLUMNS) {
            throw new IllegalArgumentException("has " + p.length + " columns, the header has " + COLUMNS);
        }
        CycleRow.Kind kind = switch (p[0]) {
            case "cycle" -> CycleRow.Kind.CYCLE;
            case "checkpoint" -> CycleRow.Kind.CHECKPOINT;
            default -> throw new IllegalArgumentException("kind '" + p[0] + "' is neither cycle nor checkpoint");
        };
        CycleEnd end = CycleEnd.ofWord(p[21]);
        if (end == null) {
            throw new IllegalArgumentException(
                    "end '" + p[21] + "' is not one of cutoff, limit, fault, operator, " + "partial, checkpoint");
        }
        return CycleRow.builder()
                .kind(kind)
                .cycle(integer(p[1], "cycle"))
                .cell((int) integer(p[2], "cell"))
                .startMillis(time(p[3], "start_utc"))
                .endMillis(time(p[4], "end_utc"))
                .chargeAh(number(p[6], "charge_ah"))
                .dischargeAh(number(p[7], "discharge_ah"))
                .chargeWh(number(p[8], "charge_wh"))
                .dischargeWh(number(p[9], "discharge_wh"))
                .r0At25Ohms(number(p[15], "r0_25c_ohm"))
                .seiAt25Ohms(number(p[16], "sei_25c_ohm"))
                .minCelsius(number(p[17], "min_celsius"))
                .maxCelsius(number(p[18], "max_celsius"))
                .excessLithiumAh(number(p[19], "lithium_excess_ah"))
                .capacityAh(number(p[20], "capacity_ah_est"))
                .end(end)
                .ocvVolts(number(p[22], "ocv_v"))
                .socFraction(number(p[23], "soc"))
                .build();
    }

    private static long integer(String s, String column) {
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(column + " '" + s + "' is not a whole number");
        }
    }

    private static long time(String s, String column) {
        try {
            return Instant.parse(s).toEpochMilli();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(column + " '" + s + "' is not an ISO-8601 UTC time");
        }
    }

    private static double number(String s, String column) {
        if (s.isEmpty()) {
            return Double.NaN;
        }
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(column + " '" + s + "' is not a number");
        }
    }
}
