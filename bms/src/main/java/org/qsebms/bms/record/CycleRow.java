package org.qsebms.bms.record;

/**
 * One row of the record: one cell's cycle or diagnostic checkpoint. Ratios and means are derived
 * from the measured sums, so a row is never inconsistent with itself. NaN means unknown.
 *
 * @param kind            a cycle or a checkpoint
 * @param cycle           the pack's cycle number (a checkpoint carries the number of the cycle in progress)
 * @param cell            the cell, counted from 1
 * @param startMillis     start, epoch milliseconds (UTC)
 * @param endMillis       end, epoch milliseconds (UTC): the end of the cycle's discharge
 * @param chargeAh        charge that went into the cell
 * @param dischargeAh     charge that came out of the cell
 * @param chargeWh        energy that went in
 * @param dischargeWh     energy that came out
 * @param r0At25Ohms      R0 referred to 25 °C at the end
 * @param seiAt25Ohms     the interfacial/SEI part of that R0
 * @param minCelsius      lowest cell temperature during the cycle
 * @param maxCelsius      highest cell temperature during the cycle
 * @param excessLithiumAh lithium inventory estimate: excess lithium left (NaN when the N/P ratio is unknown)
 * @param capacityAh      the health tracker's capacity estimate at the end
 * @param end             how the cycle ended
 * @param ocvVolts        relaxed OCV (checkpoints)
 * @param socFraction     SOC of the relaxed OCV point (checkpoints)
 */
public record CycleRow(
        Kind kind,
        long cycle,
        int cell,
        long startMillis,
        long endMillis,
        double chargeAh,
        double dischargeAh,
        double chargeWh,
        double dischargeWh,
        double r0At25Ohms,
        double seiAt25Ohms,
        double minCelsius,
        double maxCelsius,
        double excessLithiumAh,
        double capacityAh,
        CycleEnd end,
        double ocvVolts,
        double socFraction) {

    /** What a row is. */
    public enum Kind {
        CYCLE,
        CHECKPOINT
    }

    /** Discharge over charge; NaN without a charge. */
    public double coulombicEfficiency() {
        return chargeAh > 0 ? dischargeAh / chargeAh : Double.NaN;
    }

    /** Discharge energy over charge energy; NaN without a charge. */
    public double energyEfficiency() {
        return chargeWh > 0 ? dischargeWh / chargeWh : Double.NaN;
    }

    public double meanChargeVolts() {
        return chargeAh > 0 ? chargeWh / chargeAh : Double.NaN;
    }

    public double meanDischargeVolts() {
        return dischargeAh > 0 ? dischargeWh / dischargeAh : Double.NaN;
    }

    /** Mean charge voltage minus mean discharge voltage (V): the cycle's polarization. */
    public double polarizationVolts() {
        return meanChargeVolts() - meanDischargeVolts();
    }

    public double durationSeconds() {
        return (endMillis - startMillis) / 1000.0;
    }
}
