package org.qsebms.bms.telemetry;

import org.qsebms.bms.record.HealthCheckpoint;
import org.qsebms.bms.snapshot.PackSample;

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
        HealthCheckpoint checkpoint) {

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
    public record UsableCapacityHealth(
            Double capacityAh, Double soh, Double dischargeC, Double celsius, int measurements, String note) {
        static final UsableCapacityHealth NONE = new UsableCapacityHealth(null, null, null, null, 0, null);
    }

    /** What a controller without a health tracker knows: the configured capacity, nothing estimated. */
    public static PackHealth nominal(double capacityAh) {
        return new PackHealth(
                capacityAh,
                "nominal",
                null,
                null,
                null,
                "unknown",
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                UsableCapacityHealth.NONE,
                null);
    }

    /** The health carried by a sample, or {@code fallback} when the sample's controller runs no health tracker. */
    public static PackHealth of(PackSample s, PackHealth fallback) {
        if (!s.healthKnown) {
            return fallback;
        }
        return new PackHealth(
                finite(s.capacityAh),
                s.capacityWindows > 0 ? "estimated" : "nominal",
                finite(s.capacitySigmaAh),
                finite(s.seiOhm),
                finite(s.seiTrendOhmPerDay),
                s.seiState,
                finite(s.lithiumInventoryFraction),
                finite(s.coulombicEfficiency),
                finite(s.cyclesToLithiumDepletion),
                finite(s.equivalentFullCycles),
                finite(s.rulCycles),
                finite(s.rulEarlyCycles),
                finite(s.rulLateCycles),
                new UsableCapacityHealth(
                        finite(s.usableCapacityAh),
                        finite(s.usableSoh),
                        finite(s.usableCapacityC),
                        finite(s.usableCapacityCelsius),
                        s.usableCapacityMeasurements,
                        s.usableCapacityNote.isEmpty() ? null : s.usableCapacityNote),
                null);
    }

    /** The same figures with {@code latest} as the diagnostic checkpoint (null: none yet). */
    public PackHealth withCheckpoint(HealthCheckpoint latest) {
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
                latest);
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
