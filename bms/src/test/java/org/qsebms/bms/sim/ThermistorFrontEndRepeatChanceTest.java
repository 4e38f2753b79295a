package org.qsebms.bms.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.function.DoubleToLongFunction;
import org.junit.jupiter.api.Test;
import org.qsebms.bms.hil.ExampleBoard;
import org.qsebms.bms.runtime.SimulatedPackSetup;
import org.qsebms.config.BmsConfig;
import org.qsebms.config.ConfigLoader;
import org.qsebms.hal.ThermistorRepeatBound;

/**
 * The simulated board's thermistor front end (a 12-bit NTC divider read with the simulator's clipped noise, issue
 * 23, fix23bk) states its own live repeat chance, computed from its code edges and its noise. Checked here against an
 * independent quadrature of the same converter (fix23aw's: the noise sampled on a fine grid, each draw's code counted,
 * the sum of each code's chance squared), at every whole degree of the stated range and twenty offsets in each.
 */
class ThermistorFrontEndRepeatChanceTest {
    private static final int STEPS = 4001;

    /** The chance two readings of {@code code(x + sigma g)}, g standard normal clipped at 4, are the same code. */
    private static double quadrature(DoubleToLongFunction code, double x, double sigma) {
        Map<Long, Double> weight = new HashMap<>();
        double total = 0;
        for (int j = 0; j < STEPS; j++) {
            double g = -4 + 8.0 * j / (STEPS - 1);
            double w = Math.exp(-g * g / 2);
            weight.merge(code.applyAsLong(x + sigma * g), w, Double::sum);
            total += w;
        }
        double sum = 0;
        for (double w : weight.values()) {
            sum += (w / total) * (w / total);
        }
        return sum;
    }

    @Test
    void theSimulatedNtcFrontEndStatesABoundItsQuadratureNeverExceeds() {
        ThermistorRepeatBound stated = SimulatedPackSetup.create(config(), 0.5, 25, PackLoad.IDLE, 1)
                .hardware()
                .temperatures()
                .declaredRepeatBound()
                .orElseThrow();
        double worst = 0;
        double worstAt = Double.NaN;
        for (double c = stated.minCelsius(); c <= stated.maxCelsius(); c += 1) {
            for (int k = 0; k < 20; k++) {
                double x = c + 0.05 * k;
                if (x > stated.maxCelsius()) {
                    break;
                }
                double q = quadrature(SimulatedHardware::ntcCode, x, 0.1);
                // the code's chance and the quadrature's agree at every reading (the grid's error is below 0.01)
                assertThat(SimulatedHardware.repeatChance(x, 0.1))
                        .as("at %.2f °C", x)
                        .isCloseTo(q, within(0.01));
                if (q > worst) {
                    worst = q;
                    worstAt = x;
                }
            }
        }
        System.out.printf(
                "stated %.4f over %.0f..%.0f °C; quadrature worst %.4f at %.2f °C%n",
                stated.chance(), stated.minCelsius(), stated.maxCelsius(), worst, worstAt);
        assertThat(worst)
                .as("the quadrature's worst over the stated range")
                .isLessThanOrEqualTo(stated.chance() + 0.005);
        assertThat(stated.chance())
                .as("a hot NTC's coarse codes: not far above the quadrature's worst")
                .isLessThan(worst + 0.02);
    }

    @Test
    void aQuieterSimulatedFrontEndStatesALargerRepeatChance() {
        double loud = SimulatedHardware.worstRepeatChance(0.1, -40, 100);
        double quiet = SimulatedHardware.worstRepeatChance(0.02, -40, 100);
        assertThat(quiet).isGreaterThan(loud);
        assertThat(new SimulatedHardware(
                                SimulatedPackSetup.createPack(config(), 0.5, 25, PackLoad.IDLE, 1), 2, 0.001, 0.01, 0.0)
                        .hardware()
                        .temperatures()
                        .declaredRepeatBound())
                .as("a noiseless converter repeats always: it states nothing")
                .isEmpty();
    }

    private static BmsConfig config() {
        return new ConfigLoader().load(ExampleBoard.pi4sAds1115());
    }

    private static org.assertj.core.data.Offset<Double> within(double d) {
        return org.assertj.core.data.Offset.offset(d);
    }
}
