package org.qsebms.bms.protection;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The refusal asked where no cause is present says so plainly, never "condition still present []" (an empty list):
 * check23v's probe asked {@link Protection#refusal()} with nothing latched (the pack in NORMAL) and got that text
 * (issue 23; docs/safety.md, "present []"). Over MQTT and in {@code bms simulate} a reset in NORMAL is answered by the
 * supervisor ("no fault is latched (state NORMAL)"); the protection's own text is the one a caller of the public
 * method gets.
 */
class NothingToResetRefusalTest {
    private final Frames f = new Frames(4);
    private final Protection p = new Protection(Frames.LIMITS, f);

    @Test
    void withNothingLatchedTheRefusalSaysThereIsNothingToReset() {
        f.steps(p, 20);
        assertThat(p.tripped()).isFalse();
        for (String text : List.of(p.refusal(), p.serviceRefusal())) {
            assertThat(text)
                    .doesNotContain("[]")
                    .contains("no fault is latched")
                    .contains("nothing to reset")
                    .contains("send one after a trip");
        }
    }

    @Test
    void withALatchWhoseCauseIsGoneTheRefusalNamesTheLatchAndSaysToSendItAgain() {
        p.restoreLatched(List.of("CELL_VOLTAGE_SENSOR.MSL"), 0);
        f.steps(p, 60); // 6 s of good readings: the cause is proven gone, the latch holds until a reset
        assertThat(p.tripped()).isTrue();
        assertThat(p.causePresent()).isFalse();
        assertThat(p.refusal())
                .doesNotContain("[]")
                .contains("no cause is present now")
                .contains("CELL_VOLTAGE_SENSOR")
                .contains("send the reset again");
        assertThat(p.reset(f.now)).isTrue();
    }

    @Test
    void withACausePresentTheRefusalStillNamesIt() {
        p.restoreLatched(List.of("CELL_VOLTAGE_SENSOR.MSL"), 0);
        f.step(p);
        assertThat(p.refusal()).startsWith("reset refused: condition still present [CELL_VOLTAGE_SENSOR");
    }
}
