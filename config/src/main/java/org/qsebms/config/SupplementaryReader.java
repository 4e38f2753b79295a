package org.qsebms.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import org.qsebms.estimators.yaml.OneYamlDocument;

/**
 * Reads a {@code supplementary:} section into {@link SupplementaryLimits}: over a base (the shipped
 * defaults for a preset; the preset's values for a configuration). For a configuration every value
 * may only be tighter than or equal to the base: for an upper limit (imbalance, SOC high, soft-short
 * score) a lower MSL, for the SOC low bound a higher MSL, and a hysteresis no smaller; a shorter
 * debounce, detection window or stuck window; a lower threshold (drift, spread, rate, step, stuck
 * current, short-circuit factor); a smaller sensor accuracy (a narrower sum-of-cells tolerance); fewer lockout trips; a longer
 * lockout window and a longer loop proof (more proof before a cause counts as gone).
 */
final class SupplementaryReader {
    static final String DEFAULTS = "presets/supplementary-defaults.yaml";

    private static final Set<String> KEYS = Set.of(
            "cellImbalance",
            "socHigh",
            "socLow",
            "softShortScore",
            "zeroDriftAmps",
            "zeroDriftDebounce",
            "tempSpreadCelsius",
            "tempSpreadDebounce",
            "tempRateCelsiusPerS",
            "tempRateWindow",
            "tempStepCelsius",
            "stuckMinAmps",
            "cellStuckWhileFlowing",
            "tempStuckWhileFlowing",
            "currentStuckWhileFlowing",
            "cellStuckAtRest",
            "tempStuckAtRest",
            "currentStuckAtRest",
            "sensorStatusDebounce",
            "cellVoltsAccuracy",
            "packVoltsAccuracyFraction",
            "packMismatchDebounce",
            "shortCircuitFactor",
            "lockoutTrips",
            "lockoutWindow",
            "loopProof",
            "anodicHysteresisVolts",
            "currentDeadbandAmps",
            "currentCrossCheckC",
            "currentCrossCheckWindow",
            "currentCrossCheckDebounce",
            "currentCrossCheckModelDoubt",
            "currentCrossCheckLaggingFraction",
            "cellFrozenFalseAlarm",
            "tempFrozenFalseAlarm",
            "tempFrozenMinHistory",
            "tempFrozenPriorRepeat",
            "tempFrozenPriorMinCelsius",
            "tempFrozenPriorMaxCelsius",
            "cellRepeatAtRest",
            "currentRepeatAtRest",
            "temperatureRepeatAtRest",
            "currentResponseWindow",
            "currentResponseStepAmps",
            "currentResponseMinVolts",
            "currentResponseFollowFraction",
            "currentResponseModelDoubt",
            "currentResponseNoiseSigmas",
            "currentOffsetWindow",
            "currentOffsetSettle",
            "currentOffsetMaxC",
            "currentOffsetSteadyC",
            "currentOffsetNoiseVolts",
            "currentOffsetOcvDoubt",
            "currentOffsetModelDoubt",
            "currentOffsetMinSlope",
            "softShortBleedHold",
            "softShortBleedRelease",
            "balancingKneeSlope",
            "cellStuckMoveResolutions");

    private static final Duration MAX_DURATION = Duration.ofDays(7);

    private final YamlNode n;
    private final SupplementaryLimits base;
    private final boolean tightenOnly;
    private final String baseName;

    private SupplementaryReader(YamlNode n, SupplementaryLimits base, boolean tightenOnly, String baseName) {
        this.n = n;
        this.base = base;
        this.tightenOnly = tightenOnly;
        this.baseName = baseName;
    }

    /** The shipped defaults: every key required. */
    static SupplementaryLimits shippedDefaults() {
        try (InputStream in = SupplementaryReader.class.getClassLoader().getResourceAsStream(DEFAULTS)) {
            if (in == null) {
                throw new IllegalStateException(DEFAULTS + " missing from the config jar");
            }
            JsonNode root = new OneYamlDocument(new ObjectMapper(new YAMLFactory()))
                    .read(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            YamlNode r = new YamlNode(root, DEFAULTS + ":");
            r.rejectUnknownKeys(Set.of("supplementary"));
            return new SupplementaryReader(r.mapping("supplementary"), null, false, DEFAULTS).read();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + DEFAULTS + ": " + e.getMessage(), e);
        }
    }

    /** A preset's {@code supplementary:} section: any key, each defaulting to the shipped value. */
    static SupplementaryLimits presetSection(YamlNode section) {
        SupplementaryLimits d = shippedDefaults();
        return section == null ? d : new SupplementaryReader(section, d, false, DEFAULTS).read();
    }

