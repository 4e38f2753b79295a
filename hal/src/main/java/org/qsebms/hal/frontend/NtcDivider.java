package org.qsebms.hal.frontend;

/**
 * The divider that turns an NTC into a voltage: a fixed resistor {@code seriesOhms} to
 * {@code supplyVolts} and the NTC to ground ({@code ntcToGround = true}), or the other way round.
 */
public record NtcDivider(double seriesOhms, double supplyVolts, boolean ntcToGround) {
    public NtcDivider {
        if (!(seriesOhms > 0 && supplyVolts > 0)) {
            throw new IllegalArgumentException(
                    "NTC divider resistor and supply must be > 0, got " + seriesOhms + " Ohm, " + supplyVolts + " V");
        }
    }

    /** NTC resistance from the node voltage. */
    public double ntcOhms(double nodeVolts) {
        double rest = supplyVolts - nodeVolts;
        return ntcToGround ? seriesOhms * nodeVolts / rest : seriesOhms * rest / nodeVolts;
    }

    /** Node voltage for an NTC resistance (emulators, tests). */
    public double nodeVolts(double ntcOhms) {
        return ntcToGround
                ? supplyVolts * ntcOhms / (ntcOhms + seriesOhms)
                : supplyVolts * seriesOhms / (ntcOhms + seriesOhms);
    }
}
