package org.qsebms.estimators.model;

/**
 * Plain, slow restatement of {@link QseCell}'s equations straight from the laws (no caches, no
 * resampled OCV grid), for tests to compare the fast cell against.
 */
final class ReferenceQseCell {
    private final QseCellParameters p;
    double soc;
    double v1;
    double v2;
    double h;
    double celsius;
    final double ambient;
    double reserveAh;
    double throughputAh;
    double restSeconds;
    double seiFactor = 1;
    double volts;
    int counter;

    ReferenceQseCell(QseCellParameters p, double soc, double celsius) {
        this.p = p;
        this.soc = soc;
        this.celsius = celsius;
        this.ambient = celsius;
        this.reserveAh = p.lithiumReserveAh();
    }

    void step(double amps, double dt) {
        double f = p.laws().temperature().factor(celsius);
        double a1 = Math.exp(-dt / p.tau1Seconds());
        double a2 = Math.exp(-dt / p.tau2Seconds());
        double eta = p.tafelVolts() * InterfacialLaw.asinh(amps / (2 * p.exchangeAmps())) + p.interfaceOhms() * amps;
        v1 = a1 * v1 + (1 - a1) * eta * f * seiFactor;
        v2 = a2 * v2 + (1 - a2) * p.cathodeOhms() * f * amps;
        double rest = p.oneCAmps() / 1000;
        double aH = Math.exp(-p.cathode().hysteresisRatePerSoc() * Math.abs(amps) * dt / (3600 * p.capacityAh()));
        double target = amps > rest ? 1 : amps < -rest ? -1 : h;
        h = aH * h + (1 - aH) * target;
        double q = amps * dt / 3600;
        soc += q / p.capacityAh();
        throughputAh += Math.abs(q);
        reserveAh -= Math.abs(q) * p.lithiumLossPerAhThroughput(amps);
        double s = Math.max(0, Math.min(1, soc));
        double ocv = p.ocv().voltsAt(s, celsius);
        double dudt = p.ocv().voltsAt(s, 26) - p.ocv().voltsAt(s, 25);
        double over = amps * p.r0Ohms() * f + v1 + v2;
        volts = ocv + p.cathode().hysteresisVolts() * h + over;
        double heat = amps * over + amps * (celsius + 273.15) * dudt;
        double hc = p.thermal().coolingWattsPerK();
        double decay = Math.exp(-dt * hc / p.thermal().heatCapacityJPerK());
        celsius = ambient + (celsius - ambient) * decay + heat * (1 - decay) / hc;
        if (Math.abs(amps) < rest) {
            restSeconds += dt;
        }
        if (++counter >= 64) {
            counter = 0;
            seiFactor = p.laws().sei().factor(restSeconds / 86400, throughputAh / (2 * p.capacityAh()));
        }
    }
}
