package org.qsebms.estimators.health;

import java.util.Locale;

/**
 * Measures the pack's usable capacity the way a battery cycler does: the charge delivered from a
 * full charge (constant-voltage charge tapered to {@link UsableCapacitySettings#taperAmps()} with
 * the highest cell at {@link UsableCapacitySettings#fullVolts()}) until the lowest cell reaches the
 * discharge cutoff. A discharge that stops with its lowest cell within
 * {@link UsableCapacitySettings#cutoffToleranceVolts()} of the cutoff (a load that stops at the
 * cutoff by its own reading) ended there, once it stays stopped for {@value #CANDIDATE_REST_SECONDS}
 * s or is recharged; if it resumes, that was a pause. This is the capacity at the rate and
 * temperature the pack is actually used at. It falls as resistance grows (an aged cell reaches its
 * cutoff earlier), which the total capacity that {@link CellHealthTracker} learns between relaxed
 * rests does not show: the two answer different questions, and both are reported.
 *
 * <p>A discharge is measured only when everything between full and cutoff was counted: it must
 * start from full; take back no more than {@link UsableCapacitySettings#maxRechargeFraction()} of
 * the nominal capacity in one charging stretch (regenerative pulses between discharges are counted
 * net: the capacity is the net charge delivered); have no sample gap over
 * {@link UsableCapacitySettings#maxGapSeconds()} while current flows (a gap at rest, such as a
 * logger that stopped between a charge and a discharge, counts as no charge: the resting sample
 * after it says nothing of the current during it); and give at least
 * {@link UsableCapacitySettings#minFraction()} of the nominal capacity (an earlier touch of the
 * cutoff is a load peak). A discharge that fails a check leaves the last measurement as it was and
 * says why in {@link #lastRejection()}.
 *
 * <p>One meter per series string; no allocation per update except when a discharge ends.
 * Current is positive while charging.
 */
public final class UsableCapacityMeter {
    /** A discharge that stopped near the cutoff and stays stopped this long (or is recharged) ended there. */
    static final double CANDIDATE_REST_SECONDS = 600;

    private final UsableCapacitySettings settings;
    private boolean counting;
    private double netAh;
    /** The lowest cell came within the tolerance of the cutoff during this discharge. */
    private boolean nearCutoff;
    /** The discharge stopped after coming near the cutoff: where, and its figures there. */
    private boolean hasCandidate;

    private double candidateAh;
    private double candidateDischargeAh;
    private double candidateSeconds;
    private double candidateCelsiusSeconds;
    private double candidateRestSeconds;
    private long candidateEpochMillis;
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
        boolean finite = true;
        for (double v : cellVolts) {
            finite &= Double.isFinite(v);
            minVolts = Math.min(minVolts, v);
            maxVolts = Math.max(maxVolts, v);
        }
        update(amps, finite ? minVolts : Double.NaN, maxVolts, cellCelsius, dtSeconds, epochMillis);
    }

    /**
     * The same sample with the lowest and highest cell voltage already known (the controller's
     * measurement has them), so no pass over the cells is made twice; the mean temperature is taken
     * from {@code cellCelsius} only while a discharge from full is counted.
     */
    public void update(
            double amps, double minVolts, double maxVolts, double[] cellCelsius, double dtSeconds, long epochMillis) {
        boolean finite = Double.isFinite(amps)
                && Double.isFinite(dtSeconds)
                && dtSeconds >= 0
                && Double.isFinite(minVolts)
                && Double.isFinite(maxVolts);
        if (!finite) {
            endOrReject("a sample with a non-finite current or cell voltage");
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
            // the discharge stopped near the cutoff: its end, unless it resumes
            holdCandidate(epochMillis);
        }
        if (dtSeconds > settings.maxGapSeconds()) {
            if (charging || discharging) {
                endOrReject(String.format(
                        Locale.ROOT, "a %.0f s gap between samples while %.2f A flowed", dtSeconds, amps));
            }
            // a resting sample after a gap says nothing about the current during the gap: count none
            return;
        }
        double ah = amps * dtSeconds / 3600.0;
        netAh += ah;
        if (charging) {
            rechargedAh += ah;
            if (rechargedAh > settings.maxRechargeFraction() * settings.nominalCapacityAh()) {
                endOrReject(
                        String.format(Locale.ROOT, "%.3f Ah charged back after full: a partial cycle", rechargedAh));
            }
            return;
        }
        if (!discharging) {
            if (hasCandidate) {
                candidateRestSeconds += dtSeconds;
                if (candidateRestSeconds >= CANDIDATE_REST_SECONDS) {
                    endAtCandidate();
                }
            }
            return;
        }
        // the discharge goes on: a stop near the cutoff was a pause, and a charge stretch is over
        // (regenerative pulses between discharges are counted net, not as a recharge)
        hasCandidate = false;
        rechargedAh = 0;
        dischargeAh -= ah;
        dischargeSeconds += dtSeconds;
        dischargeCelsiusSeconds += mean(cellCelsius) * dtSeconds;
        if (minVolts <= settings.cutoffVolts()) {
            measure(-netAh, dischargeAh, dischargeSeconds, dischargeCelsiusSeconds, epochMillis);
        } else if (minVolts <= settings.cutoffVolts() + settings.cutoffToleranceVolts()) {
            nearCutoff = true;
        }
    }

    private static double mean(double[] xs) {
        double sum = 0;
        for (double x : xs) {
            sum += x;
        }
        return sum / xs.length;
    }

    /** Remembers where a discharge that came near the cutoff stopped, with its figures so far. */
    private void holdCandidate(long epochMillis) {
        nearCutoff = false;
        hasCandidate = true;
        candidateAh = -netAh;
        candidateDischargeAh = dischargeAh;
        candidateSeconds = dischargeSeconds;
        candidateCelsiusSeconds = dischargeCelsiusSeconds;
        candidateRestSeconds = 0;
        candidateEpochMillis = epochMillis;
    }

    /** The discharge is over: measured at its stop near the cutoff if it had one, else voided for {@code why}. */
    private void endOrReject(String why) {
        if (hasCandidate) {
            endAtCandidate();
        } else {
            reject(why);
        }
    }

    private void endAtCandidate() {
        measure(candidateAh, candidateDischargeAh, candidateSeconds, candidateCelsiusSeconds, candidateEpochMillis);
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
     * faulted and the controller does not trust its readings); {@code why} says what happened. A
     * discharge that had already stopped near the cutoff is measured there instead.
     */
    public void interrupt(String why) {
        endOrReject(why);
    }

    private void startFromFull() {
        counting = true;
        nearCutoff = false;
        hasCandidate = false;
        netAh = 0;
        rechargedAh = 0;
        dischargeAh = 0;
        dischargeSeconds = 0;
        dischargeCelsiusSeconds = 0;
    }

    private void measure(
            double delivered, double dischargedAh, double seconds, double celsiusSeconds, long epochMillis) {
        hasCandidate = false;
        if (delivered < settings.minFraction() * settings.nominalCapacityAh()) {
            reject(String.format(
                    Locale.ROOT,
                    "the cutoff was reached after only %.3f Ah from full (a load peak, " + "not the end of the charge)",
                    delivered));
            return;
        }
        double meanAmps = dischargedAh * 3600.0 / seconds;
        last = new UsableCapacity(
                delivered, meanAmps / settings.nominalCapacityAh(), celsiusSeconds / seconds, epochMillis);
        measurements++;
        revision++;
        lastRejection = "";
        counting = false;
    }

    private void reject(String why) {
        hasCandidate = false;
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
