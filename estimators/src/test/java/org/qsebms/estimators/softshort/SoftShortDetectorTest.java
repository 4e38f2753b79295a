package org.qsebms.estimators.softshort;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.qsebms.estimators.model.EcmParameters;
import org.qsebms.estimators.model.EquivalentCircuitCell;
import org.qsebms.estimators.model.OcvCurve;

/**
 * Simulated string of 12 cells with 3 % capacity and 10 % resistance spread, 1 mV voltage noise:
 * a 1C discharge for 30 min, then rest. A 500 ohm short across one cell must be flagged within
 * 2 h of rest; healthy strings must stay silent for 24 h.
 */
class SoftShortDetectorTest {
    static final int CELLS = 12;
    static final double DT = 10;

    static OcvCurve ocv() {
        int m = 101;
        double[] s = new double[m];
        double[] v = new double[m];
        for (int i = 0; i < m; i++) {
            s[i] = i / 100.0;
            v[i] = 3.5 + 0.6 * s[i] + 0.1 * s[i] * s[i];
        }
        return new OcvCurve(s, v, new double[m]);
    }

    /** @return seconds of rest until the shorted cell was flagged (or -1), and whether any healthy cell was */
    static double[] simulate(long seed, int shortedCell, double restHours) {
        SplittableRandom r = new SplittableRandom(seed);
        EcmParameters nominal = new EcmParameters(2.0, 0.03, 0.015, 8, 0.012, 150, 20000, ocv());
        EquivalentCircuitCell[] pack = new EquivalentCircuitCell[CELLS];
        for (int i = 0; i < CELLS; i++) {
            pack[i] = new EquivalentCircuitCell(nominal.scaled(1 + 0.03 * r.nextGaussian(), 1 + 0.1 * r.nextGaussian()),
                    0.9, 25);
        }
        SoftShortDetector detector = new SoftShortDetector(nominal, CELLS, 0.05, 1800, 0.003, 5);
        double[] v = new double[CELLS];
        double[] soc = new double[CELLS];
        double detectedAt = -1;
        boolean falseAlarm = false;
        int driveSteps = (int) (1800 / DT);
        int restSteps = (int) (restHours * 3600 / DT);
        for (int k = 0; k < driveSteps + restSteps; k++) {
            double packAmps = k < driveSteps ? -2.0 : 0.0;
            for (int i = 0; i < CELLS; i++) {
                double leak = i == shortedCell ? pack[i].terminalVolts() / 500.0 : 0;
                pack[i].step(packAmps - leak, DT);
                v[i] = pack[i].terminalVolts() + 0.001 * r.nextGaussian();
                soc[i] = pack[i].soc();
            }
            detector.update(packAmps, v, soc, DT);
            for (int i = 0; i < CELLS; i++) {
                if (detector.isFlagged(i)) {
                    if (i == shortedCell && detectedAt < 0) {
                        detectedAt = (k - driveSteps + 1) * DT;
                    } else if (i != shortedCell) {
                        falseAlarm = true;
                    }
                }
            }
        }
        return new double[] {detectedAt, falseAlarm ? 1 : 0};
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void flagsA500OhmShortWithinTwoHoursOfRest(long seed) {
        double[] result = simulate(seed, (int) (seed % CELLS), 2.0);
        System.out.println("soft short detected after " + result[0] + " s of rest (seed " + seed + ")");
        assertThat(result[0]).as("seconds of rest to detection").isBetween(0.0, 7200.0);
        assertThat(result[1]).as("false alarm on a healthy cell").isZero();
    }

    @ParameterizedTest
    @ValueSource(longs = {11, 12, 13})
    void staysSilentOnHealthyCellsFor24Hours(long seed) {
        double[] result = simulate(seed, -1, 24.0);
        assertThat(result[1]).as("false alarm").isZero();
    }
}
