package org.qsebms.bms.hil;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.qsebms.bms.control.PackLinks;
import org.qsebms.bms.runtime.ControllerAssembly;
import org.qsebms.bms.runtime.SimulatedPackSetup;
import org.qsebms.bms.sim.DriverLevelSimulation;
import org.qsebms.bms.snapshot.ControllerEvent;
import org.qsebms.bms.supervisor.SupervisorState;
import org.qsebms.config.BmsConfig;
import org.qsebms.config.ConfigLoader;
import org.qsebms.hal.ContactorId;
import org.qsebms.hal.wiring.PackHardwareFactory;

/**
 * Issue 23, independent check check23o (2026-12-06): config/examples/pi-4s-ads1115.yaml through the real GpioContactor and
 * the contactor emulators. One coil GPIO whose write fails (Pi4J throws its runtime IOException from
 * DigitalOutput.state, e.g. the line lost to another process or a gpiochip error) must not stop the other
 * contactors from opening: Supervisor.openAll opens main positive, precharge, main negative in that order and
 * stops at the first exception, and ControlLoop's last-resort handler calls the same openAll, so main negative -
 * whose own GPIO works - is never opened and the pack stays connected.
 */
class ContactorCoilWriteFailureTest {
    private static final int MAIN_POSITIVE_COIL = 26;

    @Test
    void oneCoilWhoseWriteFailsDoesNotKeepTheOtherContactorsClosedOnAFault() {
        BmsConfig cfg = new ConfigLoader().load(ExampleBoard.pi4sAds1115());
        DriverLevelSimulation sim = new DriverLevelSimulation(
                SimulatedPackSetup.createDefault(cfg).pack(), cfg.hal().pi4j().orElseThrow(), 3);
        FailingCoilPorts ports = new FailingCoilPorts(sim.board(), MAIN_POSITIVE_COIL);
        var hw =
                PackHardwareFactory.build(cfg.hal().pi4j().orElseThrow(), ports).hardware();
        ControllerAssembly.Wiring w = ControllerAssembly.build(cfg, hw, PackLinks.followingLimits(sim), () -> 0L);
        long period = cfg.loop().period().toNanos();
        long now = 0;
        w.requests().requestClose();
        for (int i = 0; i < 100; i++) {
            now += period;
            w.controller().tick(now);
        }
        assertThat(w.controller().supervisor().state()).isEqualTo(SupervisorState.NORMAL);
        assertThat(sim.board().contactor(ContactorId.MAIN_NEGATIVE).mainContactsClosed())
                .isTrue();

        // main positive's coil line fails, then a cell goes over-voltage: the pack must be opened
        ports.failing = true;
        sim.pack().driveCellVoltage(2, 0.7);
        List<String> thrown = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            now += period;
            try {
                w.controller().tick(now);
            } catch (RuntimeException e) { // what ControlLoop.tickOnce does with a tick that throws
                thrown.add(e.getMessage());
                try {
                    w.controller().emergencyOpen(e.getClass().getSimpleName() + ": " + e.getMessage(), now);
                } catch (RuntimeException again) {
                    thrown.add("emergencyOpen: " + again.getMessage());
                }
            }
        }
        List<String> faults = new ArrayList<>();
        List<String> reasons = new ArrayList<>();
        ControllerEvent e;
        while ((e = w.events().poll()) != null) {
            if (e instanceof ControllerEvent.FaultEdge fe && fe.fault().raised()) {
                faults.add(fe.fault().code().name());
                reasons.add(fe.fault().reason());
            }
        }
        assertThat(sim.board().contactor(ContactorId.MAIN_NEGATIVE).mainContactsClosed())
                .as(
                        "3 s after a cell over-voltage with main positive's coil GPIO failing: main negative (its GPIO"
                                + " healthy) commanded closed=%s, pack current %.2f A, state %s, faults %s, %d ticks threw,"
                                + " first: %s",
                        hw.contactor(ContactorId.MAIN_NEGATIVE).commandedClosed(),
                        sim.pack().packAmps(),
                        w.controller().supervisor().state(),
                        faults,
                        thrown.size(),
                        thrown.isEmpty() ? "-" : thrown.get(0))
                .isFalse();
        assertThat(thrown).as("no tick may be cut short by the failing line").isEmpty();
        assertThat(reasons)
                .as("the failure is named: which contactor, which command, the driver's words")
                .anySatisfy(r -> assertThat(r)
                        .contains("main positive contactor: the open command failed")
                        .contains("GPIO 26 write failed"));
        assertThat(sim.board().contactor(ContactorId.MAIN_POSITIVE).mainContactsClosed())
                .as("its write failing, main positive stays energised")
                .isTrue();

        // the line works again: the open is sent again (it still reads closed) and goes through
        ports.failing = false;
        for (int i = 0; i < 5; i++) {
            now += period;
            w.controller().tick(now);
        }
        assertThat(sim.board().contactor(ContactorId.MAIN_POSITIVE).mainContactsClosed())
                .as("main positive opened once its line works again")
                .isFalse();
    }
}
