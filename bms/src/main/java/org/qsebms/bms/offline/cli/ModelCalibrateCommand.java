package org.qsebms.bms.offline.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.qsebms.config.PresetCatalog;
import org.qsebms.config.PresetCellDocument;
import org.qsebms.config.PresetCodec;
import org.qsebms.config.PresetDocument;
import org.qsebms.estimators.calibration.CalibratedModel;
import org.qsebms.estimators.calibration.CalibratedPreset;
import org.qsebms.estimators.calibration.PaperCalibration;
import org.qsebms.estimators.calibration.PaperData;
import org.qsebms.estimators.model.Cathode;
import org.qsebms.estimators.model.EcmParameters;
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
        CalibratedPreset calibrated = CalibratedPreset.of(model, electrolyte, cathode, shippedOcv(cathode));
        if (out == null) {
            spec.commandLine().getOut().print(presetText(calibrated));
            spec.commandLine().getOut().flush();
            return 0;
        }
        PresetCodec codec = new PresetCodec();
        codec.write(out, document(codec, calibrated), calibrated.notes(), List.of());
        spec.commandLine()
                .getOut()
                .println("wrote " + CalibratedPreset.presetName(electrolyte, cathode) + " preset to " + out);
        spec.commandLine().getOut().flush();
        return 0;
    }

    /** The preset text calibrate writes for {@code calibrated}. */
    static String presetText(CalibratedPreset calibrated) {
        PresetCodec codec = new PresetCodec();
        return codec.write(document(codec, calibrated), calibrated.notes(), List.of());
    }

    /**
     * The calibrated cell section over the shipped preset of the same name: its electrolyte, cathode,
     * anodic limit, limits and supplementary thresholds are data in that file and are kept as they are.
     */
    private static PresetDocument document(PresetCodec codec, CalibratedPreset calibrated) {
        PresetDocument base = codec.read(calibrated.name());
        EcmParameters c = calibrated.cell();
        PresetCellDocument cell = PresetCellDocument.builder()
                .capacityAh(c.capacityAh())
                .r0Ohms(c.r0Ohms())
                .r1Ohms(c.r1Ohms())
                .tau1Seconds(c.tau1Seconds())
                .r2Ohms(c.r2Ohms())
                .tau2Seconds(c.tau2Seconds())
                .activationEnergyJPerMol(c.activationEnergyJPerMol())
                .ocvTable(calibrated.ocvTable())
                .hysteresis(calibrated.hysteresis())
                .lithiumInterface(calibrated.lithium())
                // r0Ohms is the bulk electrolyte part (conductivity, thickness, area)
                .bulkOhms(c.r0Ohms())
                .npRatio(calibrated.npRatio())
                // cell keys calibrate does not compute (added to the preset since) are kept as they are
                .otherKeys(base.cell().otherKeys())
                .build();
        return base.withCell(cell);
    }

    /** The shipped OCV curve of {@code cathode} (the same for every electrolyte: it is the cathode's potential vs Li). */
    static OcvCurve shippedOcv(Cathode cathode) {
        return new PresetCatalog()
                .load("psoa-" + cathode.name().toLowerCase(Locale.ROOT))
                .cell()
                .ocv();
    }
}
