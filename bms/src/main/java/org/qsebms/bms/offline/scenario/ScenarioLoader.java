package org.qsebms.bms.offline.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
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
import org.qsebms.config.FileErrorText;
import org.qsebms.config.TextFileBounds;
import org.qsebms.hal.ContactorId;
import org.qsebms.hal.SensorStatus;

/**
 * Reads a scenario YAML file (format in docs/scenarios.md). Errors are {@link ConfigException}s
 * naming the key path, the value and what is allowed.
 */
public final class ScenarioLoader {
    /** Fault injections and commands a scenario may schedule. */
    static final Set<String> ACTION_TYPES =
            java.util.Collections.unmodifiableSet(new java.util.TreeSet<>(specs().keySet()));

    /**
     * The longest run a scenario may ask for: 10000 h (over a year of cycling, about 50 times the longest shipped
     * scenario's 203 h; 3.6e8 ticks at 100 ms, each at a simulated nanosecond clock far inside a long). Beyond it a
     * duration is a typing slip, not a run anyone waits for (check23r: 100000000h was accepted).
     */
    static final double MAX_DURATION_S = 10_000 * 3600.0;

    private final org.qsebms.estimators.yaml.OneYamlDocument yaml = org.qsebms.config.YamlErrorText.strictDocument();

    public Scenario load(Path file) {
        String text;
        try {
            text = TextFileBounds.yamlFile("scenario").text(file);
        } catch (IOException e) {
            throw new ConfigException("", FileErrorText.cannotRead("scenario", file, e));
        } catch (IllegalArgumentException e) {
            throw new ConfigException("", e.getMessage());
        }
        return parse(text, file.toAbsolutePath().getParent(), file.toString());
    }

