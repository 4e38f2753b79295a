package org.qsebms.estimators.calibration;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.qsebms.estimators.model.Cathode;
import org.qsebms.estimators.model.CellGeometry;
import org.qsebms.estimators.model.Electrolyte;
import org.qsebms.estimators.model.ElectrolyteLaws;
import org.qsebms.estimators.model.InterfacialLaw;
import org.qsebms.estimators.model.LithiumLossLaw;
import org.qsebms.estimators.model.RateCapacityLaw;
import org.qsebms.estimators.model.SeiLaw;
import org.qsebms.estimators.model.TemperatureLaw;

/**
 * Fits every law of the cell model to the seed paper's tables with Levenberg-Marquardt
 * (Hipparchus). Nothing fitted is typed in: each law reads its table from {@link PaperData}.
 *
 * <p>Assumptions where the paper is silent (stated in docs/cell-model.md): lab-cell electrode
 * area {@value CellGeometry#LAB_CELL_AREA_CM2} cm², electrolyte film 100 um; PTPA, which has no
 * temperature or EIS series, borrows PSOA's temperature law and LE's SEI law; PSOA's 30-day rest
 * series has only its end value ("almost did not change"), so its start value is taken equal.
 */
public final class PaperCalibration {
    static final String POLARIZATION_VS_CURRENT = "li_li_polarization_mV_vs_current_density";
    static final String POLARIZATION_VS_TEMPERATURE = "li_li_polarization_mV_vs_temperature";
    static final String RATE_CAPACITY = "li_ncm811_rate_capacity_mAh_per_g";
    static final String LFP_POLARIZATION = "li_lfp_polarization_mV_0p5c_10p6mg";
    /** Li||Li cycle-life protocol: 0.5 mAh/cm² each way, so one cycle takes 2 h at 0.5 mA/cm². */
    static final double LI_LI_CYCLE_MAH_PER_CM2 = 0.5;

    static final double LI_LI_MA_PER_CM2 = 0.5;
    static final double LAB_FOIL_UM = 50.0;
    static final double LFP_POLARIZATION_LOADING = 10.6;
    static final double LFP_POLARIZATION_C_RATE = 0.5;

    private PaperCalibration() {}

    /** Fits all laws of all three electrolytes from {@code data}. */
    public static CalibratedModel calibrate(PaperData data) {
        Map<Electrolyte, ElectrolyteCalibration> out = new EnumMap<>(Electrolyte.class);
        TemperatureFit psoaTemperature = fitTemperature(data, Electrolyte.PSOA);
        SeiFit leSei = fitSei(data, Electrolyte.LE);
        Map<Electrolyte, List<CycleLifeCondition>> lifeData = new EnumMap<>(Electrolyte.class);
        for (Electrolyte e : Electrolyte.values()) {
            lifeData.put(e, cycleLifeConditions(data, e));
        }
        Map<Electrolyte, LithiumLossLaw> lithiumLoss = fitLithiumLoss(lifeData);
        for (Electrolyte e : Electrolyte.values()) {
            double bulk = e.bulkOhmCm2(CellGeometry.LAB_ELECTROLYTE_UM);
            InterfacialLaw interfacial = fitInterfacial(
                    data.numbers(POLARIZATION_VS_CURRENT + ".current_density_mA_per_cm2"),
                    data.numbers(POLARIZATION_VS_CURRENT + "." + key(e)),
                    bulk);
            boolean hasTemperature = data.has(POLARIZATION_VS_TEMPERATURE + "." + key(e));
            TemperatureFit temperature = hasTemperature ? fitTemperature(data, e) : psoaTemperature;
            RateCapacityLaw rate = fitRateCapacity(
                    data.numbers(RATE_CAPACITY + ".c_rate"), data.numbers(RATE_CAPACITY + "." + key(e)));
            boolean hasSei = data.has("interfacial_resistance_ohm.cycling_100_cycles." + key(e) + "_before");
            SeiFit sei = hasSei ? fitSei(data, e) : leSei;
            double cathodeOhmCm2 = fitCathodeOhmCm2(data.number(LFP_POLARIZATION + "." + key(e)), interfacial, bulk);
            List<CycleLifeCondition> life = cycleLifeConditions(data, e);
            LithiumLossLaw loss = lithiumLoss.get(e);
            String sources = String.format(
                    Locale.ROOT,
                    "interfacial: %s; temperature: %s; rate: %s; sei: %s; cathode: %s; lithium loss: %d cycle-life points (joint fit)",
                    POLARIZATION_VS_CURRENT,
                    hasTemperature ? POLARIZATION_VS_TEMPERATURE : "PSOA series (none for " + key(e) + ")",
                    RATE_CAPACITY,
                    hasSei ? "interfacial_resistance_ohm" : "LE series (none for " + key(e) + ")",
                    LFP_POLARIZATION,
                    life.size());
            ElectrolyteLaws laws =
                    new ElectrolyteLaws(e, interfacial, temperature.law(), rate, sei.law(), loss, cathodeOhmCm2);
            out.put(
                    e,
                    new ElectrolyteCalibration(
                            laws,
                            temperature.referenceMillivolts(),
                            sei.restInitialOhms(),
                            sei.cyclingInitialOhms(),
                            sources));
        }
        return new CalibratedModel(out);
    }

