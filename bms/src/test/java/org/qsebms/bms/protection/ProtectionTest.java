package org.qsebms.bms.protection;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.qsebms.config.LimitLevel;

class ProtectionTest {
    private final Frames f = new Frames(4);
    private final Protection p = new Protection(Frames.LIMITS, f);

    @Test
    void healthyPackRaisesNothing() {
        f.amps = 0.8;
        f.steps(p, 200);
        assertThat(f.events).isEmpty();
        assertThat(p.tripped()).isFalse();
    }

    @Test
    void tripsAndLatchesWhenCellStaysAboveMslForDebounceTime() {
        // given a cell above the 4.30 V MSL
        f.cellVolts[2] = 4.32;
        // when it stays there for less than the 300 ms debounce, nothing trips
        f.steps(p, 2);
        assertThat(p.tripped()).isFalse();
        f.steps(p, 2);
        // then after the debounce the MSL is raised, latched, and names the cell, value and limit
        assertThat(p.tripped()).isTrue();
        FaultEvent e = f.firstRaised(FaultCode.CELL_OVER_VOLTAGE, LimitLevel.MSL);
        assertThat(e.latched()).isTrue();
        assertThat(e.reason())
                .contains("cell 3")
                .contains("4.32")
                .contains("4.300 V")
                .contains("300 ms");
        assertThat(f.raisedIds()).contains("CELL_OVER_VOLTAGE.MOL", "CELL_OVER_VOLTAGE.RSL", "CELL_OVER_VOLTAGE.MSL");
    }

    @Test
    void raisesOnlyTheLevelsActuallyCrossed() {
        f.cellVolts[0] = 4.22; // above MOL 4.20, below RSL 4.25
        f.steps(p, 10);
        assertThat(f.raisedIds()).containsExactly("CELL_OVER_VOLTAGE.MOL");
        assertThat(p.active(FaultCode.CELL_OVER_VOLTAGE, LimitLevel.MOL)).isTrue();
        assertThat(p.tripped()).isFalse();
    }

    @Test
    void clearsALevelOnlyAfterComingBackByTheHysteresisForTheDebounce() {
        f.cellVolts[0] = 4.22;
        f.steps(p, 10);
        // back below MOL 4.20 but inside the 30 mV hysteresis: still active
        f.cellVolts[0] = 4.19;
        f.steps(p, 20);
        assertThat(p.active(FaultCode.CELL_OVER_VOLTAGE, LimitLevel.MOL)).isTrue();
        // below 4.17 for the debounce: cleared
        f.cellVolts[0] = 4.16;
        f.steps(p, 4);
        assertThat(p.active(FaultCode.CELL_OVER_VOLTAGE, LimitLevel.MOL)).isFalse();
        assertThat(f.events)
                .filteredOn(e -> !e.raised())
                .extracting(FaultEvent::id)
                .containsExactly("CELL_OVER_VOLTAGE.MOL");
    }

    @Test
    void refusesResetWhileTheConditionIsPresentAndAcceptsItOnceCleared() {
        f.cellVolts[1] = 2.70; // below the 2.80 V MSL
        f.steps(p, 5);
        assertThat(p.tripped()).isTrue();
        assertThat(p.reset(f.now)).isFalse();
        // the cell 1 V under the others is beyond the imbalance MSL too, not yet for its 5 s debounce
        assertThat(p.presentConditions()).containsExactly("CELL_UNDER_VOLTAGE.MSL", "CELL_IMBALANCE.MSL");
        // condition gone, but the latch holds until an explicit reset
        f.cellVolts[1] = 3.70;
        f.steps(p, 5);
        assertThat(p.causePresent()).isFalse();
        assertThat(p.tripped()).isTrue();
        assertThat(p.reset(f.now)).isTrue();
        assertThat(p.tripped()).isFalse();
        assertThat(f.events.getLast().reason()).isEqualTo("cell voltage below its limit: reset");
    }

