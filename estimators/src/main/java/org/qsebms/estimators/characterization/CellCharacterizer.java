package org.qsebms.estimators.characterization;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import java.util.function.DoubleUnaryOperator;
import org.qsebms.estimators.model.EcmParameters;
import org.qsebms.estimators.model.ResistanceMap;
import org.qsebms.estimators.model.ResistanceVsSoc;
import org.qsebms.estimators.model.TemperatureSpan;
import org.qsebms.estimators.model.TimeConstantsVsTemperature;
import org.qsebms.estimators.soc.EkfTuning;
import org.qsebms.estimators.soc.HysteresisModel;

/**
 * Learns a cell's ECM from an OCV test and pulse tests (one per temperature): pulse fits give R0
 * and the two RC pairs against SOC and temperature, their medians over 20-95 % SOC at the
 * temperature closest to 25 °C give the nominal parameters, the ratio of total resistance between
 * temperatures gives the Arrhenius activation energy, one table per temperature gives the
 * resistances' SOC dependence there (what the activation energy does not carry), and the OCV test corrected by the nominal DC
 * resistance gives OCV(SOC) and the hysteresis magnitude.
 */
public final class CellCharacterizer {
    static final double GAS_CONSTANT = 8.314462618;
    /**
     * The largest charge/discharge gap of an OCV test taken as hysteresis (V); a larger one points to a
     * branch that is no OCV (the OCV fitter then uses the discharge branch), and half of it bounds the
     * hysteresis magnitude the slow-polarisation fit may give.
     */
    static final double MAX_HYSTERESIS_GAP_VOLTS = 0.08;

    /** Default hysteresis rate: h settles within about 5 % SOC. */
    static final double HYSTERESIS_RATE_PER_SOC = 60.0;
    /** Pulses within this SOC of a level's first pulse belong to that level. */
    static final double SOC_LEVEL_WIDTH = 0.03;
    /** Pulse fits worse than this (RMS residual) do not shape the resistance-versus-SOC table. */
    static final double MAX_FIT_RMS_VOLTS = 0.02;
    /** Factors are kept within [MIN_FACTOR, MAX_FACTOR]: a level whose pulses fitted R2 as zero keeps 5 % of it. */
    static final double MIN_FACTOR = 0.05;

    static final double MAX_FACTOR = 50;
    /**
     * Half the SOC span over which the relaxed points' slope is taken for a pulse fit's OCV drift:
     * 5 %, half the spacing of an HPPC test's 10 % levels, so the slope spans neighbouring levels.
     */
    static final double OCV_SLOPE_HALF_SPAN = 0.05;
    /** Fewer pulse fits than this per test file earn a warning. */
    static final int MIN_PULSES_FOR_CONFIDENCE = 3;
    /**
     * Said (printed and written into the preset's header) when no slow polarisation log was given: the
     * pulse and OCV tests cannot size the polarisation a sustained load builds over minutes, and without
     * it a filter started under load reads it as SOC (docs/estimation.md, "Mid-drive starts on every cycle").
     */
    static final String NO_SLOW_BRANCH_NOTE = "no slow polarisation branch (no --slow-polarisation-log): a SOC"
            + " filter started under a sustained load (a replay from the middle of a drive) reads the polarisation"
            + " the pulse tests cannot size as SOC, and its bound may not cover the error; whole drives started"
            + " near full are not affected. Give one or more drive logs with soc_ref (--slow-polarisation-log) to"
            + " fit the branch (docs/estimation.md, \"Characterising a new cell: the recipe we recommend\")";

    private final PulseFitter pulseFitter;
    private final OcvFitter ocvFitter;
    private final boolean holdOcvDrift;
    private final List<CellTestLog> slowPolarisationLogs;

    public CellCharacterizer(PulseFitter pulseFitter, OcvFitter ocvFitter) {
        this(pulseFitter, ocvFitter, false, List.of());
    }

    private CellCharacterizer(
            PulseFitter pulseFitter,
            OcvFitter ocvFitter,
            boolean holdOcvDrift,
            List<CellTestLog> slowPolarisationLogs) {
        this.pulseFitter = pulseFitter;
        this.ocvFitter = ocvFitter;
        this.holdOcvDrift = holdOcvDrift;
        this.slowPolarisationLogs = List.copyOf(slowPolarisationLogs);
    }

