package org.qsebms.bms.measure;

import java.time.Duration;

/**
 * The current sensor's zero, learnt while contactor feedback says no current can flow, and the pack
 * current net of it ({@link PackMeasurement#packAmps}, from the sensor's own {@link
 * PackMeasurement#sensorAmps}).
 *
 * <p>With the current path open (contactor feedback) and every contactor commanded open, nothing flows through
 * the sensor, whatever it reads (feedback alone is not enough: a FET pair with one FET tripped by its chip still
 * conducts one way through the other's body diode, and reads open): a Pi current
 * channel reading 50 mA high would otherwise count 1.2 Ah a day into the SOC of a pack resting in
 * STANDBY, and on an LFP plateau the cell voltage cannot correct it (measured: a 2 Ah LFP pack's SOC
 * rose from 0.53 to 0.68 in 6 h at rest). So while the path is open the pack current is zero, and the
 * readings taken there, once the path has been open for {@link Learning#settle()}, are the sensor's
 * zero offset: their running mean (its weight spread over {@link Learning#window()}) is taken as the
 * zero once it rests on {@link Learning#least()} of readings, and subtracted from every reading while
 * the path is closed. The zero never moves by more than the sensor's rated offset
 * ({@code hal.currentSensor.offsetLimitAmps}): a reading beyond that is a sensor out of its rating or
 * a current the feedback does not explain, not a zero to learn. A reading beyond {@code zeroDriftAmps}
 * (the protection's CURRENT_ZERO_DRIFT level) with the path open is no offset at all and is passed on
 * as current.
 *
 * <p>Protection does not use the learnt zero: every limit and plausibility check judges the sensor's
 * own reading, so no learnt value moves a protection threshold. Set {@code
 * hal.currentSensor.zeroWhileOpen: false} when a load the contactors do not switch (the BMS's own
 * supply, say) draws through the sensor: then the reading is taken as it is. Loop thread only; no
 * allocation.
 */
public final class CurrentSensorZero {
    /**
     * How the zero is learnt.
     *
     * @param settle how long the path must have been open before its readings count (contact bounce, the
     *               sensor's filter)
     * @param least  how much reading time of one open span the zero must rest on before it replaces the last
     * @param window the time over which the running mean spreads its weight (older readings fade)
     */
    public record Learning(Duration settle, Duration least, Duration window) {
        public static final Learning DEFAULT =
                new Learning(Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofMinutes(1));

        public Learning {
            if (settle.isNegative() || !least.isPositive() || window.compareTo(least) < 0) {
                throw new IllegalArgumentException(
                        "settle >= 0, least > 0 and window >= least, got " + settle + ", " + least + ", " + window);
            }
        }
    }

    private final double limitAmps;
    private final double zeroDriftAmps;
    private final long settleNanos;
    private final double leastSeconds;
    private final double windowSeconds;
    private final boolean enabled;

    private long openSinceNanos = Long.MIN_VALUE;
    private long lastNanos = Long.MIN_VALUE;
    private double spanMean;
    private double spanSeconds;
    private double zeroAmps;
    private boolean nothingFlows;
    private double closedSpanMeanAmps = Double.NaN;
    private double closedSpanSeconds;

    /**
     * @param limitAmps     the sensor's rated zero offset: the learnt zero stays within +-limitAmps (0: never learnt)
     * @param zeroDriftAmps the reading above which, with the path open, it is not an offset (passed on as current)
     * @param enabled       false: nothing learnt, nothing zeroed, the reading is the pack current
     *                      ({@code hal.currentSensor.zeroWhileOpen: false})
     */
    public CurrentSensorZero(double limitAmps, double zeroDriftAmps, Learning learning, boolean enabled) {
        if (!(limitAmps >= 0) || !(zeroDriftAmps >= 0)) {
            throw new IllegalArgumentException("limits must be >= 0, got " + limitAmps + ", " + zeroDriftAmps);
        }
        this.limitAmps = limitAmps;
        this.zeroDriftAmps = zeroDriftAmps;
        this.settleNanos = learning.settle().toNanos();
        this.leastSeconds = learning.least().toNanos() / 1e9;
        this.windowSeconds = learning.window().toNanos() / 1e9;
        this.enabled = enabled;
    }

    /**
     * Sets {@code m.packAmps} from {@code m.sensorAmps} for this frame: zero while the current path is open (a
     * reading an offset can explain), the reading less the learnt zero otherwise; learns from the reading when it
     * may. A frame whose current status is not OK is left as it is (the estimators skip it).
     */
    public void apply(PackMeasurement m) {
        long now = m.nanos;
        long previous = lastNanos;
        lastNanos = now;
        nothingFlows = false;
        closedSpanMeanAmps = Double.NaN;
        if (!enabled || !m.currentStatus.isOk() || !Double.isFinite(m.sensorAmps)) {
            m.packAmps = m.sensorAmps;
            return;
        }
        if (!m.currentPathOpen || !m.allCommandedOpen) {
            if (openSinceNanos != Long.MIN_VALUE && spanSeconds >= leastSeconds) {
                closedSpanMeanAmps = spanMean;
                closedSpanSeconds = spanSeconds;
            }
            openSinceNanos = Long.MIN_VALUE;
            m.packAmps = m.sensorAmps - zeroAmps;
            return;
        }
        if (openSinceNanos == Long.MIN_VALUE) {
            openSinceNanos = now;
            spanMean = 0;
            spanSeconds = 0;
        }
        if (Math.abs(m.sensorAmps) > zeroDriftAmps) {
            m.packAmps = m.sensorAmps - zeroAmps; // no offset: a current the feedback does not explain, or a fault
            return;
        }
        m.packAmps = 0.0;
        nothingFlows = true;
        if (now - openSinceNanos < settleNanos || previous == Long.MIN_VALUE || now <= previous) {
            return;
        }
        double dt = (now - previous) / 1e9;
        spanSeconds += dt;
        spanMean += (m.sensorAmps - spanMean) * Math.max(dt / windowSeconds, dt / spanSeconds);
        if (spanSeconds >= leastSeconds) {
            zeroAmps = Math.max(-limitAmps, Math.min(limitAmps, spanMean));
        }
    }

    /**
     * Whether the last frame's pack current was set to zero because nothing can flow (the path open, a reading an
     * offset explains): the SOC filter then counts no sensor error over the step.
     */
    public boolean nothingFlows() {
        return nothingFlows;
    }

    /** The zero now subtracted from the sensor's readings (A, sensor minus truth); 0 until one is learnt. */
    public double zeroAmps() {
        return zeroAmps;
    }

    /** The sensor's rated zero offset (A), the learnt zero's reach; 0: no zero is learnt. */
    public double limitAmps() {
        return limitAmps;
    }

    /**
     * When this frame closed the current path after an open span long enough to learn from ({@link Learning#least()}
     * of settled readings), that span's mean reading with the path open (A); NaN on every other frame. Beyond
     * {@link #limitAmps()} the zero stopped at the limit, and the rest of the reading is counted as current now.
     */
    public double closedSpanMeanAmps() {
        return closedSpanMeanAmps;
    }

    /** The settled reading time (s) behind {@link #closedSpanMeanAmps()}, for the frame that set it. */
    public double closedSpanSeconds() {
        return closedSpanSeconds;
    }
}