    @Test
    void chargeUnderTemperatureAppliesOnlyWhileCharging() {
        // lithium metal: charging below 0 °C is refused, discharging at -5 °C is fine
        java.util.Arrays.fill(f.celsius, -5.0);
        f.amps = -1.0;
        f.steps(p, 40);
        assertThat(f.raisedIds()).doesNotContain("CHARGE_UNDER_TEMPERATURE.MSL");
        f.amps = 0.5;
        f.steps(p, 25);
        assertThat(f.raisedIds()).contains("CHARGE_UNDER_TEMPERATURE.MSL");
        assertThat(p.tripped()).isTrue();
    }

    /**
     * Issue 23, check23g: a charger that pauses for a moment (or a regenerative pulse the other way) before the 2 s
     * debounce ran out restarted it, so 1.5 s of charge and 0.5 s of pause into a -5 °C cell never tripped, however
     * long it went on. A sample without charge now holds the pending time while the temperature stays beyond.
     */
    @ParameterizedTest(name = "{0} °C, charge {1} A, then {2} A in between")
    @MethodSource("pulsedCharges")
    void aChargeBrokenUpByPausesStillTripsTheChargeTemperatureLimit(double celsius, double between, String id) {
        java.util.Arrays.fill(f.celsius, celsius);
        for (int pulse = 0; pulse < 6; pulse++) {
            f.amps = 1.0;
            f.steps(p, 15);
            f.amps = between;
            f.steps(p, 5);
        }
        assertThat(f.raisedIds()).contains(id);
        assertThat(p.tripped()).isTrue();
    }

    static Stream<Arguments> pulsedCharges() {
        return Stream.of(
                Arguments.of(-5.0, 0.0, "CHARGE_UNDER_TEMPERATURE.MSL"),
                Arguments.of(-5.0, -0.5, "CHARGE_UNDER_TEMPERATURE.MSL"),
                Arguments.of(53.0, 0.0, "CHARGE_OVER_TEMPERATURE.MSL"));
    }

    /**
     * A pause in which the cell is back inside is not held: it takes back the time it lasts (check23r: the debounce
     * is an up/down count). Charge into a cold cell for as long as it then rests warm never adds up; for longer
     * (75 % of the time) it does, as charging into it three quarters of the time should.
     */
    @Test
    void aPauseInWhichTheCellWarmsUpTakesBackTheTimeItLasts() {
        for (int pulse = 0; pulse < 12; pulse++) {
            java.util.Arrays.fill(f.celsius, -0.5);
            f.amps = 1.0;
            f.steps(p, 15);
            java.util.Arrays.fill(f.celsius, 0.5);
            f.amps = 0.0;
            f.steps(p, 15);
        }
        assertThat(f.raisedIds()).doesNotContain("CHARGE_UNDER_TEMPERATURE.MSL");
        assertThat(p.tripped()).isFalse();
        for (int pulse = 0; pulse < 6; pulse++) {
            java.util.Arrays.fill(f.celsius, -0.5);
            f.amps = 1.0;
            f.steps(p, 15);
            java.util.Arrays.fill(f.celsius, 0.5);
            f.amps = 0.0;
            f.steps(p, 5);
        }
        assertThat(f.raisedIds()).contains("CHARGE_UNDER_TEMPERATURE.MSL");
    }

    @Test
    void chargeAndDischargeOverCurrentAreSeparateLimits() {
        f.amps = 2.2; // charge MSL is 1.0 C = 2 A
        f.steps(p, 12);
        assertThat(f.raisedIds())
                .contains("CHARGE_OVER_CURRENT.MSL")
                .noneMatch(id -> id.startsWith("DISCHARGE_OVER_CURRENT"));
        Frames g = new Frames(4);
        Protection q = new Protection(Frames.LIMITS, g);
        g.amps = -5.5; // discharge RSL 2.5 C = 5 A, MSL 3 C = 6 A
        g.steps(q, 10);
        assertThat(g.raisedIds()).contains("DISCHARGE_OVER_CURRENT.RSL").doesNotContain("DISCHARGE_OVER_CURRENT.MSL");
    }

