package org.qsebms.bms.offline.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.qsebms.estimators.characterization.CellCharacterizer;
import org.qsebms.estimators.characterization.CellTestLog;
import org.qsebms.estimators.characterization.Characterization;
import org.qsebms.estimators.soc.EkfAdaptation;
import org.qsebms.estimators.soc.EkfTuning;
import org.qsebms.estimators.soc.SocFilterKind;

/**
 * {@link MidCycleConvergenceTest}'s mid-drive starts (25 °C NCA drive cycles, SOC 30 % off in either
 * direction, under load) with the sigma-point filter: of the eighteen starts whose targets the EKF meets,
 * seventeen are met by the SPKF too and asserted; one is a known miss, kept disabled with its figure.
 * Each start prints both filters' figures side by side (docs/estimation.md).
 */
class SpkfMidCycleConvergenceTest {
    private static Characterization nca;

    private static synchronized Characterization nca() {
        if (nca == null) {
            CellTestLog c20 =
                    CellLogCsv.read(SharedData.file("panasonic_18650pf_nca/pan18650pf_25C_C20_OCV_native.csv"));
            CellTestLog h25 = CellLogCsv.read(SharedData.file("panasonic_18650pf_nca/pan18650pf_25C_HPPC_native.csv"));
            CellTestLog h0 = CellLogCsv.read(SharedData.file("panasonic_18650pf_nca/pan18650pf_0C_HPPC_native.csv"));
            nca = CellCharacterizer.forCapacity(2.9).characterize(List.of(c20, h25, h0), List.of(h25, h0), 2.9);
        }
        return nca;
    }

    @ParameterizedTest
    @CsvSource({
        "US06,500,0.3",
        "US06,1000,0.3",
        "HWFTa,1000,0.3",
        "HWFTa,2000,-0.3",
        "LA92,2000,0.3",
        "LA92,8000,-0.3",
        "Cycle_1,3000,0.3",
        "Cycle_1,6000,-0.3",
        "Cycle_2,2000,-0.3",
        "US06,1500,0.3",
        "US06,1500,-0.3",
        "LA92,5000,0.3",
        "LA92,5000,-0.3",
        "Cycle_2,4000,0.3",
        "Cycle_2,4000,-0.3",
        "HWFTa,3000,0.3",
        "HWFTa,3000,-0.3"
    })
    void theSigmaPointFilterMeetsTheTargetsWhereTheEkfDoes(String cycle, int startRow, double offset) {
        compareAndAssert(cycle, startRow, offset);
    }

    /**
     * HWFTa row 4000 (SOC 0.52) +30 %, once a known miss (SPKF 1.0138 % RMSE against the 1 % target, the
     * EKF 0.9996 %); re-measured 2026-12-02 (fourth session) on the merged main: EKF 0.95 %, SPKF 0.96 %
     * (max 1.47 %, coverage 100 %). Still the thinnest margin of the starts, so kept apart.
     */
    @ParameterizedTest
    @CsvSource({"HWFTa,4000,0.3"})
    void theSigmaPointFilterAlsoMeetsTheThinMarginStart(String cycle, int startRow, double offset) {
        compareAndAssert(cycle, startRow, offset);
    }

    private static void compareAndAssert(String cycle, int startRow, double offset) {
        ReplaySummary ekf = replayFrom(cycle, startRow, offset, SocFilterKind.EKF);
        ReplaySummary spkf = replayFrom(cycle, startRow, offset, SocFilterKind.SPKF);
        System.out.printf(
                Locale.ROOT,
                "mid-drive %s row %d %+.0f %%: RMSE / max / converged / coverage / median bound: ekf %.2f %% / %.2f %% / %.0f s"
                        + " / %.1f %% / %.2f %% | spkf %.2f %% / %.2f %% / %.0f s / %.1f %% / %.2f %%%n",
                cycle,
                startRow,
                100 * offset,
                100 * ekf.socRmse(),
                100 * ekf.socMaxError(),
                ekf.convergedAfterSeconds(),
                100 * ekf.boundCoverage(),
                100 * ekf.medianBound3Sigma(),
                100 * spkf.socRmse(),
                100 * spkf.socMaxError(),
                spkf.convergedAfterSeconds(),
                100 * spkf.boundCoverage(),
                100 * spkf.medianBound3Sigma());
        assertThat(spkf.stayedConvergedAfterSeconds())
                .as("seconds to |error| < 2 % for good")
                .isLessThanOrEqualTo(600);
        assertThat(spkf.socRmse()).as("SOC RMSE").isLessThanOrEqualTo(0.01);
        assertThat(spkf.socMaxError()).as("SOC max error").isLessThanOrEqualTo(0.03);
        assertThat(spkf.boundCoverage()).as("3-sigma coverage").isGreaterThanOrEqualTo(0.95);
    }

    private static ReplaySummary replayFrom(String cycle, int startRow, double offset, SocFilterKind filter) {
        CellTestLog full = CellLogCsv.read(SharedData.file("panasonic_18650pf_nca/pan18650pf_25C_" + cycle + ".csv"));
        CellTestLog log = MidCycleConvergenceTest.from(full, startRow);
        double start = Math.max(0, Math.min(1, log.socRef()[0] + offset));
        return new LogReplay(
                        nca().cell(), nca().hysteresis(), EkfTuning.defaults(), EkfAdaptation.resistance(), 600, filter)
                .run(log, start)
                .summary();
    }
}
