package org.qsebms.bms.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.qsebms.bms.command.CommandHandler;
import org.qsebms.bms.command.CommandParser;
import org.qsebms.bms.command.CommandResult;
import org.qsebms.bms.control.OperatorSettings;
import org.qsebms.bms.sim.PackLoad;
import org.qsebms.bms.snapshot.ControllerEvent;
import org.qsebms.bms.supervisor.SupervisorState;
import org.qsebms.bms.testing.SimRig;

/**
 * Issue 23, check23z finding 5, end to end through the supervisor: a repeated-trip lockout, a {@code service-reset}
 * command through the real parser, handler and dispatcher into the controller's own request queue, then the loop
 * stalled (no tick while its clock runs on, as {@code LivenessAcrossALoopStallTest} stalls it) past the 3 s a service
 * reset has to be judged in. Before fix23ax the queued service reset was judged at the first tick after the stall and
 * cleared the lockout, at a moment nobody chose; now it is withdrawn and answered so, and the lockout stays. One the
 * loop judges in time still clears it. The telemetry thread's clock is manual, the loop's is the rig's.
 */
class ServiceResetAfterAStalledLoopTest {
    private static final long STALL_NANOS = 3_100_000_000L;

    private final SimRig rig = new SimRig(PackLoad.IDLE);
    private final AtomicLong telemetryClock = new AtomicLong(1_000_000_000L);
    private final List<CommandResult> results = new ArrayList<>();
    private final CommandDispatcher dispatcher = new CommandDispatcher(
            ResetDispatchBench.TOPICS,
            new CommandParser(10, 10),
            new CommandHandler(rig.wiring.requests(), new OperatorSettings()),
            5,
            telemetryClock::get,
            results::add,
            () -> {});

    /** One over-current trip (as in TripHistoryRestartTest), its cause gone afterwards. */
    private void trip() {
        rig.wiring.requests().requestClose();
        assertThat(rig.tickUntil(SupervisorState.NORMAL, 50)).isPositive();
        rig.pack.forceAmps(-20);
        assertThat(rig.tickUntil(SupervisorState.FAULT, 20)).isPositive();
        rig.pack.forceAmps(Double.NaN);
        rig.ticks(15);
    }

    /** Trips the pack {@code lockoutTrips} times, resetting between, until it is locked out with no cause left. */
    private void lockOut() {
        rig.tick();
        int trips = rig.cfg.supplementary().lockoutTrips();
        for (int i = 0; i < trips; i++) {
            trip();
            if (i < trips - 1) {
                rig.wiring.requests().requestReset();
                rig.ticks(2);
                assertThat(rig.state()).isEqualTo(SupervisorState.STANDBY);
            }
        }
        assertThat(rig.controller.protection().lockedOut()).isTrue();
        assertThat(rig.controller.protection().causePresent())
                .as("no cause left")
                .isFalse();
    }

    private void sendServiceReset(String id) {
        CommandInbox inbox = new CommandInbox(CommandParser.MAX_PAYLOAD_BYTES, 1 << 16, 16, () -> {});
        inbox.offer(
                ResetDispatchBench.TOPICS.command("service-reset"),
                ("{\"id\":\"" + id + "\"}").getBytes(StandardCharsets.UTF_8),
                false);
        dispatcher.process(inbox, 16);
    }

    private List<ControllerEvent.ResetOutcome> serviceResetOutcomes() {
        return rig.events.stream()
                .filter(e -> e instanceof ControllerEvent.ResetOutcome r && r.service())
                .map(e -> (ControllerEvent.ResetOutcome) e)
                .toList();
    }

    @Test
    void aServiceResetQueuedBeforeAStallDoesNotClearTheLockoutWhenTheLoopTicksAgain() {
        lockOut();
        sendServiceReset("s1");
        // the loop stalls: its clock runs on, no tick; the telemetry thread runs on and expires what waits
        rig.now += STALL_NANOS;
        telemetryClock.addAndGet(STALL_NANOS);
        dispatcher.expireResets();
        rig.ticks(3); // the loop runs again
        assertThat(rig.controller.protection().lockedOut())
                .as("locked out after the stall; service-reset outcomes: %s", serviceResetOutcomes())
                .isTrue();
        assertThat(rig.state()).isEqualTo(SupervisorState.FAULT);
        assertThat(serviceResetOutcomes())
                .as("the withdrawn service reset is never judged")
                .isEmpty();
        assertThat(results).filteredOn(r -> r.id().equals("s1")).last().satisfies(r -> {
            assertThat(r.accepted()).isFalse();
            assertThat(r.reason()).contains("within 3 s").contains("withdrawn");
        });
    }

    @Test
    void aServiceResetTheLoopJudgesInTimeStillClearsTheLockout() {
        lockOut();
        sendServiceReset("s1");
        rig.ticks(2); // within its 3 s
        telemetryClock.addAndGet(STALL_NANOS);
        dispatcher.expireResets();
        assertThat(rig.controller.protection().lockedOut())
                .as("service-reset outcomes: %s", serviceResetOutcomes())
                .isFalse();
        assertThat(rig.state()).isEqualTo(SupervisorState.STANDBY);
        assertThat(serviceResetOutcomes())
                .singleElement()
                .satisfies(r -> assertThat(r.accepted()).isTrue());
        assertThat(results)
                .as("judged in time: no withdrawal")
                .filteredOn(r -> r.id().equals("s1"))
                .singleElement()
                .satisfies(r -> assertThat(r.accepted()).isTrue());
    }
}
