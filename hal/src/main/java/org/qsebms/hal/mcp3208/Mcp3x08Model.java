package org.qsebms.hal.mcp3208;

/** The two pin-compatible Microchip 8-channel SAR ADCs: 12-bit MCP3208 and 10-bit MCP3008. */
public enum Mcp3x08Model {
    MCP3208(12),
    MCP3008(10);

    private final int bits;

    Mcp3x08Model(int bits) {
        this.bits = bits;
    }

    public int bits() {
        return bits;
    }

    /** 4096 or 1024 codes. */
    public int codes() {
        return 1 << bits;
    }

    /**
     * The 3 command bytes for a conversion, aligned so the result ends in the last byte
     * (datasheet "using the MCU SPI port" figures; {@code -} is a don't-care bit). MCP3208:
     * {@code 0000 0 1 SGL D2}, {@code D1 D0 ------}, {@code 0}; MCP3008: {@code 0000 0001},
     * {@code SGL D2 D1 D0 ----}, {@code 0}.
     */
    public void command(boolean singleEnded, int d210, byte[] tx) {
        int sgl = singleEnded ? 1 : 0;
        if (this == MCP3208) {
            tx[0] = (byte) (0x04 | sgl << 1 | (d210 >> 2 & 1));
            tx[1] = (byte) ((d210 & 0b11) << 6);
        } else {
            tx[0] = 0x01;
            tx[1] = (byte) (sgl << 7 | (d210 & 0b111) << 4);
        }
        tx[2] = 0;
    }

    /** The result from the 3 received bytes. */
    public int decode(byte[] rx) {
        int highMask = this == MCP3208 ? 0x0F : 0x03;
        return (rx[1] & highMask) << 8 | (rx[2] & 0xFF);
    }

    /** The null bit the chip sends just before the result's MSB: 0 when a chip answered. */
    boolean nullBitSet(byte[] rx) {
        int nullBit = this == MCP3208 ? 0x10 : 0x04;
        return (rx[1] & nullBit) != 0;
    }
}
