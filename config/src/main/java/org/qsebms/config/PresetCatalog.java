package org.qsebms.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.qsebms.estimators.model.EcmParameters;
import org.qsebms.estimators.model.LithiumInterface;
import org.qsebms.estimators.model.OcvCurve;
import org.qsebms.estimators.model.OcvDoubt;
import org.qsebms.estimators.model.ResistanceMap;
import org.qsebms.estimators.model.ResistanceVsSoc;
import org.qsebms.estimators.model.SlowPolarisation;
import org.qsebms.estimators.model.TemperatureSpan;
import org.qsebms.estimators.model.TimeConstantsVsTemperature;
import org.qsebms.estimators.model.TopKneeChargeExcess;
import org.qsebms.estimators.soc.HysteresisModel;

/**
 * The chemistry presets shipped with qse-bms (YAML resources under {@code presets/}), or a preset file:
 * read by {@link PresetCodec}, checked and converted here into a {@link ChemistryPreset}.
 */
public final class PresetCatalog {
    /** Presets shipped in this build. */
    public static final List<String> SHIPPED =
            List.of("psoa-ncm811", "psoa-lfp", "ptpa-ncm811", "ptpa-lfp", "le-ncm811", "le-lfp");

    /** The keys of a preset's (and a configuration's) {@code limits:} section. */
    static final Set<String> LIMIT_KEYS = Set.of(
            "cellOverVoltage",
            "cellUnderVoltage",
            "chargeOverCurrentC",
            "dischargeOverCurrentC",
            "chargeOverTemperature",
            "chargeUnderTemperature",
            "dischargeOverTemperature",
            "dischargeUnderTemperature");

    private final PresetCodec codec = new PresetCodec();

    /** Loads a shipped preset by name, or a preset YAML file by path. */
    public ChemistryPreset load(String nameOrPath) {
        return parse(codec.open(nameOrPath), nameOrPath);
    }

    /** Checks and converts a preset's tree; every error names its key path under {@code preset(nameOrPath)}. */
    static ChemistryPreset parse(PresetCodec.Source source, String nameOrPath) {
        return parse(new YamlNode(source.tree(), "preset(" + nameOrPath + ")"), source.baseDir());
    }

