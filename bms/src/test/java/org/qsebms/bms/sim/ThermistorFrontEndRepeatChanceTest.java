package org.qsebms.bms.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.function.DoubleToLongFunction;
import org.junit.jupiter.api.Test;
import org.qsebms.config.SupplementaryLimits;

/**
 * The thermistors' prior repeat chance (supplementary {@code tempFrozenPriorRepeat}, issue 23, fix23aw) is a claim
 * about the front ends the packs are read through: a live reading repeats between two samples with at most that
 * chance at every reading in the prior's range. Checked here against the converters themselves, at every whole
 * degree of the range and ten offsets within each: the simulated hardware's 12-bit NTC divider with its 0.1 °C
 * noise (a hot NTC gives fewer codes per kelvin, so more repeats), the MCP3008 thermistor inputs of the driver-level
 * simulation (2 LSB of noise, DriverLevelSimulation) and the BQ76952's 0.1 K readings with 0.1 K of noise
 * (Bq76952Simulation). The chance two independent readings give one code is the sum of each code's chance squared.
 */
class ThermistorFrontEndRepeatChanceTest {
    private static final int STEPS = 4001;

    /** The chance two readings of {@code code(x + sigma g)}, g standard normal clipped at 4, are the same code. */
    private static double repeatChance(DoubleToLongFunction code, double x, double sigma) {
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
    void theSimulatedNtcFrontEndRepeatsNoMoreOftenThanThePriorAnywhereInItsRange() {
        SupplementaryLimits x = SupplementaryLimits.defaults();
        double worst = 0;
        for (double c = x.tempFrozenPriorMinCelsius(); c <= x.tempFrozenPriorMaxCelsius(); c += 1) {
            for (int k = 0; k < 10; k++) {
                worst = Math.max(worst, repeatChance(SimulatedHardware::ntcCode, c + 0.01 * k, 0.1));
            }
        }
        assertThat(worst)
                .as("worst repeat chance of the simulated 12-bit NTC front end over the prior's range")
                .isLessThanOrEqualTo(x.tempFrozenPriorRepeat());
    }

    @Test
    void theDriverLevelFrontEndsRepeatNoMoreOftenThanThePrior() {
        double prior = SupplementaryLimits.defaults().tempFrozenPriorRepeat();
        double mcp = 0;
        double bq = 0;
        for (int k = 0; k < 20; k++) {
            // MCP3008: the noise is in codes (2 LSB), the same chance at every temperature; worst over offsets
            mcp = Math.max(mcp, repeatChance(v -> Math.round(v), k / 20.0, 2.0));
            // BQ76952: a decikelvin reading of a temperature with 0.1 K of noise
            bq = Math.max(bq, repeatChance(c -> Math.round(c * 10), 25 + k / 200.0, 0.1));
        }
        assertThat(mcp).as("MCP3008 at 2 LSB of noise").isLessThanOrEqualTo(prior);
        assertThat(bq).as("BQ76952 at 0.1 K of noise").isLessThanOrEqualTo(prior);
    }
}
