package org.qsebms.bms.offline.scenario;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The injections of a scenario that are active on one target at a time (a cell's voltage, the current sensor, a
 * contactor), so that overlapping ones combine as the faults they stand for would, and the end of one never ends
 * another (issue 23, check23g: a timed 0.1 V offset on a cell replaced a held 0.2 V one, and its end removed both).
 * Offsets add up; soft shorts on one cell are resistors in parallel; a state (a weld, a sensor status) holds while any
 * injection of it is active; a forced current is the one begun last among the active ones. Keys name the target and
 * the kind, e.g. {@code "cellVolts:2"}. Used by the scenario runner between ticks, never on the control loop.
 */
final class ActiveInjections {
    private final Map<String, Double> sums = new HashMap<>();
    private final Map<String, Integer> counts = new HashMap<>();
    private final Map<String, List<double[]>> stacks = new HashMap<>();

    /** Adds {@code value} to the target's sum of active offsets and returns the new sum. */
    double add(String key, double value) {
        counts.merge(key, 1, Integer::sum);
        return sums.merge(key, value, Double::sum);
    }

    /** Takes {@code value} back off the target's sum; returns what is left, exactly 0 once none is active. */
    double remove(String key, double value) {
        double sum = sums.merge(key, -value, Double::sum);
        if (end(key)) {
            sums.remove(key);
            return 0.0;
        }
        return sum;
    }

    /** Begins one injection of a state on the target; true when it is the first active one (the state begins). */
    boolean begin(String key) {
        return counts.merge(key, 1, Integer::sum) == 1;
    }

    /** Ends one injection of a state; true when it was the last active one (the state ends). */
    boolean end(String key) {
        int left = counts.merge(key, -1, Integer::sum);
        if (left <= 0) {
            counts.remove(key);
            return true;
        }
        return false;
    }

    /**
     * Pushes {@code value} as the target's newest active value ({@code token} names this injection) and returns it.
     */
    double push(String key, double[] token) {
        stacks.computeIfAbsent(key, k -> new ArrayList<>()).add(token);
        return token[0];
    }

    /** Removes the injection {@code token}; returns the newest value still active, or NaN when none is. */
    double pop(String key, double[] token) {
        List<double[]> s = stacks.getOrDefault(key, List.of());
        s.remove(token);
        return s.isEmpty() ? Double.NaN : s.getLast()[0];
    }
}
