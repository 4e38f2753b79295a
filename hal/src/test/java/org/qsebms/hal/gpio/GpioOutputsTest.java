package org.qsebms.hal.gpio;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.qsebms.hal.ContactorId;
import org.qsebms.hal.emulator.BalancingEmulator;
import org.qsebms.hal.emulator.ContactorEmulator;
import org.qsebms.hal.emulator.EmulatedGpio;
import org.qsebms.hal.emulator.ManualNanoClock;

class GpioOutputsTest {
    private static final long OPERATE_NANOS = 30_000_000;
    private final ManualNanoClock clock = new ManualNanoClock();
    private final ContactorEmulator emulator = new ContactorEmulator(5, 6, clock, OPERATE_NANOS);
    private final GpioContactor contactor =
            new GpioContactor(ContactorId.MAIN_POSITIVE, emulator.coil(), emulator.aux(), true);

    @Test
    void feedbackFollowsTheCoilAfterTheOperateTime() {
        contactor.command(true);
        assertThat(emulator.coil().isHigh()).isTrue();
        assertThat(contactor.feedbackClosed()).isFalse();

        clock.advance(OPERATE_NANOS);
        assertThat(contactor.feedbackClosed()).isTrue();

        contactor.command(false);
        clock.advance(OPERATE_NANOS);
        assertThat(contactor.feedbackClosed()).isFalse();
        assertThat(contactor.commandedClosed()).isFalse();
    }

    @Test
    void weldedContactorReportsClosedWhileCommandedOpen() {
        contactor.command(true);
        clock.advance(OPERATE_NANOS);
        emulator.weld();

        contactor.command(false);
        clock.advance(10 * OPERATE_NANOS);

        assertThat(contactor.commandedClosed()).isFalse();
        assertThat(contactor.feedbackClosed()).isTrue();
        assertThat(contactor.location()).isEqualTo("MAIN_POSITIVE coil GPIO 5, aux GPIO 6");
    }

    @Test
    void contactorStuckOpenNeverShowsClosed() {
        emulator.stickOpen();
        contactor.command(true);
        clock.advance(10 * OPERATE_NANOS);
        assertThat(contactor.feedbackClosed()).isFalse();
    }

    @Test
    void activeLowAuxContactIsInverted() {
        GpioContactor lowActive = new GpioContactor(
                ContactorId.PRECHARGE, EmulatedGpio.output(12), EmulatedGpio.input(13, () -> false), false);
        assertThat(lowActive.feedbackClosed()).isTrue();
    }

    @Test
    void balancingSwitchesDriveTheirGatesAndAFailedMosfetKeepsBleeding() {
        BalancingEmulator bleed = new BalancingEmulator(new int[] {20, 21, 22, 23}, 33.0);
        GpioBalancingSwitches switches = new GpioBalancingSwitches(bleed.gates());

        switches.set(2, true);
        assertThat(switches.isOn(2)).isTrue();
        assertThat(bleed.bleedAmps(2, 3.3)).isCloseTo(0.1, org.assertj.core.api.Assertions.within(1e-12));
        assertThat(bleed.bleedAmps(1, 3.3)).isZero();

        bleed.failShort(1);
        switches.allOff();
        assertThat(switches.isOn(1)).isFalse();
        assertThat(bleed.bleedAmps(1, 3.3))
                .as("failed-short MOSFET")
                .isCloseTo(0.1, org.assertj.core.api.Assertions.within(1e-12));
        assertThat(bleed.bleedAmps(2, 3.3)).isZero();
    }

    @Test
    void fanOutputStartsOffAndSwitches() {
        EmulatedGpio.Output pin = EmulatedGpio.output(18);
        pin.set(true);
        GpioSwitchedLoad fan = new GpioSwitchedLoad(pin);
        assertThat(fan.isOn()).isFalse();
        fan.set(true);
        assertThat(pin.isHigh()).isTrue();
    }

    @Test
    void balancingStartsAllOff() {
        EmulatedGpio.Output a = EmulatedGpio.output(1);
        a.set(true);
        assertThat(new GpioBalancingSwitches(List.of(a)).isOn(0)).isFalse();
    }
}
