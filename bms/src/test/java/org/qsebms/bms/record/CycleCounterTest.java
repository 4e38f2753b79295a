package org.qsebms.bms.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The counter against charge flows whose cycles are known by construction. */
class CycleCounterTest {
    private static final double DT = 1.0;

    /** Feeds phases of constant current to a two-cell counter and keeps every closed cycle. */
    private static final class Driver {
        final List<ClosedCycle> closed = new ArrayList<>();
        final CycleCounter counter = new CycleCounter(
                2,
                new CycleRules(0.1, 0.02, 3.0, 0.05),
                c -> {
                    ClosedCycle copy = new ClosedCycle(2);
                    copy.copyFrom(c);
                    closed.add(copy);
                    return true;
                },
                1);
        final double[] volts = new double[2];
        final double[] celsius = {25, 25};
        final double[] bleed = new double[2];
        long millis = 1_700_000_000_000L;
        boolean tripped;
        boolean opening;
        double limitAmps = 100;

        /**
         * {@code seconds} at {@code amps}, cells at {@code v1}/{@code v2}, the lowest cell reported as {@code
         * minVolts}.
         */
        Driver phase(double amps, double seconds, double v1, double v2, double minVolts) {
            volts[0] = v1;
            volts[1] = v2;
            for (int i = 0; i < seconds / DT; i++) {
                millis += (long) (DT * 1000);
                counter.update(millis, amps, volts, celsius, bleed, DT, minVolts, tripped, opening, limitAmps);
            }
            return this;
        }
    }

    @Test
    void aChargeThenADischargeIsOneCycleWithItsChargeEnergyAndEfficiencies() {
        Driver d = new Driver();
        d.phase(-1.0, 1800, 3.7, 3.7, 3.6) // the run starts mid-discharge ...
                .phase(-1.0, 1, 3.0, 3.01, 3.0) // ... to the cutoff
                .phase(0, 600, 3.4, 3.4, 3.4)
                .phase(1.0, 3600, 4.0, 4.1, 4.0) // cycle 2: 1 Ah in at 4.0 / 4.1 V
                .phase(0, 600, 3.9, 3.9, 3.9)
                .phase(-0.9, 4000, 3.6, 3.5, 3.5) // 1 Ah out at 3.6 / 3.5 V
                .phase(-0.9, 1, 3.0, 3.0, 3.0) // reaching the cutoff
                .phase(0, 600, 3.4, 3.4, 3.4)
                .phase(1.0, 600, 4.0, 4.0, 4.0); // the next charge closes cycle 2
        assertThat(d.closed).hasSize(2);
        ClosedCycle first = d.closed.get(0);
        assertThat(first.cycle).isEqualTo(1);
        assertThat(first.chargeAh[0]).isZero();
        assertThat(first.dischargeAh[0]).isCloseTo(1801 / 3600.0, within(1e-9));
        assertThat(first.end).isEqualTo(CycleEnd.CUTOFF);
        ClosedCycle c = d.closed.get(1);
        assertThat(c.cycle).isEqualTo(2);
        assertThat(c.end).isEqualTo(CycleEnd.CUTOFF);
        assertThat(c.chargeAh[0]).isCloseTo(1.0, within(1e-9));
        assertThat(c.chargeWh[1]).isCloseTo(4.1, within(1e-9));
        assertThat(c.dischargeAh[0]).isCloseTo(4001 * 0.9 / 3600, within(1e-9));
        assertThat(c.dischargeWh[1]).isCloseTo(4000 * 0.9 / 3600 * 3.5 + 0.9 / 3600 * 3.0, within(1e-9));
        // from the start of its charge to the start of the next (not to when the next charge closed it)
        assertThat(c.endMillis - c.startMillis).isEqualTo((3600 + 600 + 4001 + 600) * 1000L);
        CycleRow row = c.rows()[1];
        assertThat(row.coulombicEfficiency()).isCloseTo(4001 * 0.9 / 3600, within(1e-9));
        assertThat(row.polarizationVolts()).isCloseTo(4.1 - (4000 * 3.5 + 3.0) / 4001, within(1e-9));
        assertThat(row.cell()).isEqualTo(2);
    }

    @Test
    void regenerativePulsesInsideADischargeDoNotSplitTheCycle() {
        Driver d = new Driver();
        d.phase(1.0, 3600, 4.0, 4.0, 4.0);
        for (int k = 0; k < 20; k++) { // 20 x (-2 A for 120 s, +1 A for 60 s): each pulse puts back 0.017 Ah < 0.1 Ah
            d.phase(-2.0, 120, 3.6, 3.6, 3.6).phase(1.0, 60, 3.8, 3.8, 3.8);
        }
        d.phase(-1.0, 60, 3.0, 3.0, 3.0).phase(0, 60, 3.3, 3.3, 3.3);
        d.phase(-3.0, 2, 3.2, 3.2, 3.2); // a charger's start-up transient: does not change how the discharge ended
        d.phase(1.0, 1200, 4.0, 4.0, 4.0);
        assertThat(d.closed).hasSize(1);
        ClosedCycle c = d.closed.getFirst();
        assertThat(c.dischargeAh[0]).isCloseTo(20 * 240 / 3600.0 + 60 / 3600.0 + 6 / 3600.0, within(1e-9));
        assertThat(c.chargeAh[0]).isCloseTo(1.0 + 20 * 60 / 3600.0, within(1e-9));
        assertThat(c.end).isEqualTo(CycleEnd.CUTOFF);
    }

