package org.qsebms.bms.offline.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Issue 23 (check23f), where the SOC floor meets a load that follows the published limits: at the
 * SOC_LOW RSL (0.01) the discharge limit goes to 0 A, the load stops, and at rest the estimate relaxes
 * a hair above 0.01. The floor compared the estimate with the RSL each tick, so the limit reopened to the
 * full discharge limit within a second or two and closed again on the next draw: on a 4 x 2 Ah NCM pack
 * at 0.1 A from SOC 0.03 (150 ms loop) it went from 0 A back to 5 A 2039 times in 40 min. The fault
 * table gives the SOC limits a hysteresis (0.02): a floor reached holds until the SOC is back beyond its
 * RSL by it, so a limit-following load stops once. The same for SOC_HIGH and a charger.
 */
class SocFloorHoldsScenarioTest {

    private static List<Double> limits(ScenarioLog log, String field) {
        return log.of("limits", n -> true).stream()
                .map(n -> n.get(field).asDouble())
                .toList();
    }

    /**
     * How many times the limit went from 0 A back to 0.1 A or more (a voltage derate's taper near a cell
     * limit gives a few mA, which is not the floor reopening).
     */
    private static int reopenings(List<Double> amps) {
        int n = 0;
        boolean zero = false;
        for (double a : amps) {
            if (a == 0.0) {
                zero = true;
            } else if (zero && a >= 0.1) {
                n++;
                zero = false;
            }
        }
        return n;
    }

    @ParameterizedTest(name = "{0} at {1} ms, {2} A")
    @CsvSource({"psoa-ncm811, 150, 0.1", "psoa-ncm811, 250, 0.9", "psoa-lfp, 150, 0.1", "le-lfp, 1000, 0.9"})
    void aLimitFollowingLoadStopsOnceAtTheSocLowFloor(String chemistry, int periodMs, double amps) {
        ScenarioLog log = ScenarioLog.run(String.format(
                Locale.ROOT,
                "pack: {chemistry: %s, seriesCells: 4, capacityAh: 2.0}%nloop: {period: %dms}%n"
                        + "initial: {soc: 0.03}%nload: {type: constant, amps: -%.2f, obeysLimits: true}%n"
                        + "duration: 40min%nlimitsEvery: 10s%n",
                chemistry,
                periodMs,
                amps));
        List<Double> discharge = limits(log, "dischargeAmps");
        assertThat(discharge).as("the floor was reached").contains(0.0);
        assertThat(reopenings(discharge))
                .as("the discharge limit reopened at the floor without a charge\n%s", log.dump())
                .isZero();
        assertThat(log.mslRaised()).isEmpty();
    }

    /**
     * With the SOC_HIGH limits tightened to 0.85/0.88/0.90 (as {@code FaultRowScenarioTest} shows its row), so the
     * floor, not a cell voltage's derate, is what stops the charger: before the fix the charge limit reopened 1472
     * (150 ms) and 895 (250 ms) times in 30 min.
     */
    @ParameterizedTest(name = "{0} ms")
    @CsvSource({"150", "250"})
    void aLimitFollowingChargerStopsOnceAtTheSocHighFloor(int periodMs) {
        ScenarioLog log = ScenarioLog.run(String.format(
                Locale.ROOT,
                "pack: {chemistry: psoa-ncm811, seriesCells: 4, capacityAh: 2.0}%n"
                        + "supplementary: {socHigh: {mol: 0.85, rsl: 0.88, msl: 0.90}}%nloop: {period: %dms}%n"
                        + "initial: {soc: 0.86}%nload: {type: constant, amps: 0.3, obeysLimits: true}%n"
                        + "duration: 30min%nlimitsEvery: 10s%n",
                periodMs));
        List<Double> charge = limits(log, "chargeAmps");
        JsonNode last = log.of("limits", n -> true).getLast();
        assertThat(charge).as("the floor was reached\n%s", log.dump()).contains(0.0);
        assertThat(reopenings(charge))
                .as("the charge limit reopened at the floor without a discharge (last %s)", last)
                .isZero();
        assertThat(log.mslRaised()).isEmpty();
    }
}
