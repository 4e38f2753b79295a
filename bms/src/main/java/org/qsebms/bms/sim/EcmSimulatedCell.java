package org.qsebms.bms.sim;

import org.qsebms.estimators.model.EcmParameters;
import org.qsebms.estimators.model.EquivalentCircuitCell;

/** A simulated cell on the plain equivalent circuit with a lumped thermal model (used for presets without a QSE model). */
final class EcmSimulatedCell implements SimulatedCell {
    private static final double HEAT_CAPACITY_J_PER_K = 45.0;
    private static final double COOLING_W_PER_K = 0.08;

    private final EquivalentCircuitCell cell;

    EcmSimulatedCell(EcmParameters params, double initialSoc, double celsius) {
        this.cell = new EquivalentCircuitCell(params, initialSoc, celsius);
    }

    @Override
    public void step(double amps, double dtSeconds, double ambientCelsius) {
        cell.step(amps, dtSeconds);
        double t = cell.celsius();
        double r = cell.parameters().r0Ohms()
                * cell.parameters().resistanceFactor(t)
                * cell.parameters().socFactor(cell.soc(), t);
        double heatW = amps * amps * r * 1.6;
        cell.setCelsius(t + dtSeconds * (heatW - COOLING_W_PER_K * (t - ambientCelsius)) / HEAT_CAPACITY_J_PER_K);
    }

    @Override
    public double terminalVolts() {
        return cell.terminalVolts();
    }

    @Override
    public double soc() {
        return cell.soc();
    }

    @Override
    public void setSoc(double soc) {
        cell.setSoc(soc);
    }

    @Override
    public double celsius() {
        return cell.celsius();
    }

    @Override
    public void setCelsius(double celsius) {
        cell.setCelsius(celsius);
    }

    @Override
    public double capacityAh() {
        return cell.parameters().capacityAh();
    }
}
