package org.qsebms.config;

/**
 * What a preset says about a cell's ageing, for the health estimators.
 *
 * @param bulkOhms bulk electrolyte resistance at 25 °C (from conductivity, thickness and area): the part of R0 that
 *                 is not interphase; the rest of a measured R0 is reported as the SEI part
 * @param npRatio  lithium (negative) to cathode (positive) capacity ratio; NaN when the preset does not know it
 *                 (lithium inventory is then not estimated unless {@code health.npRatio} is configured)
 */
public record CellLife(double bulkOhms, double npRatio) {}