    /** A configuration's {@code supplementary:} section: any key, each only tighter than the preset's. */
    static SupplementaryLimits tightening(YamlNode section, SupplementaryLimits preset, String presetName) {
        return section == null
                ? preset
                : new SupplementaryReader(section, preset, true, "the " + presetName + " preset").read();
    }

    private SupplementaryLimits read() {
        n.rejectUnknownKeys(KEYS);
        try {
            return SupplementaryLimits.builder()
                    .cellImbalance(limit("cellImbalance", "cellImbalance", LimitDirection.UPPER, "V", 0, 5))
                    .socHigh(limit("socHigh", "cellSoc", LimitDirection.UPPER, "", 0, 1))
                    .socLow(limit("socLow", "cellSoc", LimitDirection.LOWER, "", 0, 1))
                    .softShortScore(limit("softShortScore", "softShortScore", LimitDirection.UPPER, "", 0, 1))
                    .zeroDriftAmps(lower("zeroDriftAmps", SupplementaryLimits::zeroDriftAmps, 0.001, 10000, "A"))
                    .zeroDriftDebounce(shorter("zeroDriftDebounce", SupplementaryLimits::zeroDriftDebounce))
                    .tempSpreadCelsius(
                            lower("tempSpreadCelsius", SupplementaryLimits::tempSpreadCelsius, 0.1, 200, "°C"))
                    .tempSpreadDebounce(shorter("tempSpreadDebounce", SupplementaryLimits::tempSpreadDebounce))
                    .tempRateCelsiusPerS(
                            lower("tempRateCelsiusPerS", SupplementaryLimits::tempRateCelsiusPerS, 0.01, 1000, "°C/s"))
                    .tempRateWindow(shorter("tempRateWindow", SupplementaryLimits::tempRateWindow))
                    .tempStepCelsius(lower("tempStepCelsius", SupplementaryLimits::tempStepCelsius, 0.1, 200, "°C"))
                    .stuckMinAmps(lower("stuckMinAmps", SupplementaryLimits::stuckMinAmps, 0.001, 10000, "A"))
                    .cellStuckWhileFlowing(shorter("cellStuckWhileFlowing", SupplementaryLimits::cellStuckWhileFlowing))
                    .tempStuckWhileFlowing(shorter("tempStuckWhileFlowing", SupplementaryLimits::tempStuckWhileFlowing))
                    .currentStuckWhileFlowing(
                            shorter("currentStuckWhileFlowing", SupplementaryLimits::currentStuckWhileFlowing))
                    .cellStuckAtRest(shorter("cellStuckAtRest", SupplementaryLimits::cellStuckAtRest))
                    .tempStuckAtRest(shorter("tempStuckAtRest", SupplementaryLimits::tempStuckAtRest))
                    .currentStuckAtRest(shorter("currentStuckAtRest", SupplementaryLimits::currentStuckAtRest))
                    .sensorStatusDebounce(shorter("sensorStatusDebounce", SupplementaryLimits::sensorStatusDebounce))
                    .cellVoltsAccuracy(lower("cellVoltsAccuracy", SupplementaryLimits::cellVoltsAccuracy, 1e-5, 1, "V"))
                    .packVoltsAccuracyFraction(lower(
                            "packVoltsAccuracyFraction", SupplementaryLimits::packVoltsAccuracyFraction, 1e-5, 1, ""))
                    .packMismatchDebounce(shorter("packMismatchDebounce", SupplementaryLimits::packMismatchDebounce))
                    .shortCircuitFactor(
                            lower("shortCircuitFactor", SupplementaryLimits::shortCircuitFactor, 1.01, 100, "x MSL"))
                    .lockoutTrips(fewerTrips())
                    .lockoutWindow(longer("lockoutWindow", SupplementaryLimits::lockoutWindow))
                    .loopProof(longer("loopProof", SupplementaryLimits::loopProof))
                    .anodicHysteresisVolts(
                            higher("anodicHysteresisVolts", SupplementaryLimits::anodicHysteresisVolts, 0, 1, "V"))
                    .currentDeadbandAmps(
                            lower("currentDeadbandAmps", SupplementaryLimits::currentDeadbandAmps, 0, 100, "A"))
                    .currentCrossCheckC(
                            lower("currentCrossCheckC", SupplementaryLimits::currentCrossCheckC, 0.001, 100, "C"))
                    .currentCrossCheckWindow(
                            shorter("currentCrossCheckWindow", SupplementaryLimits::currentCrossCheckWindow))
                    .currentCrossCheckDebounce(
                            shorter("currentCrossCheckDebounce", SupplementaryLimits::currentCrossCheckDebounce))
                    .currentCrossCheckModelDoubt(lower(
                            "currentCrossCheckModelDoubt", SupplementaryLimits::currentCrossCheckModelDoubt, 0, 10, ""))
                    .currentCrossCheckLaggingFraction(higher(
                            "currentCrossCheckLaggingFraction",
                            SupplementaryLimits::currentCrossCheckLaggingFraction,
                            0,
                            0.49,
                            ""))
                    .cellFrozenFalseAlarm(
                            higher("cellFrozenFalseAlarm", SupplementaryLimits::cellFrozenFalseAlarm, 1e-12, 0.01, ""))
                    .tempFrozenFalseAlarm(
                            higher("tempFrozenFalseAlarm", SupplementaryLimits::tempFrozenFalseAlarm, 0, 0.01, ""))
                    .tempFrozenMinHistory(
                            lower("tempFrozenMinHistory", SupplementaryLimits::tempFrozenMinHistory, 8, 1e6, "pairs"))
                    .tempFrozenPriorRepeat(
                            lower("tempFrozenPriorRepeat", SupplementaryLimits::tempFrozenPriorRepeat, 0.01, 1, ""))
                    .tempFrozenPriorMinCelsius(lower(
                            "tempFrozenPriorMinCelsius",
                            SupplementaryLimits::tempFrozenPriorMinCelsius,
                            -100,
                            200,
                            "°C"))
                    .tempFrozenPriorMaxCelsius(higher(
                            "tempFrozenPriorMaxCelsius",
                            SupplementaryLimits::tempFrozenPriorMaxCelsius,
                            -100,
                            200,
                            "°C"))
                    .cellRepeatAtRest(lower("cellRepeatAtRest", SupplementaryLimits::cellRepeatAtRest, 1e-12, 1, ""))
                    .currentRepeatAtRest(
                            lower("currentRepeatAtRest", SupplementaryLimits::currentRepeatAtRest, 1e-12, 1, ""))
                    .temperatureRepeatAtRest(lower(
                            "temperatureRepeatAtRest", SupplementaryLimits::temperatureRepeatAtRest, 1e-12, 1, ""))
                    .currentResponseWindow(longer("currentResponseWindow", SupplementaryLimits::currentResponseWindow))
                    .currentResponseStepAmps(lower(
                            "currentResponseStepAmps", SupplementaryLimits::currentResponseStepAmps, 0.01, 10000, "A"))
                    .currentResponseMinVolts(lower(
                            "currentResponseMinVolts", SupplementaryLimits::currentResponseMinVolts, 1e-4, 1, "V"))
                    .currentResponseFollowFraction(higher(
                            "currentResponseFollowFraction",
                            SupplementaryLimits::currentResponseFollowFraction,
                            0.01,
                            0.99,
                            ""))
                    .currentResponseModelDoubt(lower(
                            "currentResponseModelDoubt", SupplementaryLimits::currentResponseModelDoubt, 0, 10, ""))
                    .currentResponseNoiseSigmas(lower(
                            "currentResponseNoiseSigmas", SupplementaryLimits::currentResponseNoiseSigmas, 0, 10, ""))
                    .currentOffsetWindow(shorter("currentOffsetWindow", SupplementaryLimits::currentOffsetWindow))
                    .currentOffsetSettle(shorter("currentOffsetSettle", SupplementaryLimits::currentOffsetSettle))
                    .currentOffsetMaxC(
                            higher("currentOffsetMaxC", SupplementaryLimits::currentOffsetMaxC, 0.001, 10, "C"))
                    .currentOffsetSteadyC(
                            higher("currentOffsetSteadyC", SupplementaryLimits::currentOffsetSteadyC, 0, 10, "C"))
                    .currentOffsetNoiseVolts(lower(
                            "currentOffsetNoiseVolts", SupplementaryLimits::currentOffsetNoiseVolts, 1e-5, 1, "V"))
                    .currentOffsetOcvDoubt(
                            lower("currentOffsetOcvDoubt", SupplementaryLimits::currentOffsetOcvDoubt, 0, 0.99, ""))
                    .currentOffsetModelDoubt(
                            lower("currentOffsetModelDoubt", SupplementaryLimits::currentOffsetModelDoubt, 0, 10, ""))
                    .currentOffsetMinSlope(lower(
                            "currentOffsetMinSlope", SupplementaryLimits::currentOffsetMinSlope, 1e-4, 100, "V/SOC"))
                    .softShortBleedHold(
                            lower("softShortBleedHold", SupplementaryLimits::softShortBleedHold, 0.01, 1, ""))
                    .softShortBleedRelease(
                            lower("softShortBleedRelease", SupplementaryLimits::softShortBleedRelease, 0, 0.99, ""))
                    .balancingKneeSlope(
                            lower("balancingKneeSlope", SupplementaryLimits::balancingKneeSlope, 0.01, 1000, ""))
                    .cellStuckMoveResolutions(lower(
                            "cellStuckMoveResolutions", SupplementaryLimits::cellStuckMoveResolutions, 1, 1000, ""))
                    .build();
        } catch (IllegalArgumentException e) {
            throw new ConfigException(n.path(), e.getMessage());
        }
    }

