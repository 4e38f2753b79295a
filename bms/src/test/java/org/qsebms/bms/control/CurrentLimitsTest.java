package org.qsebms.bms.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.qsebms.bms.measure.PackMeasurement;
import org.qsebms.config.ConfigLoader;
import org.qsebms.config.ProtectionLimits;

/** Limits are derated between MOL and RSL, so the load backs off before anything trips. */
class CurrentLimitsTest {
    private static final ProtectionLimits LIMITS =
            new ConfigLoader().defaultSimulated().limits();
    private final CurrentLimits limits = new CurrentLimits(LIMITS);
    private final PackMeasurement m = new PackMeasurement(4, 4);

    private void set(double cellVolts, double celsius) {
        Arrays.fill(m.cellVolts, cellVolts);
        Arrays.fill(m.cellCelsius, celsius);
        m.computeExtremes();
    }

    @Test
    void theRslCurrentsLessTheirHysteresisInsideTheOperatingWindow() {
        set(3.7, 25);
        limits.update(m, false);
        // a load that draws exactly the limit keeps its reading off the RSL (issue 23, check23g)
        assertThat(limits.chargeAmps())
                .isCloseTo(
                        LIMITS.chargeOverCurrent().rsl()
                                - LIMITS.chargeOverCurrent().hysteresis(),
                        within(1e-9))
                .isLessThan(LIMITS.chargeOverCurrent().rsl());
        assertThat(limits.dischargeAmps())
                .isCloseTo(
                        LIMITS.dischargeOverCurrent().rsl()
                                - LIMITS.dischargeOverCurrent().hysteresis(),
                        within(1e-9))
                .isLessThan(LIMITS.dischargeOverCurrent().rsl());
    }

    @Test
    void chargeCurrentTapersToZeroBetweenVoltageMolAndRsl() {
        set(4.225, 25); // half-way between MOL 4.20 and RSL 4.25
        limits.update(m, false);
        assertThat(limits.chargeAmps())
                .isCloseTo(0.5 * LIMITS.chargeOverCurrent().rsl(), within(1e-9));
        set(4.25, 25);
        limits.update(m, false);
        assertThat(limits.chargeAmps()).isZero();
        assertThat(limits.dischargeAmps())
                .isCloseTo(
                        LIMITS.dischargeOverCurrent().rsl()
                                - LIMITS.dischargeOverCurrent().hysteresis(),
                        within(1e-9));
    }

    @Test
    void noChargeCurrentForColdLithiumMetal() {
        set(3.7, 4.0); // below the 5 °C charge RSL
        limits.update(m, false);
        assertThat(limits.chargeAmps()).isZero();
        assertThat(limits.dischargeAmps()).isPositive();
    }

    @Test
    void zeroWhenTrippedOrWithoutValidCells() {
        set(3.7, 25);
        limits.update(m, true);
        assertThat(limits.chargeAmps()).isZero();
        assertThat(limits.dischargeAmps()).isZero();
    }

    @Test
    void operatorCapsOnlyLower() {
        set(3.7, 25);
        limits.capCharge(0.3);
        limits.capDischarge(100);
        limits.update(m, false);
        assertThat(limits.chargeAmps()).isEqualTo(0.3);
        assertThat(limits.dischargeAmps())
                .isCloseTo(
                        LIMITS.dischargeOverCurrent().rsl()
                                - LIMITS.dischargeOverCurrent().hysteresis(),
                        within(1e-9));
    }

    static Stream<Arguments> states() {
        SplittableRandom r = new SplittableRandom(6);
        return IntStream.range(0, 50).mapToObj(i -> Arguments.of(2.6 + r.nextDouble(1.9), -25 + r.nextDouble(90)));
    }

    @ParameterizedTest(name = "{0} V, {1} °C")
    @MethodSource("states")
    void publishedLimitsStayTheHysteresisInsideTheRslAndAreNeverNegative(double volts, double celsius) {
        set(volts, celsius);
        limits.update(m, false);
        assertThat(limits.chargeAmps())
                .isBetween(0.0, LIMITS.chargeOverCurrent().rslInsideByHysteresis());
        assertThat(limits.dischargeAmps())
                .isBetween(0.0, LIMITS.dischargeOverCurrent().rslInsideByHysteresis());
    }
}
