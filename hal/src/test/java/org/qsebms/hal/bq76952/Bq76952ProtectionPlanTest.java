package org.qsebms.hal.bq76952;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class Bq76952ProtectionPlanTest {

    static Stream<long[]> seeds() {
        return IntStream.range(0, 200).mapToObj(i -> new long[] {i * 7919L + 11});
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void everyHardwareThresholdSitsBeyondTheSoftwareMslByAtLeastItsMarginAndAtMostOneChipStepMore(long[] seed) {
        SplittableRandom r = new SplittableRandom(seed[0]);
        var msl = new Bq76952Limits(
                r.nextDouble(3.6, 4.6),
                r.nextDouble(2.0, 3.2),
                r.nextDouble(1, 40),
                r.nextDouble(2, 60),
                r.nextDouble(35, 60),
                r.nextDouble(-10, 10),
                r.nextDouble(45, 70),
                r.nextDouble(-30, -5));
        var m = Bq76952Margins.builder()
                .cellOverVolts(r.nextDouble(0.01, 0.2))
                .cellUnderVolts(r.nextDouble(0.01, 0.3))
                .overCurrentFraction(r.nextDouble(0.05, 0.5))
                .ocd2Factor(2.0)
                .shortCircuitFactor(4.0)
                .celsius(r.nextDouble(1, 10))
                .cellVoltageDelay(Duration.ofMillis(r.nextLong(10, 5000)))
                .overCurrentDelay(Duration.ofMillis(r.nextLong(10, 400)))
                .ocd2Delay(Duration.ofMillis(r.nextLong(10, 50)))
                .shortCircuitDelay(Duration.ofNanos(r.nextLong(0, 400_000)))
                .temperatureDelay(Duration.ofSeconds(r.nextLong(0, 10)))
                .hostWatchdogDelay(Duration.ofSeconds(r.nextLong(0, 30)))
                .build();
        // a shunt the chip can use for these currents (the plan refuses others: tested below)
        double shuntOhms = r.nextDouble(
                0.0001,
                Math.min(
                        0.002,
                        Math.min(
                                Math.min(0.45 / (msl.dischargeAmps() * 4), 0.19 / (msl.dischargeAmps() * 2)),
                                0.12 / (msl.chargeAmps() * (1 + m.overCurrentFraction())))));

        var plan = Bq76952ProtectionPlan.of(msl, m, shuntOhms, Bq76952Rig.inputs(16), List.of(1), "hal.bq76952");

        double cov = value(plan, "Protections:COV:Threshold") * 0.0506;
        assertThat(cov)
                .isGreaterThanOrEqualTo(msl.cellOverVolts() + m.cellOverVolts() - 1e-9)
                .isLessThan(msl.cellOverVolts() + m.cellOverVolts() + 0.0506);
        double cuv = value(plan, "Protections:CUV:Threshold") * 0.0506;
        assertThat(cuv)
                .isLessThanOrEqualTo(msl.cellUnderVolts() - m.cellUnderVolts() + 1e-9)
                .isGreaterThan(msl.cellUnderVolts() - m.cellUnderVolts() - 0.0506);
        double mvPerAmp = shuntOhms * 1000;
        double occ = value(plan, "Protections:OCC:Threshold") * 2 / mvPerAmp;
        assertThat(occ).isGreaterThanOrEqualTo(msl.chargeAmps() * (1 + m.overCurrentFraction()) - 1e-9);
        double ocd1 = value(plan, "Protections:OCD1:Threshold") * 2 / mvPerAmp;
        assertThat(ocd1).isGreaterThanOrEqualTo(msl.dischargeAmps() * (1 + m.overCurrentFraction()) - 1e-9);
        double ocd2 = value(plan, "Protections:OCD2:Threshold") * 2 / mvPerAmp;
        assertThat(ocd2).isGreaterThanOrEqualTo(msl.dischargeAmps() * 2 - 1e-9);
        double scd = Bq76952ProtectionPlan.SCD_MILLIVOLTS[(int) value(plan, "Protections:SCD:Threshold")] / mvPerAmp;
        assertThat(scd).isGreaterThanOrEqualTo(msl.dischargeAmps() * 4 - 1e-9);
        assertThat((byte) value(plan, "Protections:OTC:Threshold"))
                .isGreaterThanOrEqualTo((byte) Math.ceil(msl.chargeMaxCelsius()));
        assertThat((double) (byte) value(plan, "Protections:OTD:Threshold"))
                .isGreaterThanOrEqualTo(msl.dischargeMaxCelsius() + m.celsius() - 1e-9);
        assertThat((double) (byte) value(plan, "Protections:UTC:Threshold"))
                .isLessThanOrEqualTo(msl.chargeMinCelsius() - m.celsius() + 1e-9);
        assertThat((double) (byte) value(plan, "Protections:UTD:Threshold"))
                .isLessThanOrEqualTo(msl.dischargeMinCelsius() - m.celsius() + 1e-9);
    }

    @Test
    void delaysAreEncodedInTheChipsUnits() {
        var plan = Bq76952ProtectionPlan.of(
                Bq76952Rig.MSL, Bq76952Margins.DEFAULT, 0.001, Bq76952Rig.inputs(16), List.of(1), "hal.bq76952");

        assertThat(value(plan, "Protections:COV:Delay")).isEqualTo(303); // 1 s / 3.3 ms
        assertThat(value(plan, "Protections:OCC:Delay")).isEqualTo(28); // (28 + 2) x 3.3 ms = 99 ms
        assertThat(value(plan, "Protections:OCD2:Delay")).isEqualTo(4); // (4 + 2) x 3.3 ms = 19.8 ms
        assertThat(value(plan, "Protections:SCD:Delay")).isEqualTo(5); // (5 - 1) x 15 us = 60 us
        assertThat(value(plan, "Protections:OTC:Delay")).isEqualTo(2);
        assertThat(value(plan, "Settings:Configuration:Vcell Mode")).isEqualTo(0xFFFF);
        assertThat(Float.intBitsToFloat((int) value(plan, "Calibration:Current:CC Gain")))
                .isEqualTo(7.4768f);
    }

    @Test
    void aChargeLimitTheChipCannotPlaceBeyondTheMslIsRefusedWithTheFix() {
        var msl = new Bq76952Limits(4.3, 2.8, 100, 40, 45, 0, 55, -20);

        assertThatThrownBy(() -> Bq76952ProtectionPlan.of(
                        msl, Bq76952Margins.DEFAULT, 0.001, Bq76952Rig.inputs(16), List.of(1), "hal.bq76952"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("hal.bq76952: the BQ76952 OCC threshold would be 125.000 A")
                .hasMessageContaining("at most 124 mV across the shunt (124 A)")
                .hasMessageContaining("change the limit, the margins in hal.bq76952.margins or the shunt");
    }

    @Test
    void anUnderVoltageBelowTheChipsRangeIsRefused() {
        var msl = new Bq76952Limits(4.3, 1.05, 20, 40, 45, 0, 55, -20);

        assertThatThrownBy(() -> Bq76952ProtectionPlan.of(
                        msl, Bq76952Margins.DEFAULT, 0.001, Bq76952Rig.inputs(16), List.of(1), "hal.bq76952"))
                .hasMessageContaining("cellUnderVolts threshold would be 0.950 V")
                .hasMessageContaining("at least " + "1.012 V");
    }

    private static long value(Bq76952ProtectionPlan plan, String name) {
        return plan.setting(name).value();
    }
}
