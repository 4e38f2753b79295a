package org.qsebms.bms.offline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qsebms.config.PresetCatalog;
import org.qsebms.estimators.model.SlowPolarisation;

/**
 * {@code bms characterize --slow-polarisation-log}: the slow branch fitted from drive logs lands in
 * the preset as {@code cell.slowPolarisation} and loads again; without the option the preset has
 * none, and the command and the preset's header say what that leaves out; a log without {@code soc_ref} is refused with what to give instead. {@code bms replay
 * --estimate-slow-branch} corrects the branch as a filter state (a different replay) and changes
 * nothing for a preset without a branch.
 */
class SlowPolarisationCharacterizeTest {
    @TempDir
    Path dir;

    private final Path pan = SharedDataValidationTest.locateSharedData().resolve("panasonic_18650pf_nca");

    private SharedDataValidationTest.Result characterise(Path out, String... extra) {
        List<String> args = new ArrayList<>(List.of(
                "--ocv-test",
                pan.resolve("pan18650pf_25C_C20_OCV_native.csv").toString(),
                "--ocv-test",
                pan.resolve("pan18650pf_25C_HPPC_native.csv").toString(),
                "--pulse-test",
                pan.resolve("pan18650pf_25C_HPPC_native.csv").toString(),
                "--capacity-ah",
                "2.9",
                "--out",
                out.toString()));
        args.addAll(List.of(extra));
        return SharedDataValidationTest.run(new CharacterizeCommand(), args.toArray(String[]::new));
    }

    @Test
    void theBranchIsWrittenAndLoadsAndWithoutTheOptionThereIsNone() throws IOException {
        Path with = dir.resolve("with.yaml");
        SharedDataValidationTest.Result r = characterise(
                with,
                "--slow-polarisation-log",
                pan.resolve("pan18650pf_25C_LA92.csv").toString(),
                "--slow-polarisation-log",
                pan.resolve("pan18650pf_25C_Cycle_1.csv").toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("slowPolarisation: a third RC branch").contains("pan18650pf_25C_LA92.csv");
        assertThat(Files.readString(with)).contains("slowPolarisation:");
        assertThat(r.out()).doesNotContain("no slow polarisation branch");
        SlowPolarisation slow = new PresetCatalog().load(with.toString()).cell().slowPolarisation();
        assertThat(slow.isNone()).isFalse();
        assertThat(slow.regions()).isEqualTo(10);
        // the drive logs' low-SOC slope (docs/estimation.md): tens of mOhm below SOC 0.4
        assertThat(slow.ohmsAt(0.3)).as("R3 at SOC 0.3 (ohm)").isBetween(0.010, 0.060);

        Path without = dir.resolve("without.yaml");
        SharedDataValidationTest.Result plain = characterise(without);
        assertThat(plain.exit()).as(plain.err()).isZero();
        assertThat(Files.readString(without)).doesNotContain("slowPolarisation");
        // said where a user reads it: on the command's output and in the preset's header
        assertThat(plain.out())
                .contains("no slow polarisation branch (no --slow-polarisation-log)")
                .contains("Give one or more drive logs with soc_ref (--slow-polarisation-log)");
        assertThat(Files.readString(without)).contains("# no slow polarisation branch");
        assertThat(new PresetCatalog().load(without.toString()).cell().slowPolarisation())
                .isEqualTo(SlowPolarisation.NONE);

        // bms replay --estimate-slow-branch: the branch corrected as a state changes the replay of the preset
        // with a branch (started mid-drive, where the branch's start has a doubt), and nothing without one
        List<String> rows = Files.readAllLines(pan.resolve("pan18650pf_25C_US06.csv"));
        Path midDrive = dir.resolve("us06-from-row-2500.csv");
        Files.write(
                midDrive,
                java.util.stream.Stream.concat(
                                rows.stream().limit(1), rows.stream().skip(2501))
                        .toList());
        assertThat(replay(midDrive, with, true)).isNotEqualTo(replay(midDrive, with, false));
        assertThat(replay(midDrive, without, true)).isEqualTo(replay(midDrive, without, false));
    }

    /**
     * {@code bms replay} of {@code log} from SOC 0.35 (the log's is 0.54; the branch's start takes the
     * filter's SOC, where it is tens of mOhm) with {@code preset}; its standard output.
     */
    private String replay(Path log, Path preset, boolean slowBranchState) {
        List<String> args =
                new ArrayList<>(List.of(log.toString(), "--preset", preset.toString(), "--initial-soc", "0.35"));
        if (slowBranchState) {
            args.add("--estimate-slow-branch");
        }
        SharedDataValidationTest.Result r =
                SharedDataValidationTest.run(new ReplayCommand(), args.toArray(String[]::new));
        assertThat(r.exit()).as(r.err()).isZero();
        return r.out();
    }

    @Test
    void aLogWithoutSocRefIsRefusedWithWhatToGive() throws IOException {
        Path log = dir.resolve("drive.csv");
        StringBuilder b = new StringBuilder("time_s,current_a,voltage_v,temperature_c\n");
        for (int k = 0; k < 600; k++) {
            b.append(k).append(",-1.0,").append(3.9 - 0.0001 * k).append(",25\n");
        }
        Files.writeString(log, b.toString());
        SharedDataValidationTest.Result r =
                characterise(dir.resolve("x.yaml"), "--slow-polarisation-log", log.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--slow-polarisation-log").contains("soc_ref");
    }
}