    /**
     * This characterizer with the pulse fits' OCV drift held at the slope of the OCV tests' relaxed
     * points ({@link #ocvSlopeNear}) where they hold an incremental OCV test at the pulse test's
     * temperature, and the resistance-versus-SOC tables made from the pulses refitted at the model's
     * time constants ({@link PulseFitter#fitAllAt}). Experimental (docs/estimation.md, "The pulse
     * fits' free drift"): it raises the NCA cell's R2 from 20 to 27 mOhm and halves two later
     * mid-drive misses, but takes two early HWFTa starts over their target.
     */
    public CellCharacterizer holdingOcvDrift() {
        return new CellCharacterizer(pulseFitter, ocvFitter, true, slowPolarisationLogs);
    }

    /**
     * This characterizer with the slow polarisation branch fitted to {@code logs} ({@link
     * SlowPolarisationFitter}, with the hysteresis magnitude) before the OCV doubt is learnt, so the
     * doubt does not count as OCV what the branch explains (the slow relaxation of the OCV tests'
     * long rests is taken net of the branch's predicted move, {@link OcvDoubtLearner}). No logs: as
     * without this call.
     */
    public CellCharacterizer withSlowPolarisationLogs(List<CellTestLog> logs) {
        return new CellCharacterizer(pulseFitter, ocvFitter, holdOcvDrift, logs);
    }

    /** Defaults for a 18650-size cell of the given capacity. */
    public static CellCharacterizer forCapacity(double capacityAh) {
        return new CellCharacterizer(
                new PulseFitter(0.01 * capacityAh, 0.2 * capacityAh, 60, 600),
                new OcvFitter(0.005 * capacityAh, MAX_HYSTERESIS_GAP_VOLTS, 600));
    }

    /** As {@link #characterize(List, List, double, ActivationEnergyPrior)} with no prior. */
    public Characterization characterize(List<CellTestLog> ocvTests, List<CellTestLog> pulseTests, double capacityAh) {
        return characterize(ocvTests, pulseTests, capacityAh, ActivationEnergyPrior.NONE);
    }

