package org.qsebms.hal.adc;

/**
 * One configured input of an ADC (a single-ended channel or a differential pair with its
 * range and rate), read once per call. Front ends build on this.
 */
public interface AdcChannel {
    /**
     * Converts once and returns the input voltage in volts.
     *
     * @throws org.qsebms.hal.bus.BusException when the chip does not answer or the conversion times out
     */
    double readVolts();

    /** The raw output code of the last conversion (signed for the ADS1115). */
    int lastCode();

    /** True when the last conversion was at a full-scale code, so the input may be beyond the range. */
    boolean lastClipped();

    /**
     * True when the last conversion was clipped at the bottom of a range that cannot go below zero
     * (code 0 of a pseudo-differential pair: IN+ at or below IN-), so the input may be below it.
     * Such a conversion is also {@link #lastClipped()}.
     */
    default boolean lastClippedLow() {
        return false;
    }

    /**
     * True when the last conversion gave the lowest code this input can give: code 0 (or below) of a single-ended
     * input or of a pseudo-differential pair, the most negative code of a true differential pair. An input at its
     * bottom may be anywhere below it; a front end whose zero sits above the bottom (a current sensor's mid-rail
     * zero) must not read it as a value.
     */
    default boolean lastAtBottom() {
        return lastClippedLow();
    }

    /** The largest voltage this channel can report, in volts (the full-scale range or reference). */
    double fullScaleVolts();

    /** Where this channel is, for messages: {@code i2c-1 0x48 AIN0-AIN1} or {@code spi0 cs0 CH3}. */
    String location();

    /** Time one conversion takes on the real chip, in nanoseconds (for timing budgets). */
    long conversionNanos();

    /**
     * Starts a conversion without waiting (split conversion, for {@link ConcurrentScan}); the
     * default does nothing and {@link #collectVolts()} converts in one go.
     */
    default void start() {}

    /**
     * Nanoseconds after {@link #start()} before {@link #collectVolts()} may be called; 0 when it
     * converts in the transfer.
     */
    default long readyAfterNanos() {
        return 0;
    }

    /**
     * Waits until the conversion {@link #start()} began is done; after it the converter may start
     * its next conversion before {@link #collectVolts()} reads this one. Default: nothing.
     */
    default void awaitReady() {}

    /** The result of the conversion {@link #start()} began (after {@link #awaitReady()}), in volts. */
    default double collectVolts() {
        return readVolts();
    }

    /** Channels with the same converter share one ADC and convert one after another. */
    default Object converter() {
        return this;
    }
}