    @Test
    void tellsHowTheDischargeEnded() {
        assertThat(endAfter(d -> d.tripped = true, 3.5)).isEqualTo(CycleEnd.FAULT);
        assertThat(endAfter(d -> d.opening = true, 3.5)).isEqualTo(CycleEnd.OPERATOR);
        assertThat(endAfter(d -> d.limitAmps = 1.0, 3.5)).isEqualTo(CycleEnd.LIMIT);
        assertThat(endAfter(d -> {}, 3.5)).isEqualTo(CycleEnd.PARTIAL);
        assertThat(endAfter(d -> {}, 3.04)).isEqualTo(CycleEnd.CUTOFF);
    }

    private static CycleEnd endAfter(java.util.function.Consumer<Driver> atTheEnd, double lastVolts) {
        Driver d = new Driver();
        d.phase(1.0, 3600, 4.0, 4.0, 4.0).phase(-1.0, 3000, 3.6, 3.6, 3.6);
        atTheEnd.accept(d);
        d.phase(-1.0, 1, lastVolts, lastVolts, lastVolts);
        d.phase(0, 60, 3.6, 3.6, 3.6);
        d.tripped = false;
        d.opening = false;
        d.limitAmps = 100;
        d.phase(1.0, 600, 4.0, 4.0, 4.0);
        assertThat(d.closed).hasSize(1);
        return d.closed.getFirst().end;
    }

    @Test
    void aCellsBleedCountsAsItsOwnDischarge() {
        Driver d = new Driver();
        d.bleed[1] = 0.1;
        d.phase(1.0, 3600, 4.0, 4.0, 4.0).phase(-1.0, 3600, 3.04, 3.04, 3.04).phase(1.0, 600, 4.0, 4.0, 4.0);
        ClosedCycle c = d.closed.getFirst();
        assertThat(c.chargeAh[0]).isCloseTo(1.0, within(1e-9));
        assertThat(c.chargeAh[1]).isCloseTo(0.9, within(1e-9));
        assertThat(c.dischargeAh[1]).isCloseTo(1.1, within(1e-9));
    }

    @Test
    void closeNowRecordsTheCycleInProgressAndNumbersOn() {
        Driver d = new Driver();
        d.phase(1.0, 1800, 4.0, 4.0, 4.0);
        d.counter.closeNow(CycleEnd.OPERATOR);
        d.counter.closeNow(CycleEnd.OPERATOR); // nothing moved since: no empty cycle
        assertThat(d.closed).hasSize(1);
        assertThat(d.closed.getFirst().end).isEqualTo(CycleEnd.OPERATOR);
        assertThat(d.closed.getFirst().chargeAh[0]).isCloseTo(0.5, within(1e-9));
        assertThat(d.counter.nextCycle()).isEqualTo(2);
    }

    @Test
    void updatesAllocateNothingWhileCyclesCloseIntoTheQueue() {
        CycleQueue queue = new CycleQueue(4, 2);
        CycleCounter counter = new CycleCounter(2, new CycleRules(0.1, 0.02, 3.0, 0.05), queue, 1);
        double[] v = {3.7, 3.7};
        double[] t = {25, 25};
        double[] bleed = new double[2];
        long[] ms = {0};
        Runnable cycle = () -> {
            for (int i = 0; i < 720; i++) {
                counter.update(ms[0] += 5000, i < 360 ? 1.0 : -1.0, v, t, bleed, 5, 3.7, false, false, 10);
            }
        };
        for (int k = 0; k < 20; k++) {
            cycle.run(); // warm-up, and the queue fills up (nobody drains it): drops are counted, not waited for
        }
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long tid = Thread.currentThread().threadId();
        long overhead = 0;
        for (int i = 0; i < 5; i++) {
            long a = mx.getThreadAllocatedBytes(tid);
            overhead = mx.getThreadAllocatedBytes(tid) - a;
        }
        long closedBefore = counter.closedCycles();
        long before = mx.getThreadAllocatedBytes(tid);
        for (int k = 0; k < 50; k++) {
            cycle.run();
        }
        long bytes = mx.getThreadAllocatedBytes(tid) - before - overhead;
        assertThat(counter.closedCycles() - closedBefore).isEqualTo(50);
        assertThat(queue.dropped()).isPositive();
        assertThat(bytes)
                .as("bytes allocated over 36,000 updates and 50 closed cycles")
                .isZero();
    }
}
