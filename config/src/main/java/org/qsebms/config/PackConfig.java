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

    /** Returns {@code id} if it can be a pack id (it becomes an MQTT topic level), else throws naming {@code keyPath}. */
    public static String requireValidId(String keyPath, String id) {
        if (!id.matches("[A-Za-z0-9_-]{1,64}")) {
            throw new ConfigException(
                    keyPath,
                    "'" + id + "' is not a valid pack id; use 1..64 letters, digits, '-' or '_' "
                            + "(it becomes an MQTT topic level)");
        }
        return id;
    }
}
