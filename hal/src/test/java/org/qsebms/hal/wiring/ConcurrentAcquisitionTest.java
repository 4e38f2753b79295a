package org.qsebms.hal.wiring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.qsebms.hal.PackHardware;
import org.qsebms.hal.SensorStatus;
import org.qsebms.hal.ads1115.Ads1115DataRate;
import org.qsebms.hal.emulator.EmulatedBoard;
import org.qsebms.hal.emulator.ManualNanoClock;

/**
 * The four-series example board (ADS1115 "taps" with 4 cells, ADS1115 "shunt" with current and
 * stack, an MCP3008 with 4 NTCs), acquired on the emulators' clock: all chips convert at once.
 */
class ConcurrentAcquisitionTest {
    private final ManualNanoClock clock = new ManualNanoClock();
    private final EmulatedBoard emulated = new EmulatedBoard(ExampleWiring.fourSeries(), clock, 1);
    private final double[] cells = {3.61, 3.62, 3.63, 3.64};
    private final PackHardware hw;
    private final double[] volts = new double[4];
    private final SensorStatus[] status = new SensorStatus[4];
    private final double[] celsius = new double[4];
    private final SensorStatus[] tStatus = new SensorStatus[4];

    ConcurrentAcquisitionTest() {
        emulated.connectPack(cells, () -> 2.5, new double[] {21, 22, 23, 24});
        hw = PackHardwareFactory.build(ExampleWiring.fourSeries(), emulated).hardware();
    }

    private double acquire() {
        hw.cellVoltages().readInto(volts, status);
        double amps = hw.current().readPackAmps();
        hw.packVoltage().readPackVolts();
        hw.temperatures().readInto(celsius, tStatus);
        return amps;
    }

    @Test
    void anAcquisitionTakesTheBusiestChipsConversionsNotTheSumOfAll() {
        acquire();
        long start = clock.getAsLong();
        double amps = acquire();
        long elapsed = clock.getAsLong() - start;

        long conversion = Ads1115DataRate.SPS_128.conversionNanos();
        // "taps" converts 4 channels, "shunt" 2 (current, stack) alongside: 4 conversion times, not 6
        assertThat(elapsed).isEqualTo(4 * conversion);
        assertThat(volts).containsExactly(new double[] {3.61, 3.62, 3.63, 3.64}, within(0.003));
        assertThat(amps).isCloseTo(2.5, within(0.01));
        assertThat(status).containsOnly(SensorStatus.OK);
        assertThat(tStatus).containsOnly(SensorStatus.OK);
    }

    @Test
    void eachChannelIsConvertedOncePerAcquisition() {
        acquire();
        long before = emulated.ads1115("taps").conversions()
                + emulated.ads1115("shunt").conversions();

        acquire();

        assertThat(emulated.ads1115("taps").conversions()
                        + emulated.ads1115("shunt").conversions()
                        - before)
                .isEqualTo(6);
    }

    @Test
    void aChipThatStopsAnsweringFailsOnlyItsOwnChannels() {
        acquire();
        emulated.i2cBus(1).detach(0x49); // the shunt chip

        double amps = acquire();

        assertThat(status).containsOnly(SensorStatus.OK);
        assertThat(volts[3]).isCloseTo(3.64, within(0.003));
        assertThat(hw.current().lastStatus()).isEqualTo(SensorStatus.BUS_ERROR);
        assertThat(hw.current().lastFaultDescription()).contains("0x49");
        assertThat(amps).isCloseTo(2.5, within(0.01)); // the last good value
    }
}
