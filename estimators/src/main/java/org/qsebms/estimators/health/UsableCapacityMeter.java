package org.qsebms.estimators.health;

import java.util.Locale;

/**
 * Measures the pack's usable capacity the way a battery cycler does: the charge delivered from a
 * full charge (constant-voltage charge tapered to {@link UsableCapacitySettings#taperAmps()} with
 * the highest cell at {@link UsableCapacitySettings#fullVolts()}) until the lowest cell reaches the
 * discharge cutoff (or the discharge stops with it within
 * {@link UsableCapacitySettings#cutoffToleranceVolts()} of the cutoff). This is the capacity at the rate and temperature the pack is actually used at.
 * It falls as resistance grows (an aged cell reaches its cutoff earlier), which the total capacity
 * that {@link CellHealthTracker} learns between relaxed rests does not show: the two answer
 * different questions, and both are reported.
 *
 * <p>A discharge is measured only when everything between full and cutoff was counted: it must
 * start from full, take back no more than {@link UsableCapacitySettings#maxRechargeFraction()} of
 * the nominal capacity, have no sample gap over {@link UsableCapacitySettings#maxGapSeconds()}
 * while current flows (a gap at rest, such as a logger that stopped between a charge and a discharge,
 * counts as no charge: the resting sample after it says nothing of the current during it), and give at least {@link UsableCapacitySettings#minFraction()} of the
 * nominal capacity (an earlier touch of the cutoff is a load peak). A discharge that fails a check
 * leaves the last measurement as it was and says why in {@link #lastRejection()}.
 *
 * <p>One meter per series string; no allocation per update except when a discharge ends.
 * Current is positive while charging.
 */
public final class UsableCapacityMeter {
    private final UsableCapacitySettings settings;
    private boolean counting;
    private double netAh;
    /** The lowest cell came within the tolerance of the cutoff during this discharge. */
    private boolean nearCutoff;
    private double rechargedAh;
    private double dischargeAh;
    private double dischargeSeconds;
    private double dischargeCelsiusSeconds;
    private UsableCapacity last;
    private int measurements;
    private long revision;
    private String lastRejection = "";

    public UsableCapacityMeter(UsableCapacitySettings settings) {
        this.settings = settings;
    }

    /**
     * One sample: pack current (A, charging positive), each cell's voltage and temperature, the time
     * since the previous sample. Samples with a non-finite current or voltage are skipped (a sensor
     * fault is not a cutoff), and a discharge in progress is voided, as its charge cannot be counted.
     */
    public void update(double amps, double[] cellVolts, double[] cellCelsius, double dtSeconds, long epochMillis) {
        double minVolts = Double.POSITIVE_INFINITY;
        double maxVolts = Double.NEGATIVE_INFINITY;
        double celsius = 0;
        boolean finite = Double.isFinite(amps) && Double.isFinite(dtSeconds) && dtSeconds >= 0;
        for (int i = 0; i < cellVolts.length; i++) {
            finite &= Double.isFinite(cellVolts[i]);
            minVolts = Math.min(minVolts, cellVolts[i]);
            maxVolts = Math.max(maxVolts, cellVolts[i]);
            celsius += cellCelsius[i];
        }
        celsius /= cellCelsius.length;
        if (!finite) {
            reject("a sample with a non-finite current or cell voltage");
            return;
        }
        boolean charging = amps > settings.restAmps();
        boolean discharging = amps < -settings.restAmps();
        // any charge at the full voltage with the current tapered, down to the end of the taper
        if (amps > 0 && amps <= settings.taperAmps() && maxVolts >= settings.fullVolts()) {
            startFromFull();
            return;
        }
        if (!counting) {
            return;
        }
        if (!discharging && nearCutoff) {
            // the discharge stopped at the cutoff (by the load's own reading): what it gave is the capacity
            reachCutoff(epochMillis);
            return;
        }
        if (dtSeconds > settings.maxGapSeconds()) {
            if (charging || discharging) {
                reject(String.format(Locale.ROOT, "a %.0f s gap between samples while %.2f A flowed", dtSeconds, amps));
            }
            // a resting sample after a gap says nothing about the current during the gap: count none
            return;
        }
        double ah = amps * dtSeconds / 3600.0;
        netAh += ah;
        if (charging) {
            rechargedAh += ah;
            if (rechargedAh > settings.maxRechargeFraction() * settings.nominalCapacityAh()) {
                reject(String.format(Locale.ROOT, "%.3f Ah charged back after full: a partial cycle", rechargedAh));
            }
            return;
        }
        if (!discharging) {
            return;
        }
        dischargeAh -= ah;
        dischargeSeconds += dtSeconds;
        dischargeCelsiusSeconds += celsius * dtSeconds;
        if (minVolts <= settings.cutoffVolts()) {
            reachCutoff(epochMillis);
        } else if (minVolts <= settings.cutoffVolts() + settings.cutoffToleranceVolts()) {
            nearCutoff = true;
        }
    }