    @Test
    void electrolyteAnodicLimitTripsWithoutDebounce() {
        f.cellVolts[0] = 5.7; // PSOA anodic limit 5.6 V
        f.step(p);
        assertThat(f.raisedIds()).contains("ELECTROLYTE_ANODIC_LIMIT.MSL");
    }

    @Test
    void cellImbalanceRaisesAtItsLevels() {
        f.cellVolts[3] = 3.55; // 150 mV below the others: above RSL 100 mV, below MSL 300 mV
        f.stepFor(p, 5_200_000_000L);
        assertThat(f.raisedIds())
                .contains("CELL_IMBALANCE.MOL", "CELL_IMBALANCE.RSL")
                .doesNotContain("CELL_IMBALANCE.MSL");
        assertThat(p.tripped()).isFalse();
        f.cellVolts[3] = 3.30;
        f.stepFor(p, 5_200_000_000L);
        assertThat(p.tripped()).isTrue();
        assertThat(f.firstRaised(FaultCode.CELL_IMBALANCE, LimitLevel.MSL).reason())
                .contains("cellImbalance")
                .contains("V");
    }

    @Test
    void socBoundsApplyOnlyInTheirCurrentDirection() {
        long t = 0;
        for (int i = 0; i < 60; i++) {
            t += Frames.TICK;
            p.evaluateSoc(0.50, 0, 0.995, 1, -1.0, t); // discharging: high SOC is no concern
        }
        assertThat(f.events).isEmpty();
        for (int i = 0; i < 60; i++) {
            t += Frames.TICK;
            p.evaluateSoc(0.50, 0, 0.995, 1, +1.0, t);
        }
        assertThat(f.raisedIds()).containsExactly("SOC_HIGH.MOL", "SOC_HIGH.RSL");
        for (int i = 0; i < 60; i++) {
            t += Frames.TICK;
            p.evaluateSoc(0.004, 2, 0.40, 1, -1.0, t);
        }
        assertThat(f.raisedIds()).contains("SOC_LOW.MOL", "SOC_LOW.RSL");
        assertThat(f.firstRaised(FaultCode.SOC_LOW, LimitLevel.RSL).reason()).contains("cell 3");
    }

    @Test
    void softShortScoreFromTheEstimatorsRaisesAlarmAndTripsAtMsl() {
        f.step(p); // sizes the tables
        p.reportSoftShortScore(1, 0.7);
        f.stepFor(p, 10_100_000_000L);
        assertThat(f.raisedIds()).containsExactly("SOFT_SHORT.MOL", "SOFT_SHORT.RSL");
        p.reportSoftShortScore(1, 0.95);
        f.stepFor(p, 10_100_000_000L);
        assertThat(p.tripped()).isTrue();
        assertThat(f.firstRaised(FaultCode.SOFT_SHORT, LimitLevel.MSL).reason())
                .startsWith("cell 2: softShortScore 0.950");
    }

    /** check23r: the MSL cleared with the leak it was raised with ("leak about 25.2 mA"), a leak no longer seen. */
    @Test
    void aSoftShortLevelClearsWithoutTheDetailItWasRaisedWith() {
        f.step(p);
        p.reportSoftShortScore(1, 0.95);
        p.reportSoftShortDetail(1, "cell 2: leak about 25.2 mA above the string median");
        f.stepFor(p, 10_100_000_000L);
        assertThat(f.firstRaised(FaultCode.SOFT_SHORT, LimitLevel.MSL).reason()).contains("leak about 25.2 mA");
        p.reportSoftShortScore(1, 0.7); // still flagged: the detail stays, the MSL clears
        f.stepFor(p, 10_100_000_000L);
        FaultEvent cleared = f.events.stream()
                .filter(e -> e.code() == FaultCode.SOFT_SHORT && e.level() == LimitLevel.MSL && !e.raised())
                .findFirst()
                .orElseThrow();
        assertThat(cleared.reason())
                .startsWith("cell 2: softShortScore 0.700 back inside")
                .doesNotContain("leak");
    }

