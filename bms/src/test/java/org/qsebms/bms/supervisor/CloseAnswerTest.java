package org.qsebms.bms.supervisor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.qsebms.bms.snapshot.ControllerEvent;
import org.qsebms.bms.testing.SimRig;
import org.qsebms.hal.ContactorId;

/**
 * A close request gets one answer from the loop, naming its ticket, at the tick it is decided, in every
 * supervisor state: what the MQTT {@code contactors} command replies. Accepted when the pack starts its
 * precharge or stays closed; refused with the reason otherwise (a cause present, FAULT, a trip at that
 * tick, a shutdown, an open sent after it); a close waiting for a contactor to read open is answered
 * when that wait ends.
 */
class CloseAnswerTest {
    private double loadAmps;
    private final SimRig rig = new SimRig((s, p, connected) -> connected ? loadAmps : 0.0);

    private List<ControllerEvent.CloseOutcome> answers() {
        return rig.events.stream()
                .filter(e -> e instanceof ControllerEvent.CloseOutcome)
                .map(e -> (ControllerEvent.CloseOutcome) e)
                .toList();
    }

    /** The only answer given since {@code before} answers, which answers {@code ticket}. */
    private ControllerEvent.CloseOutcome onlyAnswerSince(int before, long ticket) {
        List<ControllerEvent.CloseOutcome> all = answers();
        assertThat(all).as("answers " + all).hasSize(before + 1);
        ControllerEvent.CloseOutcome a = all.get(before);
        assertThat(a.answersUpTo()).isGreaterThanOrEqualTo(ticket);
        return a;
    }

    @Test
    void aCloseInStandbyIsAcceptedWhenThePrechargeStarts() {
        rig.tick();
        long ticket = rig.wiring.requests().requestClose();
        rig.tick();
        assertThat(rig.state()).isEqualTo(SupervisorState.PRECHARGE);
        var a = onlyAnswerSince(0, ticket);
        assertThat(a.accepted()).isTrue();
        assertThat(a.reason()).isEqualTo(Supervisor.CLOSE_ACCEPTED);
    }

    @Test
    void aCloseOverAPendingCauseIsRefusedWithTheSameReasonAsTheEvent() {
        rig.tick();
        rig.pack.driveCellVoltage(0, 0.8); // above the over-voltage MSL, inside its debounce
        long ticket = rig.wiring.requests().requestClose();
        rig.tick();
        var a = onlyAnswerSince(0, ticket);
        assertThat(a.accepted()).isFalse();
        String event = rig.events.stream()
                .filter(e -> e instanceof ControllerEvent.CloseRefused)
                .map(e -> ((ControllerEvent.CloseRefused) e).reason())
                .findFirst()
                .orElseThrow();
        assertThat(a.reason()).isEqualTo(event).contains("CELL_OVER_VOLTAGE.MSL");
    }

    @Test
    void aCloseDuringPrechargeOrNormalIsAcceptedAtOnce() {
        rig.tick();
        rig.wiring.requests().requestClose();
        rig.tick();
        assertThat(rig.state()).isEqualTo(SupervisorState.PRECHARGE);
        int before = answers().size();
        long ticket = rig.wiring.requests().requestClose();
        rig.tick();
        assertThat(onlyAnswerSince(before, ticket).accepted()).isTrue();
        rig.tickUntil(SupervisorState.NORMAL, 50);
        before = answers().size();
        ticket = rig.wiring.requests().requestClose();
        rig.tick();
        var a = onlyAnswerSince(before, ticket);
        assertThat(a.accepted()).isTrue();
        assertThat(a.reason()).isEqualTo(Supervisor.CLOSE_ACCEPTED_CLOSED);
    }

    @Test
    void aCloseWhileOpeningUnderLoadKeepsThePackClosedAndIsAccepted() {
        rig.tick();
        loadAmps = -3.0;
        rig.connect();
        rig.wiring.requests().requestOpen();
        rig.ticks(3);
        assertThat(rig.state()).isEqualTo(SupervisorState.OPENING);
        int before = answers().size();
        long ticket = rig.wiring.requests().requestClose();
        rig.tick();
        assertThat(rig.state()).isEqualTo(SupervisorState.NORMAL);
        assertThat(onlyAnswerSince(before, ticket).accepted()).isTrue();
    }

    @Test
    void aCloseInFaultIsRefusedInItsReply() {
        rig.tick();
        rig.pack.driveCellVoltage(0, 0.8);
        assertThat(rig.tickUntil(SupervisorState.FAULT, 10)).isPositive();
        long ticket = rig.wiring.requests().requestClose();
        rig.tick();
        var a = onlyAnswerSince(0, ticket);
        assertThat(a.accepted()).isFalse();
        assertThat(a.reason()).isEqualTo(Supervisor.CLOSE_REFUSED_IN_FAULT);
    }

