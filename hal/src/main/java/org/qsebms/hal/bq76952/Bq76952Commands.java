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
    public static final int DEFAULT_ADDRESS = 0x08;
    /** What DEVICE_NUMBER returns on a BQ76952. */
    public static final int DEVICE_NUMBER_BQ76952 = 0x7695;

    // direct commands
    public static final int CONTROL_STATUS = 0x00;
    public static final int SAFETY_ALERT_A = 0x02;
    public static final int SAFETY_STATUS_A = 0x03;
    public static final int SAFETY_ALERT_B = 0x04;
    public static final int SAFETY_STATUS_B = 0x05;
    public static final int SAFETY_ALERT_C = 0x06;
    public static final int SAFETY_STATUS_C = 0x07;
    public static final int BATTERY_STATUS = 0x12;
    public static final int CELL1_VOLTAGE = 0x14;
    public static final int STACK_VOLTAGE = 0x34;
    public static final int PACK_VOLTAGE = 0x36;
    public static final int LD_VOLTAGE = 0x38;
    public static final int CC2_CURRENT = 0x3A;
    public static final int SUBCOMMAND_LOW = 0x3E;
    public static final int TRANSFER_BUFFER = 0x40;
    public static final int TRANSFER_CHECKSUM = 0x60;
    public static final int TRANSFER_LENGTH = 0x61;
    public static final int ALARM_STATUS = 0x62;
    public static final int INT_TEMPERATURE = 0x68;
    public static final int TS1_TEMPERATURE = 0x70;
    public static final int FET_STATUS = 0x7F;

    // Battery Status bits
    public static final int BATTERY_STATUS_CFGUPDATE = 1;
    public static final int BATTERY_STATUS_SS = 1 << 11;

    // FET Status bits
    public static final int FET_STATUS_CHG = 1;
    public static final int FET_STATUS_DSG = 1 << 2;
    public static final int FET_STATUS_ALERT_PIN = 1 << 6;

    // subcommands
    public static final int DEVICE_NUMBER = 0x0001;
    public static final int FW_VERSION = 0x0002;
    public static final int RESET = 0x0012;
    public static final int FET_ENABLE = 0x0022;
    public static final int MANUFACTURING_STATUS = 0x0057;
    public static final int CB_ACTIVE_CELLS = 0x0083;
    public static final int SET_CFGUPDATE = 0x0090;
    public static final int EXIT_CFGUPDATE = 0x0092;
    public static final int ALL_FETS_OFF = 0x0095;
    public static final int ALL_FETS_ON = 0x0096;

    /** Manufacturing Status bit: FETs under normal (autonomous + host) control instead of test mode. */
    public static final int MFG_STATUS_FET_EN = 1 << 4;

    /** Data-memory addresses start here; lower 16-bit values are subcommands. */
    public static final int DATA_MEMORY_START = 0x9000;
}
