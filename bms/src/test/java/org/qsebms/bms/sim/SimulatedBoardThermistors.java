package org.qsebms.bms.sim;

import org.qsebms.bms.hil.ExampleBoard;
import org.qsebms.bms.runtime.SimulatedPackSetup;
import org.qsebms.config.ConfigLoader;
import org.qsebms.config.SupplementaryLimits;
import org.qsebms.hal.ThermistorRepeatBound;

/**
 * The repeat chance the simulated board's thermistor front end states (every scenario and simulated pack runs on it,
 * with the simulator's 0.1 °C noise), for tests that expect its verdict: they take the figure from the front end, not
 * a typed copy of it.
 */
public final class SimulatedBoardThermistors {
    private SimulatedBoardThermistors() {}

    /** The front end's statement, as the protection receives it. */
    public static ThermistorRepeatBound statedBound() {
        return SimulatedPackSetup.create(new ConfigLoader().load(ExampleBoard.pi4sAds1115()), 0.5, 25, PackLoad.IDLE, 1)
                .hardware()
                .temperatures()
                .declaredRepeatBound()
                .orElseThrow();
    }

    /** The identical readings the stated chance needs at the defaults' false-alarm chance: smallest r, chance^r <= it. */
    public static int readingsToJudge() {
        return (int) Math.ceil(Math.log(SupplementaryLimits.defaults().tempFrozenFalseAlarm())
                / Math.log(statedBound().chance()));
    }
}
