package org.qsebms.bms.telemetry;

/**
 * Health figures for the {@code health} topic. A field is null when no estimator provides it
 * yet; it is then published as JSON {@code null}, never as a made-up number.
 *
 * @param capacityAh                 pack capacity
 * @param capacitySource             where the capacity comes from: {@code nominal} (configuration) or {@code estimated}
 * @param seiResistanceOhm           SEI (interphase) part of the cell resistance, worst cell
 * @param seiTrendOhmPerDay          its growth rate
 * @param lithiumInventoryFraction   cyclable lithium left, 1 = as new
 * @param remainingUsefulLifeCycles  remaining useful life in equivalent full cycles
 */
public record PackHealth(Double capacityAh, String capacitySource, Double seiResistanceOhm, Double seiTrendOhmPerDay,
                         Double lithiumInventoryFraction, Double remainingUsefulLifeCycles) {

    /** What the controller knows today: the configured capacity, nothing estimated. */
    public static PackHealth nominal(double capacityAh) {
        return new PackHealth(capacityAh, "nominal", null, null, null, null);
    }
}
