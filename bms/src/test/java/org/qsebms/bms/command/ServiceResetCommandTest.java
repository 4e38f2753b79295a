package org.qsebms.bms.command;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.qsebms.bms.control.OperatorSettings;
import org.qsebms.bms.sim.PackLoad;
import org.qsebms.bms.supervisor.SupervisorState;
import org.qsebms.bms.testing.SimRig;

/** {@code cmd/service-reset}: the only way out of a repeated-trip lockout, and itself refused while a cause holds. */
class ServiceResetCommandTest {
    @Test
    void aLockedOutPackTakesOnlyTheServiceResetCommand() {
        SimRig rig = new SimRig(PackLoad.IDLE);
        CommandParser parser = new CommandParser(10, 10);
        CommandHandler handler = new CommandHandler(rig.wiring.requests(), new OperatorSettings());
        rig.tick();
        for (int trip = 0; trip < 3; trip++) { // three over-current trips within the lockout window
            rig.wiring.requests().requestClose();
            rig.tickUntil(SupervisorState.NORMAL, 50);
            rig.pack.forceAmps(-20);
            rig.tickUntil(SupervisorState.FAULT, 20);
            rig.pack.forceAmps(Double.NaN);
            rig.ticks(15);
            if (trip < 2) {
                rig.wiring.requests().requestReset();
                rig.ticks(2);
                assertThat(rig.state()).isEqualTo(SupervisorState.STANDBY);
            }
        }
        assertThat(rig.controller.protection().lockedOut()).isTrue();
        CommandParser.Parsed plain = parser.parse("reset", "{\"id\":\"1\"}".getBytes());
        handler.apply(((CommandParser.Valid) plain).command(), "1");
        rig.ticks(2);
        assertThat(rig.state()).isEqualTo(SupervisorState.FAULT);
        CommandParser.Parsed service = parser.parse("service-reset", "{\"id\":\"2\"}".getBytes());
        assertThat(service).isInstanceOf(CommandParser.Valid.class);
        CommandResult r = handler.apply(((CommandParser.Valid) service).command(), "2");
        assertThat(r.accepted()).isTrue();
        rig.ticks(2);
        assertThat(rig.state()).isEqualTo(SupervisorState.STANDBY);
        assertThat(rig.controller.protection().lockedOut()).isFalse();
        assertThat(parser.parse("service-reset", "{\"force\":true}".getBytes()))
                .isInstanceOf(CommandParser.Invalid.class);
    }
}
