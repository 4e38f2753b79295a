package org.qsebms.bms.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.qsebms.bms.sim.CyclingProfile;
import org.qsebms.bms.sim.PackLoad;
import org.qsebms.config.BmsConfig;
import org.qsebms.config.ConfigException;
import org.qsebms.config.ConfigLoader;
import org.qsebms.hal.ContactorId;

/**
 * Reads a scenario YAML file (format in docs/scenarios.md). Errors are {@link ConfigException}s
 * naming the key path, the value and what is allowed.
 */
public final class ScenarioLoader {
    /** Fault injections and commands a scenario may schedule. */
    public static final Set<String> ACTION_TYPES = Set.of("cellOverVoltage", "softShort", "cellSensorStuck",
            "cellSensorOpen", "temperatureSensorStuck", "temperatureSensorOpen", "currentSensorBusError",
            "contactorWeld", "brokerOutage", "forceCurrent", "cellTemperature", "open", "close", "reset");

    private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory());

    public Scenario load(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new ConfigException("", "cannot read scenario " + file.toAbsolutePath() + ": " + e.getMessage());
        }
        return parse(text, file.toAbsolutePath().getParent(), file.toString());
    }

    /** @param baseDir directory that relative paths (drive-cycle CSV, config) resolve against */
    public Scenario parse(String text, Path baseDir, String source) {
        JsonNode root;
        try {
            root = yaml.readTree(text);
        } catch (IOException e) {
            throw new ConfigException("", source + " is not valid YAML: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw new ConfigException("", source + " must be a mapping with at least 'pack:' and 'duration:'");
        }
        keys(root, "", Set.of("name", "pack", "limits", "loop", "health", "initial", "ambient", "load", "faults",
                "commands", "duration", "seed", "limitsEvery"));
        BmsConfig cfg = config(root);
        JsonNode initial = root.path("initial");
        keys(initial, "initial", Set.of("soc", "ambientCelsius", "close"));
        double soc = number(initial, "initial", "soc", 0.5, 0, 1);
        double ambient0 = number(initial, "initial", "ambientCelsius", 25, -60, 100);
        boolean close = !initial.has("close") || initial.get("close").asBoolean();
        List<Scenario.AmbientStep> ambient = new ArrayList<>();
        ambient.add(new Scenario.AmbientStep(0, ambient0));
        JsonNode amb = root.path("ambient");
        for (int i = 0; i < amb.size(); i++) {
            String p = "ambient[" + i + "]";
            keys(amb.get(i), p, Set.of("at", "celsius"));
            ambient.add(new Scenario.AmbientStep(seconds(amb.get(i), p, "at", null),
                    number(amb.get(i), p, "celsius", Double.NaN, -60, 100)));
        }
        ambient.sort(Comparator.comparingDouble(Scenario.AmbientStep::atS));
        PackLoad load = load(root.path("load"), baseDir, cfg);
        List<Scenario.Action> actions = new ArrayList<>();
        actions(root.path("faults"), "faults", actions, cfg);
        actions(root.path("commands"), "commands", actions, cfg);
        actions.sort(Comparator.comparingDouble(Scenario.Action::atS));
        double duration = seconds(root, "", "duration", null);
        long seed = root.has("seed") ? root.get("seed").asLong() : 42;
        double limitsEvery = root.has("limitsEvery") ? seconds(root, "", "limitsEvery", null) : 10.0;
        return new Scenario(root.path("name").asText(source), cfg, soc, List.copyOf(ambient), load, close, duration, seed,
                List.copyOf(actions), limitsEvery);
    }

    private static BmsConfig config(JsonNode root) {
        JsonNode pack = root.path("pack");
        if (!pack.isObject()) {
            throw new ConfigException("pack", "missing; give at least 'pack: {chemistry: psoa-ncm811, seriesCells: 4}'");
        }
        // The pack, limits, loop and health sections use the BMS configuration's own keys and validation.
        ObjectMapper m = new ObjectMapper(new YAMLFactory());
        com.fasterxml.jackson.databind.node.ObjectNode cfg = m.createObjectNode();
        com.fasterxml.jackson.databind.node.ObjectNode p = pack.deepCopy();
        if (!p.has("id")) {
            p.put("id", "scenario");
        }
        cfg.set("pack", p);
        if (root.has("limits")) {
            cfg.set("limits", root.get("limits"));
        }
        if (root.has("loop")) {
            cfg.set("loop", root.get("loop"));
        }
        if (root.has("health")) {
            cfg.set("health", root.get("health"));
        }
        try {
            return new ConfigLoader().parse(m.writeValueAsString(cfg), "scenario");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static PackLoad load(JsonNode n, Path baseDir, BmsConfig cfg) {
        if (n.isMissingNode()) {
            return PackLoad.IDLE;
        }
        String type = n.path("type").asText("");
        switch (type) {
            case "idle" -> {
                keys(n, "load", Set.of("type"));
                return PackLoad.IDLE;
            }
            case "constant" -> {
                keys(n, "load", Set.of("type", "amps"));
                return ScenarioLoads.constant(number(n, "load", "amps", Double.NaN, -10000, 10000));
            }
            case "pulses" -> {
                keys(n, "load", Set.of("type", "highAmps", "high", "lowAmps", "low"));
                return ScenarioLoads.pulses(number(n, "load", "highAmps", Double.NaN, -10000, 10000),
                        seconds(n, "load", "high", null), number(n, "load", "lowAmps", 0, -10000, 10000),
                        seconds(n, "load", "low", null));
            }
            case "driveCycle" -> {
                keys(n, "load", Set.of("type", "file", "scale", "repeat"));
                String f = n.path("file").asText("");
                if (f.isEmpty()) {
                    throw new ConfigException("load.file", "missing; name a CSV file with 'time_s,amps' rows");
                }
                Path file = baseDir == null ? Path.of(f) : baseDir.resolve(f);
                try {
                    return ScenarioLoads.csv(file, number(n, "load", "scale", 1.0, -1000, 1000),
                            !n.has("repeat") || n.get("repeat").asBoolean());
                } catch (IOException e) {
                    throw new ConfigException("load.file", "cannot read drive cycle " + file.toAbsolutePath() + ": " + e.getMessage());
                } catch (IllegalArgumentException e) {
                    throw new ConfigException("load.file", e.getMessage());
                }
            }
            case "cycling" -> {
                keys(n, "load", Set.of("type", "chargeC", "cvVolts", "cutoffC", "pulseC", "baseC", "pulse", "endVolts",
                        "rest"));
                if (n.size() == 1) {
                    return CyclingProfile.defaultFor(cfg.pack().capacityAh());
                }
                return CyclingProfile.of(cfg.pack().capacityAh(), number(n, "load", "chargeC", 0.4, 0.01, 10),
                        number(n, "load", "cvVolts", 4.15, 1, 6), number(n, "load", "cutoffC", 0.05, 0.001, 1),
                        number(n, "load", "pulseC", 1.0, 0, 10), number(n, "load", "baseC", 0.2, 0, 10),
                        n.has("pulse") ? seconds(n, "load", "pulse", null) : 30, number(n, "load", "endVolts", 3.40, 1,
                                5),
                        n.has("rest") ? seconds(n, "load", "rest", null) : 600);
            }
            default -> throw new ConfigException("load.type", "'" + type + "' is not a load type; use idle, constant, "
                    + "pulses, driveCycle or cycling");
        }
    }

    private static void actions(JsonNode list, String path, List<Scenario.Action> out, BmsConfig cfg) {
        if (list.isMissingNode()) {
            return;
        }
        if (!list.isArray()) {
            throw new ConfigException(path, "must be a list of '- {at: 10s, type: ...}' entries");
        }
        int cells = cfg.pack().seriesCells();
        for (int i = 0; i < list.size(); i++) {
            JsonNode a = list.get(i);
            String p = path + "[" + i + "]";
            keys(a, p, Set.of("at", "type", "cell", "channel", "volts", "ohms", "amps", "celsius", "contactor", "for"));
            String type = a.path("type").asText("");
            if (!ACTION_TYPES.contains(type)) {
                throw new ConfigException(p + ".type", "'" + type + "' is not known; use one of "
                        + ACTION_TYPES.stream().sorted().toList());
            }
            double at = seconds(a, p, "at", null);
            int index = 0;
            if (a.has("cell") || a.has("channel")) {
                String key = a.has("cell") ? "cell" : "channel";
                index = a.get(key).asInt(-1);
                if (index < 1 || index > cells) {
                    throw new ConfigException(p + "." + key, a.get(key).asText() + " is outside 1.." + cells
                            + " (cells and channels count from 1)");
                }
                index -= 1;
            }
            double value = switch (type) {
                case "cellOverVoltage" -> number(a, p, "volts", Double.NaN, -5, 5);
                case "softShort" -> number(a, p, "ohms", Double.NaN, 0.001, 1e9);
                case "forceCurrent" -> number(a, p, "amps", Double.NaN, -10000, 10000);
                case "cellTemperature" -> number(a, p, "celsius", Double.NaN, -60, 200);
                default -> Double.NaN;
            };
            String target = "";
            if (type.equals("contactorWeld")) {
                target = a.path("contactor").asText("MAIN_POSITIVE").toUpperCase(Locale.ROOT);
                try {
                    ContactorId.valueOf(target);
                } catch (IllegalArgumentException e) {
                    throw new ConfigException(p + ".contactor", "'" + target + "' is not a contactor; use MAIN_POSITIVE, "
                            + "MAIN_NEGATIVE or PRECHARGE");
                }
            }
            double forS = a.has("for") ? seconds(a, p, "for", null) : Double.POSITIVE_INFINITY;
            out.add(new Scenario.Action(at, type, index, value, target, forS));
        }
    }

    private static void keys(JsonNode n, String path, Set<String> allowed) {
        if (n.isMissingNode()) {
            return;
        }
        if (!n.isObject()) {
            throw new ConfigException(path, "expected a mapping (key: value), found " + n.getNodeType());
        }
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!allowed.contains(k)) {
                throw new ConfigException(path.isEmpty() ? k : path + "." + k, "unknown key; allowed here: "
                        + allowed.stream().sorted().toList());
            }
        }
    }

    private static double number(JsonNode n, String path, String key, double dflt, double lo, double hi) {
        String p = path.isEmpty() ? key : path + "." + key;
        if (!n.has(key)) {
            if (Double.isNaN(dflt)) {
                throw new ConfigException(p, "missing; give a number in " + lo + ".." + hi);
            }
            return dflt;
        }
        JsonNode v = n.get(key);
        if (!v.isNumber()) {
            throw new ConfigException(p, "'" + v.asText() + "' is not a number; give a number in " + lo + ".." + hi);
        }
        double d = v.asDouble();
        if (d < lo || d > hi) {
            throw new ConfigException(p, d + " is outside " + lo + ".." + hi);
        }
        return d;
    }

    /** Durations as {@code 500ms}, {@code 10s}, {@code 2min}, {@code 1h}, ISO-8601 {@code PT30S} or plain seconds. */
    static double seconds(JsonNode n, String path, String key, Double dflt) {
        String p = path.isEmpty() ? key : path + "." + key;
        if (!n.has(key)) {
            if (dflt == null) {
                throw new ConfigException(p, "missing; give a duration such as 500ms, 10s, 2min or 1h");
            }
            return dflt;
        }
        JsonNode v = n.get(key);
        if (v.isNumber()) {
            return v.asDouble();
        }
        String t = v.asText().trim().toLowerCase(Locale.ROOT);
        try {
            double s;
            if (t.startsWith("pt")) {
                s = java.time.Duration.parse(t.toUpperCase(Locale.ROOT)).toNanos() / 1e9;
            } else if (t.endsWith("ms")) {
                s = Double.parseDouble(t.substring(0, t.length() - 2)) / 1000;
            } else if (t.endsWith("min")) {
                s = Double.parseDouble(t.substring(0, t.length() - 3)) * 60;
            } else if (t.endsWith("h")) {
                s = Double.parseDouble(t.substring(0, t.length() - 1)) * 3600;
            } else if (t.endsWith("s")) {
                s = Double.parseDouble(t.substring(0, t.length() - 1));
            } else {
                s = Double.parseDouble(t);
            }
            if (s < 0 || !Double.isFinite(s)) {
                throw new NumberFormatException();
            }
            return s;
        } catch (RuntimeException e) {
            throw new ConfigException(p, "'" + v.asText() + "' is not a duration; write 500ms, 10s, 2min, 1h or PT30S");
        }
    }
}
