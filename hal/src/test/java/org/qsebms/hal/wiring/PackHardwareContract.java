package org.qsebms.hal.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.qsebms.hal.ContactorId;
import org.qsebms.hal.SensorStatus;

/**
 * What any board built by {@link PackHardwareFactory} must do, on emulators or on a real Pi
 * wired as {@link ExampleWiring} with a healthy 4-series pack at rest and contactors open.
 * Subclasses provide the board; the hardware one is tagged {@code hardware}.
 */
abstract class PackHardwareContract {
    protected Board board;

    /** A fresh board for the example wiring, pack healthy and at rest. */
    protected abstract Board createBoard() throws Exception;

    /** Waits at least the contactor operate time (emulators advance their clock). */
    protected abstract void waitForContactors() throws Exception;

    @BeforeEach
    void open() throws Exception {
        board = createBoard();
    }

    @AfterEach
    void close() throws Exception {
        board.hardware().contactors().values().forEach(c -> c.command(false));
        board.close();
    }

    @Test
    void everyChipAnswersAndEveryChannelReadsOkOnce() {
        ProbeReport report = BoardProbe.selfTest(board);
        assertThat(report.chips()).allMatch(ProbeReport.ChipAnswer::answered);
        assertThat(report.readings()).hasSize(4 + 1 + 1 + 4);
    }

    @Test
    void cellVoltagesArePlausibleForALithiumCellAtRest() {
        double[] volts = new double[4];
        SensorStatus[] status = new SensorStatus[4];
        board.hardware().cellVoltages().readInto(volts, status);
        assertThat(status).containsOnly(SensorStatus.OK);
        for (double v : volts) {
            assertThat(v).isBetween(2.5, 4.4);
        }
    }

    @Test
    void sumOfCellsMatchesThePackDividerWithinOnePercent() {
        double[] volts = new double[4];
        board.hardware().cellVoltages().readInto(volts, new SensorStatus[4]);
        double pack = board.hardware().packVoltage().readPackVolts();
        assertThat(board.hardware().packVoltage().lastStatus()).isEqualTo(SensorStatus.OK);
        assertThat(volts[0] + volts[1] + volts[2] + volts[3])
                .isCloseTo(pack, org.assertj.core.api.Assertions.withinPercentage(1));
    }

    @Test
    void currentAtRestIsNearZeroAfterZeroCapture() {
        board.hardware().current().captureZeroOffset();
        assertThat(board.hardware().current().readPackAmps()).isBetween(-0.2, 0.2);
        assertThat(board.hardware().current().lastStatus()).isEqualTo(SensorStatus.OK);
    }

    @Test
    void contactorsStartOpenAndTheirFeedbackFollowsTheCommand() throws Exception {
        for (ContactorId id : ContactorId.values()) {
            assertThat(board.hardware().contactor(id).feedbackClosed())
                    .as(id + " at start")
                    .isFalse();
        }
        board.hardware().contactor(ContactorId.MAIN_NEGATIVE).command(true);
        waitForContactors();
        assertThat(board.hardware().contactor(ContactorId.MAIN_NEGATIVE).feedbackClosed())
                .isTrue();
        board.hardware().contactor(ContactorId.MAIN_NEGATIVE).command(false);
        waitForContactors();
        assertThat(board.hardware().contactor(ContactorId.MAIN_NEGATIVE).feedbackClosed())
                .isFalse();
    }

    @Test
    void balancingStartsAllOff() {
        for (int i = 0; i < board.hardware().balancing().cellCount(); i++) {
            assertThat(board.hardware().balancing().isOn(i)).isFalse();
        }
    }
}
