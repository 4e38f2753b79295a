package org.qsebms.estimators.calibration;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.qsebms.estimators.model.Cathode;
import org.qsebms.estimators.model.CellGeometry;
import org.qsebms.estimators.model.EcmParameters;
import org.qsebms.estimators.model.Electrolyte;
import org.qsebms.estimators.model.ElectrolyteLaws;
import org.qsebms.estimators.model.LithiumInterface;
import org.qsebms.estimators.model.OcvCurve;
import org.qsebms.estimators.model.QseCellParameters;
import org.qsebms.estimators.model.SeiLaw;
import org.qsebms.estimators.soc.HysteresisModel;

/**
 * The cell section of a chemistry preset calibrated from the paper's laws, scaled to a reference
 * pouch cell and rounded to the digits the preset file keeps (four significant, N/P two
 * decimals), with the notes that say where its numbers came from. {@code bms model calibrate}
 * writes it with config's preset codec; the preset's limits are data in the preset file, not here.
 *
 * @param name     preset name such as {@code psoa-ncm811}
 * @param cell     the equivalent-circuit parameters, rounded (its OCV is the shipped table's)
 * @param ocvTable the shipped OCV table resource the preset names
 * @param npRatio  the lithium excess of the reference cell
 * @param hysteresis the cathode's OCV hysteresis, the one the simulated cell has ({@link
 *                 HysteresisModel#NONE} for a cathode without)
 * @param lithium  the lithium interface's fitted law over the reference cell's area, the one the simulated cell
 *                 has (rounded as the cell is)
 * @param notes    the fitted laws and the reference cell, one comment line each
 */
