package org.qsebms.bms.hil;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.qsebms.bms.control.PackLinks;
import org.qsebms.bms.runtime.ControllerAssembly;
import org.qsebms.bms.runtime.SimulatedPackSetup;
import org.qsebms.bms.sim.DriverLevelSimulation;
import org.qsebms.bms.snapshot.ControllerEvent;
import org.qsebms.bms.supervisor.SupervisorState;
import org.qsebms.config.BmsConfig;
import org.qsebms.config.ConfigLoader;
import org.qsebms.hal.ContactorId;

/**
 * Issue 23, independent check check23o (2026-12-06): a short circuit on config/examples/pi-4s-ads1115.yaml seen through the
 * real INA240/ADS1115 current channel. docs/safety.md promises |I| >= 2 x the discharge MSL (12 A here) opens "on
 * the sample that saw it, no debounce" (SHORT_CIRCUIT, 114). A current beyond the channel's maxAbsAmps (30 A) or
 * its ADC full scale (+-40.96 A) is reported by AnalogCurrentSensor as OUT_OF_RANGE with the last good value, so
 * Protection takes it as a sensor fault (CURRENT_SENSOR after its 300 ms debounce) and the short-circuit tier never
 * sees it: the bigger the short, the later the pack opens.
 */
class ShortCircuitThroughTheDriversTest {

    private static List<String> faultLines(ControllerAssembly.Wiring w) {
        List<String> out = new ArrayList<>();
        ControllerEvent e;
        while ((e = w.events().poll()) != null) {
            if (e instanceof ControllerEvent.FaultEdge fe && fe.fault().raised()) {
                out.add(fe.fault().code().name() + ": " + fe.fault().reason());
            }
        }
        return out;
    }

    /** 20 A is inside maxAbsAmps (held as the control); 35 A is what a saturated INA240 on 3.3 V reads; 200 A clips the ADC. */
    @ParameterizedTest(name = "short of {0} A")
    @ValueSource(doubles = {-20.0, -35.0, -200.0})
    void aShortCircuitSeenThroughTheDriversOpensOnTheSampleThatSeesIt(double amps) {
        BmsConfig cfg = new ConfigLoader().load(ExampleBoard.pi4sAds1115());
        DriverLevelSimulation sim = new DriverLevelSimulation(
                SimulatedPackSetup.createDefault(cfg).pack(), cfg.hal().pi4j().orElseThrow(), 3);
        ControllerAssembly.Wiring w =
                ControllerAssembly.build(cfg, sim.hardware(), PackLinks.followingLimits(sim), () -> 0L);
        long period = cfg.loop().period().toNanos();
        long now = 0;
        w.requests().requestClose();
        for (int i = 0; i < 100; i++) {
            now += period;
            w.controller().tick(now);
        }
        assertThat(w.controller().supervisor().state()).isEqualTo(SupervisorState.NORMAL);
        faultLines(w);

        sim.pack().forceAmps(amps); // a short across the pack terminals
        now += period;
        w.controller().tick(now); // the first sample that sees it
        boolean anyCommandedClosed = false;
        for (ContactorId id : ContactorId.values()) {
            anyCommandedClosed |= w.controller().measurement() != null
                    && sim.hardware().contactor(id).commandedClosed();
        }
        var m = w.controller().measurement();
        List<String> raised = faultLines(w);
        int ticksToOpen = 0;
        boolean stillClosed = anyCommandedClosed;
        while (stillClosed && ticksToOpen < 20) {
            now += period;
            w.controller().tick(now);
            ticksToOpen++;
            stillClosed = false;
            for (ContactorId id : ContactorId.values()) {
                stillClosed |= sim.hardware().contactor(id).commandedClosed();
            }
            raised.addAll(faultLines(w));
        }
        assertThat(anyCommandedClosed)
                .as(
                        "a %.0f A short (short-circuit level 12 A): the sample that saw it read %.3f A with status %s;"
                                + " the contactors stayed commanded closed for %d more ticks of %d ms; faults raised: %s",
                        amps, m.sensorAmps, m.currentStatus, ticksToOpen, period / 1_000_000, raised)
                .isFalse();
        assertThat(raised)
                .as("named as the short it is, on the first sample")
                .anySatisfy(r -> assertThat(r).startsWith("SHORT_CIRCUIT"));
    }
}
