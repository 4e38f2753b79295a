package org.qsebms.bms.offline.replay;

import java.util.List;
import java.util.Locale;
import org.qsebms.config.CellCapacityRange;
import org.qsebms.estimators.characterization.CellTestLog;

/**
 * Refuses a capacity option that the evidence beside it contradicts: the preset's capacity (a replay with
 * a characterised cell's preset) or the charge the OCV tests moved (a characterisation). Found by check20z
 * (2026-12-06): {@code bms replay --capacity-ah 29} on a 2.9 Ah preset ran (RMSE 43 %, coverage 1-6 %),
 * and {@code bms characterize --capacity-ah 5.8} from tests that moved 3.0 Ah wrote a preset that then
 * replayed at coverage 0.0 %.
 */
public final class CapacityEvidence {
    /**
     * Lowest share of the preset's capacity a given capacity may be: an aged cell is replaced at 70-80 %
     * of its capacity, and a preset from a healthy cell used on a cell half as large (the NASA cells, 1.7 Ah,
     * replayed with the 2.9 Ah NCA preset: 0.59) is still a deliberate choice; below half it is a mistake.
     */
    static final double PRESET_LOW = 0.5;
    /**
     * Highest: a new cell holds a few percent over its rating, and a preset from an aged cell (80 %) used on
     * a new one gives 1.25; no cell grows beyond that.
     */
    static final double PRESET_HIGH = 1.25;
    /**
     * A slow OCV test ({@link #SLOW_C}) that ran from full to empty (its voltage reached within {@link #FULL_MARGIN_VOLTS} of the
     * base preset's over- and under-voltage MOLs, where a cycler stops a C/20 test) moved the cell's whole
     * charge: the shared ones move 0.98-1.03 times the capacity they were run at (the NCA C/20 test 2.997 Ah of
     * 2.9, the A123 S1 2.060 of 2.05). A capacity more than 1.1 times that charge is not this cell's. A test
     * that stopped short (a partial OCV test) says only that the capacity is at least its charge, which the
     * quarter check ({@link CellLogPlausibility#checkCapacityAgainstTests}) judges.
     */
    static final double FULL_TEST_HIGH = 1.1;
    /** A test at this C-rate or less is an OCV test that moves the cell's whole charge between its MOLs. */
    static final double SLOW_C = 0.1;
    /** The OCV tests may move more than the capacity by this factor (the shared NCA C/20 test: 1.034). */
    static final double OCV_HIGH = 1.1;
    /** The capacities a characterised preset's cell can have ({@link #PRESET_LOW}..{@link #PRESET_HIGH} of it). */
    static final CellCapacityRange PRESET_RANGE = new CellCapacityRange(PRESET_LOW, PRESET_HIGH);
    /** The capacities a slow OCV test's charge allows ({@link #OCV_HIGH} and {@link #FULL_TEST_HIGH} either way). */
    static final CellCapacityRange OCV_TEST_RANGE = new CellCapacityRange(1 / OCV_HIGH, FULL_TEST_HIGH);
    /** How close to the MOLs (V) a test's voltage must come to count as run from full to empty. */
    static final double FULL_MARGIN_VOLTS = 0.05;

    private CapacityEvidence() {}

    /**
     * Refuses {@code givenAh} outside {@link #PRESET_LOW}..{@link #PRESET_HIGH} of the characterised preset's
     * capacity.
     *
     * @throws LogFormatException naming the option, both capacities, the ratio and the likely mistake
     */
    public static void checkAgainstPreset(String option, double givenAh, double presetAh, String preset) {
        double ratio = givenAh / presetAh;
        if (PRESET_RANGE.holds(givenAh, presetAh)) {
            return;
        }
        throw new LogFormatException(String.format(
                Locale.ROOT,
                "%s: %s Ah is %s times the %s Ah of preset '%s', outside the %s..%s a cell of the preset's kind can "
                        + "hold (a cell loses 20-30 %% with age, and none gains more than a few %%); %s",
                option,
                CellLogPlausibility.number(givenAh),
                CellLogPlausibility.number(ratio),
                CellLogPlausibility.number(presetAh),
                preset,
                CellLogPlausibility.number(PRESET_LOW),
                CellLogPlausibility.number(PRESET_HIGH),
                likelyMistake(givenAh, PRESET_RANGE, presetAh, "the preset's")));
    }

