package org.qsebms.bms.protection;

/**
 * Every fault the BMS can raise, with a stable code (used in telemetry, logs and the fault log;
 * never renumbered) and what it guards. Limit faults exist at three levels (MOL, RSL, MSL);
 * sensor, plausibility, contactor and loop faults are always at MSL (open the contactors) and latch.
 */
public enum FaultCode {
    CELL_OVER_VOLTAGE(101, "cell voltage above its limit"),
    CELL_UNDER_VOLTAGE(102, "cell voltage below its limit"),
    CHARGE_OVER_CURRENT(103, "charge current above its limit"),
    DISCHARGE_OVER_CURRENT(104, "discharge current above its limit"),
    CHARGE_OVER_TEMPERATURE(105, "cell temperature above the charging limit while charging"),
    CHARGE_UNDER_TEMPERATURE(106, "cell temperature below the charging limit while charging (lithium plating risk)"),
    DISCHARGE_OVER_TEMPERATURE(107, "cell temperature above the discharging limit"),
    DISCHARGE_UNDER_TEMPERATURE(108, "cell temperature below the discharging limit"),
    ELECTROLYTE_ANODIC_LIMIT(109, "cell voltage above the electrolyte's anodic stability limit"),
    CELL_IMBALANCE(110, "spread between the highest and lowest cell voltage above its limit"),
    SOC_HIGH(111, "cell state of charge above its limit while charging"),
    SOC_LOW(112, "cell state of charge below its limit while discharging"),
    SOFT_SHORT(113, "soft-short score from the estimators above its limit (internal micro-short suspected)"),
    SHORT_CIRCUIT(114, "pack current above the short-circuit level (tripped at the sample that sees it, no debounce)"),
    CELL_VOLTAGE_SENSOR(201, "cell voltage measurement failed"),
    CURRENT_SENSOR(202, "current measurement failed"),
    TEMPERATURE_SENSOR(203, "temperature measurement failed"),
    PACK_VOLTAGE_MISMATCH(204, "sum of cell voltages disagrees with the measured pack voltage"),
    CURRENT_ZERO_DRIFT(205, "current sensor reads a current while the contactors are open (zero drift)"),
    TEMPERATURE_SPREAD(206, "spread between thermistors larger than physically plausible"),
    TEMPERATURE_RATE(207, "thermistor reading changes faster than physically plausible"),
    CELL_VOLTAGE_STUCK(208, "cell voltage reading identical for too many ticks while current flows (stuck ADC)"),
    TEMPERATURE_STUCK(209, "thermistor reading identical for too many ticks while current flows (stuck ADC)"),
    CURRENT_STUCK(210, "current reading identical for too many ticks while current flows (stuck ADC)"),
    CURRENT_SENSOR_IMPLAUSIBLE(
            211,
            "current reading contradicted by the cells under load: a reading step the cells did not follow, or every cell "
                    + "stepping with no reading step"),
    CURRENT_OFFSET_IMPLAUSIBLE(
            212,
            "current reading counts charge the cells do not show (a small steady reading on a closed pack whose "
                    + "counted charge every cell's OCV contradicts: an offset)"),
    CONTACTOR_WELDED(301, "contactor feedback still closed after an open command"),
    CONTACTOR_FEEDBACK(302, "contactor feedback does not follow a close command"),
    PRECHARGE_FAILED(303, "DC link did not reach the pack voltage within the precharge time"),
    LOOP_OVERRUN(401, "control loop missed its deadline repeatedly"),
    LOOP_EXCEPTION(402, "unexpected error in the control loop"),
    REPEATED_TRIP_LOCKOUT(
            403, "one fault tripped repeatedly within the lockout window; only a service reset clears it"),
    PERSISTED_STATE_UNKNOWN(
            404,
            "a saved state existed but neither it nor its previous generation could be used at start, so the faults "
                    + "latched before the restart are unknown"),
    HW_CELL_OVER_VOLTAGE(501, "the battery-monitor chip opened its FETs on cell over-voltage (COV, COVL)"),
    HW_CELL_UNDER_VOLTAGE(502, "the battery-monitor chip opened its FETs on cell under-voltage (CUV)"),
    HW_CHARGE_OVER_CURRENT(503, "the battery-monitor chip opened its FETs on charge over-current (OCC)"),
    HW_DISCHARGE_OVER_CURRENT(
            504, "the battery-monitor chip opened its FETs on discharge over-current (OCD1/2/3, OCDL)"),
    HW_SHORT_CIRCUIT(505, "the battery-monitor chip opened its FETs on a short circuit in discharge (SCD, SCDL)"),
    HW_OVER_TEMPERATURE(506, "the battery-monitor chip opened its FETs on over-temperature (OTC, OTD, OTINT, OTF)"),
    HW_UNDER_TEMPERATURE(507, "the battery-monitor chip opened its FETs on under-temperature (UTC, UTD, UTINT)"),
    HW_HOST_WATCHDOG(508, "the battery-monitor chip opened its FETs because the host stopped talking to it (HWDF)"),
    HW_ALERT_UNREAD(509, "the battery-monitor chip's ALERT pin is asserted but its status cannot be read"),
    HW_CONFIGURATION_LOST(
            510,
            "the battery-monitor chip reset (or left its configuration) and ran on its power-on defaults, not on "
                    + "the protection plan");

    private final int number;
    private final String meaning;

    FaultCode(int number, String meaning) {
        this.number = number;
        this.meaning = meaning;
    }

    /** Stable numeric code. */
    public int number() {
        return number;
    }

    public String meaning() {
        return meaning;
    }
}
