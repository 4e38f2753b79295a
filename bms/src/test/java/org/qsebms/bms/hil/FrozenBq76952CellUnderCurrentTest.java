package org.qsebms.bms.hil;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A cell reading frozen under current on a quiet BQ76952 (issue 23, fix23bu), through its driver and register-level
 * emulator: the pack of {@link QuietBq76952UnderASmallCurrentTest} (config/examples/pi-16s-bq76952.yaml, chemistry
 * and capacity replaced, 50 % SOC, 25 °C, contactors asked to close at 120 s, {@code amps} drawn, cells in whole mV
 * without noise, the current with its 20 mA), and cell input 2's voltage register frozen at 300 s. Since fix23bu the
 * cells' while-flowing window ({@code cellStuckWhileFlowing}, 5 s) judges a reading on this front end (1 mV stated)
 * only once the cell model predicts it has moved by more than {@code cellStuckMoveResolutions} (2) mV since it last
 * changed; the healthy cells beside it do not change at every sample, so the relative check does not find it either.
 */
class FrozenBq76952CellUnderCurrentTest {
    private static final double FREEZE_AT_SECONDS = 300.0;

    /** The first time (s) of each fault and level raised, with the first reason, in a run of {@code seconds}. */
    private static Map<String, String> run(String chemistry, double ah, double amps, double seconds) throws Exception {
        return new QuietBq76952Run(chemistry, ah, amps, 0.0, FREEZE_AT_SECONDS).firstRaised(seconds);
    }

    private static double firstSeconds(Map<String, String> first, String key) {
        String at = first.get(key);
        return at == null ? Double.NaN : Double.parseDouble(at.substring(0, at.indexOf(" s:")));
    }

    /**
     * At 1C (NCM 2 Ah at 2 A) the model predicts the frozen cell's move beyond 2 mV within seconds: it is found by
     * CELL_VOLTAGE_STUCK, named, within 20 s of the freeze, and nothing else is raised. Measured 2026-12-08: 310.5 s
     * (10.5 s after the freeze). Before fix23bu this failed: the bare 5 s window condemned a healthy cell (channel 9)
     * at 291.5 s, before the freeze.
     */
    @ParameterizedTest(name = "{0} {1} Ah, {2} A")
    @CsvSource({"psoa-ncm811, 2.0, -2.0, 20.0"})
    void aCellFrozenUnderOneCIsFound(String chemistry, double ah, double amps, double by) throws Exception {
        Map<String, String> first = run(chemistry, ah, amps, 300.0 + by + 10.0);
        assertThat(firstSeconds(first, "CELL_VOLTAGE_STUCK.MSL"))
                .as("CELL_VOLTAGE_STUCK.MSL (s)")
                .isBetween(300.0, 300.0 + by);
        assertThat(first.get("CELL_VOLTAGE_STUCK.MSL")).contains("cell voltage channel 2 ");
        assertThat(first.keySet()).as("nothing else raised").containsExactly("CELL_VOLTAGE_STUCK.MSL");
    }

    /**
     * The small NCM currents of {@link QuietBq76952UnderASmallCurrentTest}: the frozen cell is still found, once the
     * charge since the freeze moves the cell by more than 2 mV on the NCM OCV's flattest slope in its SOC's reach.
     * Measured 2026-12-08: 353.1 s at 0.5 A (C/4; 53.1 s after the freeze, the longest of the NCM rows), 326.7 s at
     * 1 A (26.7 s); since fix23ca (the RC, hysteresis and lithium terms' interval) 353.1 s and 327.1 s. Before fix23bu these failed: a healthy cell condemned at 149.3 s and 210.6 s, before the freeze.
     */
    @ParameterizedTest(name = "{0} {1} Ah, {2} A")
    @CsvSource({"psoa-ncm811, 2.0, -0.5, 70.0", "psoa-ncm811, 2.0, -1.0, 40.0"})
    void aCellFrozenUnderASmallNcmCurrentIsFoundOnceTheModelSaysItMoved(
            String chemistry, double ah, double amps, double by) throws Exception {
        Map<String, String> first = run(chemistry, ah, amps, 300.0 + by + 10.0);
        assertThat(firstSeconds(first, "CELL_VOLTAGE_STUCK.MSL"))
                .as("CELL_VOLTAGE_STUCK.MSL (s)")
                .isBetween(300.0 + 5.0, 300.0 + by);
        assertThat(first.get("CELL_VOLTAGE_STUCK.MSL")).contains("cell voltage channel 2 ");
    }

    /**
     * Known miss (the cost of fix23bu): on the LFP plateau the OCV moves by less than 0.1 mV over 0.2-0.8 SOC, and
     * the SOC the frozen reading stands for is known only within its hysteresis, RC and accuracy reach (most of the
     * plateau), so the model predicts no move from the charge until the span reaches the knee from every start in
     * that reach: the while-flowing window no longer finds a cell frozen on the plateau under a steady current (before
     * fix23bu it found it after 5 s of flow, and so condemned the healthy quiet cells too). Measured: LFP 5 Ah at
     * 0.25 A and 2 Ah at 0.5 A, nothing raised in 2400 s; LFP 2 Ah at 1 A, first CELL_IMBALANCE.MOL at 2871.0 s (the
     * healthy cells leave the plateau, the frozen one stays), CELL_VOLTAGE_STUCK.MSL only at 3199.2 s, when the pack
     * opened (the ohmic term). What would find it: the estimators' coulomb-counted SOC in place of the SOC read from
     * the frozen voltage, or a quiet converter's cells compared with each other over the knee.
     */
    @Disabled("known miss, measured 2026-12-08: LFP cell frozen on the plateau at 300 s under 0.25 A (5 Ah), 0.5 A"
            + " and 1 A (2 Ah): no CELL_VOLTAGE_STUCK in 2400 s (1 A: CELL_IMBALANCE.MOL at 2871.0 s,"
            + " CELL_VOLTAGE_STUCK.MSL at 3199.2 s once the pack opened)")
    @ParameterizedTest(name = "{0} {1} Ah, {2} A")
    @CsvSource({"psoa-lfp, 5.0, -0.25", "psoa-lfp, 2.0, -0.5", "psoa-lfp, 2.0, -1.0"})
    void aCellFrozenOnTheLfpPlateauIsFound(String chemistry, double ah, double amps) throws Exception {
        Map<String, String> first = run(chemistry, ah, amps, 400.0);
        assertThat(firstSeconds(first, "CELL_VOLTAGE_STUCK.MSL"))
                .as("CELL_VOLTAGE_STUCK.MSL (s)")
                .isBetween(300.0, 400.0);
    }
}
