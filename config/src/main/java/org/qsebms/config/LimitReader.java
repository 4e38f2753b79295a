package org.qsebms.config;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Duration;
import java.util.Set;

/** Reads one {@link ThreeLevelLimit} from a YAML mapping, optionally over a base (preset) limit. */
final class LimitReader {
    static final Set<String> KEYS = Set.of("mol", "rsl", "msl", "hysteresis", "debounce");

    private LimitReader() {}

    /**
     * Where a limit of each quantity can lie at all, in the unit it is written in: a cell-voltage limit in 1.5-7.0 V
     * (below 1.5 V a lithium-metal cell's cathode is already over-discharged, so an under-voltage limit there
     * protects nothing before the damage, and no electrolyte here is stable above 7 V), a temperature limit in
     * -55..150 °C (beyond it a thermistor reading is out of range, not a temperature), an over-current limit above
     * 0 (at or below 0 it trips at rest; in C over a capacity, in A as configured). Other quantities (the
     * supplementary limits) check their own ranges. A preset that puts a limit outside is refused, so a
     * typing slip (-1 for an under-voltage MSL) cannot switch a protection off.
     */
    static double[] range(String quantity) {
        return switch (quantity) {
            case "cellOverVoltage", "cellUnderVoltage" -> new double[] {1.5, 7.0};
            case "chargeOverTemperature",
                    "chargeUnderTemperature",
                    "dischargeOverTemperature",
                    "dischargeUnderTemperature" -> new double[] {-55, 150};
            case "chargeOverCurrent", "dischargeOverCurrent" -> new double[] {0.001, 1000};
            default -> new double[] {-1000, 1000};
        };
    }

    /**
     * @param scale multiplies mol/rsl/msl/hysteresis (capacity in Ah for C-rate limits)
     * @param base  the preset limit in the input units (before scaling), or null when reading the preset itself
     */
    static ThreeLevelLimit read(
            YamlNode n, String quantity, LimitDirection dir, String unit, double scale, ThreeLevelLimit base) {
        n.rejectUnknownKeys(KEYS);
        // the number as written: a current limit over a capacity is in C
        String written = scale == 1.0 ? unit : "C";
        double[] range = range(quantity);
        double lo = range[0];
        double hi = range[1];
        double mol = base == null
                ? n.requiredNumber("mol", lo, hi, written) * scale
                : n.number("mol", base.mol(), lo, hi, written) * scale;
        double rsl = base == null
                ? n.requiredNumber("rsl", lo, hi, written) * scale
                : n.number("rsl", base.rsl(), lo, hi, written) * scale;
        double msl = base == null
                ? n.requiredNumber("msl", lo, hi, written) * scale
                : n.number("msl", base.msl(), lo, hi, written) * scale;
        double hyst = n.number("hysteresis", base == null ? 0 : base.hysteresis(), 0, hi - lo, written) * scale;
        Duration debounce = n.duration(
                "debounce",
                base == null ? Duration.ofMillis(500) : base.debounce(),
                Duration.ZERO,
                Duration.ofMinutes(10));
        try {
            return new ThreeLevelLimit(quantity, dir, mol, rsl, msl, hyst, debounce, unit);
        } catch (ConfigException e) {
            throw new ConfigException(n.path(), e.reason());
        }
    }

    /**
     * Refuses a configuration's limit that judges more loosely than its base (the preset's limit) in time or in
     * clearing: a debounce longer than the base's trips later, a hysteresis smaller than the base's clears sooner and
     * nearer the level. With the MSL only moving inward (each caller checks it), the point where a level clears, the
     * level less its hysteresis, then only moves inward too. Both limits in the same unit (the C-rate limits in C).
     *
     * @param n        the limit's mapping in the configuration, for the key path
     * @param baseName what the base is, e.g. "the psoa-lfp preset"
     */
    static void requireNoLooser(YamlNode n, ThreeLevelLimit read, ThreeLevelLimit base, String baseName) {
        if (read.debounce().compareTo(base.debounce()) > 0) {
            throw new ConfigException(
                    n.child("debounce"),
                    DurationText.format(read.debounce())
                            + " is longer than " + baseName + "'s " + DurationText.format(base.debounce())
                            + "; configuration may only tighten, so use a debounce <= "
                            + DurationText.format(base.debounce()));
        }
        // a C-rate base was divided back from amps: allow its last bits, so the preset's own value is accepted
        if (read.hysteresis() < base.hysteresis() * (1 - 1e-9)) {
            String unit = read.unit().isEmpty() ? "" : " " + read.unit();
            throw new ConfigException(
                    n.child("hysteresis"),
                    plain(read.hysteresis()) + unit + " is below " + baseName + "'s " + plain(base.hysteresis()) + unit
                            + "; configuration may only tighten (a larger hysteresis here: a level clears only once"
                            + " the value is back inside it by the hysteresis), so use a hysteresis >= "
                            + plain(base.hysteresis()) + unit);
        }
    }

    /** A number as a person would write it: 0.05, not 0.05000000000000001. */
    private static String plain(double v) {
        return BigDecimal.valueOf(v)
                .round(new MathContext(9))
                .stripTrailingZeros()
                .toPlainString();
    }
}
