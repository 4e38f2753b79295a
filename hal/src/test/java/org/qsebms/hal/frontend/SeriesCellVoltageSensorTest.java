package org.qsebms.hal.frontend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.qsebms.hal.SensorStatus;
import org.qsebms.hal.ads1115.Ads1115;
import org.qsebms.hal.ads1115.Ads1115Channel;
import org.qsebms.hal.ads1115.Ads1115DataRate;
import org.qsebms.hal.ads1115.Ads1115Mux;
import org.qsebms.hal.ads1115.Ads1115Pga;
import org.qsebms.hal.emulator.Ads1115Emulator;
import org.qsebms.hal.emulator.EmulatedI2cBus;
import org.qsebms.hal.emulator.ManualNanoClock;

class SeriesCellVoltageSensorTest {
    private static final double RATIO = 6.0;
    private final double[] cells = {3.7, 3.8, 3.9, 4.0};
    private final ManualNanoClock clock = new ManualNanoClock();
    private final EmulatedI2cBus bus = new EmulatedI2cBus("i2c-1");
    private final Ads1115Emulator adc = new Ads1115Emulator(0x48, clock, 3);
    private final double[] volts = new double[4];
    private final SensorStatus[] status = new SensorStatus[4];
    private Ads1115 chip;

    @BeforeEach
    void wireStack() {
        bus.attach(adc);
        chip = new Ads1115(bus, 0x48, null, clock);
        for (int i = 0; i < 4; i++) {
            int tap = i;
            adc.inputs().feed(tap, () -> tapVolts(tap) / RATIO);
        }
    }

    private double tapVolts(int tap) {
        double sum = 0;
        for (int i = 0; i <= tap; i++) {
            sum += cells[i];
        }
        return sum;
    }