    private static ChemistryPreset parse(YamlNode root, Path baseDir) {
        root.rejectUnknownKeys(Set.of(
                "name",
                "electrolyte",
                "cathode",
                "anodicLimitVolts",
                "cell",
                "limits",
                "supplementary",
                "capacityRange"));
        String name = root.requiredString("name");
        String electrolyte = root.requiredString("electrolyte");
        String cathode = root.requiredString("cathode");
        double anodic = root.requiredNumber("anodicLimitVolts", 3.0, 7.0, "V");
        YamlNode cell = root.mapping("cell");
        cell.rejectUnknownKeys(Set.of(
                "capacityAh",
                "r0Ohms",
                "r1Ohms",
                "tau1",
                "r2Ohms",
                "tau2",
                "activationEnergyJPerMol",
                "ocvTable",
                "hysteresis",
                "lithiumInterface",
                "bulkOhms",
                "npRatio",
                "resistanceVsSoc",
                "timeConstantsVsTemperature",
                "ocvTemperatureSpan",
                "activationEnergySource",
                "characterisedTemperatureSpan",
                "ocvSigma",
                "slowPolarisation",
                "topKneeChargeExcess"));
        String ocvTable = cell.requiredString("ocvTable");
        // a preset file may name its OCV table relative to its own directory
        if (baseDir != null && !Path.of(ocvTable).isAbsolute() && Files.isRegularFile(baseDir.resolve(ocvTable))) {
            ocvTable = baseDir.resolve(ocvTable).toString();
        }
        OcvCurve ocv = withTemperatureSpan(OcvTableReader.read(cell.child("ocvTable"), ocvTable), cell);
        HysteresisModel hysteresis = HysteresisModel.NONE;
        if (cell.has("hysteresis")) {
            YamlNode h = cell.mapping("hysteresis");
            h.rejectUnknownKeys(Set.of("magnitudeVolts", "ratePerSoc"));
            hysteresis = new HysteresisModel(
                    h.requiredNumber("magnitudeVolts", 0, 0.5, "V"),
                    h.requiredNumber("ratePerSoc", 0.1, 10000, "1/SOC"));
        }
        LithiumInterface lithium = LithiumInterface.NONE;
        if (cell.has("lithiumInterface")) {
            YamlNode l = cell.mapping("lithiumInterface");
            l.rejectUnknownKeys(Set.of("tafelVolts", "exchangeAmps", "ohms"));
            lithium = new LithiumInterface(
                    l.requiredNumber("tafelVolts", 0, 1, "V"),
                    l.requiredNumber("exchangeAmps", 1e-12, 1000, "A"),
                    l.requiredNumber("ohms", 0, 100, "ohm"));
        }
        EcmParameters ecm = EcmParameters.builder()
                .capacityAh(cell.requiredNumber("capacityAh", 0.001, 10000, "Ah"))
                .r0Ohms(cell.requiredNumber("r0Ohms", 1e-6, 100, "ohm"))
                .r1Ohms(cell.requiredNumber("r1Ohms", 0, 100, "ohm"))
                .tau1Seconds(seconds(cell.duration("tau1", null, Duration.ofMillis(1), Duration.ofHours(10))))
                .r2Ohms(cell.requiredNumber("r2Ohms", 0, 100, "ohm"))
                .tau2Seconds(seconds(cell.duration("tau2", null, Duration.ofMillis(1), Duration.ofHours(10))))
                .activationEnergyJPerMol(cell.number("activationEnergyJPerMol", 0, 0, 200000, "J/mol"))
                .ocv(ocv)
                .resistance(resistanceMap(cell))
                .timeConstants(timeConstants(cell))
                .characterisedCelsius(characterisedSpan(cell))
                .ocvDoubt(ocvDoubt(cell))
                .slowPolarisation(slowPolarisation(cell))
                .topKneeChargeExcess(topKneeChargeExcess(cell))
                .build();
        YamlNode limits = root.mapping("limits");
        limits.rejectUnknownKeys(LIMIT_KEYS);
        double capacity = ecm.capacityAh();
        double[] chargeC = cRates(limits.mapping("chargeOverCurrentC"));
        double[] dischargeC = cRates(limits.mapping("dischargeOverCurrentC"));
        ProtectionLimits pl = new ProtectionLimits(
                LimitReader.read(
                        limits.mapping("cellOverVoltage"), "cellOverVoltage", LimitDirection.UPPER, "V", 1.0, null),
                LimitReader.read(
                        limits.mapping("cellUnderVoltage"), "cellUnderVoltage", LimitDirection.LOWER, "V", 1.0, null),
                LimitReader.read(
                        limits.mapping("chargeOverCurrentC"),
                        "chargeOverCurrent",
                        LimitDirection.UPPER,
                        "A",
                        capacity,
                        null),
                LimitReader.read(
                        limits.mapping("dischargeOverCurrentC"),
                        "dischargeOverCurrent",
                        LimitDirection.UPPER,
                        "A",
                        capacity,
                        null),
                LimitReader.read(
                        limits.mapping("chargeOverTemperature"),
                        "chargeOverTemperature",
                        LimitDirection.UPPER,
                        "°C",
                        1.0,
                        null),
                LimitReader.read(
                        limits.mapping("chargeUnderTemperature"),
                        "chargeUnderTemperature",
                        LimitDirection.LOWER,
                        "°C",
                        1.0,
                        null),
                LimitReader.read(
                        limits.mapping("dischargeOverTemperature"),
                        "dischargeOverTemperature",
                        LimitDirection.UPPER,
                        "°C",
                        1.0,
                        null),
                LimitReader.read(
                        limits.mapping("dischargeUnderTemperature"),
                        "dischargeUnderTemperature",
                        LimitDirection.LOWER,
                        "°C",
                        1.0,
                        null),
                anodic);
        if (pl.cellOverVoltage().msl() > anodic) {
            throw new ConfigException(
                    root.child("limits.cellOverVoltage.msl"),
                    pl.cellOverVoltage().msl() + " V exceeds the electrolyte's anodic stability limit of " + anodic
                            + " V");
        }
        // cell life: the bulk electrolyte part of R0 (default: all of the preset's R0, so only growth counts as SEI)
        // and the lithium excess (unknown unless given: lithium inventory is then not estimated)
        double bulkOhms = cell.number("bulkOhms", ecm.r0Ohms(), 1e-6, 100, "ohm");
        double npRatio = cell.has("npRatio") ? cell.requiredNumber("npRatio", 1.0, 100, "") : Double.NaN;
        if (bulkOhms > ecm.r0Ohms()) {
            throw new ConfigException(
                    cell.child("bulkOhms"),
                    bulkOhms + " ohm is more than the cell's whole R0 of " + ecm.r0Ohms()
                            + " ohm; bulkOhms is the electrolyte's share of r0Ohms");
        }
        return ChemistryPreset.builder()
                .name(name)
                .electrolyte(electrolyte)
                .cathode(cathode)
                .cell(ecm)
                .limits(pl)
                .chargeCRateLimits(chargeC)
                .dischargeCRateLimits(dischargeC)
                .hysteresis(hysteresis)
                .lithiumInterface(lithium)
                .life(new CellLife(bulkOhms, npRatio))
                .supplementary(SupplementaryReader.presetSection(root.optionalMapping("supplementary")))
                .capacityRange(capacityRange(root.optionalMapping("capacityRange")))
                .build();
    }

