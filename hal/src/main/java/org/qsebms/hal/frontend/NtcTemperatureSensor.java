package org.qsebms.hal.frontend;

import java.util.Arrays;
import java.util.List;
import org.qsebms.hal.SensorStatus;
import org.qsebms.hal.TemperatureSensor;

/**
 * Temperatures from NTC thermistor dividers. The node voltage within {@code railFraction} of
 * the supply or of ground is an open or a short thermistor (which one depends on the side the
 * NTC sits on): {@link SensorStatus#OPEN_WIRE} / {@link SensorStatus#SHORT_CIRCUIT}. A
 * temperature outside {@code minCelsius..maxCelsius} is out of range, and so is a code the ADC
 * clipped away from either rail (its full scale below the supply): that is never read as a
 * temperature.
 */
public final class NtcTemperatureSensor implements TemperatureSensor {
    private final NtcInput[] inputs;
    private final ChannelReading[] readings;
    private final double railFraction;
    private final double minCelsius;
    private final double maxCelsius;
    private final double[] last;
    private final String[] faults;

    public NtcTemperatureSensor(List<NtcInput> inputs, double railFraction, double minCelsius, double maxCelsius) {
        this.inputs = inputs.toArray(NtcInput[]::new);
        this.readings = new ChannelReading[this.inputs.length];
        for (int i = 0; i < readings.length; i++) {
            readings[i] = new ChannelReading(this.inputs[i].channel());
        }
        this.railFraction = railFraction;
        this.minCelsius = minCelsius;
        this.maxCelsius = maxCelsius;
        this.last = new double[this.inputs.length];
        this.faults = new String[this.inputs.length];
        Arrays.fill(faults, "");
    }

    @Override
    public int channelCount() {
        return inputs.length;
    }

    @Override
    public void readInto(double[] celsius, SensorStatus[] status) {
        for (int i = 0; i < inputs.length; i++) {
            SensorStatus s = readings[i].read();
            String fault = readings[i].fault();
            if (s.isOk() || s == SensorStatus.OUT_OF_RANGE) {
                NtcInput in = inputs[i];
                double v = readings[i].volts();
                double supply = in.divider().supplyVolts();
                boolean nearSupply = v >= supply * (1 - railFraction);
                boolean nearGround = v <= supply * railFraction;
                boolean clipped = s == SensorStatus.OUT_OF_RANGE;
                if (clipped && !nearSupply && !nearGround) {
                    // the ADC's full scale lies inside the divider's span: the node is somewhere above it, a
                    // temperature that cannot be read (or an open wire that cannot be told from one)
                    fault = in.channel().location() + ": NTC " + i + " node at the ADC's full scale ("
                            + ChannelReading.format(v) + " V), below its " + supply + " V supply: the temperature "
                            + "cannot be read there and an open thermistor cannot be told from a cold or hot one; "
                            + "give the ADC a full scale of at least the divider's supply";
                } else if (nearSupply || nearGround) {
                    boolean open = in.divider().ntcToGround() == nearSupply;
                    s = open ? SensorStatus.OPEN_WIRE : SensorStatus.SHORT_CIRCUIT;
                    fault = in.channel().location() + ": NTC " + i + " node at " + ChannelReading.format(v) + " V of "
                            + supply + " V supply: thermistor " + (open ? "open or disconnected" : "shorted")
                            + "; check the NTC and its wires (valid node voltage "
                            + ChannelReading.format(supply * railFraction)
                            + ".." + ChannelReading.format(supply * (1 - railFraction)) + " V)";
                } else {
                    double t = in.calibration()
                            .apply(in.thermistor().celsius(in.divider().ntcOhms(v)));
                    if (t < minCelsius || t > maxCelsius) {
                        s = SensorStatus.OUT_OF_RANGE;
                        fault = in.channel().location() + ": NTC " + i + " reads " + ChannelReading.format(t)
                                + " degC, outside " + minCelsius + ".." + maxCelsius + " degC; check the thermistor "
                                + "model (beta or Steinhart-Hart) and divider resistor in hal.pi4j.temperatures[" + i
                                + "]";
                    } else {
                        s = SensorStatus.OK;
                        fault = "";
                        last[i] = t;
                    }
                }
            }
            celsius[i] = last[i];
            status[i] = s;
            faults[i] = fault;
        }
    }

    @Override
    public String faultDescription(int channel) {
        return faults[channel];
    }
}