    /**
     * Learns the cell. With pulse tests at two or more temperatures the activation energy is
     * fitted from them; with one, {@code prior} supplies it (none: no temperature dependence).
     */
    public Characterization characterize(
            List<CellTestLog> ocvTests, List<CellTestLog> pulseTests, double capacityAh, ActivationEnergyPrior prior) {
        List<String> notes = new ArrayList<>();
        List<PulseFit> all = new ArrayList<>();
        TreeMap<Double, double[]> byTemperature = new TreeMap<>();
        TreeMap<Double, List<PulseFit>> fitsByTemperature = new TreeMap<>();
        TreeMap<Double, CellTestLog> logByTemperature = new TreeMap<>();
        TreeMap<Double, DoubleUnaryOperator> slopeByTemperature = new TreeMap<>();
        for (CellTestLog log : pulseTests) {
            DoubleUnaryOperator ocvSlope =
                    holdOcvDrift ? ocvSlopeNear(ocvTests, log.medianCelsius(), capacityAh) : null;
            List<PulseFit> fits = pulseFitter.fitAll(log, capacityAh, ocvSlope);
            if (ocvSlope != null) {
                notes.add(String.format(
                        Locale.ROOT,
                        "%s: each pulse fit holds the OCV's drift at the slope of the relaxed OCV points at its "
                                + "temperature (not fitted: left free it takes up the relaxation slower than the window)",
                        log.source()));
            }
            if (fits.isEmpty()) {
                throw new IllegalArgumentException(
                        log.source() + ": no current pulse after a rest was found: " + pulseFitter.whyNoPulse(log));
            }
            all.addAll(fits);
            double celsius = log.medianCelsius();
            byTemperature.put(celsius, medians(fits));
            fitsByTemperature.put(celsius, fits);
            logByTemperature.put(celsius, log);
            if (ocvSlope != null) {
                slopeByTemperature.put(celsius, ocvSlope);
            }
            notes.add(String.format("%s: %d pulses fitted at %.1f °C", log.source(), fits.size(), celsius));
            if (fits.size() < MIN_PULSES_FOR_CONFIDENCE) {
                notes.add(String.format(
                        Locale.ROOT,
                        "WARNING %s: only %d pulse(s) after a rest of the kind the fitter "
                                + "takes (current reaching %.2f A at once); the resistances rest on too few fits to trust, "
                                + "and no resistance-versus-SOC table can be made. Give an HPPC test (pulses at several SOC "
                                + "levels, each after a rest)",
                        log.source(),
                        fits.size(),
                        pulseFitter.minPulseAmps()));
            }
            double dt = medianSampleSeconds(log);
            long unresolved = fits.stream().filter(f -> f.tau1Seconds() < dt).count();
            if (2 * unresolved > fits.size()) {
                notes.add(String.format(
                        Locale.ROOT,
                        "%s: most fits put tau1 below the %.2f s sample interval, where R1 "
                                + "cannot be told from R0; only R0 + R1 is determined by this log",
                        log.source(),
                        dt));
            }
        }
        double refCelsius = byTemperature.keySet().stream()
                .min((a, b) -> Double.compare(Math.abs(a - 25), Math.abs(b - 25)))
                .orElseThrow();
        double[] ref = byTemperature.get(refCelsius);
        double activation = 0;
        String activationSource;
        if (byTemperature.size() > 1) {
            double coldest =
                    byTemperature.firstKey() == refCelsius ? byTemperature.lastKey() : byTemperature.firstKey();
            double[] other = byTemperature.get(coldest);
            double ratio = (other[0] + other[1] + other[3]) / (ref[0] + ref[1] + ref[3]);
            double inv = 1 / (coldest + 273.15) - 1 / (refCelsius + 273.15);
            activation = Math.max(0, GAS_CONSTANT * Math.log(ratio) / inv);
            notes.add(String.format(
                    "activation energy %.0f J/mol from %.1f and %.1f °C", activation, refCelsius, coldest));
            activationSource = String.format(
                    Locale.ROOT,
                    "fitted from the pulse tests at %.1f and %.1f °C",
                    Math.min(refCelsius, coldest),
                    Math.max(refCelsius, coldest));
        } else if (!prior.equals(ActivationEnergyPrior.NONE)) {
            activation = prior.joulesPerMol();
            activationSource =
                    String.format(Locale.ROOT, "assumed: %s (pulse tests at %.1f °C only)", prior.source(), refCelsius);
            notes.add(String.format(
                    Locale.ROOT,
                    "ASSUMPTION one temperature only (%.1f °C): activation energy %.0f "
                            + "J/mol taken from the %s, not fitted from this cell; away from %.1f °C the preset's resistances "
                            + "are extrapolated with it, and the SOC filter widens its bound there (give pulse tests at a "
                            + "second temperature to fit it from this cell)",
                    refCelsius,
                    activation,
                    prior.source(),
                    refCelsius));
        } else {
            activationSource =
                    String.format(Locale.ROOT, "assumed: none, 0 J/mol (pulse tests at %.1f °C only)", refCelsius);
            notes.add(String.format(
                    Locale.ROOT,
                    "WARNING one temperature only (%.1f °C): activation energy set to 0, so "
                            + "the preset's resistances do not rise when the cell is cold, and its current limits do not derate "
                            + "for it; give pulse tests at a second temperature, or the cell's activation energy with "
                            + "--activation-energy",
                    byTemperature.firstKey()));
        }
        if (byTemperature.size() > 1 && !prior.equals(ActivationEnergyPrior.NONE)) {
            notes.add(String.format(
                    Locale.ROOT,
                    "the given activation energy (%.0f J/mol, %s) was not used: it was "
                            + "fitted from the pulse tests' temperatures",
                    prior.joulesPerMol(),
                    prior.source()));
        }
        // parameters are referred to 25 °C, as EcmParameters expects
        double toRef = Math.exp(activation / GAS_CONSTANT * (1 / 298.15 - 1 / (refCelsius + 273.15)));
        double dcResistance = ref[0] + ref[1] + ref[3];
        OcvFit ocv = new OcvTemperatureFitter(ocvFitter)
                .fit(ocvTests, capacityAh, dcResistance, refCelsius, activation, notes);
        TreeMap<Double, List<PulseFit>> tableFits = fitsByTemperature;
        if (holdOcvDrift) {
            tableFits = new TreeMap<>();
            for (var entry : logByTemperature.entrySet()) {
                double[] medians = byTemperature.get(entry.getKey());
                tableFits.put(
                        entry.getKey(),
                        pulseFitter.fitAllAt(
                                entry.getValue(),
                                capacityAh,
                                slopeByTemperature.get(entry.getKey()),
                                medians[2],
                                medians[4]));
            }
            notes.add("resistance against SOC: each pulse refitted with the time constants held at its "
                    + "temperature's medians, so a level's factors scale the pairs the model has");
        }
        ResistanceMap map = resistanceMap(tableFits, refCelsius, ref, activation, notes);
        TimeConstantsVsTemperature taus = timeConstants(byTemperature, map);
        if (!taus.isEmpty()) {
            notes.add("time constants against temperature (°C: tau1 / tau2 s, medians over 20-95 % SOC): "
                    + describe(taus));
        }
        EcmParameters cell = EcmParameters.builder()
                .capacityAh(capacityAh)
                .r0Ohms(ref[0] * toRef)
                .r1Ohms(ref[1] * toRef)
                .tau1Seconds(ref[2])
                .r2Ohms(ref[3] * toRef)
                .tau2Seconds(ref[4])
                .activationEnergyJPerMol(activation)
                .ocv(ocv.curve())
                .resistance(map)
                .timeConstants(taus)
                .characterisedCelsius(new TemperatureSpan(byTemperature.firstKey(), byTemperature.lastKey()))
                .build();
        HysteresisModel hysteresis = ocv.hysteresisVolts() > 0
                ? new HysteresisModel(ocv.hysteresisVolts(), HYSTERESIS_RATE_PER_SOC)
                : HysteresisModel.NONE;
        if (!slowPolarisationLogs.isEmpty()) {
            // before the doubt: what the branch explains is not OCV doubt
            SlowPolarisationFitter.Fit fit = SlowPolarisationFitter.fit(cell, hysteresis, slowPolarisationLogs);
            cell = cell.withSlowPolarisation(fit.slow());
            hysteresis = fit.hysteresis();
            notes.add(fit.note());
        } else {
            notes.add(NO_SLOW_BRANCH_NOTE);
        }
        // the doubt's slow-pair evidence takes the resistive drop off the branches only with a resistance from
        // enough pulses to trust; else the raw branches bracket the OCV (wider, but without the fit's error)
        boolean resistanceTrusted = fitsByTemperature.get(refCelsius).size() >= MIN_PULSES_FOR_CONFIDENCE;
        cell = cell.withOcvDoubt(new OcvDoubtLearner(ocvFitter)
                .learn(
                        ocvTests,
                        capacityAh,
                        resistanceTrusted ? dcResistance : 0,
                        cell,
                        hysteresis.magnitudeVolts(),
                        EkfTuning.defaults().ocvSigmaVolts(),
                        notes));
        // the top knee's excess under charge, over the completed model (its slow branch and hysteresis included)
        cell = cell.withTopKneeChargeExcess(
                TopKneeExcessLearner.learn(ocvTests, capacityAh, cell, hysteresis.magnitudeVolts(), notes));
        return new Characterization(cell, hysteresis, ocv, List.copyOf(all), List.copyOf(notes), activationSource);
    }