    static String key(Electrolyte e) {
        return e.name().toLowerCase(Locale.ROOT);
    }

    /** Li||Li polarization vs current density: 2 x (b asinh(j/2j0) + rSei j) + bulk j. */
    static InterfacialLaw fitInterfacial(double[] milliAmpsPerCm2, double[] millivolts, double bulkOhmCm2) {
        LeastSquaresFit.Law law = (p, j) -> new InterfacialLaw(Math.exp(p[0]), Math.exp(p[1]), Math.exp(p[2]))
                .symmetricCellMillivolts(j, bulkOhmCm2);
        List<double[]> starts = new ArrayList<>();
        for (double j0 = 1e-5; j0 < 1; j0 *= 10) {
            starts.add(new double[] {Math.log(3), Math.log(j0), Math.log(5)});
        }
        LeastSquaresFit.Result r =
                LeastSquaresFit.bestOf(law, milliAmpsPerCm2, millivolts, starts.toArray(double[][]::new));
        double[] p = r.parameters();
        return new InterfacialLaw(Math.exp(p[0]), Math.exp(p[1]), Math.exp(p[2]));
    }

    /** A fitted temperature law and the level of the series it came from. */
    record TemperatureFit(TemperatureLaw law, double referenceMillivolts) {
        double millivoltsAt(double celsius) {
            return referenceMillivolts * law.factor(celsius);
        }
    }

    static TemperatureFit fitTemperature(PaperData data, Electrolyte e) {
        return fitTemperature(
                data.numbers(POLARIZATION_VS_TEMPERATURE + ".temperature_c"),
                data.numbers(POLARIZATION_VS_TEMPERATURE + "." + key(e)));
    }

    /** Arrhenius fit of polarization vs temperature: eta = eta25 exp(B (1/T - 1/T25)). */
    static TemperatureFit fitTemperature(double[] celsius, double[] millivolts) {
        LeastSquaresFit.Law law = (p, c) -> p[0] * new TemperatureLaw(p[1] * 1000, 0).factor(c);
        LeastSquaresFit.Result r = LeastSquaresFit.fit(law, celsius, millivolts, new double[] {millivolts[0], 3});
        double[] p = r.parameters();
        return new TemperatureFit(new TemperatureLaw(p[1] * 1000, 0), p[0]);
    }

