package org.qsebms.hal;

/** Why a battery-monitor chip opened its own FETs, in the controller's words. */
public enum HardwareTrip {
    CELL_OVER_VOLTAGE,
    CELL_UNDER_VOLTAGE,
    CHARGE_OVER_CURRENT,
    DISCHARGE_OVER_CURRENT,
    SHORT_CIRCUIT,
    OVER_TEMPERATURE,
    UNDER_TEMPERATURE,
    /** The chip's own host watchdog: the host stopped talking to it. */
    HOST_WATCHDOG,
    /** The chip's ALERT pin is asserted but its status cannot be read over the bus. */
    ALERT_UNREAD,
    /**
     * The chip reset (or left its configuration) since it was configured: it ran on its power-on
     * defaults, not on the protection plan, until the driver wrote the plan again.
     */
    CONFIGURATION_LOST
}
