package org.qsebms.bms.hil;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import org.junit.jupiter.api.Test;
import org.qsebms.bms.control.PackLinks;
import org.qsebms.bms.runtime.ControllerAssembly;
import org.qsebms.bms.runtime.SimulatedPackSetup;
import org.qsebms.bms.sim.DriverLevelSimulation;
import org.qsebms.bms.snapshot.ControllerEvent;
import org.qsebms.bms.supervisor.SupervisorState;
import org.qsebms.config.BmsConfig;
import org.qsebms.config.ConfigLoader;
import org.qsebms.config.HalBackend;
import org.qsebms.hal.ContactorId;

/**
 * The whole controller on the simulated pack through the real ADS1115/MCP3008 drivers and
 * front ends, talking to register-level emulators wired as config/examples/pi-4s-ads1115.yaml says.
 */
class DriverLevelSimulationTest {

    private record Rig(BmsConfig cfg, DriverLevelSimulation sim, ControllerAssembly.Wiring w) {}

    private static Rig rig() {
        BmsConfig cfg = new ConfigLoader().load(ExampleBoard.pi4sAds1115());
        assertThat(cfg.hal().backend()).isEqualTo(HalBackend.PI4J);
        DriverLevelSimulation sim = new DriverLevelSimulation(
                SimulatedPackSetup.createDefault(cfg).pack(), cfg.hal().pi4j().orElseThrow(), 3);
        // the simulated charger/load follows the published limits
        ControllerAssembly.Wiring w =
                ControllerAssembly.build(cfg, sim.hardware(), PackLinks.followingLimits(sim), () -> 0L);
        return new Rig(cfg, sim, w);
    }

    /** Requests a close and runs {@code ticks} ticks from time 0; returns the loop time reached. */
    private static long closeAndRun(Rig r, int ticks) {
        r.w().requests().requestClose();
        long period = r.cfg().loop().period().toNanos();
        long now = 0;
        for (int i = 0; i < ticks; i++) {
            now += period;
            r.w().controller().tick(now);
        }
        return now;
    }

    private static java.util.List<ControllerEvent> drain(Rig r) {
        java.util.List<ControllerEvent> out = new java.util.ArrayList<>();
        ControllerEvent e;
        while ((e = r.w().events().poll()) != null) {
            out.add(e);
        }
        return out;
    }

    @Test
    void controllerClosesAndMeasuresThePackThroughTheDrivers() {
        Rig r = rig();
        long period = r.cfg().loop().period().toNanos();
        long now = closeAndRun(r, 600);
        assertThat(r.w().controller().supervisor().state())
                .as("events: %s", drain(r))
                .isEqualTo(SupervisorState.NORMAL);
        assertThat(r.sim().board().contactor(ContactorId.MAIN_POSITIVE).mainContactsClosed())
                .isTrue();
        var m = r.w().controller().measurement();
        for (int c = 0; c < 4; c++) {
            // 16-bit ADS1115 behind a divider: a few mV of quantisation and noise, no more
            assertThat(m.cellVolts[c])
                    .as("cell %d", c + 1)
                    .isCloseTo(r.sim().pack().cellVolts(c), offset(0.01));
            assertThat(m.cellCelsius[c]).isCloseTo(r.sim().pack().cellCelsius(c), offset(1.0));
        }
        assertThat(m.packAmps).isCloseTo(r.sim().pack().packAmps(), offset(0.1));
        assertThat(r.sim().board().bytesOnWire()).isPositive();
    }

    @Test
    void overVoltageSeenThroughTheAdcOpensTheEmulatedContactorsWithinDebouncePlusOneTick() {
        Rig r = rig();
        long period = r.cfg().loop().period().toNanos();
        long now = closeAndRun(r, 600);
        assertThat(r.w().controller().supervisor().state()).isEqualTo(SupervisorState.NORMAL);
        r.sim().pack().driveCellVoltage(2, 0.7);
        long injected = now;
        long trippedAt = -1;
        for (int i = 0; i < 50 && trippedAt < 0; i++) {
            now += period;
            r.w().controller().tick(now);
            if (r.w().controller().supervisor().state() == SupervisorState.FAULT) {
                trippedAt = now;
            }
        }
        long debounce = r.cfg().limits().cellOverVoltage().debounce().toNanos();
        assertThat(trippedAt).isPositive();
        assertThat(trippedAt - injected).isLessThanOrEqualTo(debounce + 2 * period);
        for (int i = 0; i < 5; i++) {
            now += period;
            r.w().controller().tick(now);
        }
        assertThat(r.sim().board().contactor(ContactorId.MAIN_POSITIVE).mainContactsClosed())
                .isFalse();
        assertThat(r.sim().pack().packAmps()).isZero();
    }

    @Test
    void weldedContactorIsDetectedThroughItsAuxiliaryContact() {
        Rig r = rig();
        long period = r.cfg().loop().period().toNanos();
        long now = closeAndRun(r, 600);
        r.sim().board().contactor(ContactorId.MAIN_POSITIVE).weld();
        r.w().requests().requestOpen();
        boolean welded = false;
        for (int i = 0; i < 100 && !welded; i++) {
            now += period;
            r.w().controller().tick(now);
            ControllerEvent e;
            while ((e = r.w().events().poll()) != null) {
                if (e instanceof ControllerEvent.FaultEdge fe
                        && fe.fault().code().name().equals("CONTACTOR_WELDED")) {
                    welded = fe.fault().raised();
                }
            }
        }
        assertThat(welded).isTrue();
    }
}
