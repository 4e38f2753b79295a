package org.qsebms.bms.telemetry;

import org.qsebms.bms.record.HealthCheckpoint;
import org.qsebms.bms.snapshot.PackSample;
import org.qsebms.bms.snapshot.SoftShortAvailability;

/**
 * Health figures for the {@code health} topic. A field is null when no estimator provides it
 * (yet), or when it is not finite (no end of life in sight); it is then published as JSON
 * {@code null}, never as a made-up number.
 *
 * @param capacityAh                 pack capacity: the weakest cell's
 * @param capacitySource             {@code nominal} (configuration: no window between two relaxed rests yet) or
 *                                   {@code estimated}
 * @param capacitySigmaAh            one-sigma uncertainty of the capacity
 * @param seiResistanceOhm           interfacial/SEI part of R0 at 25 °C, worst cell
 * @param seiTrendOhmPerDay          its slope over the last closed cycles
 * @param seiState                   {@code unknown} (fewer than 3 closed cycles), {@code stable} or {@code growing}
 * @param lithiumInventoryFraction   excess lithium left in the worst cell, 1 = as new
 * @param coulombicEfficiency        lowest coulombic efficiency of the last closed cycle
 * @param cyclesToLithiumDepletion   cycles until the first cell's excess lithium is used up
 * @param equivalentFullCycles       charge throughput over twice the capacity
 * @param remainingUsefulLifeCycles  cycles until the resistance end of life or lithium depletion, whichever is sooner
 * @param remainingUsefulLifeEarly   early end of its one-sigma range
 * @param remainingUsefulLifeLate    late end of its one-sigma range
 * @param usable                     the usable capacity measured on full discharges (never null; its fields may be)
 * @param checkpoint                 the latest scheduled diagnostic (R0, SEI part and relaxed OCV of every cell at
 *                                   comparable conditions); null before the first
 * @param softShort                  whether the soft-short detector judges this pack (off below 2 cells in series,
 *                                   with the reason); null where not known
 */