    private ThreeLevelLimit limit(String key, String quantity, LimitDirection dir, String unit, double lo, double hi) {
        ThreeLevelLimit b = base == null ? null : get(key);
        if (base == null || n.has(key)) {
            YamlNode m = n.mapping(key);
            ThreeLevelLimit read = LimitReader.read(m, quantity, dir, unit, 1.0, b);
            for (double v : new double[] {read.mol(), read.rsl(), read.msl()}) {
                if (!(v >= lo && v <= hi)) {
                    throw new ConfigException(
                            m.path(),
                            v + " " + unit + " is outside " + lo + ".." + hi + " " + unit
                                    + "; give mol, rsl and msl in that range");
                }
            }
            if (tightenOnly) {
                if (!dir.isTighterOrEqual(read.msl(), b.msl())) {
                    throw new ConfigException(
                            m.child("msl"),
                            read.msl() + " " + unit + " is beyond " + baseName
                                    + "'s limit of " + b.msl() + " " + unit
                                    + "; configuration may only tighten a safety limit, so use a value "
                                    + (dir == LimitDirection.UPPER ? "<= " : ">= ") + b.msl());
                }
                LimitReader.requireNoLooser(m, read, b, baseName);
            }
            return read;
        }
        return b;
    }

    private ThreeLevelLimit get(String key) {
        return switch (key) {
            case "cellImbalance" -> base.cellImbalance();
            case "socHigh" -> base.socHigh();
            case "socLow" -> base.socLow();
            default -> base.softShortScore();
        };
    }

