package org.qsebms.bms.telemetry;

import org.qsebms.bms.snapshot.PackSample;
import org.qsebms.config.MqttConfig;

/**
 * Decides whether a state sample is published: always when a discrete value (mode, contactors,
 * trip, current limits) changed, when an analog value left the deadband around the last published
 * one, or when the heartbeat interval passed; with no deadband every sample is published.
 */
final class StateFilter {
    private final MqttConfig.StateDeadband band;
    private final long heartbeatNanos;
    private final PackSample last;
    private boolean any;

    StateFilter(MqttConfig.StateDeadband band, long heartbeatNanos, int cells, int temps) {
        this.band = band;
        this.heartbeatNanos = heartbeatNanos;
        this.last = new PackSample(cells, temps);
    }

    boolean shouldPublish(PackSample s) {
        boolean publish = !any || band.isNone() || changed(s);
        if (publish) {
            last.copyFrom(s);
            any = true;
        }
        return publish;
    }

    private boolean changed(PackSample s) {
        return s.nanos - last.nanos >= heartbeatNanos
                || s.state != last.state
                || s.tripped != last.tripped
                || s.balancingEnabled != last.balancingEnabled
                || s.mainPositiveClosed != last.mainPositiveClosed
                || s.mainNegativeClosed != last.mainNegativeClosed
                || s.prechargeClosed != last.prechargeClosed
                || s.chargeLimitAmps != last.chargeLimitAmps
                || s.dischargeLimitAmps != last.dischargeLimitAmps
                || out(s.packVolts, last.packVolts, band.packVolts())
                || out(s.packAmps, last.packAmps, band.packAmps())
                || out(s.minCellVolts, last.minCellVolts, band.cellVolts())
                || out(s.maxCellVolts, last.maxCellVolts, band.cellVolts())
                || out(s.maxCelsius, last.maxCelsius, band.celsius())
                || out(s.minCelsius, last.minCelsius, band.celsius())
                || out(s.packSoc, last.packSoc, band.socFraction());
    }

    private static boolean out(double now, double then, double band) {
        return !(Math.abs(now - then) <= band) && !(Double.isNaN(now) && Double.isNaN(then));
    }
}
