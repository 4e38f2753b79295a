package org.qsebms.config;

/**
 * The pack as wired: one series string of {@code seriesCells} cells of the given chemistry.
 *
 * @param id          pack identifier used in MQTT topics
 * @param chemistry   preset name
 * @param seriesCells number of cells in series
 * @param capacityAh  rated capacity of one cell
 */
public record PackConfig(String id, String chemistry, int seriesCells, double capacityAh) {
}
