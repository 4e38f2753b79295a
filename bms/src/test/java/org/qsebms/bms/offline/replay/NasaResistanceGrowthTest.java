package org.qsebms.bms.offline.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.qsebms.estimators.health.ResistanceGrowthEstimator;

/**
 * Resistance growth on the NASA PCoE run-to-failure cells: the step resistance at each discharge
 * onset ({@code r_step_ohm} in summary.csv) is fed per cycle to the growth fit. The fit uses the
 * first half of the cycles; the second half checks its prediction. Prints the figures for
 * docs/estimation.md; asserts only that growth is detected over the whole history.
 */
class NasaResistanceGrowthTest {
    @ParameterizedTest
    @ValueSource(strings = {"B0005", "B0006"})
    void detectsGrowthAndPredictsTheSecondHalf(String battery) throws IOException {
        List<String> lines = Files.readAllLines(SharedData.file("nasa_pcoe_aging_18650/summary.csv"));
        List<String> header = List.of(lines.get(0).split(","));
        int cBattery = header.indexOf("battery");
        int cType = header.indexOf("type");
        int cCycle = header.indexOf("discharges_completed");
        int cR = header.indexOf("r_step_ohm");
        double[][] points = lines.stream()
                .skip(1)
                .map(l -> l.split(",", -1))
                .filter(f -> f[cBattery].equals(battery) && f[cType].equals("discharge") && !f[cR].isEmpty())
                .map(f -> new double[] {Double.parseDouble(f[cCycle]), Double.parseDouble(f[cR])})
                .toArray(double[][]::new);
        for (double exponent : new double[] {0.5, 1.0}) {
            ResistanceGrowthEstimator fit = new ResistanceGrowthEstimator(exponent, 1.3, 3);
            int half = points.length / 2;
            for (int i = 0; i < half; i++) {
                fit.add(points[i][0], points[i][1]);
            }
            double sumSq = 0;
            for (int i = half; i < points.length; i++) {
                double predicted = fit.initialOhms() + fit.growth() * Math.pow(points[i][0], exponent);
                sumSq += Math.pow(predicted - points[i][1], 2);
            }
            double rmsPct = 100 * Math.sqrt(sumSq / (points.length - half)) / points[points.length - 1][1];
            System.out.printf(
                    "%s p=%.1f first %d cycles: %s; second-half prediction RMS error %.1f %%%n",
                    battery, exponent, half, fit.describe(), rmsPct);
        }
        ResistanceGrowthEstimator whole = new ResistanceGrowthEstimator(1.0, 1.3, 3);
        for (double[] p : points) {
            whole.add(p[0], p[1]);
        }
        System.out.printf("%s p=1.0 all %d cycles: %s%n", battery, points.length, whole.describe());
        assertThat(whole.isGrowing()).isTrue();
    }
}
