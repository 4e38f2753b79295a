package org.qsebms.estimators.characterization;

/**
 * A recorded cell test, column-wise, already parsed (this package does no I/O). Current is
 * positive while charging. {@code capacityAh} (the tester's signed Ah counter) and
 * {@code socRef} are NaN-filled when the log has no such column.
 *
 * @param source name used in messages (usually the file name)
 */
public record CellTestLog(
        String source,
        double[] timeS,
        double[] currentA,
        double[] voltageV,
        double[] temperatureC,
        double[] capacityAh,
        double[] socRef) {

    public CellTestLog {
        int n = timeS.length;
        if (currentA.length != n
                || voltageV.length != n
                || temperatureC.length != n
                || capacityAh.length != n
                || socRef.length != n) {
            throw new IllegalArgumentException(source + ": columns must have equal length");
        }
    }

    public int size() {
        return timeS.length;
    }

    public boolean hasCapacityColumn() {
        return size() > 0 && !Double.isNaN(capacityAh[0]);
    }

    public boolean hasSocRef() {
        return size() > 0 && !Double.isNaN(socRef[0]);
    }

    /** Median of the temperature column: the test temperature of a pulse file. */
    public double medianCelsius() {
        double[] t = temperatureC.clone();
        java.util.Arrays.sort(t);
        return t[t.length / 2];
    }
}
