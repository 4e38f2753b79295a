package org.qsebms.hal.bq76952;

/**
 * Command codes of the TI BQ76952 used by the driver, from the BQ76952 Technical Reference
 * Manual (SLUUBY2): direct commands (7-bit command space, little-endian values), subcommands
 * (written to 0x3E/0x3F, data through the 32-byte buffer at 0x40) and data-memory addresses
 * (same path as subcommands, writes only in CONFIG_UPDATE mode).
 */
public final class Bq76952Commands {
    private Bq76952Commands() {}

    /** Default 7-bit I2C address (0x10 as an 8-bit write address). */
    static final int DEFAULT_ADDRESS = 0x08;
    /** What DEVICE_NUMBER returns on a BQ76952. */
    static final int DEVICE_NUMBER_BQ76952 = 0x7695;

    // direct commands
    static final int CONTROL_STATUS = 0x00;
    static final int SAFETY_ALERT_A = 0x02;
    static final int SAFETY_STATUS_A = 0x03;
    static final int SAFETY_ALERT_B = 0x04;
    static final int SAFETY_STATUS_B = 0x05;
    static final int SAFETY_ALERT_C = 0x06;
    static final int SAFETY_STATUS_C = 0x07;
    static final int BATTERY_STATUS = 0x12;
    static final int CELL1_VOLTAGE = 0x14;
    static final int STACK_VOLTAGE = 0x34;
    static final int PACK_VOLTAGE = 0x36;
    static final int LD_VOLTAGE = 0x38;
    static final int CC2_CURRENT = 0x3A;
    static final int SUBCOMMAND_LOW = 0x3E;
    static final int TRANSFER_BUFFER = 0x40;
    static final int TRANSFER_CHECKSUM = 0x60;
    static final int TRANSFER_LENGTH = 0x61;
    static final int ALARM_STATUS = 0x62;
    static final int INT_TEMPERATURE = 0x68;
    static final int TS1_TEMPERATURE = 0x70;
    public static final int FET_STATUS = 0x7F;

    // Battery Status bits
    static final int BATTERY_STATUS_CFGUPDATE = 1;
    /** SLEEP mode allowed (Power Config[SLEEP] at reset, then SLEEP_ENABLE / SLEEP_DISABLE). */
    static final int BATTERY_STATUS_SLEEP_EN = 1 << 2;
    /** Set by a full reset (power-on, brown-out, the RESET subcommand); cleared only by EXIT_CFGUPDATE. */
    static final int BATTERY_STATUS_POR = 1 << 3;
    /** Set by a reset of the chip's own internal watchdog; cleared only by EXIT_CFGUPDATE. */
    static final int BATTERY_STATUS_WD = 1 << 4;

    static final int BATTERY_STATUS_SS = 1 << 11;

    // FET Status bits
    public static final int FET_STATUS_CHG = 1;
    public static final int FET_STATUS_DSG = 1 << 2;
    static final int FET_STATUS_ALERT_PIN = 1 << 6;

    // subcommands
    public static final int DEVICE_NUMBER = 0x0001;
    static final int FW_VERSION = 0x0002;
    static final int RESET = 0x0012;
    static final int FET_ENABLE = 0x0022;
    static final int MANUFACTURING_STATUS = 0x0057;
    public static final int CB_ACTIVE_CELLS = 0x0083;
    static final int SET_CFGUPDATE = 0x0090;
    static final int EXIT_CFGUPDATE = 0x0092;
    static final int ALL_FETS_OFF = 0x0095;
    static final int SLEEP_DISABLE = 0x009A;
    static final int ALL_FETS_ON = 0x0096;

    /** Manufacturing Status bit: FETs under normal (autonomous + host) control instead of test mode. */
    static final int MFG_STATUS_FET_EN = 1 << 4;

    /** Data-memory addresses start here; lower 16-bit values are subcommands. */
    static final int DATA_MEMORY_START = 0x9000;
}