    @Test
    void currentReadWhileContactorsAreOpenIsZeroDrift() {
        f.pathOpen = true;
        f.amps = 0.8;
        f.stepFor(p, 1_900_000_000L);
        assertThat(p.tripped()).isFalse();
        f.stepFor(p, 300_000_000L);
        assertThat(p.tripped()).isTrue();
        assertThat(f.firstRaised(FaultCode.CURRENT_ZERO_DRIFT, LimitLevel.MSL).reason())
                .contains("0.80")
                .contains("contactors are open")
                .contains("recalibrate");
    }

    @Test
    void smallOffsetAtRestAndCurrentWithClosedContactorsAreNotDrift() {
        f.pathOpen = true;
        f.amps = 0.1;
        f.steps(p, 50);
        f.pathOpen = false;
        f.amps = -1.5;
        f.steps(p, 40);
        assertThat(f.events).isEmpty();
    }

    @Test
    void socBoundsAtTheEndsOfTheRangeAreReachable() {
        // an estimate clamped to 0..1 sits exactly at the 0.00 / 1.00 MSLs: reaching the limit counts
        f.amps = -1.0;
        for (int i = 0; i < 60; i++) {
            f.step(p);
            p.evaluateSoc(0.0, 1, 0.4, 2, f.amps, f.now);
        }
        assertThat(f.raisedIds()).contains("SOC_LOW.MSL");
        Frames g = new Frames(4);
        Protection q = new Protection(Frames.LIMITS, g);
        g.amps = 1.0;
        for (int i = 0; i < 60; i++) {
            g.step(q);
            q.evaluateSoc(0.6, 1, 1.0, 2, g.amps, g.now);
        }
        assertThat(g.raisedIds()).contains("SOC_HIGH.MSL");
    }

    @Test
    void implausibleThermistorSpreadIsASensorFault() {
        f.celsius[2] = 45; // 20 °C above the others, sustained
        f.stepFor(p, 5_300_000_000L);
        assertThat(f.raisedIds()).contains("TEMPERATURE_SPREAD.MSL");
        assertThat(f.firstRaised(FaultCode.TEMPERATURE_SPREAD, LimitLevel.MSL).reason())
                .contains("sensor 3");
    }

    @Test
    void thermistorJumpingFasterThanPhysicsIsASensorFault() {
        f.steps(p, 20);
        // a thermistor ramps at 5 °C/s: no cell heats that fast
        for (int i = 0; i < 30; i++) {
            f.celsius[0] += 0.5;
            f.step(p);
        }
        assertThat(f.raisedIds()).contains("TEMPERATURE_RATE.MSL");
        assertThat(f.firstRaised(FaultCode.TEMPERATURE_RATE, LimitLevel.MSL).reason())
                .contains("sensor 1")
                .contains("°C/s");
    }

    @Test
    void identicalCellReadingsWhileCurrentFlowsMeanAStuckSensor() {
        f.amps = 1.0;
        f.steps(p, 10);
        f.jitter = false;
        f.cellVolts[0] = 3.7123;
        f.amps = 1.0;
        // the current must keep moving: only the cell channel is stuck
        for (int i = 0; i < 49; i++) {
            f.amps = 1.0 + 1e-3 * (i % 2);
            f.step(p);
        }
        assertThat(f.raisedIds()).doesNotContain("CELL_VOLTAGE_STUCK.MSL");
        f.step(p);
        assertThat(f.raisedIds()).contains("CELL_VOLTAGE_STUCK.MSL");
        assertThat(f.firstRaised(FaultCode.CELL_VOLTAGE_STUCK, LimitLevel.MSL).reason())
                .contains("channel 1")
                .contains("identically for 5.0 s");
    }

