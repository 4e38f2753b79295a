package org.qsebms.hal;

/** Reads every series cell voltage of the stack. */
public interface CellVoltageSensor {
    int cellCount();

    /**
     * Fills {@code cellVolts[i]} and {@code status[i]} for every cell {@code i < cellCount()}.
     * Never throws for a sensor problem: a failed channel gets a non-OK status and its last value.
     */
    void readInto(double[] cellVolts, SensorStatus[] status);

    /**
     * Why {@code cell} is not OK after the last {@link #readInto}: bus, address, channel, value,
     * allowed range and a fix; empty when it is OK or the implementation has nothing to add.
     */
    default String faultDescription(int cell) {
        return "";
    }

    /**
     * The converter's own readings behind the cells at the last {@link #readInto}, one per cell, for the protection's
     * judgement of a frozen input (issue 23, fix23bo): where a cell's voltage is itself one reading (a differential
     * pair, an AFE's cell register) there is nothing to add and this returns false, leaving {@code channelVolts}
     * alone. Under tap subtraction it fills {@code channelVolts[k]} with tap {@code k}'s voltage (the stack from the
     * bottom to the top of cell {@code k}) and returns true: a frozen tap is an unchanged reading there, while both
     * cells derived from it still move with the taps beside it.
     */
    default boolean readChannelsInto(double[] channelVolts) {
        return false;
    }

    /**
     * The front end's own bound on the chance that a live reading repeats bit-identical between two consecutive
     * samples at rest (issue 23, fix23bp), where it can state one from its resolution and noise (a simulated
     * converter); empty for a real converter (the Pi4J MCP3x08/ADS1115 drivers, the BQ76952), whose quiet readings
     * at rest may repeat for minutes: its bound must be measured and stated in the configuration (supplementary
     * {@code cellRepeatAtRest}). The protection's at-rest liveness window ({@code cellStuckAtRest}) is armed only where one is stated.
     */
    default java.util.OptionalDouble liveRepeatChanceAtRest() {
        return java.util.OptionalDouble.empty();
    }

    /**
     * The step (volts) between two codes of a cell reading, where the front end states one from its register format
     * (issue 23, fix23bu: the BQ76952's cell registers count whole mV, so 0.001): a live reading moves by less than
     * one code until the cell itself has moved by up to this much, so the protection's while-flowing liveness window
     * ({@code cellStuckWhileFlowing}) judges a reading stuck only once the cell model predicts a move of more than
     * {@code cellStuckMoveResolutions} of these since it last changed. Empty (the default) for a front end that states
     * none (the Pi4J ADS1115 path, the simulated board): that window then judges by time alone, as before.
     */
    default java.util.OptionalDouble readingResolutionVolts() {
        return java.util.OptionalDouble.empty();
    }
}
