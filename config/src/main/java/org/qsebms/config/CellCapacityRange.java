package org.qsebms.config;

import java.util.Optional;

/**
 * The capacities a cell of a preset's kind can have, as factors on the preset's own cell ({@code cell.capacityAh}):
 * a chemistry preset's cell is scaled to the configured {@code pack.capacityAh} (electrode area), so a pack of
 * another size of the same cell is the user's to configure, while a capacity outside this range is no cell of that
 * kind (the preset's {@code capacityRange:} section, {@link #CHEMISTRY} when it has none). A characterised cell's
 * preset is that one cell, with a narrow range of its own ({@code bms replay --preset}).
 *
 * <p>The range is below 1000 wide ({@code highestFactor < 1000 * lowestFactor}), so a capacity in mAh of any cell in
 * it lies outside it, and the power of ten that brings a refused value back into it names the likely slip
 * ({@link #likelySlip}).
 *
 * @param lowestFactor  the smallest capacity a cell of this kind has, over the preset's
 * @param highestFactor the largest, over the preset's
 */
public record CellCapacityRange(double lowestFactor, double highestFactor) {
    /**
     * A chemistry preset without a {@code capacityRange:} section: one layer of the shipped presets' reference
     * electrode (50 cm² of 22 layers: 1/22) up to 40 times the cell (74 Ah on psoa-ncm811's 1.845 Ah), by reasoning
     * from the cell's construction, not measured; the shipped presets write it out.
     */
    public static final CellCapacityRange CHEMISTRY = new CellCapacityRange(0.05, 40);

    /** A value in mAh is 1000 times the value in Ah. */
    private static final int MAH_DECADES = 3;
    /** The powers of ten tried for a slip (a value in mAh, or a decimal point moved up to six places). */
    private static final int MAX_SLIP_DECADES = 6;

    /**
     * @throws IllegalArgumentException when the range does not hold the preset's own cell, or is 1000 or more wide
     *     (a capacity in mAh could then load)
     */
    public CellCapacityRange {
        if (!(lowestFactor > 0 && lowestFactor <= 1 && highestFactor >= 1 && Double.isFinite(highestFactor))) {
            throw new IllegalArgumentException("lowestFactor " + lowestFactor + " and highestFactor " + highestFactor
                    + " must hold the preset's own cell: 0 < lowestFactor <= 1 <= highestFactor");
        }
        if (highestFactor >= Math.pow(10, MAH_DECADES) * lowestFactor) {
            throw new IllegalArgumentException("highestFactor " + highestFactor + " is 1000 or more times lowestFactor "
                    + lowestFactor + ": a capacity written in mAh would fall inside the range");
        }
    }

    /** Whether {@code ah} is the capacity of a cell of this kind, the preset's cell holding {@code referenceAh}. */
    public boolean holds(double ah, double referenceAh) {
        double ratio = ah / referenceAh;
        return ratio >= lowestFactor && ratio <= highestFactor;
    }

    /**
     * The slip that most likely gave {@code ah} outside the range: the power of ten that brings it inside, nearest the
     * preset's cell (mAh when that is 1000); empty when none does.
     */
    public Optional<CapacitySlip> likelySlip(double ah, double referenceAh) {
        CapacitySlip best = null;
        double bestDistance = Double.POSITIVE_INFINITY;
        for (int decades = -MAX_SLIP_DECADES; decades <= MAX_SLIP_DECADES; decades++) {
            double intended = ah / Math.pow(10, decades);
            if (decades == 0 || !holds(intended, referenceAh)) {
                continue;
            }
            double distance = decades == MAH_DECADES ? -1 : Math.abs(Math.log10(intended / referenceAh));
            if (distance < bestDistance) {
                bestDistance = distance;
                best = new CapacitySlip(decades, intended);
            }
        }
        return Optional.ofNullable(best);
    }

    /**
     * A capacity written a power of ten off.
     *
     * @param decades    the power of ten the written value is too large by (3: mAh; negative: too small)
     * @param intendedAh the value meant, in Ah
     */
    public record CapacitySlip(int decades, double intendedAh) {
        /** What the slip is, for a message: {@code mAh} or {@code a misplaced decimal point}. */
        public String name() {
            return decades == MAH_DECADES ? "mAh" : "a misplaced decimal point";
        }
    }
}
