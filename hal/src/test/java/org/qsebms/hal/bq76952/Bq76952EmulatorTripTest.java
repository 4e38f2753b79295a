package org.qsebms.hal.bq76952;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.qsebms.hal.ContactorId;
import org.qsebms.hal.bq76952.Bq76952SafetyStatus.Trip;
import org.qsebms.hal.emulator.Bq76952Emulator;

/**
 * The emulated chip trips its own FETs on the thresholds and delays the start-up wrote, read
 * through the driver: Safety Alert while the delay runs, Safety Status and the FET off after it.
 * Thresholds follow from {@link Bq76952Rig#MSL} and the default margins (see the plan).
 */
class Bq76952EmulatorTripTest {

    static Stream<Arguments> trips() {
        return Stream.of(
                // check, drive beyond the hardware threshold, delay the plan encodes, opens CHG, opens DSG
                trip(Trip.COV, r -> r.cellVolts[7] = 4.36, 303 * 3_300_000L, true, false),
                trip(Trip.CUV, r -> r.cellVolts[0] = 2.67, 303 * 3_300_000L, false, true),
                trip(Trip.OCC, r -> r.packAmps = 26.5, 30 * 3_300_000L, true, false),
                trip(Trip.OCD1, r -> r.packAmps = -50.5, 30 * 3_300_000L, false, true),
                trip(Trip.OCD2, r -> r.packAmps = -81, 6 * 3_300_000L, false, true),
                trip(Trip.SCD, r -> r.packAmps = -176, 4 * 15_000L, true, true),
                trip(Trip.OTC, r -> r.tsCelsius[1] = 50.5, 2_000_000_000L, true, false),
                // 60.5 degC is beyond OTC (50) as well: both FETs open, as on the chip
                trip(Trip.OTD, r -> r.tsCelsius[1] = 60.5, 2_000_000_000L, true, true),
                trip(Trip.UTC, r -> r.tsCelsius[2] = -5.5, 2_000_000_000L, true, false),
                trip(Trip.UTD, r -> r.tsCelsius[0] = -25.5, 2_000_000_000L, true, true)); // beyond UTC (-5) too
    }

    private static Arguments trip(Trip t, Consumer<Bq76952Rig> drive, long delay, boolean chg, boolean dsg) {
        return Arguments.of(t, drive, delay, chg, dsg);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("trips")
    void chipOpensItsOwnFetAfterTheConfiguredDelay(
            Trip trip, Consumer<Bq76952Rig> drive, long delayNanos, boolean opensCharge, boolean opensDischarge) {
        Bq76952Rig rig = new Bq76952Rig(false).configured();
        var status = new Bq76952SafetyStatus(rig.chip, null, rig.plan());
        var fets = new Bq76952Fets(ContactorId.MAIN_NEGATIVE, rig.chip);
        fets.command(true);
        assertThat(fets.feedbackClosed()).isTrue();
        long step = Math.max(1_000, delayNanos / 200);

        drive.accept(rig);
        rig.emulator.advance();
        long onset = rig.clock.getAsLong();
        boolean sawAlert = false;
        while (rig.emulator.chargeFetOn() && rig.emulator.dischargeFetOn()) {
            status.refresh();
            sawAlert |= status.alerting(trip);
            assertThat(status.tripped(trip)).isFalse();
            assertThat(rig.clock.getAsLong() - onset)
                    .as("no trip after delay + 2 " + "steps")
                    .isLessThanOrEqualTo(delayNanos + 2 * step);
            rig.clock.advance(step);
            rig.emulator.advance();
        }
        long tripAfter = rig.clock.getAsLong() - onset;

        assertThat(tripAfter).isBetween(delayNanos, delayNanos + 2 * step);
        assertThat(sawAlert).as("Safety Alert while the delay runs").isTrue();
        status.refresh();
        assertThat(status.tripped(trip)).isTrue();
        assertThat(rig.emulator.chargeFetOn()).isEqualTo(!opensCharge);
        assertThat(rig.emulator.dischargeFetOn()).isEqualTo(!opensDischarge);
        assertThat(fets.commandedClosed()).isTrue();
        assertThat(fets.feedbackClosed())
                .as("FET feedback drops while commanded closed")
                .isFalse();
        int batteryStatus = rig.chip.readDirectU2(Bq76952Commands.BATTERY_STATUS);
        assertThat(batteryStatus & Bq76952Commands.BATTERY_STATUS_SS).isNotZero();
        assertThat(rig.emulator.alertPin(17).isHigh()).as("ALERT is active low").isFalse();
    }

    @Test
    void conditionShorterThanTheDelayDoesNotTrip() {
        Bq76952Rig rig = new Bq76952Rig(false).configured();
        rig.cellVolts[3] = 4.40;
        rig.emulator.advance();
        rig.clock.advance(900_000_000L);
        rig.emulator.advance();
        rig.cellVolts[3] = 4.20;
        rig.clock.advance(900_000_000L);
        rig.emulator.advance();

        assertThat(rig.emulator.chargeFetOn()).isTrue();
        assertThat(rig.emulator.trips(Bq76952Emulator.Check.COV)).isZero();
        assertThat(rig.emulator.alertPin(17).isHigh()).isTrue();
    }

    @Test
    void belowTheHardwareThresholdNothingTripsHoweverLong() {
        Bq76952Rig rig = new Bq76952Rig(false).configured();
        rig.cellVolts[3] = 4.34; // above the software MSL 4.30 V, below COV 4.3516 V
        rig.packAmps = 25.0; // above the 20 A MSL, below OCC 26 A
        for (int i = 0; i < 100; i++) {
            rig.clock.advance(100_000_000L);
            rig.chip.readDirectU1(Bq76952Commands.FET_STATUS); // the host talks every tick (host watchdog)
        }

        assertThat(rig.emulator.chargeFetOn()).isTrue();
        assertThat(rig.emulator.dischargeFetOn()).isTrue();
    }

    @Test
    void covRecoversBelowThresholdMinusHysteresisAndTheFetMayCloseAgain() {
        Bq76952Rig rig = new Bq76952Rig(false).configured();
        rig.cellVolts[2] = 4.40;
        rig.emulator.advance();
        rig.clock.advance(1_100_000_000L);
        assertThat(rig.emulator.chargeFetOn()).isFalse();

        rig.cellVolts[2] = 4.30; // above 4.3516 - 2 x 50.6 mV = 4.2504 V: still tripped
        rig.clock.advance(1_000_000L);
        assertThat(rig.emulator.chargeFetOn()).isFalse();
        rig.cellVolts[2] = 4.20;
        rig.clock.advance(1_000_000L);

        assertThat(rig.emulator.chargeFetOn()).isTrue();
        assertThat(rig.emulator.trips(Bq76952Emulator.Check.COV)).isEqualTo(1);
    }

    @Test
    void protectionsDoNotRunInConfigUpdateModeAndFetsAreOff() {
        Bq76952Rig rig = new Bq76952Rig(false).configured();
        rig.chip.enterConfigUpdate();
        rig.cellVolts[2] = 4.5;
        rig.clock.advance(2_000_000_000L);

        assertThat(rig.emulator.chargeFetOn()).isFalse();
        assertThat(rig.emulator.trips(Bq76952Emulator.Check.COV)).isZero();
    }
}
