package org.qsebms.bms.offline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qsebms.config.PresetCatalog;

/**
 * {@code bms characterize --slow-polarisation-log} on the A123 logs (check20z, 2026-12-06): the slow
 * discharge alone gave a hysteresis of 1209.7 mV, written with exit 0 into a preset {@code bms replay}
 * then refused; with the CCCV charge as well 194.2 mV, silently. The fit's hysteresis is bounded, a fit
 * that explains nothing is not taken, and no preset the loader refuses is left behind.
 */
class SlowFitWithinTheLoaderTest {
    @TempDir
    Path tmp;

    private final Path a123 = SharedDataValidationTest.locateSharedData().resolve("a123_lfp_plett");

    private SharedDataValidationTest.Result characterizeLfp(Path out, String... slowLogs) {
        List<String> args = new ArrayList<>(DocumentedRecipe.lfpArguments(a123, out));
        for (String log : slowLogs) {
            args.add("--slow-polarisation-log");
            args.add(a123.resolve(log).toString());
        }
        return SharedDataValidationTest.run(new CharacterizeCommand(), args.toArray(String[]::new));
    }

    @Test
    void characterizeNeverWritesAPresetItsLoaderRefuses() {
        // check20z: the LFP slow discharge gave a 1209.7 mV hysteresis, written with exit 0, refused by replay
        Path out = tmp.resolve("lfp-slow2.yaml");
        SharedDataValidationTest.Result r = characterizeLfp(out, "a123_lfp_25C_script2_slowdischarge.csv");
        if (r.exit() == 0) {
            new PresetCatalog().load(out.toString()); // throws if the loader refuses it
            assertThat(r.out()).doesNotContain("hysteresis 1209");
        } else {
            assertThat(r.err()).contains("cannot characterise", "refused by the loader", "none was written");
            assertThat(Files.exists(out)).isFalse();
        }
    }

    @Test
    void aSlowFitBeyondAnyHysteresisKeepsTheOcvTestsOne() {
        // check20z: script2 + script3 gave 194.2 mV silently, and the dynamic script's RMSE rose 1.66 -> 5.89 %
        Path out = tmp.resolve("lfp-slow23.yaml");
        SharedDataValidationTest.Result r =
                characterizeLfp(out, "a123_lfp_25C_script2_slowdischarge.csv", "a123_lfp_25C_script3_cccv_charge.csv");
        assertThat(r.exit()).as(r.err()).isZero();
        double volts = new PresetCatalog().load(out.toString()).hysteresis().magnitudeVolts();
        assertThat(volts).isLessThanOrEqualTo(0.040);
        assertThat(r.out()).contains("the fit gave 194.2 mV, above the 40.0 mV", "kept");
        // the branch with the kept hysteresis lowered the residual's RMS by 0.3 %: none is added
        assertThat(r.out()).contains("slowPolarisation: none added");
        assertThat(new PresetCatalog()
                        .load(out.toString())
                        .cell()
                        .slowPolarisation()
                        .isNone())
                .isTrue();
    }
}
