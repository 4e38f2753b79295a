package org.qsebms.hal;

/** The one place that states the current sign convention: charging current is positive. */
public final class CurrentSign {
    /** Multiply a charging current magnitude by this to get the signed current used in qse-bms. */
    static final double CHARGE = +1.0;
    /** Multiply a discharging current magnitude by this to get the signed current used in qse-bms. */
    public static final double DISCHARGE = -1.0;

    private CurrentSign() {}

    /** True when the signed current {@code amps} charges the pack (beyond {@code deadbandAmps}). */
    public static boolean isCharging(double amps, double deadbandAmps) {
        return amps > deadbandAmps;
    }

    /** True when the signed current {@code amps} discharges the pack (beyond {@code deadbandAmps}). */
    static boolean isDischarging(double amps, double deadbandAmps) {
        return amps < -deadbandAmps;
    }
}
