package org.qsebms.bms.offline.scenario;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.qsebms.bms.sim.PackLoad;
import org.qsebms.config.TextFileBounds;

/** The load profiles a scenario can name. Amperes, charge positive; no current while disconnected. */
final class ScenarioLoads {
    private ScenarioLoads() {}

    static PackLoad constant(double amps) {
        return (s, pack, connected) -> connected ? amps : 0.0;
    }

    /** The largest current a drive-cycle row may ask for, as a constant load's {@code amps} (A). */
    private static final double MAX_AMPS = 10000;

    /** Square pulses: {@code highAmps} for {@code highS}, then {@code lowAmps} for {@code lowS}, repeating. */
    static PackLoad pulses(double highAmps, double highS, double lowAmps, double lowS) {
        double period = highS + lowS;
        return (s, pack, connected) -> {
            if (!connected) {
                return 0.0;
            }
            return (s % period) < highS ? highAmps : lowAmps;
        };
    }

    /**
     * What a drive-cycle file can sensibly be. A row is two numbers (under 60 characters even at full double
     * precision), so 1024 characters leave room for a long header or comment; 16 MiB is about 800000 rows, over 9 days
     * at 1 s or 22 h at 10 Hz, where the longest cycle shipped (bms/src/test/resources/scenarios/drive-cycle.csv) is
     * 103 bytes and a standard one (UDDS, 1370 s at 1 Hz) about 20 kB; a cycle repeats, so a longer run needs no
     * longer file. check23u: {@code file: /dev/zero} ended in OutOfMemoryError and a 300 MB row was echoed whole.
     */
    static final TextFileBounds BOUNDS = new TextFileBounds(
            "drive cycle",
            16L << 20,
            "16 MiB is over 9 days of rows at 1 s, and a cycle repeats: give one cycle and let it repeat",
            1024,
            "a row is two numbers, under 60 characters");

    /**
     * A drive cycle from a CSV file with a header and two columns, time in seconds and current in
     * amperes (charge positive), held constant between rows; it repeats when {@code loop} is set.
     */
    static PackLoad csv(Path file, double scale, boolean loop) throws IOException {
        List<double[]> rows = new ArrayList<>();
        int lineNo = 0;
        for (String line : BOUNDS.lines(file)) {
            lineNo++;
            String t = line.strip();
            if (t.isEmpty()
                    || t.startsWith("#")
                    || (lineNo == 1 && !Character.isDigit(t.charAt(0)) && t.charAt(0) != '-')) {
                continue;
            }
            String[] p = t.split("[,;\\s]+");
            if (p.length < 2) {
                throw new IllegalArgumentException(
                        file + " line " + lineNo + ": expected 'time_s,amps', got '" + TextFileBounds.excerpt(t) + "'");
            }
            double time;
            double amps;
            try {
                time = Double.parseDouble(p[0]);
                amps = Double.parseDouble(p[1]);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(
                        file + " line " + lineNo + ": not a number in '" + TextFileBounds.excerpt(t) + "'");
            }
            // NaN, Infinity and numbers past the double range (1e400) parse, but no load draws them
            if (!Double.isFinite(time) || !Double.isFinite(amps) || Math.abs(amps * scale) > MAX_AMPS) {
                throw new IllegalArgumentException(file + " line " + lineNo + ": '" + TextFileBounds.excerpt(t)
                        + "' is not a time in s and a "
                        + "current in A a load can draw (finite, at most " + (int) MAX_AMPS + " A after the scale "
                        + scale + "); fix the row");
            }
            rows.add(new double[] {time, amps * scale});
        }
        if (rows.isEmpty()) {
            throw new IllegalArgumentException(file + " has no data rows; expected lines 'time_s,amps'");
        }
        double[] times = new double[rows.size()];
        double[] amps = new double[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            times[i] = rows.get(i)[0];
            amps[i] = rows.get(i)[1];
            if (i > 0 && times[i] <= times[i - 1]) {
                throw new IllegalArgumentException(file + ": times must increase, row " + (i + 1) + " has " + times[i]
                        + " s after " + times[i - 1] + " s");
            }
        }
        double span = times[times.length - 1];
        return (s, pack, connected) -> {
            if (!connected) {
                return 0.0;
            }
            double t = loop && span > 0 ? s % span : s;
            int lo = 0;
            int hi = times.length - 1;
            if (t >= times[hi]) {
                return loop ? amps[hi] : 0.0;
            }
            while (lo < hi) { // last row with time <= t
                int mid = (lo + hi + 1) >>> 1;
                if (times[mid] <= t) {
                    lo = mid;
                } else {
                    hi = mid - 1;
                }
            }
            return amps[lo];
        };
    }
}
