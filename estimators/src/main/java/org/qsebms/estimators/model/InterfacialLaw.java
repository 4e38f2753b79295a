package org.qsebms.estimators.model;

/**
 * Overpotential of one lithium-metal/electrolyte interface versus current density: a
 * Butler-Volmer-like term (symmetric, so {@code asinh}) plus a linear SEI term,
 * {@code eta(j) = b*asinh(j/(2*j0)) + rSei*j}, in mV with j in mA/cm² (signed).
 *
 * @param tafelMillivolts           b (mV), = RT/(alpha F) for a symmetric Butler-Volmer interface
 * @param exchangeMilliAmpsPerCm2   j0 (mA/cm²)
 * @param seiOhmCm2                 linear (SEI) area-specific resistance (ohm cm²)
 */
public record InterfacialLaw(double tafelMillivolts, double exchangeMilliAmpsPerCm2, double seiOhmCm2) {

    public InterfacialLaw {
        if (!(tafelMillivolts >= 0) || !(exchangeMilliAmpsPerCm2 > 0) || !(seiOhmCm2 >= 0)) {
            throw new IllegalArgumentException("interfacial law needs b >= 0 mV, j0 > 0 mA/cm², rSei >= 0 ohm cm², got "
                    + tafelMillivolts + ", " + exchangeMilliAmpsPerCm2 + ", " + seiOhmCm2);
        }
    }

    /** Overpotential (mV) of one Li interface at {@code milliAmpsPerCm2} (signed). */
    public double interfaceMillivolts(double milliAmpsPerCm2) {
        return tafelMillivolts * asinh(milliAmpsPerCm2 / (2 * exchangeMilliAmpsPerCm2)) + seiOhmCm2 * milliAmpsPerCm2;
    }

    /** Polarization (mV) of a Li||Li symmetric cell: two interfaces plus the bulk electrolyte. */
    public double symmetricCellMillivolts(double milliAmpsPerCm2, double bulkOhmCm2) {
        return 2 * interfaceMillivolts(milliAmpsPerCm2) + bulkOhmCm2 * milliAmpsPerCm2;
    }

    /** Inverse hyperbolic sine (not in java.lang.Math). */
    public static double asinh(double x) {
        double a = Math.abs(x);
        double r = Math.log(a + Math.sqrt(a * a + 1.0));
        return x < 0 ? -r : r;
    }
}