public record PackHealth(
        Double capacityAh,
        String capacitySource,
        Double capacitySigmaAh,
        Double seiResistanceOhm,
        Double seiTrendOhmPerDay,
        String seiState,
        Double lithiumInventoryFraction,
        Double coulombicEfficiency,
        Double cyclesToLithiumDepletion,
        Double equivalentFullCycles,
        Double remainingUsefulLifeCycles,
        Double remainingUsefulLifeEarly,
        Double remainingUsefulLifeLate,
        UsableCapacityHealth usable,
        HealthCheckpoint checkpoint,
        SoftShortAvailability softShort) {
    /** Health figures by name; a figure not set is null (unknown), the usable capacity {@link UsableCapacityHealth#NONE}. */
    static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link PackHealth} by name; each setter is the component of the same name. */
    static final class Builder {
        private Double capacityAh;
        private String capacitySource;
        private Double capacitySigmaAh;
        private Double seiResistanceOhm;
        private Double seiTrendOhmPerDay;
        private String seiState;
        private Double lithiumInventoryFraction;
        private Double coulombicEfficiency;
        private Double cyclesToLithiumDepletion;
        private Double equivalentFullCycles;
        private Double remainingUsefulLifeCycles;
        private Double remainingUsefulLifeEarly;
        private Double remainingUsefulLifeLate;
        private UsableCapacityHealth usable = UsableCapacityHealth.NONE;
        private HealthCheckpoint checkpoint;
        private SoftShortAvailability softShort;

        private Builder() {}

        Builder capacityAh(Double capacityAh) {
            this.capacityAh = capacityAh;
            return this;
        }

        Builder capacitySource(String capacitySource) {
            this.capacitySource = capacitySource;
            return this;
        }

        Builder capacitySigmaAh(Double capacitySigmaAh) {
            this.capacitySigmaAh = capacitySigmaAh;
            return this;
        }

        Builder seiResistanceOhm(Double seiResistanceOhm) {
            this.seiResistanceOhm = seiResistanceOhm;
            return this;
        }

        Builder seiTrendOhmPerDay(Double seiTrendOhmPerDay) {
            this.seiTrendOhmPerDay = seiTrendOhmPerDay;
            return this;
        }

        Builder seiState(String seiState) {
            this.seiState = seiState;
            return this;
        }

        Builder lithiumInventoryFraction(Double lithiumInventoryFraction) {
            this.lithiumInventoryFraction = lithiumInventoryFraction;
            return this;
        }

        Builder coulombicEfficiency(Double coulombicEfficiency) {
            this.coulombicEfficiency = coulombicEfficiency;
            return this;
        }

        Builder cyclesToLithiumDepletion(Double cyclesToLithiumDepletion) {
            this.cyclesToLithiumDepletion = cyclesToLithiumDepletion;
            return this;
        }

        Builder equivalentFullCycles(Double equivalentFullCycles) {
            this.equivalentFullCycles = equivalentFullCycles;
            return this;
        }

        Builder remainingUsefulLifeCycles(Double remainingUsefulLifeCycles) {
            this.remainingUsefulLifeCycles = remainingUsefulLifeCycles;
            return this;
        }

        Builder remainingUsefulLifeEarly(Double remainingUsefulLifeEarly) {
            this.remainingUsefulLifeEarly = remainingUsefulLifeEarly;
            return this;
        }

        Builder remainingUsefulLifeLate(Double remainingUsefulLifeLate) {
            this.remainingUsefulLifeLate = remainingUsefulLifeLate;
            return this;
        }

        Builder usable(UsableCapacityHealth usable) {
            this.usable = usable;
            return this;
        }

        Builder checkpoint(HealthCheckpoint checkpoint) {
            this.checkpoint = checkpoint;
            return this;
        }

        Builder softShort(SoftShortAvailability softShort) {
            this.softShort = softShort;
            return this;
        }

        PackHealth build() {
            return new PackHealth(
                    capacityAh,
                    capacitySource,
                    capacitySigmaAh,
                    seiResistanceOhm,
                    seiTrendOhmPerDay,
                    seiState,
                    lithiumInventoryFraction,
                    coulombicEfficiency,
                    cyclesToLithiumDepletion,
                    equivalentFullCycles,
                    remainingUsefulLifeCycles,
                    remainingUsefulLifeEarly,
                    remainingUsefulLifeLate,
                    usable,
                    checkpoint,
                    softShort);
        }
    }

    /**
     * The usable capacity: charge delivered from a full charge to the discharge cutoff, at the rate
     * and temperature of that discharge (null before the first such discharge).
     *
     * @param capacityAh    the last measurement
     * @param soh           it over the configured capacity
     * @param dischargeC    its mean discharge rate, in C
     * @param celsius       its mean cell temperature
     * @param measurements  discharges measured since start (or since the restored measurement)
     * @param note          why the last discharge from full was not measured; null when it was or none was voided
     */
    record UsableCapacityHealth(
            Double capacityAh, Double soh, Double dischargeC, Double celsius, int measurements, String note) {
        static final UsableCapacityHealth NONE = new UsableCapacityHealth(null, null, null, null, 0, null);
    }

    /** What a controller without a health tracker knows: the configured capacity, nothing estimated. */
    public static PackHealth nominal(double capacityAh) {
        return PackHealth.builder()
                .capacityAh(capacityAh)
                .capacitySource("nominal")
                .seiState("unknown")
                .build();
    }

    /** The health carried by a sample, or {@code fallback} when the sample's controller runs no health tracker. */
    public static PackHealth of(PackSample s, PackHealth fallback) {
        if (!s.healthKnown) {
            return fallback;
        }
        return PackHealth.builder()
                .capacityAh(finite(s.capacityAh))
                .capacitySource(s.capacityWindows > 0 ? "estimated" : "nominal")
                .capacitySigmaAh(finite(s.capacitySigmaAh))
                .seiResistanceOhm(finite(s.seiOhm))
                .seiTrendOhmPerDay(finite(s.seiTrendOhmPerDay))
                .seiState(s.seiState)
                .lithiumInventoryFraction(finite(s.lithiumInventoryFraction))
                .coulombicEfficiency(finite(s.coulombicEfficiency))
                .cyclesToLithiumDepletion(finite(s.cyclesToLithiumDepletion))
                .equivalentFullCycles(finite(s.equivalentFullCycles))
                .remainingUsefulLifeCycles(finite(s.rulCycles))
                .remainingUsefulLifeEarly(finite(s.rulEarlyCycles))
                .remainingUsefulLifeLate(finite(s.rulLateCycles))
                .usable(new UsableCapacityHealth(
                        finite(s.usableCapacityAh),
                        finite(s.usableSoh),
                        finite(s.usableCapacityC),
                        finite(s.usableCapacityCelsius),
                        s.usableCapacityMeasurements,
                        s.usableCapacityNote.isEmpty() ? null : s.usableCapacityNote))
                .build();
    }

    /** The same figures with {@code latest} as the diagnostic checkpoint (null: none yet). */
    PackHealth withCheckpoint(HealthCheckpoint latest) {
        return PackHealth.builder()
                .capacityAh(capacityAh)
                .capacitySource(capacitySource)
                .capacitySigmaAh(capacitySigmaAh)
                .seiResistanceOhm(seiResistanceOhm)
                .seiTrendOhmPerDay(seiTrendOhmPerDay)
                .seiState(seiState)
                .lithiumInventoryFraction(lithiumInventoryFraction)
                .coulombicEfficiency(coulombicEfficiency)
                .cyclesToLithiumDepletion(cyclesToLithiumDepletion)
                .equivalentFullCycles(equivalentFullCycles)
                .remainingUsefulLifeCycles(remainingUsefulLifeCycles)
                .remainingUsefulLifeEarly(remainingUsefulLifeEarly)
                .remainingUsefulLifeLate(remainingUsefulLifeLate)
                .usable(usable)
                .checkpoint(latest)
                .softShort(softShort)
                .build();
    }

    /** The same figures with {@code availability} as the soft-short detector's. */
    PackHealth withSoftShort(SoftShortAvailability availability) {
        return new PackHealth(
                capacityAh,
                capacitySource,
                capacitySigmaAh,
                seiResistanceOhm,
                seiTrendOhmPerDay,
                seiState,
                lithiumInventoryFraction,
                coulombicEfficiency,
                cyclesToLithiumDepletion,
                equivalentFullCycles,
                remainingUsefulLifeCycles,
                remainingUsefulLifeEarly,
                remainingUsefulLifeLate,
                usable,
                checkpoint,
                availability);
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
