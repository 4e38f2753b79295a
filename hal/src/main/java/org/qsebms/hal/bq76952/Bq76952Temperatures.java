package org.qsebms.hal.bq76952;

import java.util.List;
import org.qsebms.hal.SensorStatus;
import org.qsebms.hal.TemperatureSensor;
import org.qsebms.hal.bus.BusException;

/**
 * Cell thermistors on the BQ76952's TS1..TS3 pins (0x70, 0x72, 0x74: 0.1 K, signed) in one block
 * read of 6 bytes. A reading outside -40..125 degC is an open or shorted thermistor.
 */
final class Bq76952Temperatures implements TemperatureSensor {
    private final Bq76952 chip;
    private final int[] pins;
    private final byte[] block = new byte[6];
    private final double[] last;
    private final String[] faults;

    Bq76952Temperatures(Bq76952 chip, List<Integer> tsPins) {
        this.chip = chip;
        this.pins = tsPins.stream().mapToInt(Integer::intValue).toArray();
        this.last = new double[pins.length];
        this.faults = new String[pins.length];
        java.util.Arrays.fill(faults, "");
    }

    @Override
    public int channelCount() {
        return pins.length;
    }

    @Override
    public void readInto(double[] celsius, SensorStatus[] status) {
        try {
            chip.readDirect(Bq76952Commands.TS1_TEMPERATURE, block, 6);
        } catch (BusException e) {
            for (int i = 0; i < pins.length; i++) {
                celsius[i] = last[i];
                status[i] = SensorStatus.BUS_ERROR;
                faults[i] = e.getMessage();
            }
            return;
        }
        for (int i = 0; i < pins.length; i++) {
            double c = (short) Bq76952.u2(block, 2 * (pins[i] - 1)) / 10.0 - 273.15;
            if (c < -40 || c > 125) {
                status[i] = SensorStatus.OUT_OF_RANGE;
                faults[i] = chip.location() + " TS" + pins[i] + " reads " + Math.round(c * 10) / 10.0
                        + " degC, outside -40..125: the thermistor is open or shorted; check its wiring";
                celsius[i] = last[i];
            } else {
                last[i] = c;
                celsius[i] = c;
                status[i] = SensorStatus.OK;
                faults[i] = "";
            }
        }
    }

    @Override
    public String faultDescription(int channel) {
        return faults[channel];
    }
}