    private SeriesCellVoltageSensor tapSensor(Calibration topCalibration) {
        List<CellTap> taps = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            taps.add(new CellTap(
                    new Ads1115Channel(chip, Ads1115Mux.of(i, -1), Ads1115Pga.FSR_4_096V, Ads1115DataRate.SPS_860),
                    RATIO,
                    i == 3 ? topCalibration : Calibration.IDENTITY));
        }
        return new SeriesCellVoltageSensor(CellMeasurement.TAP_SUBTRACTION, taps, CellVoltageLimits.LITHIUM);
    }

    @Test
    void tapSubtractionRecoversEachCellWithinTwoTapQuantisationSteps() {
        tapSensor(Calibration.IDENTITY).readInto(volts, status);

        for (int i = 0; i < 4; i++) {
            assertThat(volts[i]).isCloseTo(cells[i], within(2 * RATIO * Ads1115Pga.FSR_4_096V.voltsPerCode()));
            assertThat(status[i]).isEqualTo(SensorStatus.OK);
        }
    }

    @Test
    void calibrationCorrectsATapDividerError() {
        adc.inputs().feed(3, () -> tapVolts(3) / RATIO * 1.01); // top divider 1 % off
        SeriesCellVoltageSensor uncalibrated = tapSensor(Calibration.IDENTITY);
        uncalibrated.readInto(volts, status);
        assertThat(volts[3] - cells[3])
                .as("1 %% of 15.4 V lands on the top cell")
                .isCloseTo(0.154, within(0.002));

        tapSensor(new Calibration(1 / 1.01, 0.0)).readInto(volts, status);
        assertThat(volts[3]).isCloseTo(cells[3], within(0.002));
    }

    @Test
    void differentialMeasurementReadsEachCellDirectly() {
        // cells 0 and 1 on differential pairs 0-1 and 2-3, each through a 2:1 divider pair
        adc.inputs().set(0, 3.7 / 2);
        adc.inputs().set(1, 0.0);
        adc.inputs().set(2, 3.8 / 2 + 0.3);
        adc.inputs().set(3, 0.3);
        SeriesCellVoltageSensor sensor = new SeriesCellVoltageSensor(
                CellMeasurement.DIFFERENTIAL,
                List.of(
                        new CellTap(
                                new Ads1115Channel(
                                        chip, Ads1115Mux.AIN0_AIN1, Ads1115Pga.FSR_2_048V, Ads1115DataRate.SPS_128),
                                2.0,
                                Calibration.IDENTITY),
                        new CellTap(
                                new Ads1115Channel(
                                        chip, Ads1115Mux.AIN2_AIN3, Ads1115Pga.FSR_2_048V, Ads1115DataRate.SPS_128),
                                2.0,
                                Calibration.IDENTITY)),
                CellVoltageLimits.LITHIUM);

        sensor.readInto(volts, status);

        assertThat(volts[0]).isCloseTo(3.7, within(0.0002));
        assertThat(volts[1]).isCloseTo(3.8, within(0.0002));
    }

    @Test
    void openTapWireIsOpenWireBelowAndOutOfRangeAboveNamingTheChannel() {
        SeriesCellVoltageSensor sensor = tapSensor(Calibration.IDENTITY);
        adc.inputs().openWire(1, 0.0); // pulled down

        sensor.readInto(volts, status);

        assertThat(status[1]).isEqualTo(SensorStatus.OPEN_WIRE);
        assertThat(sensor.faultDescription(1)).contains("i2c-1 0x48 AIN1", "cell 1 reads", "open", "taps 0 and 1");
        assertThat(status[2]).isEqualTo(SensorStatus.OUT_OF_RANGE);
        assertThat(sensor.faultDescription(2)).contains("AIN2", "outside 1.0..5.0 V");
        assertThat(status[0]).isEqualTo(SensorStatus.OK);
        assertThat(status[3]).isEqualTo(SensorStatus.OK);
    }

    @Test
    void busErrorMarksBothCellsOfTheTapAndKeepsTheirLastValues() {
        SeriesCellVoltageSensor sensor = tapSensor(Calibration.IDENTITY);
        sensor.readInto(volts, status);
        double before = volts[2];
        bus.detach(0x48);

        sensor.readInto(volts, status);

        assertThat(status).containsOnly(SensorStatus.BUS_ERROR);
        assertThat(volts[2]).isEqualTo(before);
        assertThat(sensor.faultDescription(2)).contains("i2c-1 address 0x48: NACK");
    }

    /**
     * A tap whose code repeats is no fault of the channel (issue 23, fix23bo): a converter whose noise is under one
     * code repeats it for minutes on a healthy pack at rest. The frozen tap reaches the port as its unchanged tap
     * reading ({@code readChannelsInto}), with status OK, for the protection to judge (faults 208-210), while the cell
     * read from it and the noisy tap below still moves.
     */
    @Test
    void aTapRepeatingItsCodeIsNoFaultOfTheChannelAndReachesThePortAsItsTapReading() {
        adc.inputs().noise(0.0005);
        SeriesCellVoltageSensor sensor = tapSensor(Calibration.IDENTITY);
        double[] tapVolts = new double[4];
        sensor.readInto(volts, status);
        adc.inputs().freeze(3);
        sensor.readInto(volts, status);
        assertThat(sensor.readChannelsInto(tapVolts))
                .as("tap subtraction states its taps")
                .isTrue();
        double frozenTap = tapVolts[3];
        java.util.Set<Double> cellReadings = new java.util.HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            sensor.readInto(volts, status);
            sensor.readChannelsInto(tapVolts);
            assertThat(status).containsOnly(SensorStatus.OK);
            assertThat(tapVolts[3]).isEqualTo(frozenTap);
            cellReadings.add(volts[3]);
        }
        assertThat(cellReadings)
                .as("the cell read from the frozen tap still moves")
                .hasSizeGreaterThan(1);
        assertThat(sensor.faultDescription(3)).isEmpty();
    }

    @Test
    void conversionTimeoutReachesThePortAsBusErrorNamingTheChannel() {
        Ads1115 hung = new Ads1115(bus, 0x48, null, nanos -> {}); // time never passes: OS bit stays 0
        SeriesCellVoltageSensor sensor = new SeriesCellVoltageSensor(
                CellMeasurement.TAP_SUBTRACTION,
                List.of(new CellTap(
                        new Ads1115Channel(hung, Ads1115Mux.AIN0_GND, Ads1115Pga.FSR_4_096V, Ads1115DataRate.SPS_128),
                        RATIO,
                        Calibration.IDENTITY)),
                CellVoltageLimits.LITHIUM);
        double[] v = new double[1];
        SensorStatus[] s = new SensorStatus[1];

        sensor.readInto(v, s);

        assertThat(s[0]).isEqualTo(SensorStatus.BUS_ERROR);
        assertThat(sensor.faultDescription(0)).contains("i2c-1 address 0x48: TIMEOUT", "AIN0", "OS bit still 0");
    }
}