    /**
     * The OCV's slope (volts per Ah, against SOC) from the relaxed points (an incremental OCV test,
     * {@link OcvFitter#relaxedPoints}) of the OCV tests within {@link
     * OcvTemperatureFitter#OCV_GROUP_KELVIN} of {@code celsius}: the secant over
     * {@link #OCV_SLOPE_HALF_SPAN} either side, on the points joined linearly. Null when those tests
     * hold fewer than {@link OcvFitter#MIN_REST_POINTS} relaxed points (then the pulse fits fit the drift).
     */
    DoubleUnaryOperator ocvSlopeNear(List<CellTestLog> ocvTests, double celsius, double capacityAh) {
        List<CellTestLog> near = ocvTests.stream()
                .filter(t -> Math.abs(t.medianCelsius() - celsius) <= OcvTemperatureFitter.OCV_GROUP_KELVIN)
                .toList();
        List<double[]> points = ocvFitter.relaxedPoints(near, capacityAh);
        if (points.size() < OcvFitter.MIN_REST_POINTS) {
            return null;
        }
        points.sort((a, b) -> Double.compare(a[0], b[0]));
        double[] soc = new double[points.size()];
        double[] volts = new double[points.size()];
        for (int p = 0; p < soc.length; p++) {
            soc[p] = points.get(p)[0];
            volts[p] = points.get(p)[1];
        }
        return z -> {
            double lo = Math.max(soc[0], Math.min(soc[soc.length - 1], z - OCV_SLOPE_HALF_SPAN));
            double hi = Math.max(soc[0], Math.min(soc[soc.length - 1], z + OCV_SLOPE_HALF_SPAN));
            return hi > lo ? (interpolate(soc, volts, hi) - interpolate(soc, volts, lo)) / ((hi - lo) * capacityAh) : 0;
        };
    }

