package org.qsebms.bms.sim;

/** One cell of the simulated pack, as the plant sees it. Stepping must not allocate. */
interface SimulatedCell {
    /** Advances by {@code dtSeconds} at {@code amps} (charging positive), exchanging heat with {@code ambientCelsius}. */
    void step(double amps, double dtSeconds, double ambientCelsius);

    double terminalVolts();

    double soc();

    void setSoc(double soc);

    double celsius();

    void setCelsius(double celsius);

    /** The cell's true capacity (Ah) now: what a capacity estimator should find. */
    double capacityAh();

    /** The lithium reserve left (Ah) in a cell model that has one; NaN otherwise. */
    default double lithiumReserveAh() {
        return Double.NaN;
    }
}