    /** q(C) = q0 / (1 + (C/Cc)^n). */
    static RateCapacityLaw fitRateCapacity(double[] cRates, double[] milliAmpHoursPerGram) {
        LeastSquaresFit.Law law =
                (p, c) -> new RateCapacityLaw(Math.exp(p[0]), Math.exp(p[1]), Math.exp(p[2])).milliAmpHoursPerGram(c);
        LeastSquaresFit.Result r = LeastSquaresFit.bestOf(
                law,
                cRates,
                milliAmpHoursPerGram,
                new double[] {Math.log(milliAmpHoursPerGram[0] * 1.05), Math.log(5), 0},
                new double[] {Math.log(milliAmpHoursPerGram[0] * 1.05), Math.log(2), Math.log(0.5)});
        double[] p = r.parameters();
        return new RateCapacityLaw(Math.exp(p[0]), Math.exp(p[1]), Math.exp(p[2]));
    }

    /** A fitted SEI law with the start values of its two series (whole-cell ohms). */
    record SeiFit(SeiLaw law, double restInitialOhms, double cyclingInitialOhms) {}

    static SeiFit fitSei(PaperData data, Electrolyte e) {
        String rest = "interfacial_resistance_ohm.rest_30_days." + key(e);
        String cyc = "interfacial_resistance_ohm.cycling_100_cycles." + key(e);
        double restAfter = data.number(rest + "_after");
        double restBefore = data.has(rest + "_before") ? data.number(rest + "_before") : restAfter;
        double[] restFit = fitTwoPoint(
                (p, d) -> p[0] * new SeiLaw(p[1], 0).restFactor(d),
                new double[] {0, SeiLaw.DAYS_PER_MONTH},
                new double[] {restBefore, restAfter});
        double[] cycFit =
                fitTwoPoint((p, n) -> p[0] * new SeiLaw(0, p[1]).cycleFactor(n), new double[] {0, 100}, new double[] {
                    data.number(cyc + "_before"), data.number(cyc + "_after")
                });
        return new SeiFit(new SeiLaw(restFit[1], cycFit[1]), restFit[0], cycFit[0]);
    }

    private static double[] fitTwoPoint(LeastSquaresFit.Law law, double[] xs, double[] ys) {
        return LeastSquaresFit.fit(law, xs, ys, new double[] {ys[0], 0.0}).parameters();
    }

    /**
     * Cathode-side resistance from the Li||LFP polarization (charge/discharge gap, so half of it
     * per direction) at 0.5 C and 10.6 mg/cm²: what the Li interface and bulk do not explain.
     * One linear unknown from one point, solved directly.
     */
    static double fitCathodeOhmCm2(double gapMillivolts, InterfacialLaw interfacial, double bulkOhmCm2) {
        double j =
                LFP_POLARIZATION_C_RATE * LFP_POLARIZATION_LOADING * 1e-3 * Cathode.LFP.nominalMilliAmpHoursPerGram();
        double rest = gapMillivolts / 2 - interfacial.interfaceMillivolts(j) - bulkOhmCm2 * j;
        return Math.max(0.0, rest / j);
    }

    /** The cycle-life points of {@code e} expressed as current density, lithium reserve and cycles. */
    static List<CycleLifeCondition> cycleLifeConditions(PaperData data, Electrolyte e) {
        String k = key(e);
        double reserve = CellGeometry.labCell(1, LAB_FOIL_UM).lithiumMilliAmpHoursPerCm2();
        List<CycleLifeCondition> out = new ArrayList<>();
        String ncm = "cycle_life.li_ncm811_8p6mg_1p5mA_cm2_1c." + k;
        if (data.has(ncm)) {
            out.add(new CycleLifeCondition(
                    "Li||NCM811 8.6 mg/cm² 1 C",
                    oneC(Cathode.NCM811, 8.6, 1.0),
                    reserve,
                    data.number(ncm),
                    ncm,
                    false));
        }
        String lili = "li_li_cycle_life_h_50um_li." + k;
        if (data.has(lili)) {
            double hoursPerCycle = 2 * LI_LI_CYCLE_MAH_PER_CM2 / LI_LI_MA_PER_CM2;
            out.add(new CycleLifeCondition(
                    "Li||Li 50 um 0.5 mA/cm²",
                    LI_LI_MA_PER_CM2,
                    reserve,
                    data.number(lili) / hoursPerCycle,
                    lili,
                    true));
        }
        String lfp1 = "cycle_life.li_lfp_2mg_1c_cycles_" + k;
        if (data.has(lfp1)) {
            out.add(new CycleLifeCondition(
                    "Li||LFP 2 mg/cm² 1 C", oneC(Cathode.LFP, 2, 1.0), reserve, data.number(lfp1), lfp1, false));
        }
        String ncm2 = "cycle_life.li_ncm811_2mg_1c_cycles_" + k;
        if (data.has(ncm2)) {
            out.add(new CycleLifeCondition(
                    "Li||NCM811 2 mg/cm² 1 C", oneC(Cathode.NCM811, 2, 1.0), reserve, data.number(ncm2), ncm2, false));
        }
        String lfpLong = "cycle_life.li_lfp_2mg_0p5c_long_run." + k + "_cycles";
        if (data.has(lfpLong)) {
            out.add(new CycleLifeCondition(
                    "Li||LFP 2 mg/cm² 0.5 C",
                    oneC(Cathode.LFP, 2, 0.5),
                    reserve,
                    data.number(lfpLong),
                    lfpLong,
                    false));
        }
        return out;
    }

