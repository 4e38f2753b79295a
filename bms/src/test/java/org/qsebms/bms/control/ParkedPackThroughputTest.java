package org.qsebms.bms.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.qsebms.bms.offline.scenario.Scenario;
import org.qsebms.bms.offline.scenario.ScenarioLoader;
import org.qsebms.bms.offline.scenario.ScenarioRunner;

/**
 * The lifetime charge throughput ({@code ahThroughput}) and the health tracker's equivalent full cycles count charge
 * that flowed: current beyond {@code supplementary.currentDeadbandAmps}, the band within which the BMS takes a
 * reading for a rest. Found by check23v (defect 3): a 2 Ah pack parked with its contactors closed counted sensor
 * noise and a 30 mA zero offset as throughput, 0.19 and 0.72 Ah a day (17.5 and 66 equivalent full cycles a year).
 */
class ParkedPackThroughputTest {
    private static final String PACK = "pack: {chemistry: psoa-ncm811, seriesCells: 4, capacityAh: 2.0}\n"
            + "loop: {period: 1s}\ninitial: {soc: 0.5, ambientCelsius: 25, close: true}\n";

    /** A parked pack (6 h, nothing flows in the simulation) adds no throughput, noise or a zero offset alone. */
    @ParameterizedTest(name = "offset {0} A")
    @CsvSource({"0.0", "0.03"})
    void aParkedPackCountsNoThroughput(double offsetAmps) {
        String yaml = String.format(
                Locale.ROOT,
                "name: parked\n%sload: {type: idle}\nfaults:\n  - {at: 60s, type: currentSensorOffset, amps: %s}\n"
                        + "duration: 6h\nlimitsEvery: 6h\n",
                PACK,
                offsetAmps);
        Figures f = run(yaml);
        String figure = f.describe("parked 6 h, offset " + offsetAmps + " A");
        System.out.println(figure);
        assertThat(f.trueAh).as(figure).isZero();
        // check23v's bound, 0.01 equivalent full cycles a day (40 mAh on this 2 Ah pack), over 6 h. Measured: before
        // the deadband 48 and 180 mAh; with it 0 and 7.7 mAh (the noise's tail beyond 50 mA on a 30 mA offset)
        assertThat(f.throughputAh).as(figure).isLessThanOrEqualTo(0.010);
        assertThat(f.equivalentCycles).as(figure).isLessThanOrEqualTo(0.010 / 4);
    }

    /** A cycling pack still counts the charge that flows: the throughput stays the simulated charge through a cell. */
    @Test
    void aCyclingPackCountsItsThroughput() {
        Figures f = run("name: cycling\n" + PACK + "health:\n  usableCapacity: {chargeVolts: 4.15, cutoffVolts: 3.40}\n"
                + "load: {type: cycling}\nduration: 12h\nlimitsEvery: 6h\n");
        String figure = f.describe("cycling 12 h");
        System.out.println(figure);
        assertThat(f.trueAh).as(figure).isGreaterThan(4.0);
        assertThat(f.throughputAh).as(figure).isCloseTo(f.trueAh, org.assertj.core.data.Percentage.withPercentage(1));
        assertThat(f.equivalentCycles)
                .as(figure)
                .isCloseTo(f.throughputAh / 4.0, org.assertj.core.data.Offset.offset(1e-6));
    }

    private static Figures run(String yaml) {
        Scenario sc = new ScenarioLoader().parse(yaml, Path.of("."), "throughput test");
        Figures f = new Figures();
        new ScenarioRunner().run(sc, s -> {}, (t, pack, ctl) -> {
            double trueAh = 0;
            for (int i = 0; i < pack.cellCount(); i++) {
                trueAh += pack.cellChargedAh(i) + pack.cellDischargedAh(i);
            }
            f.throughputAh = ctl.ahThroughput();
            f.equivalentCycles = ctl.healthTracker().equivalentFullCycles();
            f.trueAh = trueAh / pack.cellCount();
        });
        return f;
    }

    private static final class Figures {
        double throughputAh;
        double equivalentCycles;
        double trueAh;

        String describe(String what) {
            return String.format(
                    Locale.ROOT,
                    "%s: throughput %.4f Ah, equivalent full cycles %.4f, true charge through a cell %.4f Ah",
                    what,
                    throughputAh,
                    equivalentCycles,
                    trueAh);
        }
    }
}
