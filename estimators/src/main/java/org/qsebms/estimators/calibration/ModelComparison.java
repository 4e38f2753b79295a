package org.qsebms.estimators.calibration;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.DoubleUnaryOperator;
import org.qsebms.estimators.model.CellGeometry;
import org.qsebms.estimators.model.Electrolyte;
import org.qsebms.estimators.model.ElectrolyteLaws;

/** Model-vs-paper points for every table of the paper that the model reproduces. */
public final class ModelComparison {
    static final String SEI_REST = "interfacial_resistance_ohm.rest_30_days";
    static final String SEI_CYCLING = "interfacial_resistance_ohm.cycling_100_cycles";
    static final String CYCLE_LIFE = "cycle_life";

    private ModelComparison() {}

    /** Every point, table by table. */
    public static List<ComparisonPoint> points(PaperData data, CalibratedModel model) {
        List<ComparisonPoint> out = new ArrayList<>();
        polarizationVsCurrent(data, model, out);
        polarizationVsTemperature(data, model, out);
        rateCapacity(data, model, out);
        sei(data, model, out);
        lfpPolarization(data, model, out);
        cycleLife(data, model, out);
        return out;
    }

    /**
     * The model as a continuous function of the table's x for one electrolyte, for plotting;
     * empty for tables whose x is a set of conditions rather than a variable (cycle life, LFP gap).
     */
    public static Optional<DoubleUnaryOperator> curve(String table, String electrolyte, CalibratedModel model) {
        Electrolyte e = Electrolyte.valueOf(electrolyte.toUpperCase(java.util.Locale.ROOT));
        ElectrolyteCalibration cal = model.calibration(e);
        ElectrolyteLaws laws = cal.laws();
        double bulk = laws.bulkOhmCm2(CellGeometry.LAB_ELECTROLYTE_UM);
        return Optional.ofNullable(
                switch (table) {
                    case PaperCalibration.POLARIZATION_VS_CURRENT ->
                        j -> laws.interfacial().symmetricCellMillivolts(j, bulk);
                    case PaperCalibration.POLARIZATION_VS_TEMPERATURE ->
                        c -> cal.temperatureSeriesMillivolts()
                                * laws.temperature().factor(c);
                    case PaperCalibration.RATE_CAPACITY ->
                        c -> laws.rateCapacity().milliAmpHoursPerGram(c);
                    case SEI_REST -> d -> cal.restInitialOhms() * laws.sei().restFactor(d);
                    case SEI_CYCLING ->
                        n -> cal.cyclingInitialOhms() * laws.sei().cycleFactor(n);
                    default -> null;
                });
    }

    /** What a table's agreement means: which points were fitted and how many parameters they fixed. */
    public static String note(String table) {
        return switch (table) {
            case PaperCalibration.POLARIZATION_VS_CURRENT ->
                "Fitted: 3 parameters (b, j0, rSei) per electrolyte on 5 points;"
                        + " bulk resistance from conductivity and an assumed 100 um film, not fitted.";
            case PaperCalibration.POLARIZATION_VS_TEMPERATURE ->
                "Fitted: Arrhenius (level at 25 °C and B) per electrolyte on"
                        + " 6 points. Hold-out check (tests): PSOA fitted on 20/10/0 °C predicts 15/5/-5 °C within 10 %."
                        + " PTPA has no series and uses PSOA's law.";
            case PaperCalibration.RATE_CAPACITY ->
                "Fitted: q0/(1+(C/Cc)^n), 3 parameters per electrolyte on 5 points."
                        + " Hold-out check (tests): fit on 0.2/1/3 C predicts 0.5 and 2 C within 5 %.";
            case SEI_REST, SEI_CYCLING ->
                "Reproduced by construction: 2 parameters (start value, gain) per 2-point series."
                        + " PSOA's rest start value is taken equal to its end value (paper: 'almost did not change');"
                        + " PTPA has no EIS data and uses LE's law.";
            case PaperCalibration.LFP_POLARIZATION ->
                "Reproduced by construction: the cathode-side resistance is the one"
                        + " unknown each point fixes (gap/2 minus Li interface and bulk).";
            case CYCLE_LIFE ->
                "Fitted jointly: k and m per electrolyte (PTPA borrows PSOA's m) on the full-cell points and"
                        + " one Li||Li factor per electrolyte, so the Li||Li points and PTPA/LE's few points are matched by"
                        + " construction; PSOA's five points test the law.";
            default -> "";
        };
    }

    /** The points grouped by table, in report order. */
    public static Map<String, List<ComparisonPoint>> byTable(List<ComparisonPoint> points) {
        Map<String, List<ComparisonPoint>> out = new LinkedHashMap<>();
        for (ComparisonPoint p : points) {
            out.computeIfAbsent(p.table(), k -> new ArrayList<>()).add(p);
        }
        return out;
    }

    private static void polarizationVsCurrent(PaperData data, CalibratedModel model, List<ComparisonPoint> out) {
        String t = PaperCalibration.POLARIZATION_VS_CURRENT;
        double[] j = data.numbers(t + ".current_density_mA_per_cm2");
        for (Electrolyte e : Electrolyte.values()) {
            double[] mv = data.numbers(t + "." + PaperCalibration.key(e));
            ElectrolyteLaws laws = model.laws(e);
            double bulk = laws.bulkOhmCm2(CellGeometry.LAB_ELECTROLYTE_UM);
            for (int i = 0; i < j.length; i++) {
                out.add(new ComparisonPoint(
                        t,
                        PaperCalibration.key(e),
                        "Li||Li, x = current density (mA/cm²), room temperature",
                        j[i],
                        mv[i],
                        laws.interfacial().symmetricCellMillivolts(j[i], bulk),
                        "mV"));
            }
        }
    }

