package org.qsebms.bms.offline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bms characterize} copies the base preset's limits into the preset it writes; a base preset of
 * another chemistry is refused (found by the adversarial check of 2026-12-03: the A123 LFP cell
 * characterised with the default base preset got NCM811's 4.2 / 4.3 V over-voltage limits, which it
 * never reaches).
 */
class BasePresetMismatchTest {
    @TempDir
    Path tmp;

    private static final Path A123 = SharedDataValidationTest.locateSharedData().resolve("a123_lfp_plett");
    private static final Path PAN = SharedDataValidationTest.locateSharedData().resolve("panasonic_18650pf_nca");

    private SharedDataValidationTest.Result lfp(String... basePreset) {
        String[] args = {
            "--ocv-test", A123.resolve("a123_lfp_25C_ocvtest_S1.csv").toString(),
            "--ocv-test", A123.resolve("a123_lfp_25C_ocvtest_S2.csv").toString(),
            "--ocv-test", A123.resolve("a123_lfp_25C_ocvtest_S3.csv").toString(),
            "--ocv-test", A123.resolve("a123_lfp_25C_ocvtest_S4.csv").toString(),
            "--pulse-test", A123.resolve("a123_lfp_25C_script1_dyn.csv").toString(),
            "--capacity-ah", "2.05",
            "--out", tmp.resolve("lfp.yaml").toString()
        };
        String[] all = new String[args.length + basePreset.length];
        System.arraycopy(args, 0, all, 0, args.length);
        System.arraycopy(basePreset, 0, all, args.length, basePreset.length);
        return SharedDataValidationTest.run(new CharacterizeCommand(), all);
    }

    @Test
    void anLfpCellWithTheDefaultNcmBasePresetIsRefused() {
        SharedDataValidationTest.Result r = lfp();
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err())
                .contains("--base-preset psoa-ncm811", "the cell's OCV reaches 3.", "over-voltage MOL of 4.20 V")
                .contains("another chemistry's", "psoa-lfp");
        assertThat(tmp.resolve("lfp.yaml")).doesNotExist();
    }

    @Test
    void theSameCellWithAnLfpBasePresetIsCharacterised() {
        SharedDataValidationTest.Result r = lfp("--base-preset", "psoa-lfp");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(tmp.resolve("lfp.yaml")).exists();
    }

    @Test
    void anNcaCellWithAnLfpBasePresetIsRefused() {
        SharedDataValidationTest.Result r = SharedDataValidationTest.run(
                new CharacterizeCommand(),
                "--ocv-test",
                PAN.resolve("pan18650pf_25C_C20_OCV_native.csv").toString(),
                "--ocv-test",
                PAN.resolve("pan18650pf_25C_HPPC_native.csv").toString(),
                "--pulse-test",
                PAN.resolve("pan18650pf_25C_HPPC_native.csv").toString(),
                "--capacity-ah",
                "2.9",
                "--base-preset",
                "psoa-lfp",
                "--out",
                tmp.resolve("nca.yaml").toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--base-preset psoa-lfp", "above its over-voltage MSL of 3.65 V");
        assertThat(tmp.resolve("nca.yaml")).doesNotExist();
    }
}