    /** Linear interpolation in sorted {@code xs} (ties: the later point), held at the ends. */
    private static double interpolate(double[] xs, double[] ys, double x) {
        if (x <= xs[0]) {
            return ys[0];
        }
        for (int k = 1; k < xs.length; k++) {
            if (x <= xs[k]) {
                double span = xs[k] - xs[k - 1];
                return span > 0 ? ys[k - 1] + (ys[k] - ys[k - 1]) * (x - xs[k - 1]) / span : ys[k];
            }
        }
        return ys[ys.length - 1];
    }

    /**
     * One resistance-versus-SOC table per test temperature: the reference temperature's over its
     * nominal resistances, each other temperature's over the nominal resistances the Arrhenius law
     * gives there, so the tables hold what one activation energy does not (a cold cell's resistance
     * rising more steeply towards empty). A cold test usually cannot pulse as close to empty or
     * full as the reference test; beyond its SOC span its table is continued with the reference
     * table's shape (the reference factor over its value at the edge), not held flat. A temperature
     * whose pulses make fewer than two SOC levels is left out of the map, with a note.
     */
    static ResistanceMap resistanceMap(
            TreeMap<Double, List<PulseFit>> fitsByTemperature,
            double refCelsius,
            double[] ref,
            double activation,
            List<String> notes) {
        ResistanceVsSoc reference = resistanceVsSoc(fitsByTemperature.get(refCelsius), ref[0] + ref[1], ref[3]);
        notes.add(
                reference.isFlat()
                        ? "resistance against SOC: fewer than two SOC levels with pulses, so no SOC dependence"
                        : String.format(
                                Locale.ROOT,
                                "resistance against SOC at %.1f °C (SOC: factor on R0 and R1 / on R2, "
                                        + "medians per HPPC SOC level): %s",
                                refCelsius,
                                describe(reference)));
        if (reference.isFlat() || fitsByTemperature.size() < 2) {
            return ResistanceMap.of(reference);
        }
        List<Double> temperatures = new ArrayList<>();
        List<ResistanceVsSoc> tables = new ArrayList<>();
        for (var entry : fitsByTemperature.entrySet()) {
            double celsius = entry.getKey();
            if (celsius == refCelsius) {
                temperatures.add(celsius);
                tables.add(reference);
                continue;
            }
            double arrhenius =
                    Math.exp(activation / GAS_CONSTANT * (1 / (celsius + 273.15) - 1 / (refCelsius + 273.15)));
            ResistanceVsSoc own = resistanceVsSoc(entry.getValue(), (ref[0] + ref[1]) * arrhenius, ref[3] * arrhenius);
            if (own.isFlat()) {
                notes.add(String.format(
                        Locale.ROOT,
                        "resistance against SOC at %.1f °C: fewer than two SOC levels with "
                                + "pulses; the %.1f °C table is used there",
                        celsius,
                        refCelsius));
                continue;
            }
            ResistanceVsSoc continued = continueWithShapeOf(own, reference);
            notes.add(String.format(
                    Locale.ROOT,
                    "resistance against SOC at %.1f °C, over the Arrhenius-scaled nominal "
                            + "(SOC: factor on R0 and R1 / on R2): %s%s",
                    celsius,
                    describe(own),
                    continued.equals(own)
                            ? ""
                            : String.format(
                                    Locale.ROOT,
                                    "; outside SOC %.2f..%.2f continued with " + "the %.1f °C table's shape",
                                    own.socFraction()[0],
                                    own.socFraction()[own.socFraction().length - 1],
                                    refCelsius)));
            temperatures.add(celsius);
            tables.add(continued);
        }
        if (tables.size() < 2) {
            return ResistanceMap.of(reference);
        }
        return new ResistanceMap(
                temperatures.stream().mapToDouble(Double::doubleValue).toArray(), tables);
    }

