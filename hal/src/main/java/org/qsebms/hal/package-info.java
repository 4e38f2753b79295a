/**
 * Hardware ports of the BMS: small interfaces in SI units with caller-supplied buffers.
 *
 * <p><b>Current sign convention</b> (used everywhere in qse-bms): pack and cell current is
 * positive while the pack is <em>charging</em> and negative while it is discharging, see
 * {@link org.qsebms.hal.CurrentSign}. Voltages are in volts, temperatures in degrees Celsius.
 *
 * <p>Runtime sensor problems are values ({@link org.qsebms.hal.SensorStatus}), never exceptions.
 */
package org.qsebms.hal;