    static double oneC(Cathode c, double loadingMgPerCm2, double cRate) {
        return cRate * loadingMgPerCm2 * 1e-3 * c.nominalMilliAmpHoursPerGram();
    }

    /**
     * Joint fit over all electrolytes on log cycle life: full-cell loss per cycle = k_e j^m_e with
     * k and m per electrolyte (an electrolyte with a single full-cell point, PTPA, borrows the
     * exponent of the first electrolyte, PSOA, its fellow polymer network), and
     * a Li||Li factor s_e per electrolyte (symmetric cells fail by dendrites/shorts as much as by
     * lithium depletion, differently per electrolyte). The Li||Li points therefore fix s_e; the
     * full-cell points test the law.
     */
    static Map<Electrolyte, LithiumLossLaw> fitLithiumLoss(Map<Electrolyte, List<CycleLifeCondition>> byElectrolyte) {
        List<Electrolyte> order = new ArrayList<>(byElectrolyte.keySet());
        List<CycleLifeCondition> points = new ArrayList<>();
        List<Integer> owner = new ArrayList<>();
        for (int e = 0; e < order.size(); e++) {
            for (CycleLifeCondition c : byElectrolyte.get(order.get(e))) {
                points.add(c);
                owner.add(e);
            }
        }
        int n = points.size();
        double[] idx = new double[n];
        double[] logCycles = new double[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
            logCycles[i] = 10 + Math.log(points.get(i).cycles());
        }
        int ne = order.size();
        int[] exponentOf = new int[ne];
        for (int e = 0; e < ne; e++) {
            long fullCellPoints = byElectrolyte.get(order.get(e)).stream()
                    .filter(c -> !c.symmetricCell())
                    .count();
            exponentOf[e] = fullCellPoints >= 2 ? e : 0;
        }
        LeastSquaresFit.Law law = (p, x) -> {
            int i = (int) x;
            int e = owner.get(i);
            LithiumLossLaw l = new LithiumLossLaw(Math.exp(p[e]), p[2 * ne + exponentOf[e]], Math.exp(p[ne + e]));
            return 10 + Math.log(points.get(i).modelCycles(l));
        };
        double[] start = new double[3 * ne];
        java.util.Arrays.fill(start, 0, ne, -3);
        java.util.Arrays.fill(start, 2 * ne, 3 * ne, 1);
        double[] p = LeastSquaresFit.fit(law, idx, logCycles, start).parameters();
        Map<Electrolyte, LithiumLossLaw> out = new EnumMap<>(Electrolyte.class);
        for (int e = 0; e < ne; e++) {
            out.put(order.get(e), new LithiumLossLaw(Math.exp(p[e]), p[2 * ne + exponentOf[e]], Math.exp(p[ne + e])));
        }
        return out;
    }
}
