package org.qsebms.hal.wiring;

import org.qsebms.hal.emulator.EmulatedBoard;
import org.qsebms.hal.emulator.ManualNanoClock;

class EmulatedPackHardwareContractTest extends PackHardwareContract {
    private EmulatedBoard emulated;

    @Override
    protected Board createBoard() {
        emulated = new EmulatedBoard(ExampleWiring.fourSeries(), new ManualNanoClock(), 11);
        emulated.connectPack(new double[] {3.71, 3.69, 3.70, 3.72}, () -> 0.0, new double[] {24, 25, 25.5, 24.5});
        return PackHardwareFactory.build(ExampleWiring.fourSeries(), emulated);
    }

    @Override
    protected void waitForContactors() {
        emulated.clock().advance(EmulatedBoard.CONTACTOR_OPERATE_NANOS);
    }
}