    /**
     * Refuses a capacity the slow OCV tests ({@link #SLOW_C}) contradict: one that moved more than {@link #OCV_HIGH} times it (a
     * cell gives no more charge than it holds), or a capacity more than {@link #FULL_TEST_HIGH} times the
     * charge of a test run from full to empty (between {@code topVolts} and {@code bottomVolts}, the base
     * preset's over- and under-voltage MOLs). A charge more than {@link
     * CellLogPlausibility#UNIT_FACTOR_CAPACITIES} times off either way is left to the unit checks (mA, ms)
     * and the quarter check, which name it.
     *
     * @throws LogFormatException naming the option, the charge the test moved, the test and the likely mistake
     */
    public static void checkAgainstOcvTests(
            String option, double capacityAh, List<CellTestLog> ocvTests, double topVolts, double bottomVolts) {
        for (CellTestLog log : ocvTests) {
            // the tester's own counter where it agrees with the count: a cycler counts at its own high rate,
            // while a log sampled sparsely at rest (the shared HPPC tests) counts half the charge
            double span = ChargeCounter.agrees(log)
                    ? ChargeCounter.ratio(ChargeCounter.count(log.currentA(), log.timeS()), log.capacityAh(), 1)
                            .spanAh()
                    : CellLogPlausibility.chargeSpanAh(log);
            double moved = span / capacityAh;
            if (span == 0
                    || !slow(log, Math.max(capacityAh, span))
                    || moved > CellLogPlausibility.UNIT_FACTOR_CAPACITIES
                    || moved < 1 / CellLogPlausibility.UNIT_FACTOR_CAPACITIES) {
                continue;
            }
            String why;
            if (moved > OCV_HIGH && ChargeCounter.agrees(log)) {
                why = String.format(
                        Locale.ROOT,
                        "more than %s times it, while a cell gives no more charge than it holds",
                        CellLogPlausibility.number(OCV_HIGH));
            } else if (1 / moved > FULL_TEST_HIGH && ranFullToEmpty(log, topVolts, bottomVolts)) {
                why = String.format(
                        Locale.ROOT,
                        "running the cell from full to empty (%s to %s V, the base preset's MOLs %s and %s V), so "
                                + "the cell holds that charge, and the capacity is more than %s times it",
                        CellLogPlausibility.number(quantile(log.voltageV(), 1 - CellLogPlausibility.GLITCH_SHARE)),
                        CellLogPlausibility.number(quantile(log.voltageV(), CellLogPlausibility.GLITCH_SHARE)),
                        CellLogPlausibility.number(topVolts),
                        CellLogPlausibility.number(bottomVolts),
                        CellLogPlausibility.number(FULL_TEST_HIGH));
            } else {
                continue;
            }
            throw new LogFormatException(String.format(
                    Locale.ROOT,
                    "%s: %s Ah, but the OCV test %s moves %s Ah (%s times it), %s; %s",
                    option,
                    CellLogPlausibility.number(capacityAh),
                    log.source(),
                    CellLogPlausibility.number(span),
                    CellLogPlausibility.number(moved),
                    why,
                    likelyMistake(capacityAh, OCV_TEST_RANGE, span, "the OCV test's")));
        }
    }

    /**
     * Whether the test runs at {@link #SLOW_C} or less (a C/20 or C/30 OCV test) on all but the glitch share of
     * its rows: only such a test moves the whole charge between the MOLs, and no more; a pulse test reaches them
     * under load with charge left (the NCA 0 °C HPPC test: 2.48 of 2.9 Ah), and its charge pulses at the top
     * can run past full (a simulated HPPC test: 1.16 capacities). Only slow tests are judged here, against
     * the larger of the capacity given and the test's own charge (a capacity given too small makes no C/20
     * test fast).
     */
    private static boolean slow(CellTestLog log, double capacityAh) {
        double[] amps = log.currentA().clone();
        for (int k = 0; k < amps.length; k++) {
            amps[k] = Math.abs(amps[k]);
        }
        return quantile(amps, 1 - CellLogPlausibility.GLITCH_SHARE) <= SLOW_C * capacityAh;
    }

    private static boolean ranFullToEmpty(CellTestLog log, double topVolts, double bottomVolts) {
        double[] v = log.voltageV();
        return quantile(v, 1 - CellLogPlausibility.GLITCH_SHARE) >= topVolts - FULL_MARGIN_VOLTS
                && quantile(v, CellLogPlausibility.GLITCH_SHARE) <= bottomVolts + FULL_MARGIN_VOLTS;
    }

    /** The value below which {@code share} of the column lies (glitch rows left out at either end). */
    private static double quantile(double[] column, double share) {
        double[] sorted = column.clone();
        java.util.Arrays.sort(sorted);
        return sorted[(int) Math.min(sorted.length - 1, Math.floor(share * sorted.length))];
    }

    /**
     * The slip that gave {@code givenAh}, by the rule the configuration's {@code pack.capacityAh} is judged by
     * ({@link CellCapacityRange#likelySlip}): the power of ten that brings it into {@code range} of {@code rightAh}
     * (mAh when that is 1000), else another cell's capacity.
     */
    private static String likelyMistake(double givenAh, CellCapacityRange range, double rightAh, String whose) {
        String mistake = range.likelySlip(givenAh, rightAh)
                .map(CellCapacityRange.CapacitySlip::name)
                .orElse("another cell's capacity, or another cell's preset or test");
        return String.format(
                Locale.ROOT,
                "it looks like %s: give the capacity of this cell in Ah (%s %s Ah)",
                mistake,
                whose,
                CellLogPlausibility.number(rightAh));
    }
}
