package org.qsebms.hal.bus;

/**
 * The CRC-8 that TI battery monitors append to I2C bytes in CRC mode: polynomial
 * x^8 + x^2 + x + 1 (0x07), initial value 0, no reflection, no final XOR (SLUAA11, "I2C With
 * CRC"). The first CRC of a transaction covers the address and register bytes as well.
 */
public final class I2cCrc8 {
    private I2cCrc8() {}

    /** CRC of {@code bytes[0..n)} continuing from {@code crc}. */
    public static int update(int crc, byte[] bytes, int n) {
        int c = crc & 0xFF;
        for (int i = 0; i < n; i++) {
            c = update(c, bytes[i]);
        }
        return c;
    }

    /** CRC of one more byte {@code b} continuing from {@code crc}. */
    public static int update(int crc, int b) {
        int c = (crc ^ b) & 0xFF;
        for (int bit = 0; bit < 8; bit++) {
            c = (c & 0x80) != 0 ? (c << 1 ^ 0x07) & 0xFF : c << 1 & 0xFF;
        }
        return c;
    }
}