public record CalibratedPreset(
        String name,
        EcmParameters cell,
        String ocvTable,
        double npRatio,
        HysteresisModel hysteresis,
        LithiumInterface lithium,
        List<String> notes) {

    public CalibratedPreset {
        notes = List.copyOf(notes);
    }

    /** Reference pouch cell: 50 cm² electrodes, 22 layers, the paper's high loadings, 50 um Li, 100 um QSE. */
    public static CellGeometry referencePouch(Cathode cathode) {
        return new CellGeometry(
                50.0, 22, cathode == Cathode.NCM811 ? 8.6 : 10.6, 50.0, CellGeometry.LAB_ELECTROLYTE_UM);
    }

    /** Shipped OCV table for {@code cathode}. */
    public static String ocvTable(Cathode cathode) {
        return cathode == Cathode.NCM811 ? "ocv/li_ncm811_ocv_sturm2019_mj1.csv" : "ocv/li_lfp_ocv_safari2011.csv";
    }

    /** Preset name such as {@code psoa-ncm811}. */
    public static String presetName(Electrolyte e, Cathode c) {
        return e.name().toLowerCase(Locale.ROOT) + "-" + c.name().toLowerCase(Locale.ROOT);
    }

    /** The calibrated cell of {@code e} x {@code cathode} from {@code model}, with {@code ocv} as its OCV. */
    public static CalibratedPreset of(CalibratedModel model, Electrolyte e, Cathode cathode, OcvCurve ocv) {
        ElectrolyteCalibration cal = model.calibration(e);
        ElectrolyteLaws laws = cal.laws();
        CellGeometry g = referencePouch(cathode);
        QseCellParameters p = QseCellParameters.of(laws, cathode, g, ocv);
        EcmParameters ecm = p.toEcmParameters();
        EcmParameters rounded = EcmParameters.builder()
                .capacityAh(round(p.capacityAtRateAh(0.2), "%.4g"))
                .r0Ohms(round(ecm.r0Ohms(), "%.4g"))
                .r1Ohms(round(ecm.r1Ohms(), "%.4g"))
                .tau1Seconds(round(ecm.tau1Seconds(), "%.4g"))
                .r2Ohms(round(ecm.r2Ohms(), "%.4g"))
                .tau2Seconds(round(ecm.tau2Seconds(), "%.4g"))
                .activationEnergyJPerMol(Math.round(ecm.activationEnergyJPerMol()))
                .ocv(ecm.ocv())
                .resistance(ecm.resistance())
                .timeConstants(ecm.timeConstants())
                .characterisedCelsius(ecm.characterisedCelsius())
                .build();
        double npRatio = round(g.negativeToPositiveRatio(cathode.nominalMilliAmpHoursPerGram()), "%.2f");
        return new CalibratedPreset(
                presetName(e, cathode),
                rounded,
                ocvTable(cathode),
                npRatio,
                hysteresis(cathode),
                lithiumInterface(p),
                notes(cal, e, cathode, g));
    }

    /**
     * The cathode's OCV hysteresis as the SOC filter and the soft-short detector model it: the
     * magnitude and rate {@link Cathode} gives the simulated cell, so the preset and the simulation
     * describe one cell.
     */
    public static HysteresisModel hysteresis(Cathode cathode) {
        return cathode.hasHysteresis()
                ? new HysteresisModel(cathode.hysteresisVolts(), cathode.hysteresisRatePerSoc())
                : HysteresisModel.NONE;
    }

    /**
     * The simulated cell's lithium interface law (its Butler-Volmer and SEI terms over the reference cell's area),
     * rounded as the cell is: the preset's first RC pair is that law linearised at 1 C, which at a soft short's or a
     * bleed's milliamps drops far less than the interface does.
     */
    static LithiumInterface lithiumInterface(QseCellParameters p) {
        LithiumInterface exact = p.lithiumInterface();
        return new LithiumInterface(
                round(exact.tafelVolts(), "%.4g"), round(exact.exchangeAmps(), "%.4g"), round(exact.ohms(), "%.4g"));
    }

    private static List<String> notes(ElectrolyteCalibration cal, Electrolyte e, Cathode cathode, CellGeometry g) {
        ElectrolyteLaws laws = cal.laws();
        List<String> n = new ArrayList<>();
        String cathodeText = cathode == Cathode.NCM811 ? "NCM811" : "LiFePO4";
        n.add("Li-metal || " + cathodeText + " pouch cell with the " + electrolyteText(e) + " electrolyte.");
        n.add("Cell section generated by `bms model calibrate` from the seed paper's tables (qse-paper-data.yaml);"
                + " do not edit it by hand.");
        n.add("Electrolyte, cathode, anodicLimitVolts, limits and supplementary are data: edit them here,"
                + " calibrate keeps them.");
        n.add(f(
                "Reference cell: %.0f cm² electrodes x %d layers, %.1f mg/cm² cathode, %.0f um Li foil,"
                        + " %.0f um electrolyte.",
                g.electrodeAreaCm2(),
                g.layers(),
                g.cathodeLoadingMgPerCm2(),
                g.lithiumFoilUm(),
                g.electrolyteThicknessUm()));
        n.add(f(
                "Lab cells of the paper assumed %.1f cm² (area not stated). N/P = %.2f.",
                CellGeometry.LAB_CELL_AREA_CM2, g.negativeToPositiveRatio(cathode.nominalMilliAmpHoursPerGram())));
        n.add("Fitted laws (area-specific):");
        n.add(f(
                "  Li interface: eta = %.4g mV * asinh(j / (2 * %.4g mA/cm²)) + %.4g ohm cm² * j",
                laws.interfacial().tafelMillivolts(),
                laws.interfacial().exchangeMilliAmpsPerCm2(),
                laws.interfacial().seiOhmCm2()));
        n.add(f(
                "  bulk: %.4g ohm cm² (%.2f mS/cm, t+ = %.2f); temperature: Arrhenius B = %.0f K (Ea = %.1f kJ/mol)",
                laws.bulkOhmCm2(g.electrolyteThicknessUm()),
                e.conductivityMilliSiemensPerCm(),
                e.transferenceNumber(),
                laws.temperature().pseudoActivationKelvin(),
                laws.temperature().activationEnergyJPerMol() / 1000));
        n.add(f(
                "  rate capacity (NCM811): q = %.1f mAh/g / (1 + (C / %.3g)^%.3g); cathode side %.3g ohm cm²",
                laws.rateCapacity().zeroRateMilliAmpHoursPerGram(),
                laws.rateCapacity().halfCapacityRate(),
                laws.rateCapacity().exponent(),
                laws.cathodeOhmCm2()));
        n.add(f(
                "  SEI: rest gain %.3f per sqrt(30 d), cycling gain %.3f (scale %.0f cycles)",
                laws.sei().restGainPerMonth(), laws.sei().cycleGain(), SeiLaw.CYCLE_SCALE));
        n.add(f(
                "  lithium loss per cycle: %.4g mAh/cm² * j^%.3f; reserve %.2f mAh/cm² (%.0f um Li)",
                laws.lithiumLoss().lossMilliAmpHoursPerCm2AtUnitCurrent(),
                laws.lithiumLoss().currentExponent(),
                g.lithiumMilliAmpHoursPerCm2(),
                g.lithiumFoilUm()));
        if (cathode.hasHysteresis()) {
            n.add(f(
                    "  OCV hysteresis (cathode, not fitted): %.1f mV half-gap, rate %.0f per unit SOC"
                            + " (the simulated cell's)",
                    1000 * cathode.hysteresisVolts(), cathode.hysteresisRatePerSoc()));
        }
        n.add("  sources: " + cal.sources());
        n.add("Lithium metal must not be charged below 0 °C (chargeUnderTemperature.msl).");
        if (e.shortRiskCelsius() > Double.NEGATIVE_INFINITY) {
            n.add(f(
                    "The liquid electrolyte's Li||Li cells shorted at %.1f °C: discharge is tripped above that"
                            + " (dischargeUnderTemperature).",
                    e.shortRiskCelsius()));
        }
        return n;
    }

    private static String electrolyteText(Electrolyte e) {
        return switch (e) {
            case PSOA -> "QSE(PSOA) quasi-solid-state";
            case PTPA -> "QSE(PTPA) quasi-solid-state";
            case LE -> "liquid (EC/DEC, 1 M LiPF6)";
        };
    }

    /** {@code v} as the preset file kept it when it was written with {@code format}. */
    private static double round(double v, String format) {
        return Double.parseDouble(f(format, v));
    }

    private static String f(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
