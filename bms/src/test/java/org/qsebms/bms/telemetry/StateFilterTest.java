package org.qsebms.bms.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.qsebms.bms.snapshot.PackSample;
import org.qsebms.bms.supervisor.SupervisorState;
import org.qsebms.config.MqttConfig;

class StateFilterTest {
    private static final long SECOND = 1_000_000_000L;

    private static PackSample sample(long nanos, double volts) {
        PackSample s = new PackSample(2, 2);
        s.nanos = nanos;
        s.packVolts = volts;
        s.state = SupervisorState.NORMAL;
        return s;
    }

    @Test
    void withoutDeadbandEverySampleIsPublished() {
        StateFilter f = new StateFilter(MqttConfig.StateDeadband.NONE, 60 * SECOND, 2, 2);

        assertThat(f.shouldPublish(sample(0, 15.0))).isTrue();
        assertThat(f.shouldPublish(sample(SECOND, 15.0))).isTrue();
    }

    @Test
    void deadbandSkipsSmallChangesButNotLargeOnesModeChangesOrTheHeartbeat() {
        StateFilter f = new StateFilter(new MqttConfig.StateDeadband(0.1, 1, 1, 1, 1), 10 * SECOND, 2, 2);

        assertThat(f.shouldPublish(sample(0, 15.00))).as("first").isTrue();
        assertThat(f.shouldPublish(sample(SECOND, 15.05))).as("inside the band").isFalse();
        assertThat(f.shouldPublish(sample(2 * SECOND, 15.09)))
                .as("still inside, measured from the last published")
                .isFalse();
        assertThat(f.shouldPublish(sample(3 * SECOND, 15.11))).as("outside").isTrue();
        PackSample fault = sample(4 * SECOND, 15.11);
        fault.state = SupervisorState.FAULT;
        assertThat(f.shouldPublish(fault)).as("mode changed").isTrue();
        PackSample quiet = sample(14 * SECOND, 15.11);
        quiet.state = SupervisorState.FAULT;
        assertThat(f.shouldPublish(quiet)).as("heartbeat").isTrue();
    }

    @Test
    void balancingTurnedOffIsPublishedInsideTheDeadband() {
        StateFilter f = new StateFilter(new MqttConfig.StateDeadband(0.1, 1, 1, 1, 1), 60 * SECOND, 2, 2);
        PackSample on = sample(0, 15.0);
        on.balancingEnabled = true;
        assertThat(f.shouldPublish(on)).as("first").isTrue();
        PackSample same = sample(SECOND, 15.0);
        same.balancingEnabled = true;
        assertThat(f.shouldPublish(same)).as("nothing changed").isFalse();
        PackSample off = sample(2 * SECOND, 15.0);
        assertThat(f.shouldPublish(off)).as("balancing turned off").isTrue();
    }
}
