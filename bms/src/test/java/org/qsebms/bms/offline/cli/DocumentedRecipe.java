package org.qsebms.bms.offline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The documented characterisation recipes (docs/estimation.md), run through {@code bms characterize}
 * on the shared data for the tests that replay against them.
 */
final class DocumentedRecipe {
    private DocumentedRecipe() {}

    /**
     * The NCA recipe: the 25 °C C/20 OCV test and the 25 and 0 °C HPPC tests, 2.9 Ah, base preset
     * psoa-ncm811. With {@code slowLogs} (e.g. {@code "LA92"}), the slow polarisation branch is learnt
     * from those 25 °C drive logs ({@code --slow-polarisation-log}).
     *
     * @return {@code out}, the preset written
     */
    static Path nca(Path pan, Path out, String... slowLogs) {
        List<String> args = new ArrayList<>(List.of(
                "--ocv-test",
                pan.resolve("pan18650pf_25C_C20_OCV_native.csv").toString(),
                "--ocv-test",
                pan.resolve("pan18650pf_25C_HPPC_native.csv").toString(),
                "--ocv-test",
                pan.resolve("pan18650pf_0C_HPPC_native.csv").toString(),
                "--pulse-test",
                pan.resolve("pan18650pf_25C_HPPC_native.csv").toString(),
                "--pulse-test",
                pan.resolve("pan18650pf_0C_HPPC_native.csv").toString(),
                "--capacity-ah",
                "2.9",
                "--base-preset",
                "psoa-ncm811",
                "--out",
                out.toString()));
        for (String cycle : slowLogs) {
            args.add("--slow-polarisation-log");
            args.add(pan.resolve("pan18650pf_25C_" + cycle + ".csv").toString());
        }
        return characterise(out, args);
    }

    /**
     * The LFP recipe: the four 25 °C OCV tests and the 25 °C dynamic script as the pulse test, 2.05 Ah,
     * base preset psoa-lfp.
     *
     * @return {@code out}, the preset written
     */
    static Path lfp(Path a123, Path out) {
        return characterise(out, lfpArguments(a123, out));
    }

    /** The LFP recipe's {@code bms characterize} arguments, for a test that reads the command's output. */
    static List<String> lfpArguments(Path a123, Path out) {
        return List.of(
                "--ocv-test",
                a123.resolve("a123_lfp_25C_ocvtest_S1.csv").toString(),
                "--ocv-test",
                a123.resolve("a123_lfp_25C_ocvtest_S2.csv").toString(),
                "--ocv-test",
                a123.resolve("a123_lfp_25C_ocvtest_S3.csv").toString(),
                "--ocv-test",
                a123.resolve("a123_lfp_25C_ocvtest_S4.csv").toString(),
                "--pulse-test",
                a123.resolve("a123_lfp_25C_script1_dyn.csv").toString(),
                "--capacity-ah",
                "2.05",
                "--base-preset",
                "psoa-lfp",
                "--out",
                out.toString());
    }

    private static Path characterise(Path out, List<String> args) {
        SharedDataValidationTest.Result c =
                SharedDataValidationTest.run(new CharacterizeCommand(), args.toArray(String[]::new));
        assertThat(c.exit()).as(c.err()).isZero();
        return out;
    }
}
