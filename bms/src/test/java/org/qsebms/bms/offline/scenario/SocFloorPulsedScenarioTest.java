package org.qsebms.bms.offline.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Discharge through empty in pulses (issue 23, floors that cannot trip): a load that ignores the
 * limits and draws 4 s pulses with 2 s rests between them. The SOC_LOW debounce (5 s) counted
 * only unbroken discharge, so every rest restarted it and SOC_LOW.MSL was never raised, however
 * far the cells went; only the cell under-voltage MSL ended the run, late on the flat end of the
 * curve (measured before the fix, seed 7: NCM 0.2 A pulses at 1611.8 s, 0.1 A at 3243.5 s, over
 * 1000 s after the nominal charge was gone). A rest neither runs nor restarts the floor's debounce.
 */
class SocFloorPulsedScenarioTest {
    @ParameterizedTest
    @CsvSource({"psoa-ncm811, 0.2", "psoa-ncm811, 0.1", "psoa-lfp, 0.2"})
    void aPulsedDischargeThroughEmptyRaisesTheSocFloorBeforeTheVoltageFloor(String chemistry, double amps) {
        ScenarioLog log = ScenarioLog.run("pack: {chemistry: " + chemistry + ", seriesCells: 4, capacityAh: 2.0}\n"
                + "initial: {soc: 0.02}\n"
                + "load: {type: pulses, highAmps: -" + amps + ", high: 4s, lowAmps: 0.0, low: 2s}\n"
                + "duration: 60min\nseed: 7\n");
        double soc = log.raised("SOC_LOW.MSL");
        double uv = log.raised("CELL_UNDER_VOLTAGE.MSL");
        assertThat(soc).as("SOC_LOW.MSL raised").isFinite();
        assertThat(Double.isNaN(uv) || soc < uv)
                .as("SOC_LOW.MSL at %.1f s before the under-voltage at %.1f s", soc, uv)
                .isTrue();
    }
}
