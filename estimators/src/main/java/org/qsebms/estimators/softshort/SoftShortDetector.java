package org.qsebms.estimators.softshort;

import java.util.Locale;
import org.qsebms.estimators.model.EcmParameters;

/**
 * Soft-short (dendrite) detection from three cues per cell, combined into one score:
 * <ol>
 *   <li>excess self-discharge current at rest, from voltage relaxation against the string
 *       ({@link RestSelfDischargeSettings});</li>
 *   <li>abrupt voltage drops the neighbours do not show, as a decaying event count
 *       ({@link VoltageDropSettings});</li>
 *   <li>the cell's SOC drifting from the string median, at rest or under load
 *       ({@link SocDriftSettings}).</li>
 * </ol>
 * Each cue gives an evidence {@code e = measured / threshold} (0 unless statistically confirmed);
 * the score is {@code x / (1 + x)} with {@code x = e1 + e2 + e3}, in [0, 1), and a cell is flagged
 * at or above {@link SoftShortSettings#scoreThreshold()} (0.5: one cue at its threshold, or several
 * partial ones). Cells are indexed from 0. Linear in cells, no allocation per update; only
 * {@link #reason(int)} allocates.
 */
public final class SoftShortDetector {
    private final SoftShortSettings settings;
    private final int cells;
    private final RestSelfDischargeCue rest;
    private final VoltageDropCue drops;
    private final SocDriftCue drift;
    private final double[] score;
    private final boolean[] flagged;

    /** Rest self-discharge cue as given; drop and drift cues with {@link SoftShortSettings#defaults}. */
    public SoftShortDetector(EcmParameters cell, int cellCount, double restAmps, double settleSeconds,
            double thresholdAmps, double sigmas) {
        this(cell, cellCount, SoftShortSettings.defaults(
                new RestSelfDischargeSettings(restAmps, settleSeconds, thresholdAmps, sigmas), cell.capacityAh()));
    }

    public SoftShortDetector(EcmParameters cell, int cellCount, SoftShortSettings settings) {
        if (cellCount < 1) {
            throw new IllegalArgumentException("cellCount must be >= 1, got " + cellCount);
        }
        this.settings = settings;
        this.cells = cellCount;
        this.rest = new RestSelfDischargeCue(cell, cellCount, settings.rest());
        this.drops = new VoltageDropCue(cell, cellCount, settings.drops());
        this.drift = new SocDriftCue(cell.capacityAh(), cellCount, settings.drift());
        this.score = new double[cellCount];
        this.flagged = new boolean[cellCount];
    }

    /**
     * @param packAmps  string current (charging positive)
     * @param cellVolts measured cell voltages
     * @param cellSoc   SOC per cell, e.g. from the SOC estimator (OCV slope and the drift cue)
     */
    public void update(double packAmps, double[] cellVolts, double[] cellSoc, double dtSeconds) {
        rest.update(packAmps, cellVolts, cellSoc, dtSeconds);
        drops.update(packAmps, cellVolts, dtSeconds);
        drift.update(packAmps, cellSoc, dtSeconds);
        for (int i = 0; i < cells; i++) {
            double x = rest.evidence(i) + drops.evidence(i) + drift.evidence(i);
            score[i] = x / (1 + x);
            flagged[i] = score[i] >= settings.scoreThreshold();
        }
    }

    /** True when the cell's combined score is at or above the threshold. */
    public boolean isFlagged(int cell) {
        return flagged[cell];
    }

    /** Combined soft-short score of the cell, 0 (no evidence) to 1. */
    public double score(int cell) {
        return score[cell];
    }

    public double scoreThreshold() {
        return settings.scoreThreshold();
    }

    /** Self-discharge current in excess of the string median (A), 0 while not resting. */
    public double selfDischargeAmps(int cell) {
        return rest.amps(cell);
    }

    /** Fall of the cell's SOC against the string median (SOC fraction per hour; positive = falling behind). */
    public double socDriftPerHour(int cell) {
        return drift.driftPerHour(cell);
    }

    /** Abrupt drops counted, decayed with the drop window (reads as "drops within about the last window"). */
    public double recentVoltageDrops(int cell) {
        return drops.decayedDrops(cell);
    }

    /**
     * Why the cell is (not) flagged, one clause per cue, cells numbered from 1 as in alarms and
     * telemetry, e.g. {@code cell 3: score 0.62 (threshold 0.50), suspected soft short; self-discharge 8.1 mA above the string median (threshold 3.0 mA,
     * standard error 0.4 mA) over 42 min of rest; SOC drifting -0.60 %/h from the string median ...}.
     * Allocates: call on request or when the flag changes, never per tick.
     */
    public String reason(int c) {
        StringBuilder b = new StringBuilder(320);
        b.append(String.format(Locale.ROOT, "cell %d: score %.2f (threshold %.2f)%s; ", c + 1, score[c],
                settings.scoreThreshold(), flagged[c] ? ", suspected soft short" : ""));
        appendRest(b, c);
        b.append("; ");
        appendDrift(b, c);
        b.append("; ");
        appendDrops(b, c);
        return b.toString();
    }

    private void appendRest(StringBuilder b, int c) {
        RestSelfDischargeSettings s = settings.rest();
        if (rest.fittedSeconds() <= 0) {
            b.append(String.format(Locale.ROOT, "self-discharge not measured (needs %.0f min of rest, resting %.0f min)",
                    s.settleSeconds() / 60, rest.restSeconds() / 60));
            return;
        }
        b.append(String.format(Locale.ROOT,
                "self-discharge %.1f mA above the string median (threshold %.1f mA, standard error %.2f mA%s) "
                        + "over %.0f min of rest", 1000 * rest.amps(c), 1000 * s.thresholdAmps(),
                1000 * rest.standardErrorAmps(c), rest.confirmed(c) ? "" : ", not confirmed",
                rest.fittedSeconds() / 60));
    }

    private void appendDrift(StringBuilder b, int c) {
        SocDriftSettings s = settings.drift();
        if (drift.fittedSeconds() < s.minSpanSeconds()) {
            b.append(String.format(Locale.ROOT, "SOC drift not judged yet (%.0f of %.0f min)",
                    drift.fittedSeconds() / 60, s.minSpanSeconds() / 60));
            return;
        }
        b.append(String.format(Locale.ROOT,
                "SOC drifting %+.2f %%/h from the string median (about %.1f mA; threshold -%.2f %%/h, "
                        + "standard error %.2f %%/h%s)", -100 * drift.driftPerHour(c), 1000 * drift.equivalentAmps(c),
                100 * s.thresholdPerHour(), 100 * drift.driftSePerHour(c), drift.confirmed(c) ? "" : ", not confirmed"));
    }

    private void appendDrops(StringBuilder b, int c) {
        VoltageDropSettings s = settings.drops();
        if (drops.drops(c) == 0) {
            b.append(String.format(Locale.ROOT, "no abrupt drops of more than %.0f mV", 1000 * s.dropVolts()));
            return;
        }
        b.append(String.format(Locale.ROOT,
                "%d abrupt drops of more than %.0f mV (largest %.0f mV), %.1f within about the last %.0f min "
                        + "(threshold %.1f)", drops.drops(c), 1000 * s.dropVolts(), 1000 * drops.largestDropVolts(c),
                drops.decayedDrops(c), s.windowSeconds() / 60, s.dropsThreshold()));
    }
}
