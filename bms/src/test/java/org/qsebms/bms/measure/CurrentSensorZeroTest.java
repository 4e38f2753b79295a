package org.qsebms.bms.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.qsebms.hal.SensorStatus;

/**
 * {@link CurrentSensorZero} on hand-made frames at a 100 ms loop: zero while the current path is open, the zero
 * learnt only after the settle time and once it rests on enough readings, clamped to the rated offset, and the
 * reading net of it while the path is closed.
 */
class CurrentSensorZeroTest {
    private static final long TICK = 100_000_000L;

    private final PackMeasurement m = new PackMeasurement(2, 2);
    private final CurrentSensorZero zero = new CurrentSensorZero(0.05, 0.5, CurrentSensorZero.Learning.DEFAULT, true);
    private long now;

    /** One frame: the sensor reads {@code amps}, the path open or not; returns the pack current set. */
    private double frame(double amps, boolean pathOpen) {
        return frame(amps, pathOpen, SensorStatus.OK);
    }

    private double frame(double amps, boolean pathOpen, SensorStatus status) {
        now += TICK;
        m.nanos = now;
        m.sensorAmps = amps;
        m.packAmps = amps;
        m.currentStatus = status;
        m.currentPathOpen = pathOpen;
        m.allCommandedOpen = pathOpen;
        zero.apply(m);
        return m.packAmps;
    }

    private void frames(int n, double amps, boolean pathOpen) {
        for (int i = 0; i < n; i++) {
            frame(amps, pathOpen);
        }
    }

    @Test
    void withThePathOpenThePackCurrentIsZeroAtOnce() {
        assertThat(frame(0.037, true)).isZero();
        assertThat(zero.nothingFlows()).isTrue();
        assertThat(frame(-0.012, true)).isZero();
        assertThat(zero.zeroAmps()).as("nothing learnt inside the settle time").isZero();
    }

    @Test
    void theZeroIsTakenOnceItRestsOnFiveSecondsOfSettledReadings() {
        frames(10, 0.04, true); // 1 s: the settle time
        frames(49, 0.04, true); // 4.9 s of readings
        assertThat(zero.zeroAmps()).isZero();
        frames(2, 0.04, true);
        assertThat(zero.zeroAmps()).isCloseTo(0.04, within(1e-12));
        assertThat(frame(-1.0, false)).as("closed: the reading less the zero").isCloseTo(-1.04, within(1e-12));
        assertThat(zero.nothingFlows()).isFalse();
    }

    @Test
    void readingsInsideTheSettleTimeDoNotCount() {
        frames(10, 0.3, true); // a current still decaying as the contacts open
        frames(60, 0.02, true);
        assertThat(zero.zeroAmps()).isCloseTo(0.02, within(1e-12));
    }

    @Test
    void theZeroIsTheMeanOfNoisyReadings() {
        for (int i = 0; i < 700; i++) {
            frame(0.03 + (i % 2 == 0 ? 0.01 : -0.01), true);
        }
        assertThat(zero.zeroAmps()).isCloseTo(0.03, within(2e-4));
    }

    @Test
    void theZeroFollowsADriftingOffsetOverItsWindow() {
        frames(100, 0.01, true);
        assertThat(zero.zeroAmps()).isCloseTo(0.01, within(1e-9));
        frames(6000, 0.03, true); // 10 min: many windows of 1 min
        assertThat(zero.zeroAmps()).isCloseTo(0.03, within(1e-6));
    }

    @Test
    void aShortOpeningKeepsTheLastZero() {
        frames(100, 0.02, true);
        frames(50, -2.0, false);
        frames(30, 0.045, true); // 3 s open: 2 s of readings, less than the 5 s the zero must rest on
        assertThat(zero.zeroAmps()).isCloseTo(0.02, within(1e-12));
        assertThat(frame(-2.0, false)).isCloseTo(-2.02, within(1e-12));
    }

    /**
     * Feedback that reads open while a contactor is still commanded closed is not enough: a FET pair whose chip
     * tripped one FET reads open and still conducts one way through the other's body diode. The reading is then
     * counted (less the zero) and teaches nothing.
     */
    @Test
    void feedbackOpenWhileAContactorIsCommandedClosedIsNoRest() {
        frames(100, 0.02, true);
        for (int i = 0; i < 100; i++) {
            now += TICK;
            m.nanos = now;
            m.sensorAmps = -0.3;
            m.currentStatus = SensorStatus.OK;
            m.currentPathOpen = true;
            m.allCommandedOpen = false;
            zero.apply(m);
            assertThat(m.packAmps).isCloseTo(-0.32, within(1e-12));
            assertThat(zero.nothingFlows()).isFalse();
        }
        assertThat(zero.zeroAmps()).isCloseTo(0.02, within(1e-12));
    }

