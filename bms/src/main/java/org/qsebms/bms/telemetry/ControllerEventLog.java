package org.qsebms.bms.telemetry;

import java.util.Locale;
import org.qsebms.bms.snapshot.ControllerEvent;
import org.tinylog.Logger;

/**
 * Writes each controller event to the log (state changes, fault edges, reset outcomes, usable-capacity
 * measurements): edges only, never per-tick data. Telemetry thread.
 */
final class ControllerEventLog {
    void log(ControllerEvent e) {
        switch (e) {
            case ControllerEvent.FaultEdge fe -> {
                var f = fe.fault();
                if (f.raised()) {
                    Logger.warn("fault raised {} [{}]: {}", f.id(), f.code().number(), f.reason());
                } else {
                    Logger.info("fault cleared {} [{}]: {}", f.id(), f.code().number(), f.reason());
                }
            }
            case ControllerEvent.StateChange sc -> Logger.info("state {} -> {}: {}", sc.from(), sc.to(), sc.reason());
            case ControllerEvent.UsableCapacityChange u -> {
                if (u.measured() != null) {
                    Logger.info(
                            "usable capacity measured: {} Ah at {} C, {} °C (discharge from full to the cutoff)",
                            String.format(Locale.ROOT, "%.4f", u.measured().ampHours()),
                            String.format(Locale.ROOT, "%.2f", u.measured().meanDischargeC()),
                            String.format(Locale.ROOT, "%.1f", u.measured().meanCelsius()));
                } else {
                    Logger.info("usable capacity: {}", u.voidedReason());
                }
            }
            case ControllerEvent.ResetOutcome r -> Logger.info("{}", r.reason());
            case ControllerEvent.CloseRefused r -> Logger.warn("{}", r.reason());
            case ControllerEvent.SocRestoreRefused r -> Logger.warn("{}", r.reason());
            case ControllerEvent.CurrentZeroRating r -> {
                if (r.beyond()) {
                    Logger.warn("{}", r.reason());
                } else {
                    Logger.info("{}", r.reason());
                }
            }
            case ControllerEvent.CloseOutcome r -> Logger.debug("{}", r.reason());
        }
    }
}