    private static void polarizationVsTemperature(PaperData data, CalibratedModel model, List<ComparisonPoint> out) {
        String t = PaperCalibration.POLARIZATION_VS_TEMPERATURE;
        double[] c = data.numbers(t + ".temperature_c");
        for (Electrolyte e : Electrolyte.values()) {
            String k = t + "." + PaperCalibration.key(e);
            if (!data.has(k)) {
                continue;
            }
            double[] mv = data.numbers(k);
            ElectrolyteCalibration cal = model.calibration(e);
            for (int i = 0; i < c.length; i++) {
                String cond = "Li||Li, x = temperature (°C)" + (e.hasShortRiskAt(c[i]) ? ", cell shorted here" : "");
                out.add(new ComparisonPoint(
                        t,
                        PaperCalibration.key(e),
                        cond,
                        c[i],
                        mv[i],
                        cal.temperatureSeriesMillivolts()
                                * cal.laws().temperature().factor(c[i]),
                        "mV"));
            }
        }
    }

    private static void rateCapacity(PaperData data, CalibratedModel model, List<ComparisonPoint> out) {
        String t = PaperCalibration.RATE_CAPACITY;
        double[] c = data.numbers(t + ".c_rate");
        for (Electrolyte e : Electrolyte.values()) {
            double[] q = data.numbers(t + "." + PaperCalibration.key(e));
            for (int i = 0; i < c.length; i++) {
                out.add(new ComparisonPoint(
                        t,
                        PaperCalibration.key(e),
                        "Li||NCM811 2 mg/cm², x = C-rate",
                        c[i],
                        q[i],
                        model.laws(e).rateCapacity().milliAmpHoursPerGram(c[i]),
                        "mAh/g"));
            }
        }
    }

    private static void sei(PaperData data, CalibratedModel model, List<ComparisonPoint> out) {
        for (Electrolyte e : Electrolyte.values()) {
            String k = PaperCalibration.key(e);
            ElectrolyteCalibration cal = model.calibration(e);
            String rest = SEI_REST + "." + k;
            if (data.has(rest + "_before")) {
                out.add(new ComparisonPoint(
                        SEI_REST,
                        k,
                        "Li||Li EIS at rest, x = days",
                        0,
                        data.number(rest + "_before"),
                        cal.restInitialOhms() * cal.laws().sei().restFactor(0),
                        "ohm"));
            }
            if (data.has(rest + "_after")) {
                out.add(new ComparisonPoint(
                        SEI_REST,
                        k,
                        "Li||Li EIS at rest, x = days",
                        30,
                        data.number(rest + "_after"),
                        cal.restInitialOhms() * cal.laws().sei().restFactor(30),
                        "ohm"));
            }
            String cyc = SEI_CYCLING + "." + k;
            if (data.has(cyc + "_before")) {
                out.add(new ComparisonPoint(
                        SEI_CYCLING,
                        k,
                        "Li||Li SEI resistance, x = cycles",
                        0,
                        data.number(cyc + "_before"),
                        cal.cyclingInitialOhms() * cal.laws().sei().cycleFactor(0),
                        "ohm"));
                out.add(new ComparisonPoint(
                        SEI_CYCLING,
                        k,
                        "Li||Li SEI resistance, x = cycles",
                        100,
                        data.number(cyc + "_after"),
                        cal.cyclingInitialOhms() * cal.laws().sei().cycleFactor(100),
                        "ohm"));
            }
        }
    }

    private static void lfpPolarization(PaperData data, CalibratedModel model, List<ComparisonPoint> out) {
        String t = PaperCalibration.LFP_POLARIZATION;
        double j = PaperCalibration.oneC(
                org.qsebms.estimators.model.Cathode.LFP,
                PaperCalibration.LFP_POLARIZATION_LOADING,
                PaperCalibration.LFP_POLARIZATION_C_RATE);
        for (Electrolyte e : Electrolyte.values()) {
            ElectrolyteLaws laws = model.laws(e);
            double bulk = laws.bulkOhmCm2(CellGeometry.LAB_ELECTROLYTE_UM);
            double perDirection = laws.interfacial().interfaceMillivolts(j) + (bulk + laws.cathodeOhmCm2()) * j;
            out.add(new ComparisonPoint(
                    t,
                    PaperCalibration.key(e),
                    "Li||LFP 10.6 mg/cm² 0.5 C, charge/discharge gap, x = mA/cm²",
                    j,
                    data.number(t + "." + PaperCalibration.key(e)),
                    2 * perDirection,
                    "mV"));
        }
    }

    private static void cycleLife(PaperData data, CalibratedModel model, List<ComparisonPoint> out) {
        for (Electrolyte e : Electrolyte.values()) {
            ElectrolyteLaws laws = model.laws(e);
            for (CycleLifeCondition c : PaperCalibration.cycleLifeConditions(data, e)) {
                out.add(new ComparisonPoint(
                        CYCLE_LIFE,
                        PaperCalibration.key(e),
                        c.name() + ", x = mA/cm²",
                        c.milliAmpsPerCm2(),
                        c.cycles(),
                        c.modelCycles(laws.lithiumLoss()),
                        "cycles"));
            }
        }
    }
}
