package org.qsebms.hal.frontend;

/**
 * Plausibility bounds for a cell reading (not protection limits): below {@code openWireBelowVolts}
 * a tap wire is taken as open (a pulled-down tap reads 0 V), outside
 * {@code minVolts..maxVolts} the reading is out of range.
 */
public record CellVoltageLimits(double openWireBelowVolts, double minVolts, double maxVolts) {
    public static final CellVoltageLimits LITHIUM = new CellVoltageLimits(0.5, 1.0, 5.0);

    public CellVoltageLimits {
        if (!(openWireBelowVolts <= minVolts && minVolts < maxVolts)) {
            throw new IllegalArgumentException("need openWireBelowVolts <= minVolts < maxVolts, got "
                    + openWireBelowVolts + ", " + minVolts + ", " + maxVolts);
        }
    }
}
