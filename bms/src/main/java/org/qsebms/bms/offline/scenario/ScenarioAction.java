package org.qsebms.bms.offline.scenario;

import org.qsebms.hal.ContactorId;
import org.qsebms.hal.SensorStatus;

/**
 * One timed action of a scenario: a fault injection (removed after {@code forS} when finite) or
 * an operator command. A sealed interface, so the runner handles every kind (the compiler checks
 * the switch) and the loader, the runner and the docs cannot drift apart.
 */
public sealed interface ScenarioAction {
    /** Simulated time at which the action is applied (before the first tick at or after it). */
    double atS();

    /** How long an injection lasts ({@code +Infinity}: until the end); 0 for commands. */
    double forS();

    /** The {@code type} as written in the scenario file. */
    String type();

    /** Adds {@code volts} to a cell's true terminal voltage. */
    record CellOverVoltage(double atS, double forS, int cell, double volts) implements ScenarioAction {
        public String type() {
            return "cellOverVoltage";
        }
    }

    /** A resistive internal short across a cell. */
    record SoftShort(double atS, double forS, int cell, double ohms) implements ScenarioAction {
        public String type() {
            return "softShort";
        }
    }

    /**
     * A cell-voltage channel fault: STUCK (frozen, still reporting OK), OPEN_WIRE, BUS_ERROR or
     * OUT_OF_RANGE (an ADC code outside the valid range).
     */
    record CellSensor(String type, double atS, double forS, int cell, SensorStatus status) implements ScenarioAction {}

    /**
     * A thermistor channel fault: STUCK, BUS_ERROR, or at ADC-code level a short (node at ground,
     * SHORT_CIRCUIT), an open (node at the supply, OPEN_WIRE) or a code outside the valid range.
     */
    record TemperatureSensor(String type, double atS, double forS, int channel, SensorStatus status)
            implements ScenarioAction {}

    /** The current sensor: BUS_ERROR, OUT_OF_RANGE, or STUCK at its present reading (still OK). */
    record CurrentSensor(String type, double atS, double forS, SensorStatus status) implements ScenarioAction {}

    /** A zero offset of the current sensor, read also while the contactors are open. */
    record CurrentOffset(double atS, double forS, double amps) implements ScenarioAction {
        public String type() {
            return "currentSensorOffset";
        }
    }

    /** The pack-voltage sensor: a bus error ({@code volts} NaN) or an offset of {@code volts}. */
    record PackVoltageSensor(String type, double atS, double forS, double volts) implements ScenarioAction {}

    /** A contactor whose contacts stay closed whatever the coil does. */
    record ContactorWeld(double atS, double forS, ContactorId contactor) implements ScenarioAction {
        public String type() {
            return "contactorWeld";
        }
    }

    /** A contactor that does not close when commanded (broken coil or contact; its feedback reads open). */
    record ContactorFailsToClose(double atS, double forS, ContactorId contactor) implements ScenarioAction {
        public String type() {
            return "contactorFailsToClose";
        }
    }

    /** The precharge path is open: the DC link never charges. */
    record PrechargeFailure(double atS, double forS) implements ScenarioAction {
        public String type() {
            return "prechargeFailure";
        }
    }

    /** Forces the pack current while connected (a short on the load side, a runaway charger). */
    record ForceCurrent(double atS, double forS, double amps) implements ScenarioAction {
        public String type() {
            return "forceCurrent";
        }
    }

    /** Sets a cell's true temperature once (a step, as a fire or a thermistor glitch would show). */
    record CellTemperature(double atS, int cell, double celsius) implements ScenarioAction {
        public String type() {
            return "cellTemperature";
        }

        public double forS() {
            return Double.POSITIVE_INFINITY;
        }
    }

    /** Every tick takes {@code tickS} of processor time: the loop overruns its period. */
    record LoopOverrun(double atS, double forS, double tickS) implements ScenarioAction {
        public String type() {
            return "loopOverrun";
        }
    }

    /** Every tick throws inside the controller (a driver returning garbage). */
    record TickException(double atS, double forS) implements ScenarioAction {
        public String type() {
            return "tickException";
        }
    }

    /** Logged only: `bms simulate` has no broker. */
    record BrokerOutage(double atS, double forS) implements ScenarioAction {
        public String type() {
            return "brokerOutage";
        }
    }

    /** An operator command: open, close, reset or serviceReset. */
    record Command(String type, double atS) implements ScenarioAction {
        public double forS() {
            return 0;
        }
    }
}
