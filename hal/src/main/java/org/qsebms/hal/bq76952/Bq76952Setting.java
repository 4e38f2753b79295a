package org.qsebms.hal.bq76952;

/**
 * One data-memory value the driver writes at start and reads back.
 *
 * @param name    the TRM's name, e.g. {@code Protections:COV:Threshold}
 * @param address data-memory address (0x9xxx)
 * @param bytes   1, 2 or 4 (little-endian)
 * @param value   the raw value in the chip's units
 * @param meaning the value in SI units, for messages ({@code 4.402 V})
 */
public record Bq76952Setting(String name, int address, int bytes, long value, String meaning) {
    public String describe(long raw) {
        return String.format("%s (0x%04X)", name, address) + " = " + raw;
    }
}
