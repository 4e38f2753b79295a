package org.qsebms.bms.replay;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.qsebms.estimators.characterization.CellCharacterizer;
import org.qsebms.estimators.characterization.CellTestLog;
import org.qsebms.estimators.characterization.Characterization;
import org.qsebms.estimators.soc.EkfTuning;

class ScratchExperimentTest {
    static final double[][] TUNINGS = {{0.08, 0.001, 0.02}, {0.02, 0.001, 0.02}, {0.08, 0.01, 0.02}};

    @Test
    void panasonic() {
        double q = 2.9;
        CellTestLog ocv = CellLogCsv.read(SharedData.file("panasonic_18650pf_nca/pan18650pf_25C_C20_OCV_native.csv"));
        CellTestLog h25 = CellLogCsv.read(SharedData.file("panasonic_18650pf_nca/pan18650pf_25C_HPPC_native.csv"));
        CellTestLog h0 = CellLogCsv.read(SharedData.file("panasonic_18650pf_nca/pan18650pf_0C_HPPC_native.csv"));
        Characterization c = CellCharacterizer.forCapacity(q).characterize(List.of(ocv, h25), List.of(h25, h0), q);
        System.out.println(c.cell());
        for (String f : List.of("25C_US06", "25C_HWFTa", "25C_LA92", "25C_Cycle_2", "25C_Cycle_1", "10C_US06", "0C_LA92")) {
            CellTestLog log = CellLogCsv.read(SharedData.file("panasonic_18650pf_nca/pan18650pf_" + f + ".csv"));
            for (double[] tu : TUNINGS) {
                EkfTuning tuning = new EkfTuning(0.05, tu[0], tu[1], 0.2, 0.02, 0.05, 6.0, 20, tu[2]);
                LogReplay.Result r = new LogReplay(c.cell(), c.hysteresis(), tuning, 600).run(log, 0.7);
                System.out.println("RES " + java.util.Arrays.toString(tu) + " " + r.summary().toJson());
            }
        }
    }

    @Test
    void a123() {
        double q = 2.05;
        List<CellTestLog> ocv = List.of(1, 2, 3, 4).stream().map(i -> CellLogCsv.read(
                SharedData.file("a123_lfp_plett/a123_lfp_25C_ocvtest_S" + i + ".csv"))).toList();
        CellTestLog p25 = CellLogCsv.read(SharedData.file("a123_lfp_plett/a123_lfp_25C_script1_dyn.csv"));
        Characterization c = CellCharacterizer.forCapacity(q).characterize(ocv, List.of(p25), q);
        System.out.println(c.cell());
        System.out.println(c.hysteresis());
        c.notes().forEach(System.out::println);
        for (String f : List.of("25C", "5C", "45C")) {
            CellTestLog log = CellLogCsv.read(SharedData.file("a123_lfp_plett/a123_lfp_" + f + "_script1_dyn.csv"));
            for (double[] tu : TUNINGS) {
                EkfTuning tuning = new EkfTuning(0.05, tu[0], tu[1], 0.2, 0.02, 0.05, 6.0, 20, tu[2]);
                LogReplay.Result r = new LogReplay(c.cell(), c.hysteresis(), tuning, 600).run(log, 0.7);
                System.out.println("RES " + java.util.Arrays.toString(tu) + " " + r.summary().toJson());
                r = new LogReplay(c.cell(), c.hysteresis(), tuning, 600).run(log, Double.NaN);
                System.out.println("RES-ocvinit " + java.util.Arrays.toString(tu) + " " + r.summary().toJson());
            }
        }
    }
}
