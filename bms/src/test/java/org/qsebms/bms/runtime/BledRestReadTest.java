package org.qsebms.bms.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.qsebms.bms.hil.ExampleBoard;
import org.qsebms.config.BmsConfig;
import org.qsebms.config.ConfigLoader;
import org.qsebms.estimators.health.CellHealthTracker;
import org.qsebms.estimators.model.EcmParameters;
import org.qsebms.estimators.model.QseCell;
import org.qsebms.estimators.model.QseCellParameters;

/**
 * A rest read while its cell's balancing bleed is on (issue 20, fix20r). Two identical simulated QSE cells of the
 * aged pack (psoa-ncm811 at 1.5 Ah, its resistance 4/3 of the told 2.0 Ah preset's, as in {@code
 * AgedPackCapacityTest}) cycle between 90 % and 35 % SOC with 30 min rests; the health tracker is the controller's
 * (config/examples/pi-4s-ads1115.yaml, told 2.0 Ah). Cell 2 bleeds 87 mA into its balancing resistor (the trace's
 * average bleed) through some rests' end, at the top and mid-SOC, as a voltage-mode balancer does above the knee
 * floor, and through only the first half of others; cell 1 never bleeds. Both cells' capacity priors are set to the
 * truth (10 % doubt), so every departure from it is the windows' own error. Until fix20w the tracker read a bled
 * rest adding back only the bleed current over the preset's R0 + R1 + R2 (3.4 mV at 87 mA), while the QSE cell's
 * drop is 11.3 mV, most of it over its lithium interface at a small current (docs/estimation.md, "A rest read while
 * its cell bleeds"): cell 2 read -0.92 %. Since fix20w the tracker adds back the drop its own cell model holds for
 * the bleed (the preset's interface law in the first pair, each pair with its time constant): -0.17 %.
 */
class BledRestReadTest {
    private static final double TRUE_AH = 1.5;
    private static final double BLEED_AMPS = 0.087;
    private static final double DT = 0.5;
    private static final double REST_SECONDS = 1800;

    private final CellHealthTracker tracker;
    private final QseCell[] cells = new QseCell[2];
    private final double[] v = new double[2];
    private final double[] t = {25, 25};
    private final double[] bleed = new double[2];
    private final double[] chargeAh = new double[2];
    private long epochMillis = 1_764_000_000_000L;

    BledRestReadTest() throws IOException {
        BmsConfig told = new ConfigLoader().parse(example(), "told");
        EcmParameters nominal = told.chemistry().cell();
        double capFactor = told.pack().capacityAh() / nominal.capacityAh();
        EcmParameters estimatorCell = nominal.scaled(capFactor, 1.0 / capFactor);
        tracker = new CellHealthTracker(estimatorCell, 2, ControllerAssembly.healthSettings(told, estimatorCell));
        QseCellParameters aged = SimulatedPackSetup.qseCell(told.chemistry(), TRUE_AH);
        for (int i = 0; i < 2; i++) {
            cells[i] = new QseCell(aged, 0.5, 25);
            tracker.restoreCell(i, TRUE_AH, Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0);
        }
    }

    private static String example() throws IOException {
        return Files.readString(ExampleBoard.pi4sAds1115());
    }

    private void step(double amps) {
        for (int i = 0; i < 2; i++) {
            double cellAmps = amps - bleed[i];
            cells[i].step(cellAmps, DT);
            chargeAh[i] += cellAmps * DT / 3600.0;
            v[i] = cells[i].terminalVolts();
        }
        tracker.update(amps, v, t, bleed, DT, epochMillis);
        epochMillis += (long) (DT * 1000);
    }

    /** A rest with cell 2's bleed on for its first {@code bledFraction} (1: through its end). */
    private void rest(double bledFraction) {
        for (double s = 0; s < REST_SECONDS; s += DT) {
            bleed[1] = s < bledFraction * REST_SECONDS ? BLEED_AMPS : 0.0;
            step(0);
        }
        bleed[1] = 0;
    }

    private void charge() {
        while (cells[0].soc() < 0.9) {
            step(0.75);
        }
    }

    private void discharge() {
        while (cells[0].soc() > 0.35) {
            step(-0.75);
        }
    }

    /** Each cell's true capacity as the tracker defines it: the charge it took over the SOC it moved. */
    private double truthAh(int i, double startSoc) {
        return chargeAh[i] / (cells[i].soc() - startSoc);
    }

    @Test
    void aCellBledThroughItsRestsEndLearnsItsCapacityAsTheUnbledCellDoes() {
        double startSoc = cells[0].soc();
        for (int n = 0; n < 6; n++) {
            charge();
            rest(n % 2 == 0 ? 1.0 : 0.0); // the top of charge: bled through its end every other cycle
            discharge();
            rest(n % 3 == 2 ? 0.5 : 1.0); // mid-SOC: bled through its end, or only its first half
        }
        charge();
        rest(0.0);
        double worst = 0;
        for (int i = 0; i < 2; i++) {
            double truth = truthAh(i, startSoc);
            double error = tracker.capacityAh(i) / truth - 1;
            System.out.printf(
                    Locale.ROOT,
                    "cell %d: %.4f Ah +- %.4f (%d windows) against %.4f Ah, error %+.2f %%%n",
                    i + 1,
                    tracker.capacityAh(i),
                    tracker.capacitySigmaAh(i),
                    tracker.capacityWindows(i),
                    truth,
                    100 * error);
            assertThat(tracker.capacityWindows(i))
                    .as("cell %d learnt from windows", i + 1)
                    .isGreaterThanOrEqualTo(3);
            worst = Math.max(worst, Math.abs(error));
        }
        assertThat(worst).as("worst cell's capacity error").isLessThan(0.005);
    }
}