    /**
     * Issue 23, check23w (defect 4): a close sent after a reset, both taken at one tick, was refused "reset once the
     * cause is gone, then close again", which the operator had just done. It is still refused (a close is judged on
     * the state the tick found, FAULT, never on the one a reset at that tick leaves), and says a reset at the same
     * tick cleared the faults and to send the close again; sent again, it is taken.
     */
    @Test
    void aCloseTakenWithAnAcceptedResetIsRefusedAndSaysToSendItAgain() {
        rig.tick();
        rig.pack.driveCellVoltage(0, 0.8);
        assertThat(rig.tickUntil(SupervisorState.FAULT, 10)).isPositive();
        rig.pack.driveCellVoltage(0, 0.0);
        rig.ticks(5);
        rig.wiring.requests().requestReset();
        long ticket = rig.wiring.requests().requestClose();
        rig.tick();
        assertThat(rig.state()).isEqualTo(SupervisorState.STANDBY);
        assertThat(rig.anyClosed()).isFalse();
        var a = onlyAnswerSince(0, ticket);
        assertThat(a.accepted()).isFalse();
        assertThat(a.reason())
                .isEqualTo("close refused: the pack was in FAULT when this close was taken; the reset taken at the "
                        + "same tick cleared the faults (state STANDBY now), and a close is not kept for after a reset:"
                        + " send the close again");
        assertThat(a.reason()).doesNotContain("reset once the cause is gone");

        long again = rig.wiring.requests().requestClose();
        rig.tick();
        assertThat(rig.state()).isEqualTo(SupervisorState.PRECHARGE);
        assertThat(onlyAnswerSince(1, again).accepted()).isTrue();
    }

    @Test
    void aCloseFollowedByAnOpenBeforeTheTickIsAnsweredAsCancelled() {
        rig.tick();
        long ticket = rig.wiring.requests().requestClose();
        rig.wiring.requests().requestOpen();
        rig.tick();
        assertThat(rig.state()).isEqualTo(SupervisorState.STANDBY);
        assertThat(rig.commands).isEmpty();
        var a = onlyAnswerSince(0, ticket);
        assertThat(a.accepted()).isFalse();
        assertThat(a.reason()).isEqualTo(Supervisor.CLOSE_CANCELLED_BY_OPEN);
    }

    @Test
    void aCloseFollowedByAnOpenInFaultIsAnsweredAsCancelled() {
        rig.tick();
        rig.pack.driveCellVoltage(0, 0.8);
        assertThat(rig.tickUntil(SupervisorState.FAULT, 10)).isPositive();
        long ticket = rig.wiring.requests().requestClose();
        rig.wiring.requests().requestOpen();
        rig.tick();
        var a = onlyAnswerSince(0, ticket);
        assertThat(a.accepted()).isFalse();
        assertThat(a.reason()).isEqualTo(Supervisor.CLOSE_CANCELLED_BY_OPEN);
    }

    @Test
    void anOpenThenACloseBeforeTheTickCloses() {
        rig.tick();
        rig.wiring.requests().requestOpen();
        long ticket = rig.wiring.requests().requestClose();
        rig.tick();
        assertThat(rig.state()).isEqualTo(SupervisorState.PRECHARGE);
        assertThat(onlyAnswerSince(0, ticket).accepted()).isTrue();
    }

    @Test
    void aCloseInTheTickOfATripIsRefused() {
        rig.tick();
        loadAmps = -3.0;
        rig.connect();
        loadAmps = -6.5; // above the discharge MSL: trips after its 500 ms debounce
        for (int i = 0; i < 20 && rig.state() != SupervisorState.FAULT; i++) {
            // a close sent every tick: the one taken at the trip's tick is refused, never left unanswered
            rig.wiring.requests().requestClose();
            rig.tick();
        }
        assertThat(rig.state()).isEqualTo(SupervisorState.FAULT);
        var last = answers().getLast();
        assertThat(last.accepted()).isFalse();
        assertThat(last.reason()).isEqualTo(Supervisor.CLOSE_REFUSED_TRIPPED);
    }

    @Test
    void aCloseWaitingForAWeldedContactorIsRefusedWhenTheWeldTrips() {
        rig.tick();
        rig.connect();
        rig.pack.setWelded(ContactorId.MAIN_POSITIVE, true);
        rig.wiring.requests().requestOpen();
        rig.ticks(2);
        assertThat(rig.state()).isEqualTo(SupervisorState.STANDBY);
        int before = answers().size();
        long ticket = rig.wiring.requests().requestClose(); // within the 200 ms release time
        rig.tickUntil(SupervisorState.FAULT, 10);
        assertThat(rig.state()).isEqualTo(SupervisorState.FAULT);
        var a = onlyAnswerSince(before, ticket);
        assertThat(a.accepted()).isFalse();
        assertThat(rig.commanded(ContactorId.MAIN_NEGATIVE)).isFalse();
    }

    @Test
    void aCloseInShutdownIsRefused() {
        rig.tick();
        rig.wiring.requests().requestShutdown();
        rig.tick();
        long ticket = rig.wiring.requests().requestClose();
        rig.tick();
        var a = onlyAnswerSince(0, ticket);
        assertThat(a.accepted()).isFalse();
        assertThat(a.reason()).isEqualTo(Supervisor.CLOSE_REFUSED_SHUTDOWN);
    }
}