    @Test
    void theZeroMovesNoFurtherThanTheRatedOffset() {
        frames(100, 0.2, true);
        assertThat(zero.zeroAmps()).isCloseTo(0.05, within(1e-12));
        frames(100, -0.3, true);
        assertThat(zero.zeroAmps()).isCloseTo(-0.05, within(1e-12));
    }

    @Test
    void aReadingBeyondTheZeroDriftLevelWithThePathOpenIsCurrentNotOffset() {
        frames(100, 0.02, true);
        assertThat(frame(0.8, true)).as("counted, less the zero").isCloseTo(0.78, within(1e-12));
        assertThat(zero.nothingFlows()).isFalse();
        frames(100, 0.8, true);
        assertThat(zero.zeroAmps()).isCloseTo(0.02, within(1e-12));
    }

    @Test
    void aFaultyReadingIsLeftAsItIsAndTeachesNothing() {
        frames(100, 0.02, true);
        for (int i = 0; i < 100; i++) {
            assertThat(frame(0.04, true, SensorStatus.BUS_ERROR)).isEqualTo(0.04);
            assertThat(zero.nothingFlows()).isFalse();
        }
        assertThat(zero.zeroAmps()).isCloseTo(0.02, within(1e-12));
        assertThat(frame(Double.NaN, true)).isNaN();
        assertThat(zero.zeroAmps()).isCloseTo(0.02, within(1e-12));
    }

    @Test
    void offLeavesTheReadingAsItIs() {
        CurrentSensorZero off = new CurrentSensorZero(0.05, 0.5, CurrentSensorZero.Learning.DEFAULT, false);
        m.nanos = TICK;
        m.sensorAmps = 0.04;
        m.currentStatus = SensorStatus.OK;
        m.currentPathOpen = true;
        m.allCommandedOpen = true;
        for (int i = 0; i < 100; i++) {
            m.nanos += TICK;
            off.apply(m);
            assertThat(m.packAmps).isEqualTo(0.04);
        }
        assertThat(off.zeroAmps()).isZero();
    }

    @Test
    void aRatedOffsetOfZeroStillZeroesTheOpenPathButLearnsNothing() {
        CurrentSensorZero exact = new CurrentSensorZero(0, 0.5, CurrentSensorZero.Learning.DEFAULT, true);
        for (int i = 0; i < 100; i++) {
            now += TICK;
            m.nanos = now;
            m.sensorAmps = 0.01;
            m.currentStatus = SensorStatus.OK;
            m.currentPathOpen = true;
            m.allCommandedOpen = true;
            exact.apply(m);
            assertThat(m.packAmps).isZero();
        }
        assertThat(exact.zeroAmps()).isZero();
    }

    @Test
    void aLearningThatCannotWorkIsRefused() {
        assertThatThrownBy(() -> new CurrentSensorZero.Learning(
                        Duration.ofSeconds(1), Duration.ofSeconds(10), Duration.ofSeconds(5)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("window >= least");
        assertThatThrownBy(() -> new CurrentSensorZero(-0.01, 0.5, CurrentSensorZero.Learning.DEFAULT, true))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /**
     * The open span's mean is handed on once, at the frame that closes the path, for a span long enough to learn
     * from; NaN on every other frame, and for a span too short (its readings still settling or under 5 s).
     */
    @Test
    void aClosingFrameHandsOnTheOpenSpansMean() {
        frames(70, 0.2, true); // 1 s settling and 6 s of readings, beyond the 50 mA rating
        assertThat(zero.closedSpanMeanAmps()).as("still open").isNaN();
        assertThat(zero.zeroAmps()).isCloseTo(0.05, within(1e-12));
        frame(-1.0, false);
        assertThat(zero.closedSpanMeanAmps()).isCloseTo(0.2, within(1e-12));
        assertThat(zero.closedSpanSeconds()).isCloseTo(6.0, within(0.11));
        frame(-1.0, false);
        assertThat(zero.closedSpanMeanAmps()).as("only the closing frame").isNaN();
        frames(40, 0.03, true); // 4 s open: under a second of settled reading time short of the 5 s
        frame(-1.0, false);
        assertThat(zero.closedSpanMeanAmps())
                .as("a span too short to learn from")
                .isNaN();
    }
}
