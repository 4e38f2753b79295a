package org.qsebms.hal.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;
import org.qsebms.hal.PackHardware;
import org.qsebms.hal.SensorStatus;
import org.qsebms.hal.emulator.EmulatedBoard;
import org.qsebms.hal.emulator.ManualNanoClock;

/** The loop's hot path: a full acquisition through drivers, front ends and emulators allocates nothing once warm. */
class AcquisitionAllocationTest {
    @Test
    void steadyStateAcquisitionAllocatesNoBytes() {
        EmulatedBoard emulated = new EmulatedBoard(ExampleWiring.fourSeries(), new ManualNanoClock(), 1);
        emulated.connectPack(new double[] {3.7, 3.7, 3.7, 3.7}, () -> 1.5, new double[] {25, 25, 25, 25});
        PackHardware hw =
                PackHardwareFactory.build(ExampleWiring.fourSeries(), emulated).hardware();
        double[] volts = new double[4];
        double[] celsius = new double[4];
        SensorStatus[] status = new SensorStatus[4];
        SensorStatus[] tStatus = new SensorStatus[4];
        var mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().threadId();
        double sink = 0;
        for (int i = 0; i < 30_000; i++) {
            hw.cellVoltages().readInto(volts, status);
            sink += hw.current().readPackAmps() + hw.packVoltage().readPackVolts();
            hw.temperatures().readInto(celsius, tStatus);
        }

        long before = mx.getThreadAllocatedBytes(thread);
        for (int i = 0; i < 1_000; i++) {
            hw.cellVoltages().readInto(volts, status);
            sink += hw.current().readPackAmps() + hw.packVoltage().readPackVolts();
            hw.temperatures().readInto(celsius, tStatus);
        }
        long bytes = mx.getThreadAllocatedBytes(thread) - before;

        assertThat(sink).isFinite();
        assertThat(status).containsOnly(SensorStatus.OK);
        assertThat(bytes / 1_000.0).as("bytes allocated per acquisition").isLessThan(1.0);
    }
}