    /**
     * Seed 1121615 of the scenario oracle: a channel that freezes inside a dropout too short for the
     * status check shows its frozen value only after it. The freeze can have begun right after the
     * last valid reading, so the while-flowing window runs from there, not from the dropout's end.
     */
    @Test
    void aCellChannelFrozenInsideADropoutIsTimedFromItsLastValidReading() {
        Frames g = new Frames(1);
        Protection q = new Protection(Frames.LIMITS, g);
        g.amps = 1.0;
        g.steps(q, 10); // live under flow
        long lastValid = g.now;
        g.m.cellStatus[0] = org.qsebms.hal.SensorStatus.OPEN_WIRE;
        g.steps(q, 3); // three faulty samples: shorter than the 300 ms status debounce
        g.m.cellStatus[0] = org.qsebms.hal.SensorStatus.OK;
        g.jitter = false;
        g.cellVolts[0] = 3.7123; // frozen inside the dropout, first seen after it
        stepUntilStuck(g, q);
        assertThat(g.raisedIds()).doesNotContain("CELL_VOLTAGE_SENSOR.MSL").contains("CELL_VOLTAGE_STUCK.MSL");
        assertThat(g.now - lastValid).isEqualTo(50 * Frames.TICK);
        assertThat(g.firstRaised(FaultCode.CELL_VOLTAGE_STUCK, LimitLevel.MSL).reason())
                .contains("identically for 5.0 s");
    }

    /**
     * A window that runs out inside a dropout too short for the status check: the channel has shown
     * no life for the window, so it is stuck there, named with the value it is frozen at, not the
     * dropout's.
     */
    @Test
    void aWindowThatRunsOutInsideAShortDropoutFindsTheChannelThere() {
        Frames g = new Frames(1);
        Protection q = new Protection(Frames.LIMITS, g);
        g.amps = 1.0;
        g.steps(q, 10);
        g.jitter = false;
        g.cellVolts[0] = 3.7123; // frozen from the 11th sample: its run starts at the 10th
        long runStart = g.now;
        for (int i = 0; i < 48; i++) {
            movingCurrentAndThermistor(g, i);
            g.step(q);
        }
        assertThat(g.raisedIds()).doesNotContain("CELL_VOLTAGE_STUCK.MSL");
        g.m.cellStatus[0] = org.qsebms.hal.SensorStatus.OPEN_WIRE;
        for (int i = 0; i < 2; i++) {
            movingCurrentAndThermistor(g, i);
            g.step(q);
        }
        assertThat(g.raisedIds()).doesNotContain("CELL_VOLTAGE_SENSOR.MSL").contains("CELL_VOLTAGE_STUCK.MSL");
        assertThat(g.now - runStart).isEqualTo(50 * Frames.TICK);
        assertThat(g.firstRaised(FaultCode.CELL_VOLTAGE_STUCK, LimitLevel.MSL).reason())
                .contains("read 3.7123 V identically for 5.0 s");
    }

    /** Steps (at most 8 s) until CELL_VOLTAGE_STUCK.MSL is raised, the current and the thermistor moving. */
    private static void stepUntilStuck(Frames g, Protection q) {
        for (int i = 0; i < 80 && !g.raisedIds().contains("CELL_VOLTAGE_STUCK.MSL"); i++) {
            movingCurrentAndThermistor(g, i);
            g.step(q);
        }
    }

    private static void movingCurrentAndThermistor(Frames g, int i) {
        g.amps = 1.0 + 1e-3 * (i % 2);
        g.celsius[0] = 25 + 0.01 * (i % 2);
    }

    /** A dropout the status check judges is its own: the frozen run after it starts at its end. */
    @Test
    void aFrozenRunAfterADropoutTheStatusCheckJudgedStartsAtItsEnd() {
        Frames g = new Frames(1);
        Protection q = new Protection(Frames.LIMITS, g);
        g.amps = 1.0;
        g.steps(q, 10);
        g.m.cellStatus[0] = org.qsebms.hal.SensorStatus.OPEN_WIRE;
        g.steps(q, 10); // a second of OPEN_WIRE: CELL_VOLTAGE_SENSOR
        long lastFaulty = g.now;
        g.m.cellStatus[0] = org.qsebms.hal.SensorStatus.OK;
        g.jitter = false;
        g.cellVolts[0] = 3.7123;
        stepUntilStuck(g, q);
        assertThat(g.raisedIds()).contains("CELL_VOLTAGE_SENSOR.MSL", "CELL_VOLTAGE_STUCK.MSL");
        assertThat(g.now - lastFaulty).isEqualTo(50 * Frames.TICK);
    }

