package org.qsebms.bms.offline.scenario;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.qsebms.bms.sim.PackLoad;

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
     * A drive cycle from a CSV file with a header and two columns, time in seconds and current in
     * amperes (charge positive), held constant between rows; it repeats when {@code loop} is set.
     */
    static PackLoad csv(Path file, double scale, boolean loop) throws IOException {
        List<double[]> rows = new ArrayList<>();
        int lineNo = 0;
        for (String line : Files.readAllLines(file)) {
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
                        file + " line " + lineNo + ": expected 'time_s,amps', got '" + t + "'");
            }
            double time;
            double amps;
            try {
                time = Double.parseDouble(p[0]);
                amps = Double.parseDouble(p[1]);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(file + " line " + lineNo + ": not a number in '" + t + "'");
            }
            // NaN, Infinity and numbers past the double range (1e400) parse, but no load draws them
            if (!Double.isFinite(time) || !Double.isFinite(amps) || Math.abs(amps * scale) > MAX_AMPS) {
                throw new IllegalArgumentException(file + " line " + lineNo + ": '" + t + "' is not a time in s and a "
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
