package org.qsebms.bms.protection;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.qsebms.bms.measure.PackMeasurement;
import org.qsebms.config.ConfigLoader;
import org.qsebms.config.LimitLevel;
import org.qsebms.config.ProtectionLimits;

/**
 * A hand-driven measurement for protection tests: healthy 4-cell values with a small
 * deterministic jitter (so the stuck-sensor check does not fire unless a test wants it),
 * a 100 ms tick and a recording fault sink.
 */
final class Frames implements FaultSink {
    static final long TICK = 100_000_000L;
    static final ProtectionLimits LIMITS = new ConfigLoader().defaultSimulated().limits();

    final PackMeasurement m;
    final double[] cellVolts;
    final double[] celsius;
    double amps;
    boolean pathOpen;
    boolean jitter = true;
    long now;
    long tick;
    final List<FaultEvent> events = new ArrayList<>();

    Frames(int cells) {
        m = new PackMeasurement(cells, cells);
        cellVolts = new double[cells];
        celsius = new double[cells];
        Arrays.fill(cellVolts, 3.70);
        Arrays.fill(celsius, 25.0);
    }

    /** Fills the measurement for the next tick and lets {@code p} evaluate it. */
    void step(Protection p) {
        tick++;
        now += TICK;
        double j = jitter ? (tick % 3) : 0;
        for (int i = 0; i < cellVolts.length; i++) {
            m.cellVolts[i] = cellVolts[i] + 1e-4 * j;
            m.cellCelsius[i] = celsius[i] + 0.01 * j;
        }
        m.sensorAmps = amps + (jitter ? 1e-3 * (tick % 2) : 0);
        m.packAmps = m.sensorAmps;
        m.packVolts = 0;
        for (double v : m.cellVolts) {
            m.packVolts += v;
        }
        m.currentPathOpen = pathOpen;
        m.nanos = now;
        m.computeExtremes();
        p.evaluate(m);
    }

    void steps(Protection p, int n) {
        for (int i = 0; i < n; i++) {
            step(p);
        }
    }

    void stepFor(Protection p, long nanos) {
        steps(p, (int) (nanos / TICK));
    }

    @Override
    public void accept(FaultEvent event) {
        events.add(event);
    }

    List<String> raisedIds() {
        return events.stream().filter(FaultEvent::raised).map(FaultEvent::id).toList();
    }

    FaultEvent firstRaised(FaultCode code, LimitLevel level) {
        return events.stream()
                .filter(e -> e.raised() && e.code() == code && e.level() == level)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + code + "." + level + " raised; events: " + events));
    }
}