    /**
     * The windows' rule, on a thermistor front end that states no repeat chance (a real converter not measured, the
     * default: fix23bk): every channel read bit-identically at rest raises nothing within the 60 s at-rest window.
     */
    @Test
    void identicalReadingsAtRestAreNotStuckWithinTheAtRestLivenessWindow() {
        f.jitter = false;
        f.amps = 0.0;
        f.steps(p, 590);
        assertThat(f.events).isEmpty();
    }

    /**
     * On a front end that states its live repeat chance (0.35: the simulated 12-bit NTC's 0.32 with a margin), the
     * thermistors, every one unchanged at once, are judged by it after 27 readings, and nothing else is raised.
     */
    @Test
    void everyThermistorIdenticalAtRestIsJudgedByTheRepeatChanceItsFrontEndStates() {
        Protection q = new Protection(Frames.LIMITS, f);
        q.judgeThermistorsWith(java.util.Optional.of(new org.qsebms.hal.ThermistorRepeatBound(0.35, -40, 100)));
        f.jitter = false;
        f.amps = 0.0;
        f.steps(q, 590);
        assertThat(f.raisedIds()).containsExactly("TEMPERATURE_STUCK.MSL");
        assertThat(f.events.get(0).reason()).contains("27 identical readings", "the front end's prior");
    }

    /** A front end that states a bound only over readings these are not at: the windows' rule again. */
    @Test
    void aStatedRepeatChanceJudgesNoReadingOutsideItsRange() {
        Protection q = new Protection(Frames.LIMITS, f);
        q.judgeThermistorsWith(java.util.Optional.of(new org.qsebms.hal.ThermistorRepeatBound(0.35, 40, 100)));
        f.jitter = false;
        f.amps = 0.0;
        f.steps(q, 590);
        assertThat(f.events).isEmpty();
    }

    @Test
    void aChannelFrozenAtRestFailsTheLivenessDiagnosticAndItsCauseHoldsUntilItsReadingChanges() {
        f.jitter = false;
        f.amps = 0.0;
        f.steps(p, 601); // 60 s at rest with every channel bit-identical: the at-rest liveness window
        assertThat(f.raisedIds()).contains("CELL_VOLTAGE_STUCK.MSL");
        // still frozen with nothing flowing: a reset is refused (the old check called the cause gone without current)
        f.steps(p, 50);
        assertThat(p.reset(f.now)).isFalse();
        assertThat(p.presentConditions()).contains("CELL_VOLTAGE_STUCK");
        // the readings move again: the channels are proven alive, the reset is accepted
        f.jitter = true;
        f.steps(p, 3);
        assertThat(p.reset(f.now)).isTrue();
    }

    @Test
    void stuckCurrentSensorIsFound() {
        f.jitter = false;
        f.amps = 0.75;
        for (int i = 0; i < 60; i++) {
            f.cellVolts[0] = 3.70 + 1e-4 * (i % 2); // cells move, current does not
            f.cellVolts[1] = 3.70 + 1e-4 * (i % 2);
            f.cellVolts[2] = 3.70 + 1e-4 * (i % 2);
            f.cellVolts[3] = 3.70 + 1e-4 * (i % 2);
            f.celsius[0] = 25 + 0.01 * (i % 2);
            f.celsius[1] = 25 + 0.01 * (i % 2);
            f.celsius[2] = 25 + 0.01 * (i % 2);
            f.celsius[3] = 25 + 0.01 * (i % 2);
            f.step(p);
        }
        assertThat(f.raisedIds()).containsExactly("CURRENT_STUCK.MSL");
    }

