package org.qsebms.hal.frontend;

/**
 * How a pack current becomes an ADC voltage: {@code volts = zeroVolts + amps * voltsPerAmp}.
 * A shunt with an amplifier gives {@code voltsPerAmp = shuntOhms * amplifierGain} around the
 * amplifier's reference; a Hall sensor gives its sensitivity around its zero-current output.
 */
public record CurrentTransducer(String kind, double voltsPerAmp, double zeroVolts) {
    public CurrentTransducer {
        if (!(voltsPerAmp > 0) || !Double.isFinite(zeroVolts)) {
            throw new IllegalArgumentException(kind + ": volts per ampere must be > 0, got " + voltsPerAmp);
        }
    }

    /** A shunt of {@code shuntOhms} with an amplifier of gain {@code amplifierGain} referenced to {@code referenceVolts}. */
    public static CurrentTransducer shunt(double shuntOhms, double amplifierGain, double referenceVolts) {
        return new CurrentTransducer(
                "shunt " + shuntOhms + " Ohm x" + amplifierGain, shuntOhms * amplifierGain, referenceVolts);
    }

    /** A Hall sensor with {@code sensitivityVoltsPerAmp} and output {@code zeroVolts} at zero current. */
    public static CurrentTransducer hall(double sensitivityVoltsPerAmp, double zeroVolts) {
        return new CurrentTransducer("Hall " + sensitivityVoltsPerAmp + " V/A", sensitivityVoltsPerAmp, zeroVolts);
    }
}
