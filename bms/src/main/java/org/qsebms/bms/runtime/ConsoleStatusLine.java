package org.qsebms.bms.runtime;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.Consumer;
import org.qsebms.bms.snapshot.PackSample;

/** Prints one status line per sample (once a second by default) on the telemetry thread. */
public final class ConsoleStatusLine implements Consumer<PackSample> {
    private final PrintStream out;

    public ConsoleStatusLine(PrintStream out) {
        this.out = out;
    }

    @Override
    public void accept(PackSample s) {
        out.println(format(s));
    }

    public static String format(PackSample s) {
        String contactors = (s.mainNegativeClosed ? "N" : "-")
                + (s.prechargeClosed ? "P" : "-")
                + (s.mainPositiveClosed ? "+" : "-");
        String health = s.healthKnown && Double.isFinite(s.soh)
                ? String.format(
                        Locale.ROOT, " | SOH %5.1f %%%s", s.soh * 100, s.capacityWindows > 0 ? "" : " (nominal)")
                : "";
        if (Double.isFinite(s.usableSoh)) {
            health += String.format(Locale.ROOT, " | usable %5.1f %% at %.2f C", s.usableSoh * 100, s.usableCapacityC);
        }
        return String.format(
                Locale.ROOT,
                "%-9s pack %6.2f V %7.2f A | cell %.3f..%.3f V | max %5.1f °C | SOC %5.1f %%%s | contactors %s%s",
                s.state,
                s.packVolts,
                s.packAmps,
                s.minCellVolts,
                s.maxCellVolts,
                s.maxCelsius,
                s.packSoc * 100,
                health,
                contactors,
                s.tripped ? " | TRIPPED" : "");
    }
}