    @Test
    void sensorStatusFaultsTripAfterTheirDebounce() {
        f.step(p);
        f.m.cellStatus[1] = org.qsebms.hal.SensorStatus.OPEN_WIRE;
        for (int i = 0; i < 4; i++) {
            f.now += Frames.TICK;
            f.m.nanos = f.now;
            f.m.computeExtremes();
            p.evaluate(f.m);
        }
        assertThat(f.firstRaised(FaultCode.CELL_VOLTAGE_SENSOR, LimitLevel.MSL).reason())
                .isEqualTo("cell voltage channel 2 reports OPEN_WIRE");
        assertThat(p.tripped()).isTrue();
    }

    /**
     * check23t (2026-12-06): a sensor fault seen for 200 ms of its 300 ms debounce, its channel reading OK again at
     * the next sample, is still pending (held over the gap), so a close is refused; the refusal named "cell voltage
     * channel 0 reports OK" (the sample's text, and a channel that does not exist). It names what was seen.
     */
    @Test
    void aRefusalOverAPendingSensorFaultNamesTheChannelSeenFaulty() {
        f.step(p);
        f.m.cellStatus[3] = org.qsebms.hal.SensorStatus.OPEN_WIRE;
        f.steps(p, 2);
        f.m.cellStatus[3] = org.qsebms.hal.SensorStatus.OK;
        f.step(p);
        assertThat(f.raisedIds()).doesNotContain("CELL_VOLTAGE_SENSOR.MSL");
        assertThat(p.closeRefusal())
                .contains("CELL_VOLTAGE_SENSOR (seen for")
                .contains("cell voltage channel 4 reports OPEN_WIRE")
                .doesNotContain("channel 0");
    }

    @Test
    void eventFaultsLatchButDoNotBlockAReset() {
        p.contactorWelded("main positive", 1);
        assertThat(p.tripped()).isTrue();
        assertThat(f.events.getFirst().reason())
                .isEqualTo("main positive contactor feedback still closed after the open command (welded?)");
        assertThat(p.reset(2)).isTrue();
        assertThat(p.tripped()).isFalse();
    }

    static Stream<Arguments> overVoltageCases() {
        SplittableRandom r = new SplittableRandom(20261125L);
        return IntStream.range(0, 40)
                .mapToObj(i -> Arguments.of(r.nextInt(4), 4.3001 + r.nextDouble(0.5), 300 + r.nextInt(2000)));
    }

    @ParameterizedTest(name = "cell {0} at {1} V for {2} ms")
    @MethodSource("overVoltageCases")
    void aCellAboveMslForTheDebounceTimeAlwaysTrips(int cell, double volts, int millis) {
        f.steps(p, 3);
        f.cellVolts[cell] = volts;
        f.stepFor(p, millis * 1_000_000L + Frames.TICK);
        assertThat(p.tripped()).isTrue();
        assertThat(f.firstRaised(FaultCode.CELL_OVER_VOLTAGE, LimitLevel.MSL).reason())
                .contains("cell " + (cell + 1));
    }

    /**
     * A reset answers the faults latched when it is received: the count it compares covers every MSL raise,
     * also an event fault raised again while latched (no edge), but not the RSL and MOL levels.
     */
    @Test
    void everyMslRaiseCountsAlsoAnEventRaisedAgainWhileLatched() {
        assertThat(p.mslRaises()).isZero();
        var ov = Frames.LIMITS.cellOverVoltage();
        f.cellVolts[2] = (ov.rsl() + ov.msl()) / 2; // beyond the RSL only
        f.steps(p, 30);
        assertThat(f.events).isNotEmpty();
        assertThat(p.mslRaises()).isZero();
        p.contactorFeedbackMissing("main negative", f.now);
        assertThat(p.mslRaises()).isEqualTo(1);
        p.contactorFeedbackMissing("main negative", f.now);
        assertThat(f.events.stream().filter(e -> e.code() == FaultCode.CONTACTOR_FEEDBACK))
                .hasSize(1);
        assertThat(p.mslRaises()).isEqualTo(2);
        f.cellVolts[2] = ov.msl() + 0.02; // beyond the MSL, past its debounce
        f.steps(p, 10);
        assertThat(p.mslRaises()).isEqualTo(3);
    }
}