    /**
     * Marks the pack full now, for a log that starts right after a full charge the meter did not
     * see (a cycler's discharge file, for example).
     */
    public void markFull() {
        startFromFull();
    }

    /**
     * Voids a discharge in progress because samples are missing (for example while a sensor is
     * faulted and the controller does not trust its readings); {@code why} says what happened.
     */
    public void interrupt(String why) {
        reject(why);
    }

    private void startFromFull() {
        counting = true;
        nearCutoff = false;
        netAh = 0;
        rechargedAh = 0;
        dischargeAh = 0;
        dischargeSeconds = 0;
        dischargeCelsiusSeconds = 0;
    }

    private void reachCutoff(long epochMillis) {
        double delivered = -netAh;
        if (delivered < settings.minFraction() * settings.nominalCapacityAh()) {
            reject(String.format(Locale.ROOT, "the cutoff was reached after only %.3f Ah from full (a load peak, "
                    + "not the end of the charge)", delivered));
            return;
        }
        double meanAmps = dischargeAh * 3600.0 / dischargeSeconds;
        last = new UsableCapacity(delivered, meanAmps / settings.nominalCapacityAh(),
                dischargeCelsiusSeconds / dischargeSeconds, epochMillis);
        measurements++;
        revision++;
        lastRejection = "";
        counting = false;
    }

    private void reject(String why) {
        if (counting) {
            lastRejection = "discharge not measured: " + why;
            revision++;
        }
        counting = false;
    }

    /** The last measurement; null before the first. */
    public UsableCapacity last() {
        return last;
    }

    /** The last measured usable capacity (Ah); NaN before the first measurement. */
    public double usableCapacityAh() {
        return last == null ? Double.NaN : last.ampHours();
    }

    /** The last usable capacity over the nominal one; NaN before the first measurement. */
    public double stateOfHealth() {
        return usableCapacityAh() / settings.nominalCapacityAh();
    }

    /** Discharges measured since construction (or restore). */
    public int measurements() {
        return measurements;
    }

    /** Net charge delivered since the last full charge (Ah; 0 at full, and while not counting). */
    public double countedAh() {
        return counting ? -netAh : 0.0;
    }

    /** True between a full charge and the end of the discharge that follows it. */
    public boolean counting() {
        return counting;
    }

    /** Why the last discharge from full was not measured; empty when it was (or none was voided yet). */
    public String lastRejection() {
        return lastRejection;
    }

    /** Changes whenever a discharge is measured or voided. */
    public long revision() {
        return revision;
    }

    /** Restores a measurement kept from an earlier run (the count starts again from that one). */
    public void restore(UsableCapacity measurement) {
        last = measurement;
        measurements = measurement == null ? 0 : 1;
    }

    public UsableCapacitySettings settings() {
        return settings;
    }
}
