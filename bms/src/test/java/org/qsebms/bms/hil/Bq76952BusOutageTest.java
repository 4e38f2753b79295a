package org.qsebms.bms.hil;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.qsebms.bms.snapshot.ControllerEvent;
import org.qsebms.bms.supervisor.SupervisorState;
import org.qsebms.hal.ContactorId;

/**
 * Found by an independent check (check23i, 2026-12-06): a short I2C outage on the BQ76952 board, long enough for the
 * controller to latch its sensor fault and enter FAULT, then the bus is healthy again.
 */
class Bq76952BusOutageTest {
    /** Balancing cell 6, then a bus outage until FAULT, then the bus back. Returns the time. */
    static long balanceThenOutage(Bq76952HilRig r, List<String> log) {
        r.sim().pack().setCellSoc(5, 0.63);
        r.w().requests().requestClose();
        long now = 0;
        int mask = 0;
        for (int i = 0;
                i < 300 && (mask == 0 || r.w().controller().supervisor().state() != SupervisorState.NORMAL);
                i++) {
            now += r.period();
            r.w().controller().tick(now);
            mask = r.sim().board().chip().balancingMask();
        }
        log.add("before outage: state " + r.w().controller().supervisor().state() + " chip mask 0x"
                + Integer.toHexString(mask) + " conducts " + r.sim().board().conducts(ContactorId.MAIN_NEGATIVE));
        assertThat(mask).as("the chip balances cell 6 before the outage").isEqualTo(1 << 5);
        assertThat(r.w().controller().supervisor().state()).isEqualTo(SupervisorState.NORMAL);
        r.sim().board().bus().injectErrorRate(1.0, 1);
        int outageTicks = 0;
        while (r.w().controller().supervisor().state() != SupervisorState.FAULT && outageTicks < 40) {
            now += r.period();
            r.w().controller().tick(now);
            outageTicks++;
        }
        log.add("FAULT after " + outageTicks + " ticks of bus outage");
        assertThat(r.w().controller().supervisor().state()).isEqualTo(SupervisorState.FAULT);
        r.sim().board().bus().injectErrorRate(0.0, 1);
        now = r.run(now, 100); // 10 s with a healthy bus
        return now;
    }

    @Test
    void chipStopsBalancingOnceTheControllerHasTurnedBalancingOff() throws Exception {
        Bq76952HilRig r = Bq76952HilRig.of(0.6);
        List<String> log = new ArrayList<>();
        balanceThenOutage(r, log);
        log.addAll(r.faultLines());
        boolean controllerSaysOn = false;
        for (int i = 0; i < 16; i++) {
            controllerSaysOn |= r.sim().hardware().balancing().isOn(i);
        }
        assertThat(controllerSaysOn)
                .as("the controller reports balancing off in FAULT")
                .isFalse();
        assertThat(r.sim().board().chip().balancingMask())
                .as(
                        "CB_ACTIVE_CELLS in the chip 10 s after the bus came back, the controller in FAULT with "
                                + "balancing off (log %s)",
                        log)
                .isZero();
    }

    @Test
    void chipFetsAreOffOnceTheBusIsBackAfterTheFault() throws Exception {
        Bq76952HilRig r = Bq76952HilRig.of(0.6);
        List<String> log = new ArrayList<>();
        long now = balanceThenOutage(r, log);
        log.addAll(r.faultLines());
        assertThat(r.w().controller().supervisor().state()).isEqualTo(SupervisorState.FAULT);
        assertThat(r.sim().hardware().contactor(ContactorId.MAIN_NEGATIVE).commandedClosed())
                .as("the supervisor has commanded the chip's FETs (main negative) open")
                .isFalse();
        assertThat(r.sim().board().chip().chargeFetOn()
                        || r.sim().board().chip().dischargeFetOn())
                .as(
                        "the chip's CHG/DSG FETs 10 s after the bus came back, main negative commanded open in FAULT "
                                + "(log %s)",
                        log)
                .isFalse();
    }

    @Test
    void aResetIsAcceptedOnceTheBusIsBackAndNothingIsWrong() throws Exception {
        Bq76952HilRig r = Bq76952HilRig.of(0.6);
        List<String> log = new ArrayList<>();
        long now = balanceThenOutage(r, log);
        log.addAll(r.faultLines());
        now = r.run(now, 500); // 50 s more with a healthy bus
        log.addAll(r.faultLines());
        r.w().requests().requestReset();
        now = r.run(now, 3);
        ControllerEvent e;
        while ((e = r.w().events().poll()) != null) {
            if (e instanceof ControllerEvent.ResetOutcome ro) {
                log.add("reset " + (ro.accepted() ? "accepted" : "refused") + ": " + ro.reason());
            }
        }
        assertThat(r.w().controller().supervisor().state())
                .as("state after a reset sent 60 s after a 100 ms bus outage, the bus healthy since (log %s)", log)
                .isEqualTo(SupervisorState.STANDBY);
    }

    @Test
    void aBusGlitchShorterThanTheSensorDebounceIsNotReportedAsAContactorThatDidNotClose() throws Exception {
        Bq76952HilRig r = Bq76952HilRig.of(0.6);
        long now = r.closeAndRun(100);
        assertThat(r.w().controller().supervisor().state()).isEqualTo(SupervisorState.NORMAL);
        r.faultLines();
        r.sim().board().bus().injectErrorRate(1.0, 1); // one tick (100 ms) of NACKs
        now += r.period();
        r.w().controller().tick(now);
        r.sim().board().bus().injectErrorRate(0.0, 1);
        now = r.run(now, 10);
        List<String> raised = r.faultLines();
        assertThat(raised)
                .as("faults after one 100 ms I2C glitch (every sensor tolerates 300 ms of bus errors)")
                .noneMatch(f -> f.startsWith("CONTACTOR_FEEDBACK+"));
    }

    @Test
    void anOutageLongerThanTheHoldIsNamedAsFeedbackThatCannotBeRead() throws Exception {
        Bq76952HilRig r = Bq76952HilRig.of(0.6);
        long now = r.closeAndRun(100);
        assertThat(r.w().controller().supervisor().state()).isEqualTo(SupervisorState.NORMAL);
        r.faultLines();
        r.sim().board().bus().injectErrorRate(1.0, 1);
        now = r.run(now, 5); // 500 ms of NACKs
        List<String> raised = r.faultLines();
        assertThat(r.w().controller().supervisor().state()).isEqualTo(SupervisorState.FAULT);
        assertThat(raised)
                .as("faults after 500 ms without the bus")
                .anyMatch(f -> f.startsWith("CONTACTOR_FEEDBACK+ main negative contactor feedback unreadable for"))
                .noneMatch(f -> f.contains("did not close after the close command"));
    }
}