    /** A value where less is tighter (a threshold, an accuracy, a factor). */
    private double lower(
            String key, java.util.function.ToDoubleFunction<SupplementaryLimits> f, double lo, double hi, String unit) {
        return number(key, f, lo, hi, unit, false);
    }

    /** A value where more is tighter (a hysteresis: the cause must go further away before it counts as gone). */
    private double higher(
            String key, java.util.function.ToDoubleFunction<SupplementaryLimits> f, double lo, double hi, String unit) {
        return number(key, f, lo, hi, unit, true);
    }

    private double number(
            String key,
            java.util.function.ToDoubleFunction<SupplementaryLimits> f,
            double lo,
            double hi,
            String unit,
            boolean higherIsTighter) {
        if (base == null) {
            return n.requiredNumber(key, lo, hi, unit);
        }
        double b = f.applyAsDouble(base);
        double v = n.number(key, b, lo, hi, unit);
        if (tightenOnly && (higherIsTighter ? v < b : v > b)) {
            throw new ConfigException(
                    n.child(key),
                    v + " " + unit + " is " + (higherIsTighter ? "below " : "above ") + baseName + "'s " + b + " "
                            + unit + "; configuration may only tighten (a " + (higherIsTighter ? "higher" : "lower")
                            + " value here), so use a value in " + (higherIsTighter ? b + ".." + hi : lo + ".." + b));
        }
        return v;
    }

    private Duration shorter(String key, java.util.function.Function<SupplementaryLimits, Duration> f) {
        return duration(key, f, true);
    }

    private Duration longer(String key, java.util.function.Function<SupplementaryLimits, Duration> f) {
        return duration(key, f, false);
    }

    private Duration duration(
            String key, java.util.function.Function<SupplementaryLimits, Duration> f, boolean shorterIsTighter) {
        Duration min = Duration.ofMillis(1);
        if (base == null) {
            return n.duration(key, null, min, MAX_DURATION);
        }
        Duration b = f.apply(base);
        Duration v = n.duration(key, b, min, MAX_DURATION);
        if (tightenOnly && (shorterIsTighter ? v.compareTo(b) > 0 : v.compareTo(b) < 0)) {
            throw new ConfigException(
                    n.child(key),
                    DurationText.format(v) + " is "
                            + (shorterIsTighter ? "longer" : "shorter") + " than " + baseName + "'s "
                            + DurationText.format(b)
                            + "; configuration may only tighten (a " + (shorterIsTighter ? "shorter" : "longer")
                            + " duration here), so use a duration " + (shorterIsTighter ? "in 1ms.." : "in ")
                            + DurationText.format(b) + (shorterIsTighter ? "" : "..168h"));
        }
        return v;
    }

    private int fewerTrips() {
        if (base == null) {
            return n.integer("lockoutTrips", Integer.MIN_VALUE, 2, 1000);
        }
        int b = base.lockoutTrips();
        int v = n.integer("lockoutTrips", b, 2, 1000);
        if (tightenOnly && v > b) {
            throw new ConfigException(
                    n.child("lockoutTrips"),
                    v + " is more trips than " + baseName + "'s " + b
                            + "; configuration may only tighten (fewer trips before the lockout), so use 2.." + b);
        }
        return v;
    }
}
