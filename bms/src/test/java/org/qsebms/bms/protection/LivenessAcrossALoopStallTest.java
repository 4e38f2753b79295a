package org.qsebms.bms.protection;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.qsebms.bms.sim.PackLoad;
import org.qsebms.bms.supervisor.SupervisorState;
import org.qsebms.bms.testing.SimRig;
import org.qsebms.config.BmsConfig;
import org.qsebms.config.ConfigLoader;
import org.qsebms.hal.SensorStatus;

/**
 * Issue 23, check23v defect 5: the liveness windows ({@code *StuckAtRest}, {@code *StuckWhileFlowing}) count only
 * time the channel was watched. One interval between two samples counts at most {@code loop.period x
 * (loop.overrunsToFault + 1)}, the interval of a tick that is itself LOOP_OVERRUN: a stalled or stopped loop is no
 * observation of the channel, so two identical samples either side of it are no frozen ADC, while a freeze across it
 * is still found by the watched time before and after it.
 */
class LivenessAcrossALoopStallTest {
    private static final long S = 1_000_000_000L;
    private static final PackLoad DISCHARGE_THEN_REST = (s, p, c) -> s < 1200 ? -1.0 : 0.0;

    /**
     * check23v's probe {@code aStallAtRestIsNotCalledAFrozenThermistor}: the default simulated pack rests 70 min after a
     * 20 min 1 A discharge, then one tick comes 600 s after the last. Before: TEMPERATURE_STUCK.MSL "temperature
     * channel 1 read 25.09 °C identically for 600.1 s; the ADC is stuck" at the stalled tick, and a reset refused for
     * it until the quiet thermistor's reading changed.
     */
    @Test
    void aStallAtRestIsNotCalledAFrozenChannel() {
        SimRig rig = restedRig(new ConfigLoader().defaultSimulated());
        rig.now += 600 * S - SimRig.TICK;
        rig.tick();
        rig.ticks(600); // a minute of the loop running again
        String raised = rig.raisedFaultIds().toString();
        assertThat(rig.raisedFaultIds())
                .as("faults raised over a 600 s stall at rest: " + raised)
                .noneMatch(id -> id.contains("_STUCK"));
        rig.wiring.requests().requestReset();
        rig.ticks(2);
        assertThat(rig.state())
                .as("state after a reset a minute after the stall; refusal: "
                        + rig.controller.protection().refusal())
                .isNotEqualTo(SupervisorState.FAULT);
    }

    /**
     * A thermistor frozen at rest 300 s before a 600 s stall is still found after it, once its window of watched time
     * (10 min) has passed: the 300 s before, the stalled interval counted as 0.6 s, and the rest after. The own-rate
     * check is off here so that the window alone judges.
     */
    @Test
    void aThermistorFrozenBeforeAStallIsFoundWithinItsWatchedWindow() {
        BmsConfig base = new ConfigLoader().defaultSimulated();
        BmsConfig cfg = base.toBuilder()
                .supplementary(
                        base.supplementary().toBuilder().tempFrozenFalseAlarm(0).build())
                .build();
        SimRig rig = restedRig(cfg);
        long frozenAt = rig.now;
        rig.sim.injectTemperatureSensorFault(0, SensorStatus.STUCK);
        while (rig.now < frozenAt + 300 * S) {
            rig.tick();
        }
        long gap = 600 * S;
        rig.now += gap - SimRig.TICK;
        rig.tick();
        long cap = cfg.loop().period().toNanos() * (cfg.loop().overrunsToFault() + 1);
        long window = cfg.supplementary().tempStuckAtRest().toNanos();
        while (rig.raisedReasons("TEMPERATURE_STUCK").isEmpty() && rig.now < frozenAt + gap + 2 * window) {
            rig.tick();
        }
        assertThat(rig.raisedReasons("TEMPERATURE_STUCK")).isNotEmpty();
        long watched = rig.now - frozenAt - gap + cap;
        assertThat(watched)
                .as("watched time from the freeze to TEMPERATURE_STUCK, s: " + watched / 1e9)
                .isLessThanOrEqualTo(window + 2 * SimRig.TICK);
    }

    /**
     * The while-flowing window of a cell channel: a cell reading that repeats across a 6 s stall while 1 A flows has
     * not been watched for the 5 s window (before: CELL_VOLTAGE_STUCK.MSL at the stalled sample).
     */
    @Test
    void aStallWhileFlowingFillsNoCellWindow() {
        Frames g = new Frames(1);
        Protection q = new Protection(Frames.LIMITS, g);
        g.amps = 1.0;
        g.steps(q, 10);
        g.jitter = false;
        g.now += 6 * S - Frames.TICK;
        g.amps = 1.001; // the current and the thermistor move across the stall, the cell reads as before it
        g.celsius[0] = 25.01;
        g.cellVolts[0] = g.m.cellVolts[0];
        g.step(q);
        assertThat(g.raisedIds()).doesNotContain("CELL_VOLTAGE_STUCK.MSL");
    }

    /**
     * The at-rest window of the current sensor: a 0 A reading that repeats across a 61 s stall has not been watched
     * for the 60 s window (before: CURRENT_STUCK.MSL at the stalled sample).
     */
    @Test
    void aStallAtRestFillsNoCurrentWindow() {
        Frames g = new Frames(1);
        Protection q = new Protection(Frames.LIMITS, g);
        g.amps = 0.0;
        g.steps(q, 10);
        g.jitter = false;
        g.now += 61 * S - Frames.TICK;
        g.amps = g.m.sensorAmps;
        g.cellVolts[0] = g.m.cellVolts[0] + 1e-4;
        g.celsius[0] = g.m.cellCelsius[0] + 0.01;
        g.step(q);
        assertThat(g.raisedIds()).doesNotContain("CURRENT_STUCK.MSL");
    }

    /** The default simulated pack closed, 20 min at 1 A discharge, then at rest until 5400 s. */
    private static SimRig restedRig(BmsConfig cfg) {
        SimRig rig = new SimRig(cfg, 0.8, DISCHARGE_THEN_REST);
        rig.wiring.requests().requestClose();
        assertThat(rig.tickUntil(SupervisorState.NORMAL, 50)).isPositive();
        while (rig.now < 5400 * S) {
            rig.tick();
        }
        return rig;
    }
}