    /** @param baseDir directory that relative paths (drive-cycle CSV, config) resolve against */
    public Scenario parse(String text, Path baseDir, String source) {
        JsonNode root;
        try {
            root = yaml.read(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new ConfigException("", org.qsebms.config.YamlErrorText.notValid(source, e));
        }
        if (root == null || !root.isObject()) {
            throw new ConfigException("", source + " must be a mapping with at least 'pack:' and 'duration:'");
        }
        keys(
                root,
                "",
                Set.of(
                        "name",
                        "pack",
                        "limits",
                        "supplementary",
                        "loop",
                        "health",
                        "estimation",
                        "balancing",
                        "initial",
                        "ambient",
                        "load",
                        "faults",
                        "commands",
                        "duration",
                        "seed",
                        "limitsEvery"));
        BmsConfig cfg = config(root);
        JsonNode initial = root.path("initial");
        keys(initial, "initial", Set.of("soc", "ambientCelsius", "close"));
        if (initial.has("close") && !initial.get("close").isBoolean()) {
            throw new ConfigException(
                    "initial.close", "'" + initial.get("close").asText() + "' is not true or false");
        }
        double soc = number(initial, "initial", "soc", 0.5, 0, 1);
        double ambient0 = number(initial, "initial", "ambientCelsius", 25, -60, 100);
        boolean close = !initial.has("close") || initial.get("close").asBoolean();
        List<Scenario.AmbientStep> ambient = new ArrayList<>();
        ambient.add(new Scenario.AmbientStep(0, ambient0));
        JsonNode amb = root.path("ambient");
        if (!amb.isMissingNode() && !amb.isArray()) {
            throw new ConfigException("ambient", "must be a list of '- {at: 5min, celsius: 30}' entries");
        }
        for (int i = 0; i < amb.size(); i++) {
            String p = "ambient[" + i + "]";
            keys(amb.get(i), p, Set.of("at", "celsius"));
            ambient.add(new Scenario.AmbientStep(
                    seconds(amb.get(i), p, "at", null), number(amb.get(i), p, "celsius", Double.NaN, -60, 100)));
        }
        ambient.sort(Comparator.comparingDouble(Scenario.AmbientStep::atS));
        PackLoad load = load(root.path("load"), baseDir, cfg);
        double duration = runDuration(root);
        List<ScenarioAction> actions = new ArrayList<>();
        actions(root.path("faults"), "faults", actions, cfg, duration);
        actions(root.path("commands"), "commands", actions, cfg, duration);
        actions.sort(Comparator.comparingDouble(ScenarioAction::atS));
        long seed = 42;
        if (root.has("seed")) {
            if (!root.get("seed").isIntegralNumber()) {
                throw new ConfigException(
                        "seed",
                        "'" + root.get("seed").asText() + "' is not a whole number; give " + "an integer such as 42");
            }
            if (!root.get("seed").canConvertToLong()) {
                throw new ConfigException(
                        "seed",
                        root.get("seed").asText() + " is outside the range of a seed (" + Long.MIN_VALUE + ".."
                                + Long.MAX_VALUE + ") and would silently wrap to another; give an integer in that "
                                + "range such as 42");
            }
            seed = root.get("seed").asLong();
        }
        double limitsEvery = root.has("limitsEvery") ? seconds(root, "", "limitsEvery", null) : 10.0;
        if (!(limitsEvery > 0)) {
            throw new ConfigException(
                    "limitsEvery",
                    "0 s would print a limits line at every tick; give the spacing of the periodic limits lines, "
                            + "more than 0 s (e.g. 10s, the default), or leave it out");
        }
        return Scenario.builder()
                .name(root.path("name").asText(source))
                .config(cfg)
                .initialSoc(soc)
                .ambient(List.copyOf(ambient))
                .load(load)
                .closeAtStart(close)
                .durationS(duration)
                .seed(seed)
                .actions(List.copyOf(actions))
                .limitsEveryS(limitsEvery)
                .build();
    }

    /** The run's duration: more than 0 (a run of no time shows nothing) and at most {@link #MAX_DURATION_S}. */
    private static double runDuration(JsonNode root) {
        double duration = seconds(root, "", "duration", null);
        if (!(duration > 0)) {
            throw new ConfigException(
                    "duration",
                    "0 s: a run of no time simulates nothing; give the simulated run time, more than 0 s (e.g. 20s)");
        }
        if (duration > MAX_DURATION_S) {
            throw new ConfigException(
                    "duration",
                    "'" + root.get("duration").asText() + "' is longer than the longest run a scenario may take, "
                            + Math.round(MAX_DURATION_S / 3600) + "h; give a duration of at most "
                            + Math.round(MAX_DURATION_S / 3600) + "h");
        }
        return duration;
    }

    private static BmsConfig config(JsonNode root) {
        JsonNode pack = root.path("pack");
        if (!pack.isObject()) {
            throw new ConfigException(
                    "pack", "missing; give at least 'pack: {chemistry: psoa-ncm811, seriesCells: 4}'");
        }
        // The pack, limits, supplementary, loop, health, estimation and balancing sections use the BMS
        // configuration's own keys and validation.
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
        if (root.has("supplementary")) {
            cfg.set("supplementary", root.get("supplementary"));
        }
        if (root.has("loop")) {
            cfg.set("loop", root.get("loop"));
        }
        if (root.has("health")) {
            cfg.set("health", root.get("health"));
        }
        if (root.has("estimation")) {
            cfg.set("estimation", root.get("estimation"));
        }
        if (root.has("balancing")) {
            cfg.set("balancing", root.get("balancing"));
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
        return obeying(n, loadOfType(n, type, baseDir, cfg));
    }

    /**
     * {@code obeysLimits}: a load or charger that follows the published current limits (true), or
     * one that ignores them (false, the default: a scenario tests the protection, not the charger).
     */
    private static PackLoad obeying(JsonNode n, PackLoad load) {
        if (!n.has("obeysLimits")) {
            return PackLoad.ignoringLimits(load);
        }
        if (!n.get("obeysLimits").isBoolean()) {
            throw new ConfigException(
                    "load.obeysLimits", "'" + n.get("obeysLimits").asText() + "' is not true or false");
        }
        return n.get("obeysLimits").asBoolean() ? load : PackLoad.ignoringLimits(load);
    }

    private static PackLoad loadOfType(JsonNode n, String type, Path baseDir, BmsConfig cfg) {
        switch (type) {
            case "idle" -> {
                keys(n, "load", Set.of("type", "obeysLimits"));
                return PackLoad.IDLE;
            }
            case "constant" -> {
                keys(n, "load", Set.of("type", "obeysLimits", "amps"));
                return ScenarioLoads.constant(number(n, "load", "amps", Double.NaN, -10000, 10000));
            }
            case "pulses" -> {
                keys(n, "load", Set.of("type", "obeysLimits", "highAmps", "high", "lowAmps", "low"));
                double highS = seconds(n, "load", "high", null);
                double lowS = seconds(n, "load", "low", null);
                for (String key : new String[] {"high", "low"}) {
                    if (!((key.equals("high") ? highS : lowS) > 0)) {
                        throw new ConfigException(
                                "load." + key,
                                "0 s: each part of a pulse train must last longer than 0 s; for a steady current "
                                        + "use 'type: constant'");
                    }
                }
                return ScenarioLoads.pulses(
                        number(n, "load", "highAmps", Double.NaN, -10000, 10000),
                        highS,
                        number(n, "load", "lowAmps", 0, -10000, 10000),
                        lowS);
            }
            case "driveCycle" -> {
                keys(n, "load", Set.of("type", "obeysLimits", "file", "scale", "repeat"));
                String f = n.path("file").asText("");
                if (f.isEmpty()) {
                    throw new ConfigException("load.file", "missing; name a CSV file with 'time_s,amps' rows");
                }
                Path file = baseDir == null ? Path.of(f) : baseDir.resolve(f);
                try {
                    return ScenarioLoads.csv(
                            file,
                            number(n, "load", "scale", 1.0, -1000, 1000),
                            !n.has("repeat") || n.get("repeat").asBoolean());
                } catch (IOException e) {
                    throw new ConfigException("load.file", FileErrorText.cannotRead("drive cycle", file, e));
                } catch (IllegalArgumentException e) {
                    throw new ConfigException("load.file", e.getMessage());
                }
            }
            case "cycling" -> {
                keys(
                        n,
                        "load",
                        Set.of(
                                "type",
                                "obeysLimits",
                                "chargeC",
                                "cvVolts",
                                "cutoffC",
                                "pulseC",
                                "baseC",
                                "pulse",
                                "endVolts",
                                "rest"));
                if (n.size() == (n.has("obeysLimits") ? 2 : 1)) {
                    return CyclingProfile.defaultFor(cfg.pack().capacityAh());
                }
                double cvVolts = number(n, "load", "cvVolts", 4.15, 1, 6);
                double endVolts = number(n, "load", "endVolts", 3.40, 1, 5);
                if (!(endVolts < cvVolts)) {
                    throw new ConfigException(
                            "load.endVolts",
                            endVolts + " V is not below cvVolts (" + cvVolts + " V): a cycle charges up to cvVolts and"
                                    + " discharges down to endVolts, so one at or above the other never ends a phase;"
                                    + " set endVolts below cvVolts");
                }
                return CyclingProfile.of(
                        cfg.pack().capacityAh(),
                        number(n, "load", "chargeC", 0.4, 0.01, 10),
                        cvVolts,
                        number(n, "load", "cutoffC", 0.05, 0.001, 1),
                        number(n, "load", "pulseC", 1.0, 0, 10),
                        number(n, "load", "baseC", 0.2, 0, 10),
                        n.has("pulse") ? seconds(n, "load", "pulse", null) : 30,
                        endVolts,
                        n.has("rest") ? seconds(n, "load", "rest", null) : 600);
            }
            default ->
                throw new ConfigException(
                        "load.type",
                        "'" + type + "' is not a load type; use idle, constant, " + "pulses, driveCycle or cycling");
        }
    }

    /** What each action type takes besides {@code at}, {@code type} (and {@code for} for injections). */
    private record Spec(Set<String> keys, boolean timed) {}

    private static final java.util.Map<String, Spec> SPECS = specs();

    private static java.util.Map<String, Spec> specs() {
        java.util.Map<String, Spec> m = new java.util.TreeMap<>();
        m.put("cellOverVoltage", new Spec(Set.of("cell", "volts"), true));
        m.put("softShort", new Spec(Set.of("cell", "ohms"), true));
        for (String t : List.of("cellSensorStuck", "cellSensorOpen", "cellSensorBusError", "cellSensorOutOfRange")) {
            m.put(t, new Spec(Set.of("cell"), true));
        }
        for (String t : List.of(
                "temperatureSensorStuck",
                "temperatureSensorOpen",
                "temperatureSensorBusError",
                "temperatureSensorOutOfRange",
                "thermistorShort",
                "thermistorOpen")) {
            m.put(t, new Spec(Set.of("channel"), true));
        }
        for (String t : List.of(
                "currentSensorBusError",
                "currentSensorStuck",
                "currentSensorOutOfRange",
                "packVoltageSensorBusError",
                "prechargeFailure",
                "tickException",
                "brokerOutage")) {
            m.put(t, new Spec(Set.of(), true));
        }
        m.put("packVoltageOffset", new Spec(Set.of("volts"), true));
        m.put("currentSensorOffset", new Spec(Set.of("amps"), true));
        m.put("contactorWeld", new Spec(Set.of("contactor"), true));
        m.put("contactorFailsToClose", new Spec(Set.of("contactor"), true));
        m.put("forceCurrent", new Spec(Set.of("amps"), true));
        m.put("cellTemperature", new Spec(Set.of("cell", "celsius"), false));
        m.put("loopOverrun", new Spec(Set.of("tick"), true));
        for (String t : List.of("open", "close", "reset", "serviceReset")) {
            m.put(t, new Spec(Set.of(), false));
        }
        return java.util.Collections.unmodifiableMap(m);
    }

    private static void actions(JsonNode list, String path, List<ScenarioAction> out, BmsConfig cfg, double durationS) {
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
            if (!a.isObject()) {
                throw new ConfigException(p, "expected a mapping such as {at: 10s, type: reset}");
            }
            String type = a.path("type").asText("");
            Spec spec = SPECS.get(type);
            if (spec == null) {
                throw new ConfigException(p + ".type", "'" + type + "' is not known; use one of " + ACTION_TYPES);
            }
            Set<String> allowed = new java.util.TreeSet<>(spec.keys());
            allowed.add("at");
            allowed.add("type");
            if (spec.timed()) {
                allowed.add("for");
            }
            for (Iterator<String> it = a.fieldNames(); it.hasNext(); ) {
                String k = it.next();
                if (!allowed.contains(k)) {
                    throw new ConfigException(p + "." + k, type + " does not take '" + k + "'; it takes " + allowed);
                }
            }
            double at = seconds(a, p, "at", null);
            if (at > durationS) {
                throw new ConfigException(
                        p + ".at",
                        at + " s is after the end of the run (duration " + durationS
                                + " s): it would never happen; move it inside the run or lengthen duration");
            }
            double forS = a.has("for") ? seconds(a, p, "for", null) : Double.POSITIVE_INFINITY;
            if (!(forS > 0)) {
                throw new ConfigException(
                        p + ".for",
                        "0 s: an injection that lasts no time does nothing; give it a duration (at least a loop "
                                + "period to be seen) or leave 'for' out to keep it to the end");
            }
            out.add(action(type, a, p, at, forS, cells));
        }
    }

    private static ScenarioAction action(String type, JsonNode a, String p, double at, double forS, int cells) {
        return switch (type) {
            case "cellOverVoltage" ->
                new ScenarioAction.CellOverVoltage(
                        at, forS, index(a, p, "cell", cells), number(a, p, "volts", Double.NaN, -5, 5));
            case "softShort" ->
                new ScenarioAction.SoftShort(
                        at, forS, index(a, p, "cell", cells), number(a, p, "ohms", Double.NaN, 0.001, 1e9));
            case "cellSensorStuck" ->
                new ScenarioAction.CellSensor(type, at, forS, index(a, p, "cell", cells), SensorStatus.STUCK);
            case "cellSensorOpen" ->
                new ScenarioAction.CellSensor(type, at, forS, index(a, p, "cell", cells), SensorStatus.OPEN_WIRE);
            case "cellSensorBusError" ->
                new ScenarioAction.CellSensor(type, at, forS, index(a, p, "cell", cells), SensorStatus.BUS_ERROR);
            case "cellSensorOutOfRange" ->
                new ScenarioAction.CellSensor(type, at, forS, index(a, p, "cell", cells), SensorStatus.OUT_OF_RANGE);
            case "temperatureSensorStuck" ->
                new ScenarioAction.TemperatureSensor(type, at, forS, index(a, p, "channel", cells), SensorStatus.STUCK);
            case "temperatureSensorOpen", "thermistorOpen" ->
                new ScenarioAction.TemperatureSensor(
                        type, at, forS, index(a, p, "channel", cells), SensorStatus.OPEN_WIRE);
            case "thermistorShort" ->
                new ScenarioAction.TemperatureSensor(
                        type, at, forS, index(a, p, "channel", cells), SensorStatus.SHORT_CIRCUIT);
            case "temperatureSensorBusError" ->
                new ScenarioAction.TemperatureSensor(
                        type, at, forS, index(a, p, "channel", cells), SensorStatus.BUS_ERROR);
            case "temperatureSensorOutOfRange" ->
                new ScenarioAction.TemperatureSensor(
                        type, at, forS, index(a, p, "channel", cells), SensorStatus.OUT_OF_RANGE);
            case "currentSensorBusError" -> new ScenarioAction.CurrentSensor(type, at, forS, SensorStatus.BUS_ERROR);
            case "currentSensorStuck" -> new ScenarioAction.CurrentSensor(type, at, forS, SensorStatus.STUCK);
            case "currentSensorOutOfRange" ->
                new ScenarioAction.CurrentSensor(type, at, forS, SensorStatus.OUT_OF_RANGE);
            case "currentSensorOffset" ->
                new ScenarioAction.CurrentOffset(at, forS, number(a, p, "amps", Double.NaN, -1000, 1000));
            case "packVoltageSensorBusError" -> new ScenarioAction.PackVoltageSensor(type, at, forS, Double.NaN);
            case "packVoltageOffset" ->
                new ScenarioAction.PackVoltageSensor(type, at, forS, number(a, p, "volts", Double.NaN, -1000, 1000));
            case "contactorWeld" -> new ScenarioAction.ContactorWeld(at, forS, contactor(a, p));
            case "contactorFailsToClose" -> new ScenarioAction.ContactorFailsToClose(at, forS, contactor(a, p));
            case "prechargeFailure" -> new ScenarioAction.PrechargeFailure(at, forS);
            case "forceCurrent" ->
                new ScenarioAction.ForceCurrent(at, forS, number(a, p, "amps", Double.NaN, -10000, 10000));
            case "cellTemperature" ->
                new ScenarioAction.CellTemperature(
                        at, index(a, p, "cell", cells), number(a, p, "celsius", Double.NaN, -60, 200));
            case "loopOverrun" -> new ScenarioAction.LoopOverrun(at, forS, tickCost(a, p));
            case "tickException" -> new ScenarioAction.TickException(at, forS);
            case "brokerOutage" -> new ScenarioAction.BrokerOutage(at, forS);
            case "open", "close", "reset", "serviceReset" -> new ScenarioAction.Command(type, at);
            default -> throw new IllegalStateException("no builder for action type " + type);
        };
    }

    /** A loopOverrun's processor time per tick: more than 0, or the injection does nothing (as {@code for: 0s}). */
    private static double tickCost(JsonNode a, String p) {
        double tick = seconds(a, p, "tick", null);
        if (!(tick > 0)) {
            throw new ConfigException(
                    p + ".tick",
                    "0 s: a loop overrun whose ticks take no processor time does nothing; give the time each tick "
                            + "takes (longer than loop.period to overrun it)");
        }
        return tick;
    }

    /** A cell or channel number (1..count, an integer) as a 0-based index; required. */
    private static int index(JsonNode a, String p, String key, int count) {
        if (!a.has(key)) {
            throw new ConfigException(
                    p + "." + key,
                    "missing; " + a.path("type").asText() + " needs the " + key + " it acts on (1.." + count + ")");
        }
        JsonNode v = a.get(key);
        if (!v.isIntegralNumber()) {
            throw new ConfigException(
                    p + "." + key,
                    "'" + v.asText() + "' is not a whole number; cells and channels " + "count from 1 to " + count);
        }
        int index = v.asInt();
        if (index < 1 || index > count) {
            throw new ConfigException(
                    p + "." + key, index + " is outside 1.." + count + " (cells and channels count from 1)");
        }
        return index - 1;
    }

    private static ContactorId contactor(JsonNode a, String p) {
        String target = a.path("contactor").asText("MAIN_POSITIVE").toUpperCase(Locale.ROOT);
        try {
            return ContactorId.valueOf(target);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(
                    p + ".contactor",
                    "'" + target + "' is not a contactor; use MAIN_POSITIVE, " + "MAIN_NEGATIVE or PRECHARGE");
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
                throw new ConfigException(
                        path.isEmpty() ? k : path + "." + k,
                        "unknown key; allowed here: "
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

    /** Durations as {@code 500ms}, {@code 10s}, {@code 2min}, {@code 1h} or ISO-8601 {@code PT30S}; a unit is required. */
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
            throw new ConfigException(p, "'" + v.asText() + "' has no unit; write it as 500ms, 10s, 2min, 1h or PT30S");
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
                throw new ConfigException(
                        p, "'" + v.asText() + "' has no unit; write it as 500ms, 10s, 2min, 1h or PT30S");
            }
            if (s < 0 || !Double.isFinite(s)) {
                throw new ConfigException(
                        p, "'" + v.asText() + "' is negative or not finite; times and durations " + "count from 0");
            }
            return s;
        } catch (ConfigException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new ConfigException(p, "'" + v.asText() + "' is not a duration; write 500ms, 10s, 2min, 1h or PT30S");
        }
    }
}
