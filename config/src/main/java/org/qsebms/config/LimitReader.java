package org.qsebms.config;

import java.time.Duration;
import java.util.Set;

/** Reads one {@link ThreeLevelLimit} from a YAML mapping, optionally over a base (preset) limit. */
final class LimitReader {
    static final Set<String> KEYS = Set.of("mol", "rsl", "msl", "hysteresis", "debounce");

    private LimitReader() {}

    /**
     * @param scale multiplies mol/rsl/msl/hysteresis (capacity in Ah for C-rate limits)
     * @param base  the preset limit in the input units (before scaling), or null when reading the preset itself
     */
    static ThreeLevelLimit read(
            YamlNode n, String quantity, LimitDirection dir, String unit, double scale, ThreeLevelLimit base) {
        n.rejectUnknownKeys(KEYS);
        double lo = -1000;
        double hi = 1000;
        double mol = base == null
                ? n.requiredNumber("mol", lo, hi, unit) * scale
                : n.number("mol", base.mol(), lo, hi, unit) * scale;
        double rsl = base == null
                ? n.requiredNumber("rsl", lo, hi, unit) * scale
                : n.number("rsl", base.rsl(), lo, hi, unit) * scale;
        double msl = base == null
                ? n.requiredNumber("msl", lo, hi, unit) * scale
                : n.number("msl", base.msl(), lo, hi, unit) * scale;
        double hyst = n.number("hysteresis", base == null ? 0 : base.hysteresis(), 0, hi, unit) * scale;
        Duration debounce = n.duration(
                "debounce",
                base == null ? Duration.ofMillis(500) : base.debounce(),
                Duration.ZERO,
                Duration.ofMinutes(10));
        try {
            return new ThreeLevelLimit(quantity, dir, mol, rsl, msl, hyst, debounce, unit);
        } catch (ConfigException e) {
            throw new ConfigException(n.path(), e.getMessage());
        }
    }
}
