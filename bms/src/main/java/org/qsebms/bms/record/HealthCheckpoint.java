package org.qsebms.bms.record;

import java.util.ArrayList;
import java.util.List;

/**
 * The latest scheduled diagnostic of every cell, as the {@code health} message carries it: the
 * figures measured at comparable conditions (relaxed, in the configured SOC window and temperature
 * band), which is what a researcher trends, beside the live estimates (docs/record.md).
 *
 * @param cycle     the pack's cycle in progress when it ran
 * @param startMillis when the diagnostic started (epoch milliseconds, UTC)
 * @param endMillis when it ended
 * @param cells     one entry per cell, cell 1 first
 */
public record HealthCheckpoint(long cycle, long startMillis, long endMillis, List<Cell> cells) {

    /**
     * One cell's checkpoint. NaN is unknown (a diagnostic without a pulse has no R0).
     *
     * @param cell        counted from 1
     * @param r0At25Ohms  R0 from the pulse step, referred to 25 °C
     * @param seiAt25Ohms its interfacial (SEI) part: R0 less the bulk resistance
     * @param ocvVolts    the relaxed OCV
     * @param socFraction the SOC of that OCV on the cell's curve
     */
    public record Cell(int cell, double r0At25Ohms, double seiAt25Ohms, double ocvVolts, double socFraction) {}

    public HealthCheckpoint {
        cells = List.copyOf(cells);
    }

    /** The checkpoint made of {@code rows}, one per cell; null when they are not one checkpoint's rows. */
    public static HealthCheckpoint of(List<CycleRow> rows) {
        if (rows.isEmpty() || rows.get(0).kind() != CycleRow.Kind.CHECKPOINT) {
            return null;
        }
        CycleRow first = rows.get(0);
        List<Cell> cells = new ArrayList<>(rows.size());
        for (CycleRow r : rows) {
            if (r.kind() != CycleRow.Kind.CHECKPOINT || r.endMillis() != first.endMillis()) {
                return null;
            }
            cells.add(new Cell(r.cell(), r.r0At25Ohms(), r.seiAt25Ohms(), r.ocvVolts(), r.socFraction()));
        }
        return new HealthCheckpoint(first.cycle(), first.startMillis(), first.endMillis(), cells);
    }

    /**
     * The last complete checkpoint in a record's rows (file order), or null when it holds none. A
     * checkpoint is complete when it has a row for each of {@code cellCount} cells; a partial one
     * (a crash while its rows were appended) is passed over for the one before it.
     */
    public static HealthCheckpoint last(List<CycleRow> rows, int cellCount) {
        HealthCheckpoint found = null;
        int i = 0;
        while (i < rows.size()) {
            CycleRow r = rows.get(i);
            if (r.kind() != CycleRow.Kind.CHECKPOINT) {
                i++;
                continue;
            }
            int j = i;
            while (j < rows.size()
                    && rows.get(j).kind() == CycleRow.Kind.CHECKPOINT
                    && rows.get(j).endMillis() == r.endMillis()) {
                j++;
            }
            if (j - i == cellCount) {
                found = of(rows.subList(i, j));
            }
            i = j;
        }
        return found;
    }

    /** The highest SEI resistance of the cells (NaN when none is known): the pack's worst interface. */
    public double worstSeiAt25Ohms() {
        double worst = Double.NaN;
        for (Cell c : cells) {
            if (Double.isFinite(c.seiAt25Ohms()) && !(c.seiAt25Ohms() <= worst)) {
                worst = c.seiAt25Ohms();
            }
        }
        return worst;
    }
}
