package org.qsebms.bms.hil;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A quiet BQ76952 (whole mV, no noise) on a healthy pack whose current tapers while a cell's voltage is held (issue 23,
 * fix23ca): a charger's CV phase near the top, a load that holds the lowest cell at a floor near the bottom
 * ({@link HeldCellLoad}); 900 s at the example's 100 ms, the contactors closed at 120 s.
 */
class QuietBq76952UnderAHeldCellTest {
    /**
     * A healthy pack raises nothing while its current tapers under a held cell. Before fix23ca (measured 2026-12-08
     * on main) the cells' while-flowing window condemned a healthy cell in every row: CELL_VOLTAGE_STUCK.MSL at
     * 449.6 s (NCM charge, channel 1 held 4.144 V for 107.0 s at 0.46 A), 782.9 s (LFP charge, channel 16, 3.491 V,
     * 47.7 s, 0.34 A), 822.4 s (NCM discharge, channel 1, 3.565 V, 91.1 s, -0.44 A), 522.7 s (LFP discharge, channel
     * 10, 3.314 V, 14.8 s, -0.58 A): the predicted move |least OCV move + R0 step| is no lower bound when the OCV
     * moves against the R0 step, which a held voltage makes. Since fix23ca the model predicts the distance from 0 to
     * the interval of its possible moves (docs/safety.md, fix23ca).
     */
    @ParameterizedTest(name = "{0} {1} Ah from {2} SOC, held at {3} V from {4} A")
    @CsvSource({
        "psoa-ncm811, 2.0, 0.78, 4.15, 0.8",
        "psoa-lfp, 2.0, 0.90, 3.50, 0.8",
        "psoa-ncm811, 2.0, 0.20, 3.56, -1.0",
        "psoa-lfp, 2.0, 0.13, 3.30, -1.0"
    })
    void aHeldCellWithATaperingCurrentRaisesNothing(String chemistry, double ah, double soc, double volts, double amps)
            throws Exception {
        var run = new QuietBq76952Run(chemistry, ah, soc, new HeldCellLoad(volts, amps), 0.0, Double.NaN);
        assertThat(run.firstRaised(900.0)).isEmpty();
    }

    /**
     * Known miss (the cost of fix23ca): a cell reading frozen while the current tapers under a held voltage is not
     * found. There every term of the model's move but the OCV's goes against it, the interval of moves holds 0 and the
     * while-flowing window does not judge; the frozen reading stays near the truth too, as the held cells barely move.
     * Measured 2026-12-08 (cell input 2 frozen, 1800 s): NCM charge held at 4.15 V frozen at 450 s, LFP charge held at
     * 3.50 V frozen at 650 s, NCM discharge held at 3.56 V frozen at 450 s, LFP discharge held at 3.30 V frozen at
     * 550 s: nothing raised. On main (before fix23ca) the window condemned a healthy cell first
     * (aHeldCellWithATaperingCurrentRaisesNothing). What would find it: the cells compared with each other once the
     * charger stops and they relax, or the estimators' coulomb-counted SOC in place of the frozen voltage's.
     */
    @Disabled("known miss, measured 2026-12-08: a cell frozen under a held-voltage taper (NCM/LFP, charge and"
            + " discharge): no CELL_VOLTAGE_STUCK in 1800 s")
    @ParameterizedTest(name = "{0} {1} Ah from {2} SOC, held at {3} V from {4} A, frozen at {5} s")
    @CsvSource({
        "psoa-ncm811, 2.0, 0.78, 4.15, 0.8, 450",
        "psoa-lfp, 2.0, 0.90, 3.50, 0.8, 650",
        "psoa-ncm811, 2.0, 0.20, 3.56, -1.0, 450",
        "psoa-lfp, 2.0, 0.13, 3.30, -1.0, 550"
    })
    void aCellFrozenUnderAHeldCellTaperIsFound(
            String chemistry, double ah, double soc, double volts, double amps, double freeze) throws Exception {
        var run = new QuietBq76952Run(chemistry, ah, soc, new HeldCellLoad(volts, amps), 0.0, freeze);
        Map<String, String> first = run.firstRaised(1800.0);
        assertThat(first.get("CELL_VOLTAGE_STUCK.MSL")).contains("cell voltage channel 2 ");
    }
}
