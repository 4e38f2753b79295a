package org.qsebms.bms.offline.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.qsebms.config.PresetCatalog;
import org.qsebms.estimators.calibration.CalibratedModel;
import org.qsebms.estimators.calibration.PaperCalibration;
import org.qsebms.estimators.calibration.PaperData;
import org.qsebms.estimators.calibration.PresetYamlWriter;
import org.qsebms.estimators.model.Cathode;
import org.qsebms.estimators.model.Electrolyte;
import org.qsebms.estimators.model.OcvCurve;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code bms model calibrate}: fit the laws from the paper and write a chemistry preset YAML. */
@Command(
        name = "calibrate",
        mixinStandardHelpOptions = true,
        description = "Fit every law from the paper's tables and write a chemistry preset (YAML).")
final class ModelCalibrateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(
            names = "--out",
            paramLabel = "FILE",
            description = "Preset file to write; prints to standard output when absent.")
    Path out;

    @Option(
            names = "--electrolyte",
            description = "PSOA, PTPA or LE (default: ${DEFAULT-VALUE}).",
            defaultValue = "PSOA")
    Electrolyte electrolyte;

    @Option(names = "--cathode", description = "NCM811 or LFP (default: ${DEFAULT-VALUE}).", defaultValue = "NCM811")
    Cathode cathode;

    @Override
    public Integer call() {
        CalibratedModel model = PaperCalibration.calibrate(PaperData.bundled());
        String yaml = PresetYamlWriter.write(model, electrolyte, cathode, shippedOcv(cathode));
        if (out == null) {
            spec.commandLine().getOut().print(yaml);
            spec.commandLine().getOut().flush();
            return 0;
        }
        try {
            Path parent = out.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(out, yaml, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write preset to " + out.toAbsolutePath(), e);
        }
        spec.commandLine()
                .getOut()
                .println("wrote " + PresetYamlWriter.presetName(electrolyte, cathode) + " preset to " + out);
        spec.commandLine().getOut().flush();
        return 0;
    }

    /** The shipped OCV curve of {@code cathode} (the same for every electrolyte: it is the cathode's potential vs Li). */
    static OcvCurve shippedOcv(Cathode cathode) {
        return new PresetCatalog()
                .load("psoa-" + cathode.name().toLowerCase(Locale.ROOT))
                .cell()
                .ocv();
    }
}
