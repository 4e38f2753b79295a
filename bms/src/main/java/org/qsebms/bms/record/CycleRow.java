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

    /**
     * A row with every figure named: a figure not set is unknown (NaN), the kind a cycle, the end
     * {@link CycleEnd#PARTIAL}, the counts and times zero.
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link CycleRow} by name; each setter is the component of the same name. */
    public static final class Builder {
        private Kind kind = Kind.CYCLE;
        private long cycle;
        private int cell;
        private long startMillis;
        private long endMillis;
        private double chargeAh = Double.NaN;
        private double dischargeAh = Double.NaN;
        private double chargeWh = Double.NaN;
        private double dischargeWh = Double.NaN;
        private double r0At25Ohms = Double.NaN;
        private double seiAt25Ohms = Double.NaN;
        private double minCelsius = Double.NaN;
        private double maxCelsius = Double.NaN;
        private double excessLithiumAh = Double.NaN;
        private double capacityAh = Double.NaN;
        private CycleEnd end = CycleEnd.PARTIAL;
        private double ocvVolts = Double.NaN;
        private double socFraction = Double.NaN;

        private Builder() {}

        public Builder kind(Kind kind) {
            this.kind = kind;
            return this;
        }

        public Builder cycle(long cycle) {
            this.cycle = cycle;
            return this;
        }

        public Builder cell(int cell) {
            this.cell = cell;
            return this;
        }

        public Builder startMillis(long startMillis) {
            this.startMillis = startMillis;
            return this;
        }

        public Builder endMillis(long endMillis) {
            this.endMillis = endMillis;
            return this;
        }

        public Builder chargeAh(double chargeAh) {
            this.chargeAh = chargeAh;
            return this;
        }

        public Builder dischargeAh(double dischargeAh) {
            this.dischargeAh = dischargeAh;
            return this;
        }

        public Builder chargeWh(double chargeWh) {
            this.chargeWh = chargeWh;
            return this;
        }

        public Builder dischargeWh(double dischargeWh) {
            this.dischargeWh = dischargeWh;
            return this;
        }

        public Builder r0At25Ohms(double r0At25Ohms) {
            this.r0At25Ohms = r0At25Ohms;
            return this;
        }

        public Builder seiAt25Ohms(double seiAt25Ohms) {
            this.seiAt25Ohms = seiAt25Ohms;
            return this;
        }

        public Builder minCelsius(double minCelsius) {
            this.minCelsius = minCelsius;
            return this;
        }

        public Builder maxCelsius(double maxCelsius) {
            this.maxCelsius = maxCelsius;
            return this;
        }

        public Builder excessLithiumAh(double excessLithiumAh) {
            this.excessLithiumAh = excessLithiumAh;
            return this;
        }

        public Builder capacityAh(double capacityAh) {
            this.capacityAh = capacityAh;
            return this;
        }

        public Builder end(CycleEnd end) {
            this.end = end;
            return this;
        }

        public Builder ocvVolts(double ocvVolts) {
            this.ocvVolts = ocvVolts;
            return this;
        }

        public Builder socFraction(double socFraction) {
            this.socFraction = socFraction;
            return this;
        }

        public CycleRow build() {
            return new CycleRow(
                    kind,
                    cycle,
                    cell,
                    startMillis,
                    endMillis,
                    chargeAh,
                    dischargeAh,
                    chargeWh,
                    dischargeWh,
                    r0At25Ohms,
                    seiAt25Ohms,
                    minCelsius,
                    maxCelsius,
                    excessLithiumAh,
                    capacityAh,
                    end,
                    ocvVolts,
                    socFraction);
        }
    }

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
    double energyEfficiency() {
        return chargeWh > 0 ? dischargeWh / chargeWh : Double.NaN;
    }

    double meanChargeVolts() {
        return chargeAh > 0 ? chargeWh / chargeAh : Double.NaN;
    }

    double meanDischargeVolts() {
        return dischargeAh > 0 ? dischargeWh / dischargeAh : Double.NaN;
    }

    /** Mean charge voltage minus mean discharge voltage (V): the cycle's polarization. */
    public double polarizationVolts() {
        return meanChargeVolts() - meanDischargeVolts();
    }

    double durationSeconds() {
        return (endMillis - startMillis) / 1000.0;
    }
}
