package org.qsebms.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A YAML mapping with its key path, giving typed reads whose errors name the path, the value,
 * the allowed range and the fix. Unknown keys are rejected so typos do not pass silently.
 */
final class YamlNode {
    private final JsonNode node;
    private final String path;

    YamlNode(JsonNode node, String path) {
        this.node = node;
        this.path = path;
    }

    String path() {
        return path;
    }

    String child(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    boolean has(String key) {
        return node.has(key) && !node.get(key).isNull();
    }

    void rejectUnknownKeys(Set<String> known) {
        if (!node.isObject()) {
            throw new ConfigException(path, "expected a mapping (key: value lines), found " + describe(node));
        }
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!known.contains(name)) {
                throw new ConfigException(
                        child(name),
                        "unknown key; allowed keys here are "
                                + known.stream().sorted().toList() + " (check the spelling)");
            }
        }
    }

    YamlNode mapping(String key) {
        JsonNode child = node.get(key);
        if (child == null || child.isNull()) {
            throw new ConfigException(child(key), "is required but missing; add a '" + key + ":' section");
        }
        if (!child.isObject()) {
            throw new ConfigException(child(key), "expected a mapping, found " + describe(child));
        }
        return new YamlNode(child, child(key));
    }

    /** True when {@code key} holds a list ('- ' entries). */
    boolean isList(String key) {
        return has(key) && node.get(key).isArray();
    }

    /** A list of mappings under {@code key}, each with its path {@code key[i]}; empty when absent. */
    List<YamlNode> mappingList(String key) {
        JsonNode v = node.get(key);
        List<YamlNode> out = new ArrayList<>();
        if (v == null || v.isNull()) {
            return out;
        }
        if (!v.isArray()) {
            throw new ConfigException(child(key), "expected a list ('- ' entries), found " + describe(v));
        }
        for (int i = 0; i < v.size(); i++) {
            String p = child(key) + "[" + i + "]";
            if (!v.get(i).isObject()) {
                throw new ConfigException(p, "expected a mapping, found " + describe(v.get(i)));
            }
            out.add(new YamlNode(v.get(i), p));
        }
        return out;
    }

    /** A list of whole numbers in {@code min..max} under {@code key}; empty when absent. */
    List<Integer> integerList(String key, int min, int max) {
        JsonNode v = node.get(key);
        List<Integer> out = new ArrayList<>();
        if (v == null || v.isNull()) {
            return out;
        }
        if (!v.isArray()) {
            throw new ConfigException(child(key), "expected a list such as [12, 16, 20], found " + describe(v));
        }
        for (int i = 0; i < v.size(); i++) {
            JsonNode e = v.get(i);
            String p = child(key) + "[" + i + "]";
            if (!e.isIntegralNumber()) {
                throw new ConfigException(p, "expected a whole number, found " + describe(e));
            }
            if (e.asLong() < min || e.asLong() > max) {
                throw new ConfigException(
                        p, e.asLong() + " is outside " + min + ".." + max + "; use a value in that range");
            }
            out.add(e.asInt());
        }
        return out;
    }

    /** A list of numbers in {@code min..max} (unit {@code unit}) under {@code key}; required. */
    double[] numberList(String key, double min, double max, String unit) {
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) {
            throw new ConfigException(
                    child(key),
                    "is required but missing; give a list of numbers in " + min + ".." + max + " " + unit
                            + ", such as [0.05, 0.5, 1.0]");
        }
        if (!v.isArray()) {
            throw new ConfigException(
                    child(key), "expected a list of numbers such as [0.05, 0.5, 1.0], found " + describe(v));
        }
        double[] out = new double[v.size()];
        for (int i = 0; i < v.size(); i++) {
            JsonNode e = v.get(i);
            String p = child(key) + "[" + i + "]";
            if (!e.isNumber()) {
                throw new ConfigException(p, "expected a number in " + unit + ", found " + describe(e));
            }
            double d = e.asDouble();
            if (!(d >= min && d <= max)) {
                throw new ConfigException(
                        p,
                        d + " " + unit + " is outside " + min + ".." + max + " " + unit
                                + "; use a value in that range");
            }
            out[i] = d;
        }
        return out;
    }

    /** A whole number written in decimal or as hex text/number ({@code 0x48}), in {@code min..max}. */
    int hexOrInteger(String key, int min, int max) {
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) {
            throw new ConfigException(
                    child(key),
                    "is required but missing; give a value in " + String.format("0x%02X..0x%02X", min, max));
        }
        long value;
        if (v.isIntegralNumber()) {
            value = v.asLong();
        } else if (v.isTextual() && v.asText().trim().toLowerCase(Locale.ROOT).matches("0x[0-9a-f]+")) {
            value = Long.parseLong(v.asText().trim().substring(2), 16);
        } else {
            throw new ConfigException(child(key), "expected a number such as 0x48, found " + describe(v));
        }
        if (value < min || value > max) {
            throw new ConfigException(
                    child(key),
                    String.format("0x%02X is outside 0x%02X..0x%02X; use a value in that range", value, min, max));
        }
        return (int) value;
    }

    YamlNode optionalMapping(String key) {
        return has(key) ? mapping(key) : null;
    }

    String string(String key, String defaultValue) {
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) {
            if (defaultValue == null) {
                throw new ConfigException(child(key), "is required but missing");
            }
            return defaultValue;
        }
        if (!v.isTextual() && !v.isNumber() && !v.isBoolean()) {
            throw new ConfigException(child(key), "expected a text value, found " + describe(v));
        }
        return v.asText();
    }

    String requiredString(String key) {
        return string(key, null);
    }

    double number(String key, double defaultValue, double min, double max, String unit) {
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) {
            if (Double.isNaN(defaultValue)) {
                throw new ConfigException(
                        child(key), "is required but missing; give a number in " + min + ".." + max + " " + unit);
            }
            return defaultValue;
        }
        if (!v.isNumber()) {
            throw new ConfigException(child(key), "expected a number in " + unit + ", found " + describe(v));
        }
        double d = v.asDouble();
        if (!(d >= min && d <= max)) {
            throw new ConfigException(
                    child(key),
                    d + " " + unit + " is outside " + min + ".." + max + " " + unit + "; use a value in that range");
        }
        return d;
    }

    /**
     * The number under {@code key} as written, infinities included (1e999) and a text {@code nan} or
     * {@code NaN} read as NaN (the parser itself refuses YAML's {@code .nan}), or {@code defaultValue}
     * when absent: for a caller that explains each kind of bad value itself.
     */
    double rawNumber(String key, double defaultValue, String unit) {
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) {
            return defaultValue;
        }
        if (v.isTextual() && v.asText().trim().replace(".", "").equalsIgnoreCase("nan")) {
            return Double.NaN;
        }
        if (!v.isNumber()) {
            throw new ConfigException(child(key), "expected a number in " + unit + ", found " + describe(v));
        }
        return v.asDouble();
    }

    double requiredNumber(String key, double min, double max, String unit) {
        return number(key, Double.NaN, min, max, unit);
    }

    int integer(String key, int defaultValue, int min, int max) {
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) {
            if (defaultValue == Integer.MIN_VALUE) {
                throw new ConfigException(
                        child(key), "is required but missing; give a whole number in " + min + ".." + max);
            }
            return defaultValue;
        }
        if (!v.isIntegralNumber()) {
            throw new ConfigException(child(key), "expected a whole number, found " + describe(v));
        }
        long l = v.asLong();
        if (l < min || l > max) {
            throw new ConfigException(
                    child(key), l + " is outside " + min + ".." + max + "; use a value in that range");
        }
        return (int) l;
    }

    boolean bool(String key, boolean defaultValue) {
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) {
            return defaultValue;
        }
        if (!v.isBoolean()) {
            throw new ConfigException(child(key), "expected true or false, found " + describe(v));
        }
        return v.asBoolean();
    }

    Duration duration(String key, Duration defaultValue, Duration min, Duration max) {
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) {
            if (defaultValue == null) {
                throw new ConfigException(
                        child(key), "is required but missing; give a duration such as 100ms, 2s or PT1M");
            }
            return defaultValue;
        }
        Duration d = DurationText.parse(child(key), v.asText());
        if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
            throw new ConfigException(
                    child(key),
                    v.asText() + " is outside " + DurationText.format(min) + ".." + DurationText.format(max)
                            + "; use a duration in that range");
        }
        return d;
    }

    <E extends Enum<E>> E enumValue(String key, Class<E> type, E defaultValue) {
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) {
            if (defaultValue == null) {
                throw new ConfigException(child(key), "is required but missing; one of " + allowed(type));
            }
            return defaultValue;
        }
        String text = v.asText().trim().toUpperCase(Locale.ROOT).replace('-', '_');
        for (E e : type.getEnumConstants()) {
            if (e.name().equals(text)) {
                return e;
            }
        }
        throw new ConfigException(child(key), "'" + v.asText() + "' is not one of " + allowed(type));
    }

    private static <E extends Enum<E>> List<String> allowed(Class<E> type) {
        List<String> names = new ArrayList<>();
        for (E e : type.getEnumConstants()) {
            names.add(e.name().toLowerCase(Locale.ROOT));
        }
        return names;
    }

    static String describe(JsonNode v) {
        if (v.isObject()) {
            return "a mapping";
        }
        if (v.isArray()) {
            return "a list";
        }
        if (v.isTextual()) {
            return "the text '" + v.asText() + "'";
        }
        return v.getNodeType().name().toLowerCase(Locale.ROOT) + " " + v.asText();
    }
}
