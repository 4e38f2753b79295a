package org.qsebms.bms.sim;

import org.qsebms.estimators.model.QseCell;
import org.qsebms.estimators.model.QseCellParameters;

/**
 * A simulated cell on the full QSE cell model (interfacial law, temperature law, SEI, lithium
 * inventory, hysteresis, its own lumped thermal model).
 */
final class QseSimulatedCell implements SimulatedCell {
    private final QseCell cell;

    QseSimulatedCell(QseCellParameters params, double initialSoc, double celsius) {
        this.cell = new QseCell(params, initialSoc, celsius);
        refresh();
    }

    /** A zero-length step recomputes the terminal voltage after the state was set from outside. */
    private void refresh() {
        cell.step(cell.lastAmps(), 0.0);
    }

    @Override
    public void step(double amps, double dtSeconds, double ambientCelsius) {
        cell.setAmbientCelsius(ambientCelsius);
        cell.step(amps, dtSeconds);
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
        refresh();
    }

    @Override
    public double celsius() {
        return cell.celsius();
    }

    @Override
    public void setCelsius(double celsius) {
        cell.setCelsius(celsius);
        refresh();
    }

    @Override
    public double capacityAh() {
        return cell.usableCapacityAh();
    }

    @Override
    public double lithiumReserveAh() {
        return cell.lithiumReserveAh();
    }

    QseCell model() {
        return cell;
    }
}
