package org.qsebms.bms.supervisor;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.qsebms.bms.snapshot.ControllerEvent;
import org.qsebms.bms.testing.SimRig;
import org.qsebms.config.MqttConfig;

/**
 * Issue 23, check23x (defect 4): 2000 service resets sent before one tick were all judged at that tick. With the
 * default configuration, no more than {@code mqtt.serviceResetQueue} (16) are queued, so no more are judged at a tick;
 * the others were refused when sent (ServiceResetQueueBoundTest). Only the requests' old interface is used here, so
 * this test also ran, and failed (2000 judged), on the code before the bound.
 */
class ServiceResetFloodTest {
    @Test
    void aFloodOfServiceResetsIsNotAllJudgedAtOneTick() {
        SimRig rig = new SimRig((s, p, connected) -> 0.0);
        rig.tick();
        long before = rig.events.stream()
                .filter(e -> e instanceof ControllerEvent.ResetOutcome)
                .count();
        for (int i = 0; i < 2000; i++) {
            rig.wiring.requests().requestServiceReset();
        }
        rig.tick();
        long judged = rig.events.stream()
                        .filter(e -> e instanceof ControllerEvent.ResetOutcome)
                        .count()
                - before;
        assertThat(judged).isEqualTo(MqttConfig.DEFAULT_SERVICE_RESET_QUEUE);
        rig.ticks(3);
        assertThat(rig.events.stream().filter(e -> e instanceof ControllerEvent.ResetOutcome))
                .as("nothing left for later ticks: the rest was refused when sent")
                .hasSize((int) (before + judged));
    }
}
