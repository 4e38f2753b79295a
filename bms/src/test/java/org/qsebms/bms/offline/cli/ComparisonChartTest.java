package org.qsebms.bms.offline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Chart titles are the paper tables' names in words, not identifiers. */
class ComparisonChartTest {
    @Test
    void everyPaperTableGetsAReadableTitle() {
        assertThat(ComparisonChart.title("li_li_polarization_mV_vs_current_density"))
                .isEqualTo("Li||Li polarization (mV) vs current density");
        assertThat(ComparisonChart.title("li_li_polarization_mV_vs_temperature"))
                .isEqualTo("Li||Li polarization (mV) vs temperature");
        assertThat(ComparisonChart.title("li_ncm811_rate_capacity_mAh_per_g"))
                .isEqualTo("Li||NCM811 rate capacity (mAh/g)");
        assertThat(ComparisonChart.title("interfacial_resistance_ohm.rest_30_days"))
                .isEqualTo("Interfacial resistance (ohm): rest 30 days");
        assertThat(ComparisonChart.title("li_lfp_polarization_mV_0p5c_10p6mg"))
                .isEqualTo("Li||LFP polarization (mV) 0.5C 10.6 mg/cm²");
        assertThat(ComparisonChart.title("cycle_life")).isEqualTo("Cycle life");
    }
}