    /**
     * The medians of tau1 and tau2 at each temperature the resistance map holds (the temperatures
     * whose pulses made an SOC table); none when the map holds one temperature.
     */
    static TimeConstantsVsTemperature timeConstants(TreeMap<Double, double[]> mediansByTemperature, ResistanceMap map) {
        if (!map.dependsOnTemperature()) {
            return TimeConstantsVsTemperature.NONE;
        }
        double[] celsius = map.celsius();
        double[] tau1 = new double[celsius.length];
        double[] tau2 = new double[celsius.length];
        for (int i = 0; i < celsius.length; i++) {
            double[] medians = mediansByTemperature.get(celsius[i]);
            tau1[i] = medians[2];
            tau2[i] = medians[4];
        }
        return new TimeConstantsVsTemperature(celsius, tau1, tau2);
    }

    private static String describe(TimeConstantsVsTemperature taus) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < taus.celsius().length; i++) {
            b.append(i == 0 ? "" : ", ")
                    .append(String.format(
                            Locale.ROOT,
                            "%.1f: %.2f / %.1f",
                            taus.celsius()[i],
                            taus.tau1Seconds()[i],
                            taus.tau2Seconds()[i]));
        }
        return b.toString();
    }

    /**
     * {@code own} with the reference table's SOC points outside its span added, each at
     * {@code own}'s factor at the nearer edge times the reference factor there over the reference
     * factor at that edge.
     */
    static ResistanceVsSoc continueWithShapeOf(ResistanceVsSoc own, ResistanceVsSoc reference) {
        double[] socs = own.socFraction();
        double low = socs[0];
        double high = socs[socs.length - 1];
        TreeMap<Double, double[]> points = new TreeMap<>();
        for (int i = 0; i < socs.length; i++) {
            points.put(socs[i], new double[] {own.factor()[i], own.slowFactor()[i]});
        }
        for (double soc : reference.socFraction()) {
            if (soc < low || soc > high) {
                double edge = soc < low ? low : high;
                points.put(soc, new double[] {
                    clampFactor(own.factorAt(edge) * reference.factorAt(soc) / reference.factorAt(edge)),
                    clampFactor(own.slowFactorAt(edge) * reference.slowFactorAt(soc) / reference.slowFactorAt(edge))
                });
            }
        }
        if (points.size() == socs.length) {
            return own;
        }
        double[] soc = new double[points.size()];
        double[] factor = new double[points.size()];
        double[] slow = new double[points.size()];
        int i = 0;
        for (var e : points.entrySet()) {
            soc[i] = e.getKey();
            factor[i] = e.getValue()[0];
            slow[i] = e.getValue()[1];
            i++;
        }
        return new ResistanceVsSoc(soc, factor, slow);
    }

    /**
     * The SOC factor on the resistances: pulses are grouped into SOC levels (an HPPC test pulses
     * several times at each level, within {@link #SOC_LEVEL_WIDTH} of its first pulse). Each level's
     * factor on R0 and R1 is the median of its pulses' R0 + R1 over the nominal R0 + R1 (on 1 s logs
     * the split between the two is not identifiable, their sum is), and its factor on R2 the median
     * R2 over the nominal R2. Fits with an RMS residual above {@link #MAX_FIT_RMS_VOLTS}, or counted
     * outside SOC 0..1 (a test run past empty), are left out.
     * Flat when fewer than two levels remain.
     */
    static ResistanceVsSoc resistanceVsSoc(List<PulseFit> fits, double nominalFastOhms, double nominalSlowOhms) {
        if (!(nominalFastOhms > 0) || !(nominalSlowOhms > 0)) {
            return ResistanceVsSoc.FLAT;
        }
        List<PulseFit> good = fits.stream()
                .filter(f -> f.rmsVolts() <= MAX_FIT_RMS_VOLTS)
                .filter(f -> f.socFraction() >= 0 && f.socFraction() <= 1)
                .filter(f -> f.r0Ohms() + f.r1Ohms() > 0)
                .sorted((a, b) -> Double.compare(b.socFraction(), a.socFraction()))
                .toList();
        List<double[]> levels = new ArrayList<>();
        int start = 0;
        while (start < good.size()) {
            int end = start;
            while (end < good.size()
                    && good.get(start).socFraction() - good.get(end).socFraction() <= SOC_LEVEL_WIDTH) {
                end++;
            }
            List<PulseFit> level = good.subList(start, end);
            double soc =
                    level.stream().mapToDouble(PulseFit::socFraction).average().orElseThrow();
            double fast = median(
                    level.stream().mapToDouble(f -> f.r0Ohms() + f.r1Ohms()).toArray());
            double slow = median(level.stream().mapToDouble(PulseFit::r2Ohms).toArray());
            levels.add(new double[] {soc, clampFactor(fast / nominalFastOhms), clampFactor(slow / nominalSlowOhms)});
            start = end;
        }
        if (levels.size() < 2) {
            return ResistanceVsSoc.FLAT;
        }
        int n = levels.size();
        double[] soc = new double[n];
        double[] factor = new double[n];
        double[] slowFactor = new double[n];
        for (int i = 0; i < n; i++) {
            soc[i] = levels.get(n - 1 - i)[0];
            factor[i] = levels.get(n - 1 - i)[1];
            slowFactor[i] = levels.get(n - 1 - i)[2];
        }
        return new ResistanceVsSoc(soc, factor, slowFactor);
    }

    private static double clampFactor(double f) {
        return Math.max(MIN_FACTOR, Math.min(MAX_FACTOR, f));
    }

    private static String describe(ResistanceVsSoc table) {
        double[] soc = table.socFraction();
        double[] factor = table.factor();
        double[] slow = table.slowFactor();
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < soc.length; i++) {
            b.append(i == 0 ? "" : ", ")
                    .append(String.format(Locale.ROOT, "%.2f: %.2f / %.2f", soc[i], factor[i], slow[i]));
        }
        return b.toString();
    }

    private static double medianSampleSeconds(CellTestLog log) {
        double[] t = log.timeS();
        if (t.length < 2) {
            return Double.NaN;
        }
        double[] d = new double[t.length - 1];
        for (int k = 1; k < t.length; k++) {
            d[k - 1] = t[k] - t[k - 1];
        }
        return median(d);
    }

    /** Medians of r0, r1, tau1, r2, tau2 over pulses between 20 and 95 % SOC (all pulses if none). */
    static double[] medians(List<PulseFit> fits) {
        List<PulseFit> mid = fits.stream()
                .filter(f -> f.socFraction() >= 0.2 && f.socFraction() <= 0.95)
                .toList();
        List<PulseFit> use = mid.isEmpty() ? fits : mid;
        return new double[] {
            median(use.stream().mapToDouble(PulseFit::r0Ohms).toArray()),
            median(use.stream().mapToDouble(PulseFit::r1Ohms).toArray()),
            median(use.stream().mapToDouble(PulseFit::tau1Seconds).toArray()),
            median(use.stream().mapToDouble(PulseFit::r2Ohms).toArray()),
            median(use.stream().mapToDouble(PulseFit::tau2Seconds).toArray())
        };
    }

    private static double median(double[] xs) {
        Arrays.sort(xs);
        return xs[xs.length / 2];
    }
}