    /**
     * The optional {@code capacityRange: {lowestFactor, highestFactor}}: the capacities a cell of this kind can have,
     * over {@code cell.capacityAh} ({@link CellCapacityRange#CHEMISTRY} when absent).
     */
    private static CellCapacityRange capacityRange(YamlNode n) {
        if (n == null) {
            return CellCapacityRange.CHEMISTRY;
        }
        n.rejectUnknownKeys(Set.of("lowestFactor", "highestFactor"));
        double lowest = n.requiredNumber("lowestFactor", 1e-6, 1, "");
        double highest = n.requiredNumber("highestFactor", 1, 1e6, "");
        try {
            return new CellCapacityRange(lowest, highest);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(n.child("highestFactor"), e.getMessage());
        }
    }

    /**
     * The optional {@code resistanceVsSoc} factors (factor on R0 and R1; slowFactor on R2, the same
     * as factor when left out): either one table {@code {soc: [...], factor: [...], slowFactor: [...]}}
     * that holds at every temperature, or a list of such tables, each with the {@code celsius} it was
     * measured at, in increasing temperature. Flat when absent.
     */
    private static ResistanceMap resistanceMap(YamlNode cell) {
        if (!cell.has("resistanceVsSoc")) {
            return ResistanceMap.FLAT;
        }
        if (!cell.isList("resistanceVsSoc")) {
            YamlNode t = cell.mapping("resistanceVsSoc");
            t.rejectUnknownKeys(Set.of("soc", "factor", "slowFactor"));
            return ResistanceMap.of(resistanceVsSoc(t));
        }
        List<YamlNode> entries = cell.mappingList("resistanceVsSoc");
        if (entries.isEmpty()) {
            throw new ConfigException(
                    cell.child("resistanceVsSoc"),
                    "is an empty list; give at least one table, or "
                            + "leave the key out for resistances that do not depend on SOC");
        }
        double[] celsius = new double[entries.size()];
        List<ResistanceVsSoc> tables = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            YamlNode t = entries.get(i);
            t.rejectUnknownKeys(Set.of("celsius", "soc", "factor", "slowFactor"));
            celsius[i] = t.requiredNumber("celsius", -60, 120, "°C");
            if (i > 0 && !(celsius[i] > celsius[i - 1])) {
                throw new ConfigException(
                        t.child("celsius"),
                        celsius[i] + " °C does not exceed the table before it (" + celsius[i - 1]
                                + " °C); list the tables in increasing temperature, one per temperature");
            }
            tables.add(resistanceVsSoc(t));
        }
        return new ResistanceMap(celsius, tables);
    }

    /** The OCV table with the temperature span its dU/dT applies over, when the preset gives one. */
    private static OcvCurve withTemperatureSpan(OcvCurve ocv, YamlNode cell) {
        if (!cell.has("ocvTemperatureSpan")) {
            return ocv;
        }
        TemperatureSpan span = span(cell, "ocvTemperatureSpan", "OCV test");
        return new OcvCurve(
                ocv.socFraction(), ocv.ocvVolts(), ocv.entropicVoltsPerK(), span.minCelsius(), span.maxCelsius());
    }

    /**
     * The optional {@code characterisedTemperatureSpan: {minCelsius, maxCelsius}}: the pulse tests'
     * temperatures, outside which the SOC filter treats the model as extrapolated (unknown when
     * absent). {@code activationEnergySource} beside it is a note for the reader (fitted or assumed).
     */
    private static TemperatureSpan characterisedSpan(YamlNode cell) {
        return cell.has("characterisedTemperatureSpan")
                ? span(cell, "characterisedTemperatureSpan", "pulse test")
                : TemperatureSpan.UNKNOWN;
    }

    /** A {@code {minCelsius, maxCelsius}} span under {@code key}, over the temperatures of {@code tests}. */
    private static TemperatureSpan span(YamlNode cell, String key, String tests) {
        YamlNode span = cell.mapping(key);
        span.rejectUnknownKeys(Set.of("minCelsius", "maxCelsius"));
        double min = span.requiredNumber("minCelsius", -60, 120, "°C");
        double max = span.requiredNumber("maxCelsius", -60, 120, "°C");
        if (min > max) {
            throw new ConfigException(
                    span.child("minCelsius"),
                    min + " °C is above maxCelsius (" + max + " °C); give the coldest " + tests
                            + "'s temperature as minCelsius and the warmest's as maxCelsius");
        }
        return new TemperatureSpan(min, max);
    }

    /**
     * The optional {@code ocvSigma}: the OCV's sigma per SOC region, learnt by {@code bms
     * characterize}; either one table {@code {socEdges: [...], volts: [...]}} (region i runs from
     * socEdges[i] to socEdges[i+1]) that holds at every temperature, or a list of such tables, each
     * with the {@code celsius} of its OCV tests, in increasing temperature and with the same
     * edges. Absent: the SOC filter's default OCV sigma everywhere.
     */
    private static OcvDoubt ocvDoubt(YamlNode cell) {
        if (!cell.has("ocvSigma")) {
            return OcvDoubt.NONE;
        }
        if (!cell.isList("ocvSigma")) {
            YamlNode t = cell.mapping("ocvSigma");
            t.rejectUnknownKeys(Set.of("socEdges", "volts"));
            double[] edges = ocvSigmaEdges(t);
            return OcvDoubt.of(edges, ocvSigmaVolts(t, edges));
        }
        List<YamlNode> entries = cell.mappingList("ocvSigma");
        if (entries.isEmpty()) {
            throw new ConfigException(
                    cell.child("ocvSigma"),
                    "is an empty list; give at least one table, or leave the key out for the default OCV sigma");
        }
        double[] celsius = new double[entries.size()];
        double[] edges = null;
        double[] volts = new double[0];
        for (int i = 0; i < entries.size(); i++) {
            YamlNode t = entries.get(i);
            t.rejectUnknownKeys(Set.of("celsius", "socEdges", "volts"));
            celsius[i] = t.requiredNumber("celsius", -60, 120, "°C");
            if (i > 0 && !(celsius[i] > celsius[i - 1])) {
                throw new ConfigException(
                        t.child("celsius"),
                        celsius[i] + " °C does not exceed the table before it (" + celsius[i - 1]
                                + " °C); list the tables in increasing temperature, one per temperature");
            }
            double[] own = ocvSigmaEdges(t);
            if (edges != null && !java.util.Arrays.equals(edges, own)) {
                throw new ConfigException(
                        t.child("socEdges"),
                        "differs from the first table's socEdges; give every temperature the same SOC regions");
            }
            edges = own;
            double[] v = ocvSigmaVolts(t, own);
            double[] all = java.util.Arrays.copyOf(volts, volts.length + v.length);
            System.arraycopy(v, 0, all, volts.length, v.length);
            volts = all;
        }
        return new OcvDoubt(celsius, edges, volts);
    }

    /**
     * The optional {@code slowPolarisation}: a third, slow RC branch learnt by {@code bms
     * characterize} from drive logs, {@code {tau: 1000s, socEdges: [...], ohms: [...]}} (region i runs
     * from socEdges[i] to socEdges[i+1]). Absent: no slow branch, the two-pair model.
     */
    private static SlowPolarisation slowPolarisation(YamlNode cell) {
        if (!cell.has("slowPolarisation")) {
            return SlowPolarisation.NONE;
        }
        YamlNode t = cell.mapping("slowPolarisation");
        t.rejectUnknownKeys(Set.of("tau", "socEdges", "ohms"));
        double tau = seconds(t.duration("tau", null, Duration.ofSeconds(1), Duration.ofHours(100)));
        double[] edges = ocvSigmaEdges(t);
        double[] ohms = t.numberList("ohms", 0, 10, "ohm");
        if (ohms.length < 1 || edges.length != ohms.length + 1) {
            throw new ConfigException(
                    t.path(),
                    "has " + edges.length + " socEdges and " + ohms.length + " ohms; give one resistance per SOC"
                            + " region, one fewer than the edges (as 'bms characterize --slow-polarisation-log'"
                            + " writes it), or leave the key out for no slow branch");
        }
        return new SlowPolarisation(tau, edges, ohms);
    }

    /**
     * The optional {@code topKneeChargeExcess}: the voltage under charge at the top knee beyond the model,
     * learnt by {@code bms characterize} from an OCV test's charge and top-off, {@code {sigmaVolts: 0.05,
     * fromSoc: 0.9}}. Absent: no such term (the SOC filters as before).
     */
    private static TopKneeChargeExcess topKneeChargeExcess(YamlNode cell) {
        if (!cell.has("topKneeChargeExcess")) {
            return TopKneeChargeExcess.NONE;
        }
        YamlNode t = cell.mapping("topKneeChargeExcess");
        t.rejectUnknownKeys(Set.of("sigmaVolts", "fromSoc"));
        return new TopKneeChargeExcess(
                t.requiredNumber("sigmaVolts", 0, 1, "V"), t.requiredNumber("fromSoc", 0, 1, ""));
    }

    private static double[] ocvSigmaEdges(YamlNode t) {
        double[] edges = t.numberList("socEdges", 0, 1, "");
        for (int i = 1; i < edges.length; i++) {
            if (!(edges[i] > edges[i - 1])) {
                throw new ConfigException(
                        t.child("socEdges") + "[" + i + "]",
                        edges[i] + " does not exceed the edge before it (" + edges[i - 1]
                                + "); list SOC edges in increasing order");
            }
        }
        return edges;
    }

    private static double[] ocvSigmaVolts(YamlNode t, double[] edges) {
        double[] volts = t.numberList("volts", 0.0001, 1, "V");
        if (volts.length < 1 || edges.length != volts.length + 1) {
            throw new ConfigException(
                    t.path(),
                    "has " + edges.length + " socEdges and " + volts.length + " volts; give one more SOC edge "
                            + "than sigmas (region i runs from socEdges[i] to socEdges[i+1])");
        }
        return volts;
    }

    /**
     * The optional {@code timeConstantsVsTemperature: {celsius: [...], tau1Seconds: [...],
     * tau2Seconds: [...]}}: the two RC time constants at each test temperature, in increasing
     * temperature; absent, tau1 and tau2 hold at every temperature.
     */
    private static TimeConstantsVsTemperature timeConstants(YamlNode cell) {
        if (!cell.has("timeConstantsVsTemperature")) {
            return TimeConstantsVsTemperature.NONE;
        }
        YamlNode t = cell.mapping("timeConstantsVsTemperature");
        t.rejectUnknownKeys(Set.of("celsius", "tau1Seconds", "tau2Seconds"));
        double[] celsius = t.numberList("celsius", -60, 120, "°C");
        double[] tau1 = t.numberList("tau1Seconds", 0.001, 36000, "s");
        double[] tau2 = t.numberList("tau2Seconds", 0.001, 36000, "s");
        if (celsius.length == 0 || celsius.length != tau1.length || celsius.length != tau2.length) {
            throw new ConfigException(
                    t.path(),
                    "has " + celsius.length + " temperatures, " + tau1.length
                            + " tau1Seconds and " + tau2.length
                            + " tau2Seconds; give the same number (at least 1) of each, "
                            + "one per temperature");
        }
        for (int i = 1; i < celsius.length; i++) {
            if (!(celsius[i] > celsius[i - 1])) {
                throw new ConfigException(
                        t.child("celsius") + "[" + i + "]",
                        celsius[i] + " °C does not exceed the " + "temperature before it (" + celsius[i - 1]
                                + " °C); list temperatures in increasing order");
            }
        }
        return new TimeConstantsVsTemperature(celsius, tau1, tau2);
    }

    private static ResistanceVsSoc resistanceVsSoc(YamlNode t) {
        double[] soc = t.numberList("soc", 0, 1, "");
        double[] factor = t.numberList("factor", 0.01, 100, "");
        double[] slowFactor = t.has("slowFactor") ? t.numberList("slowFactor", 0.01, 100, "") : factor;
        if (soc.length != factor.length || soc.length != slowFactor.length || soc.length < 2) {
            throw new ConfigException(
                    t.path(),
                    "has " + soc.length + " SOC points, "
                            + factor.length + " factors and " + slowFactor.length
                            + " slowFactors; give the same number "
                            + "(at least 2) of each, one per SOC point");
        }
        for (int i = 1; i < soc.length; i++) {
            if (!(soc[i] > soc[i - 1])) {
                throw new ConfigException(
                        t.child("soc") + "[" + i + "]",
                        soc[i] + " does not exceed the point before it (" + soc[i - 1]
                                + "); list SOC points in increasing order");
            }
        }
        return new ResistanceVsSoc(soc, factor, slowFactor);
    }

    private static double[] cRates(YamlNode n) {
        return new double[] {
            n.requiredNumber("mol", 0, 100, "C"),
            n.requiredNumber("rsl", 0, 100, "C"),
            n.requiredNumber("msl", 0, 100, "C")
        };
    }

    static double seconds(Duration d) {
        return d.toNanos() / 1e9;
    }
}
