package org.qsebms.bms.offline.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.qsebms.estimators.calibration.CalibratedModel;
import org.qsebms.estimators.calibration.PaperCalibration;
import org.qsebms.estimators.calibration.PaperData;
import org.qsebms.estimators.model.Cathode;
import org.qsebms.estimators.model.CellGeometry;
import org.qsebms.estimators.model.ConstantCurrentCycler;
import org.qsebms.estimators.model.CyclingResult;
import org.qsebms.estimators.model.Electrolyte;
import org.qsebms.estimators.model.QseCell;
import org.qsebms.estimators.model.QseCellParameters;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code bms model simulate}: the paper's long Li||LFP run (0.5 C, 8,300 h) at 1 s steps, with speed. */
@Command(
        name = "simulate",
        mixinStandardHelpOptions = true,
        description =
                "Cycle one Li||LFP lab cell at constant current for its life (default: the paper's 8,300 h at 0.5 C).")
final class ModelSimulateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--hours", description = "Simulated time limit (default: ${DEFAULT-VALUE}).", defaultValue = "8300")
    double hours;

    @Option(
            names = "--c-rate",
            description = "Charge and discharge rate (default: ${DEFAULT-VALUE}).",
            defaultValue = "0.5")
    double cRate;

    @Option(names = "--dt", description = "Step in seconds (default: ${DEFAULT-VALUE}).", defaultValue = "1")
    double dtSeconds;

    @Option(
            names = "--electrolyte",
            description = "PSOA, PTPA or LE (default: ${DEFAULT-VALUE}).",
            defaultValue = "PSOA")
    Electrolyte electrolyte;

    @Option(
            names = "--loading",
            description = "LFP loading in mg/cm² (default: ${DEFAULT-VALUE}, as in the paper).",
            defaultValue = "2")
    double loadingMgPerCm2;

    @Option(
            names = "--foil-um",
            description = "Lithium foil thickness in um (default: ${DEFAULT-VALUE}).",
            defaultValue = "50")
    double foilUm;

    @Option(
            names = "--ambient",
            description = "Ambient temperature in °C (default: ${DEFAULT-VALUE}).",
            defaultValue = "25")
    double ambientCelsius;

    @Override
    public Integer call() {
        CalibratedModel model = PaperCalibration.calibrate(PaperData.bundled());
        QseCellParameters p = QseCellParameters.of(
                model.laws(electrolyte),
                Cathode.LFP,
                CellGeometry.labCell(loadingMgPerCm2, foilUm),
                ModelCalibrateCommand.shippedOcv(Cathode.LFP));
        QseCell cell = new QseCell(p, 0.0, ambientCelsius);
        ConstantCurrentCycler cycler = new ConstantCurrentCycler(cRate, dtSeconds, 0.8);
        long start = System.nanoTime();
        CyclingResult r = cycler.run(cell, hours);
        double seconds = (System.nanoTime() - start) / 1e9;
        PrintWriter o = spec.commandLine().getOut();
        o.printf(
                Locale.ROOT,
                "Li||LFP %s, %.1f mg/cm², %.0f um Li, %.2f cm² (assumed lab area), %.2f C, dt %.3g s%n",
                electrolyte,
                loadingMgPerCm2,
                foilUm,
                p.geometry().activeAreaCm2(),
                cRate,
                dtSeconds);
        o.printf(
                Locale.ROOT,
                "simulated %.0f h: %d cycles, %s, lithium reserve %.1f %% left, last discharge %.3f mAh%n",
                r.hours(),
                r.cycles(),
                r.endOfLife() ? "end of life reached" : "still alive",
                100 * r.lithiumReserveAh() / p.lithiumReserveAh(),
                r.lastDischargeAh() * 1000);
        o.printf(
                Locale.ROOT,
                "%d cell-steps in %.2f s: %.2f M cell-steps/s%n",
                r.steps(),
                seconds,
                r.steps() / seconds / 1e6);
        o.flush();
        return 0;
    }
}
