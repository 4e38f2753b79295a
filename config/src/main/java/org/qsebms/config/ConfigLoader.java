package org.qsebms.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import org.qsebms.estimators.soc.SocFilterKind;

/**
 * Loads the one YAML configuration file, merges it over its chemistry preset and validates it.
 * Every error is a {@link ConfigException} naming the key path, the value, the allowed range and the fix.
 */
public final class ConfigLoader {
    private static final Set<String> ROOT_KEYS = Set.of(
            "pack",
            "limits",
            "supplementary",
            "loop",
            "hal",
            "mqtt",
            "persistence",
            "health",
            "dashboard",
            "estimation",
            "balancing");

    private final org.qsebms.estimators.yaml.OneYamlDocument yaml = YamlErrorText.strictDocument();
    private final PresetCatalog presets = new PresetCatalog();

    /** Loads and validates the configuration file at {@code file}. */
    public BmsConfig load(Path file) {
        String text;
        try {
            text = TextFileBounds.yamlFile("configuration").text(file);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("", e.getMessage());
        } catch (NoSuchFileException e) {
            throw new ConfigException(
                    "",
                    "configuration file " + file.toAbsolutePath() + " does not exist; "
                            + "pass an existing file with --config (see config/examples/) or use --simulated");
        } catch (IOException e) {
            throw new ConfigException("", FileErrorText.cannotRead("configuration file", file, e));
        }
        return parse(text, file.toString());
    }

    /** The built-in configuration of the simulated 4-series PSOA||NCM811 pack. */
    public BmsConfig defaultSimulated() {
        try (InputStream in = ConfigLoader.class.getClassLoader().getResourceAsStream("default-simulated.yaml")) {
            if (in == null) {
                throw new IllegalStateException("default-simulated.yaml missing from the config jar");
            }
            return parse(
                    new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8), "default-simulated.yaml");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Parses configuration text; {@code source} names it in error messages. */
    public BmsConfig parse(String text, String source) {
        JsonNode root;
        try {
            root = yaml.read(text);
        } catch (JsonProcessingException e) {
            throw new ConfigException("", YamlErrorText.notValid(source, e));
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            throw new ConfigException("", source + " is empty; it needs at least a 'pack:' section");
        }
        YamlNode r = new YamlNode(root, "");
        r.rejectUnknownKeys(ROOT_KEYS);

        YamlNode packNode = r.mapping("pack");
        packNode.rejectUnknownKeys(Set.of("id", "chemistry", "seriesCells", "capacityAh"));
        String packId = PackConfig.requireValidId("pack.id", packNode.string("id", "pack-1"));
        ChemistryPreset preset = presets.load(packNode.requiredString("chemistry"));
        int series = packNode.integer("seriesCells", Integer.MIN_VALUE, 1, 512);
        double capacity = packNode.rawNumber("capacityAh", preset.cell().capacityAh(), "Ah");
        requireACellOfThePresetsKind(packNode.child("capacityAh"), capacity, preset);
        PackConfig pack = new PackConfig(packId, preset.name(), series, capacity);

        ProtectionLimits limits = limits(r.optionalMapping("limits"), preset, capacity);

        YamlNode loopNode = r.optionalMapping("loop");
        LoopConfig loop = LoopConfig.DEFAULT;
        if (loopNode != null) {
            loopNode.rejectUnknownKeys(Set.of("period", "overrunsToFault"));
            loop = new LoopConfig(
                    loopNode.duration("period", loop.period(), Duration.ofMillis(10), Duration.ofSeconds(1)),
                    fewerOverruns(loopNode, loop.overrunsToFault()));
        }

        YamlNode halNode = r.optionalMapping("hal");
        HalConfig hal = new HalConfig(HalBackend.SIMULATED);
        if (halNode != null) {
            halNode.rejectUnknownKeys(Set.of("backend", "pi4j", "bq76952", "currentSensor"));
            HalBackend backend = halNode.enumValue("backend", HalBackend.class, null);
            YamlNode pi4jNode = halNode.optionalMapping("pi4j");
            YamlNode bqNode = halNode.optionalMapping("bq76952");
            CurrentSensorRating currentSensor = CurrentSensorRating.read(halNode.optionalMapping("currentSensor"));
            if (pi4jNode != null && bqNode != null) {
                throw new ConfigException(
                        "hal.bq76952",
                        "and hal.pi4j are both given; a pack is read either by ADCs "
                                + "(hal.pi4j) or by a BQ76952 (hal.bq76952): keep one");
            }
            if (bqNode != null) {
                hal = new HalConfig(
                        backend,
                        java.util.Optional.empty(),
                        java.util.Optional.of(Bq76952Reader.read(bqNode, series, limits)),
                        currentSensor);
            } else if (backend == HalBackend.PI4J && pi4jNode == null) {
                throw new ConfigException(
                        "hal.pi4j",
                        "is required when hal.backend is pi4j; describe the chips, inputs and "
                                + "pins there (see config/examples/pi-4s-ads1115.yaml and docs/wiring.md)");
            } else {
                hal = new HalConfig(
                        backend,
                        pi4jNode == null
                                ? java.util.Optional.empty()
                                : java.util.Optional.of(WiringReader.read(pi4jNode, series)),
                        java.util.Optional.empty(),
                        currentSensor);
                if (hal.pi4j().isPresent()) {
                    AdcScanTime.requireFitsThePeriod(hal.pi4j().get(), loop.period());
                }
            }
        }

        YamlNode mqttNode = r.optionalMapping("mqtt");
        MqttConfig mqtt = MqttConfig.builder()
                .url("")
                .topicRoot("qse-bms")
                .stateInterval(Duration.ofSeconds(1))
                .username("")
                .passwordFile("")
                .passwordEnv("")
                .caFile("")
                .build();
        if (mqttNode != null) {
            mqttNode.rejectUnknownKeys(Set.of(
                    "url",
                    "topicRoot",
                    "stateInterval",
                    "username",
                    "passwordFile",
                    "passwordEnv",
                    "caFile",
                    "clientCertFile",
                    "clientKeyFile",
                    "deadband",
                    "stateHeartbeat",
                    "spoolDirectory",
                    "spoolMaxMessages",
                    "commandsPerSecond",
                    "discoveryPrefix",
                    "serviceResetQueue"));
            String url = MqttConfig.requireValidUrl("mqtt.url", mqttNode.string("url", ""));
            String topicRoot = mqttNode.string("topicRoot", "qse-bms");
            if (topicRoot.isEmpty() || topicRoot.contains("#") || topicRoot.contains("+") || topicRoot.contains("/")) {
                throw new ConfigException(
                        "mqtt.topicRoot",
                        "'" + topicRoot + "' must be one non-empty topic level without '/', '+' or '#'");
            }
            String certFile = mqttNode.string("clientCertFile", "");
            String keyFile = mqttNode.string("clientKeyFile", "");
            if (certFile.isEmpty() != keyFile.isEmpty()) {
                throw new ConfigException(
                        "mqtt.clientCertFile",
                        "a client certificate needs both clientCertFile and clientKeyFile; "
                                + "set both (PEM files) or neither");
            }
            MqttConfig.StateDeadband band = MqttConfig.StateDeadband.NONE;
            YamlNode bandNode = mqttNode.optionalMapping("deadband");
            if (bandNode != null) {
                bandNode.rejectUnknownKeys(Set.of("packVolts", "packAmps", "cellVolts", "celsius", "socFraction"));
                band = new MqttConfig.StateDeadband(
                        bandNode.number("packVolts", 0, 0, 100, "V"),
                        bandNode.number("packAmps", 0, 0, 1000, "A"),
                        bandNode.number("cellVolts", 0, 0, 1, "V"),
                        bandNode.number("celsius", 0, 0, 50, "°C"),
                        bandNode.number("socFraction", 0, 0, 1, ""));
            }
            String prefix = mqttNode.string("discoveryPrefix", "homeassistant");
            if (prefix.contains("#") || prefix.contains("+")) {
                throw new ConfigException(
                        "mqtt.discoveryPrefix",
                        "'" + prefix + "' must not contain '+' or '#'; "
                                + "use homeassistant (the Home Assistant default) or empty to disable discovery");
            }
            mqtt = MqttConfig.builder()
                    .url(url)
                    .topicRoot(topicRoot)
                    .stateInterval(mqttNode.duration(
                            "stateInterval", Duration.ofSeconds(1), Duration.ofMillis(100), Duration.ofHours(1)))
                    .username(mqttNode.string("username", ""))
                    .passwordFile(mqttNode.string("passwordFile", ""))
                    .passwordEnv(mqttNode.string("passwordEnv", ""))
                    .caFile(mqttNode.string("caFile", ""))
                    .clientCertFile(certFile)
                    .clientKeyFile(keyFile)
                    .deadband(band)
                    .stateHeartbeat(mqttNode.duration(
                            "stateHeartbeat", Duration.ofSeconds(60), Duration.ofMillis(100), Duration.ofHours(24)))
                    .spoolDirectory(mqttNode.string("spoolDirectory", ""))
                    .spoolMaxMessages(mqttNode.integer(
                            "spoolMaxMessages", MqttConfig.DEFAULT_SPOOL_MAX_MESSAGES, 100, 10_000_000))
                    .commandsPerSecond(mqttNode.number(
                            "commandsPerSecond", MqttConfig.DEFAULT_COMMANDS_PER_SECOND, 0.1, 1000, "1/s"))
                    .discoveryPrefix(prefix)
                    .serviceResetQueue(mqttNode.integer(
                            "serviceResetQueue",
                            MqttConfig.DEFAULT_SERVICE_RESET_QUEUE,
                            1,
                            MqttConfig.MAX_SERVICE_RESET_QUEUE))
                    .build();
        }

        YamlNode persistNode = r.optionalMapping("persistence");
        PersistenceConfig persistence = new PersistenceConfig("bms-state", Duration.ofSeconds(10));
        if (persistNode != null) {
            persistNode.rejectUnknownKeys(Set.of("directory", "interval"));
            persistence = new PersistenceConfig(
                    persistNode.string("directory", "bms-state"),
                    persistNode.duration(
                            "interval", Duration.ofSeconds(10), Duration.ofSeconds(1), Duration.ofHours(1)));
        }
        SupplementaryLimits supplementary = SupplementaryReader.tightening(
                r.optionalMapping("supplementary"), preset.supplementary(), preset.name());
        if (hal.pi4j().isPresent()) {
            CurrentReach.requireReachesTheLimits(hal.pi4j().get(), limits, supplementary);
        }
        return BmsConfig.builder()
                .pack(pack)
                .chemistry(preset)
                .limits(limits)
                .loop(loop)
                .hal(hal)
                .mqtt(mqtt)
                .persistence(persistence)
                .health(health(r.optionalMapping("health"), preset, limits, capacity))
                .dashboard(dashboard(r.optionalMapping("dashboard")))
                .supplementary(supplementary)
                .estimation(estimation(r.optionalMapping("estimation")))
                .balancing(balancing(r.optionalMapping("balancing"), limits))
                .build();
    }

    /**
     * The {@code balancing} section. Its floor may not lie under the under-voltage MOL (a balancer must not bleed a
     * cell the MOL already warns of) nor its ceiling above the charge over-temperature MOL.
     */
    private static BalancingConfig balancing(YamlNode n, ProtectionLimits limits) {
        BalancingConfig d = BalancingConfig.of(limits);
        if (n == null) {
            return d;
        }
        n.rejectUnknownKeys(
                Set.of("enabled", "mode", "thresholdVolts", "thresholdSoc", "minCellVolts", "maxCelsius", "duty"));
        double floor = limits.cellUnderVoltage().mol();
        double top = limits.cellOverVoltage().mol();
        double coldest = limits.chargeUnderTemperature().mol();
        double hottest = limits.chargeOverTemperature().mol();
        double minCellVolts = n.number("minCellVolts", d.minCellVolts(), 0, 10, "V");
        if (minCellVolts < floor || minCellVolts > top) {
            throw new ConfigException(
                    n.child("minCellVolts"),
                    minCellVolts + " V is outside " + floor + ".." + top + " V, the cell under-voltage MOL to the"
                            + " over-voltage MOL: a balancer may not bleed a cell the under-voltage MOL already warns"
                            + " of; use a value in that range, or remove the key for the MOL");
        }
        double maxCelsius = n.number("maxCelsius", d.maxCelsius(), -100, 200, "°C");
        if (maxCelsius <= coldest || maxCelsius > hottest) {
            throw new ConfigException(
                    n.child("maxCelsius"),
                    maxCelsius + " °C is outside " + coldest + ".." + hottest + " °C, above the charge"
                            + " under-temperature MOL and up to the charge over-temperature MOL (the resistors heat"
                            + " the cells); use a value in that range, or remove the key for the MOL");
        }
        return new BalancingConfig(
                n.bool("enabled", d.enabled()),
                n.enumValue("mode", BalancingConfig.Mode.class, d.mode()),
                n.number("thresholdVolts", d.thresholdVolts(), 0.001, 0.5, "V"),
                n.number("thresholdSoc", d.thresholdSoc(), 0.001, 0.5, "SOC fraction"),
                minCellVolts,
                maxCelsius,
                n.number("duty", d.duty(), 0.01, 1, "fraction of each 10 s period"));
    }

    /** The {@code estimation} section: which SOC filter runs, and whether it has the current-offset state. */
    private static EstimationConfig estimation(YamlNode n) {
        if (n == null) {
            return EstimationConfig.DEFAULTS;
        }
        n.rejectUnknownKeys(Set.of("socFilter", "currentOffsetState", "selfDischargeLimitPerDay"));
        String name = n.string("socFilter", SocFilterKind.DEFAULT.configName());
        boolean currentOffsetState = n.bool("currentOffsetState", false);
        double selfDischarge = n.number(
                "selfDischargeLimitPerDay", EstimationConfig.DEFAULT_SELF_DISCHARGE_LIMIT_PER_DAY, 0, 1, "1/day");
        try {
            return new EstimationConfig(SocFilterKind.parse(name), currentOffsetState, selfDischarge);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(
                    n.child("socFilter"),
                    e.getMessage() + " (both run the same cell model; docs/estimation.md compares them), or remove "
                            + "the key for the default, " + SocFilterKind.DEFAULT.configName());
        }
    }

    /** The {@code dashboard} section; whether its host may be reached without credentials is decided at start-up. */
    private static DashboardConfig dashboard(YamlNode n) {
        DashboardConfig d = DashboardConfig.OFF;
        if (n == null) {
            return d;
        }
        n.rejectUnknownKeys(Set.of(
                "enabled",
                "host",
                "port",
                "username",
                "passwordFile",
                "passwordEnv",
                "allowAnonymousRemote",
                "history"));
        String host = n.string("host", d.host());
        if (host.isBlank()) {
            throw new ConfigException(
                    n.child("host"),
                    "is empty; write 127.0.0.1 (this machine only), an interface "
                            + "address, or 0.0.0.0 for every interface (then credentials are needed)");
        }
        String user = n.string("username", "");
        String file = n.string("passwordFile", "");
        String env = n.string("passwordEnv", "");
        if (user.isEmpty() && (!file.isEmpty() || !env.isEmpty())) {
            throw new ConfigException(
                    n.child("username"),
                    "a password source is configured but no user name; "
                            + "set dashboard.username or remove dashboard.passwordFile/passwordEnv");
        }
        if (!user.isEmpty() && file.isEmpty() && env.isEmpty()) {
            throw new ConfigException(
                    n.child("username"),
                    "'" + user + "' has no password; set dashboard.passwordFile "
                            + "(a file whose first line is the password) or dashboard.passwordEnv (an environment variable)");
        }
        if (!file.isEmpty() && !env.isEmpty()) {
            throw new ConfigException(n.child("passwordEnv"), "both passwordFile and passwordEnv are set; keep one");
        }
        return new DashboardConfig(
                n.bool("enabled", true),
                host,
                n.integer("port", d.port(), 0, 65535),
                user,
                file,
                env,
                n.bool("allowAnonymousRemote", false),
                n.duration("history", d.history(), Duration.ofSeconds(10), Duration.ofHours(24)));
    }

    private static HealthConfig health(YamlNode n, ChemistryPreset preset, ProtectionLimits limits, double capacityAh) {
        HealthConfig d = HealthConfig.of(preset, limits);
        if (n == null) {
            return d;
        }
        n.rejectUnknownKeys(Set.of(
                "endOfLifeResistanceMultiple",
                "npRatio",
                "bulkOhms",
                "usableCapacity",
                "diagnostics",
                "capacityLimitWindows"));
        double eol = n.number("endOfLifeResistanceMultiple", d.endOfLifeResistanceMultiple(), 1.05, 10, "");
        double np = n.has("npRatio") ? n.requiredNumber("npRatio", 1.0, 100, "") : d.npRatio();
        double bulk = n.number("bulkOhms", d.bulkOhms(), 1e-6, 100, "ohm");
        if (bulk > preset.cell().r0Ohms()) {
            throw new ConfigException(
                    n.child("bulkOhms"),
                    bulk + " ohm is more than the cell's whole R0 of "
                            + preset.cell().r0Ohms() + " ohm in preset " + preset.name()
                            + "; bulkOhms is the electrolyte's share of R0");
        }
        return new HealthConfig(
                eol,
                np,
                bulk,
                usableCapacity(n.optionalMapping("usableCapacity"), limits),
                diagnostics(n.optionalMapping("diagnostics"), limits, capacityAh),
                n.bool("capacityLimitWindows", d.capacityLimitWindows()));
    }

    /** The {@code health.diagnostics} section: the temperature band must lie inside the charge and discharge MOLs. */
    private static DiagnosticsConfig diagnostics(YamlNode n, ProtectionLimits limits, double capacityAh) {
        DiagnosticsConfig d = DiagnosticsConfig.OFF;
        if (n == null) {
            return d;
        }
        n.rejectUnknownKeys(Set.of(
                "everyCycles",
                "every",
                "minSoc",
                "maxSoc",
                "minCelsius",
                "maxCelsius",
                "idle",
                "minRest",
                "maxRest",
                "relaxedVoltsPerMinute",
                "pulseC",
                "pulse"));
        double lowest = Math.max(
                limits.chargeUnderTemperature().mol(),
                limits.dischargeUnderTemperature().mol());
        double highest = Math.min(
                limits.chargeOverTemperature().mol(),
                limits.dischargeOverTemperature().mol());
        double minSoc = n.number("minSoc", d.minSoc(), 0, 1, "");
        double maxSoc = n.number("maxSoc", d.maxSoc(), 0, 1, "");
        if (!(minSoc < maxSoc)) {
            throw new ConfigException(
                    n.child("maxSoc"),
                    maxSoc + " is not above minSoc (" + minSoc + "); give a SOC "
                            + "window such as minSoc: 0.3, maxSoc: 0.7");
        }
        double minC = n.number("minCelsius", Math.max(lowest, d.minCelsius()), lowest, highest, "°C");
        double maxC = n.number("maxCelsius", Math.min(highest, d.maxCelsius()), lowest, highest, "°C");
        if (!(minC < maxC)) {
            throw new ConfigException(n.child("maxCelsius"), maxC + " °C is not above minCelsius (" + minC + " °C)");
        }
        // the pulse stays inside the discharge-current MOL
        double pulseC = n.number(
                "pulseC", d.pulseC(), 0.05, limits.dischargeOverCurrent().mol() / capacityAh, "C");
        DiagnosticsConfig c = DiagnosticsConfig.builder()
                .everyCycles(n.integer("everyCycles", 0, 0, 1_000_000))
                .every(n.duration("every", Duration.ZERO, Duration.ZERO, Duration.ofDays(3650)))
                .minSoc(minSoc)
                .maxSoc(maxSoc)
                .minCelsius(minC)
                .maxCelsius(maxC)
                .idle(n.duration("idle", d.idle(), Duration.ZERO, Duration.ofDays(1)))
                .minRest(n.duration("minRest", d.minRest(), Duration.ofSeconds(10), Duration.ofDays(1)))
                .maxRest(n.duration("maxRest", d.maxRest(), Duration.ofSeconds(10), Duration.ofDays(2)))
                .relaxedVoltsPerMinute(n.number("relaxedVoltsPerMinute", d.relaxedVoltsPerMinute(), 1e-5, 0.1, "V/min"))
                .pulseC(pulseC)
                .pulse(n.duration("pulse", d.pulse(), Duration.ofSeconds(1), Duration.ofMinutes(10)))
                .build();
        if (!c.enabled()) {
            throw new ConfigException(
                    n.child("everyCycles"),
                    "neither everyCycles nor every is set; set everyCycles "
                            + "(e.g. 50) and/or every (e.g. 168h), or remove health.diagnostics");
        }
        if (c.maxRest().compareTo(c.minRest()) < 0) {
            throw new ConfigException(n.child("maxRest"), c.maxRest() + " is shorter than minRest " + c.minRest());
        }
        return c;
    }

    /**
     * The {@code health.usableCapacity} section: the charge and cutoff voltages must lie inside the MSLs, the cutoff
     * below the charge voltage by more than the full tolerance, and the two ends' tolerances must not meet.
     */
    private static UsableCapacityConfig usableCapacity(YamlNode n, ProtectionLimits limits) {
        UsableCapacityConfig d = UsableCapacityConfig.of(limits);
        if (n == null) {
            return d;
        }
        n.rejectUnknownKeys(Set.of(
                "chargeVolts",
                "cutoffVolts",
                "taperC",
                "fullToleranceVolts",
                "cutoffToleranceVolts",
                "emptyToleranceVolts"));
        double over = limits.cellOverVoltage().msl();
        double under = limits.cellUnderVoltage().msl();
        double charge = n.number("chargeVolts", d.chargeVolts(), under, over, "V");
        double cutoff = n.number("cutoffVolts", d.cutoffVolts(), under, over, "V");
        // above the C/50 below which the pack counts as resting, so a tapering charge is told from a rest
        double taper = n.number("taperC", d.taperC(), 0.025, 1, "C");
        // at least a few millivolts (a cell front end's error), at most where the top knee is no longer the top
        double full = n.number("fullToleranceVolts", d.fullToleranceVolts(), 0.005, 0.2, "V");
        double cutoffTolerance = n.number("cutoffToleranceVolts", d.cutoffToleranceVolts(), 0, 0.1, "V");
        double empty = n.number("emptyToleranceVolts", d.emptyToleranceVolts(), 0, 0.2, "V");
        if (!(cutoff < charge - full)) {
            throw new ConfigException(
                    n.child("cutoffVolts"),
                    cutoff + " V is not below chargeVolts (" + charge + " V) by more than the " + full
                            + " V a full charge may sit under it (fullToleranceVolts); set cutoffVolts to where your "
                            + "discharges end and chargeVolts to your charger's constant-voltage setting");
        }
        if (!(cutoff + Math.max(empty, cutoffTolerance) < charge - full)) {
            throw new ConfigException(
                    n.child("emptyToleranceVolts"),
                    "a cell within " + Math.max(empty, cutoffTolerance) + " V of cutoffVolts (" + cutoff
                            + " V) would also be within fullToleranceVolts (" + full + " V) of chargeVolts (" + charge
                            + " V), so one reading could mark both ends; lower the tolerances (they are the millivolts"
                            + " by which the BMS's reading may differ from the charger's or the load's)");
        }
        return new UsableCapacityConfig(charge, cutoff, taper, full, cutoffTolerance, empty);
    }

    /**
     * {@code loop.overrunsToFault}: at most the default, since more overruns in a row before {@code LOOP_OVERRUN} is a
     * looser check (check23r: 1000 was accepted, a loop that overran for 100 s at 100 ms before the fault).
     */
    private static int fewerOverruns(YamlNode loopNode, int base) {
        int v = loopNode.integer("overrunsToFault", base, 1, 1000);
        if (v > base) {
            throw new ConfigException(
                    loopNode.child("overrunsToFault"),
                    v + " is more overruns than the default's " + base
                            + "; configuration may only tighten (fewer overruns in a row before the loop fault),"
                            + " so use 1.." + base);
        }
        return v;
    }

    /**
     * Refuses a {@code pack.capacityAh} no cell of the preset's kind has (its {@link CellCapacityRange}), before any
     * limit is scaled by it: check23z found 1845 (mAh, for the 1.845 Ah psoa-ncm811 cell) loaded with a 5535 A
     * discharge MSL on the simulated backend, and was refused on hardware only by checks that blamed the shunt.
     */
    private static void requireACellOfThePresetsKind(String key, double capacityAh, ChemistryPreset preset) {
        double presetAh = preset.cell().capacityAh();
        CellCapacityRange range = preset.capacityRange();
        if (range.holds(capacityAh, presetAh)) {
            return;
        }
        if (!(capacityAh > 0) || Double.isInfinite(capacityAh)) {
            throw new ConfigException(
                    key,
                    capacityAh + " Ah is no capacity; write the capacity of one cell in Ah (the " + preset.name()
                            + " preset's cell: " + number(presetAh) + " Ah)");
        }
        String fix = range.likelySlip(capacityAh, presetAh)
                        .map(slip -> "it looks like " + slip.name() + ": write " + number(slip.intendedAh()) + " (")
                        .orElse("write the capacity of one cell in Ah (")
                + "a cell of this chemistry truly outside that range needs a preset whose capacityRange holds it)";
        throw new ConfigException(
                key,
                number(capacityAh) + " Ah is " + number(capacityAh / presetAh) + " times the " + number(presetAh)
                        + " Ah cell of the " + preset.name() + " preset, outside the "
                        + number(range.lowestFactor()) + ".." + number(range.highestFactor()) + " times ("
                        + number(range.lowestFactor() * presetAh) + ".." + number(range.highestFactor() * presetAh)
                        + " Ah) a cell of its kind holds (the preset's capacityRange); " + fix);
    }

    /** A number as a user writes it: four significant digits, no trailing zeros, no exponent. */
    private static String number(double v) {
        return new java.math.BigDecimal(v)
                .round(new java.math.MathContext(4))
                .stripTrailingZeros()
                .toPlainString();
    }

    private static ProtectionLimits limits(YamlNode n, ChemistryPreset preset, double capacityAh) {
        ProtectionLimits p = preset.limits();
        double presetCapacity = preset.cell().capacityAh();
        ThreeLevelLimit chargeC = inCRate(p.chargeOverCurrent(), preset.chargeCRateLimits(), presetCapacity);
        ThreeLevelLimit dischargeC = inCRate(p.dischargeOverCurrent(), preset.dischargeCRateLimits(), presetCapacity);
        if (n == null) {
            return new ProtectionLimits(
                    p.cellOverVoltage(),
                    p.cellUnderVoltage(),
                    scale(chargeC, capacityAh),
                    scale(dischargeC, capacityAh),
                    p.chargeOverTemperature(),
                    p.chargeUnderTemperature(),
                    p.dischargeOverTemperature(),
                    p.dischargeUnderTemperature(),
                    p.anodicLimitVolts());
        }
        n.rejectUnknownKeys(PresetCatalog.LIMIT_KEYS);
        ProtectionLimits tightened = new ProtectionLimits(
                override(n, "cellOverVoltage", p.cellOverVoltage(), 1.0, preset),
                override(n, "cellUnderVoltage", p.cellUnderVoltage(), 1.0, preset),
                override(n, "chargeOverCurrentC", chargeC, capacityAh, preset),
                override(n, "dischargeOverCurrentC", dischargeC, capacityAh, preset),
                override(n, "chargeOverTemperature", p.chargeOverTemperature(), 1.0, preset),
                override(n, "chargeUnderTemperature", p.chargeUnderTemperature(), 1.0, preset),
                override(n, "dischargeOverTemperature", p.dischargeOverTemperature(), 1.0, preset),
                override(n, "dischargeUnderTemperature", p.dischargeUnderTemperature(), 1.0, preset),
                p.anodicLimitVolts());
        requireAWindow(
                n,
                "cellUnderVoltage",
                tightened.cellUnderVoltage(),
                "cellOverVoltage",
                tightened.cellOverVoltage(),
                MIN_VOLTAGE_WINDOW,
                "the usable capacity's charge and cutoff voltages come from these MOLs, and a full"
                        + " charge may sit 0.05 V under the charge voltage");
        requireAWindow(
                n,
                "chargeUnderTemperature",
                tightened.chargeUnderTemperature(),
                "chargeOverTemperature",
                tightened.chargeOverTemperature(),
                0,
                "no temperature could be charged at");
        requireAWindow(
                n,
                "dischargeUnderTemperature",
                tightened.dischargeUnderTemperature(),
                "dischargeOverTemperature",
                tightened.dischargeOverTemperature(),
                0,
                "no temperature could be discharged at");
        return tightened;
    }

    /** A cell window narrower than this between the under- and over-voltage MOLs leaves no usable capacity (V). */
    private static final double MIN_VOLTAGE_WINDOW = 0.05;

    /**
     * Tightened limits must still leave a window: the lower limit's MOL below the upper one's by more than
     * {@code margin} (issue 23, check23n: an under-voltage MOL tightened up to the over-voltage MOL made the usable
     * capacity settings throw inside the controller, exit 1, naming keys nobody wrote).
     */
    private static void requireAWindow(
            YamlNode n,
            String lowerKey,
            ThreeLevelLimit lower,
            String upperKey,
            ThreeLevelLimit upper,
            double margin,
            String why) {
        if (lower.mol() < upper.mol() - margin) {
            return;
        }
        String key = n.has(lowerKey) ? lowerKey : upperKey;
        throw new ConfigException(
                n.mapping(key).child("mol"),
                String.format(
                        java.util.Locale.ROOT,
                        "leaves no window: limits.%s.mol %s %s is not below limits.%s.mol %s %s%s (%s); tighten the"
                                + " limits so that each lower level stays below each upper one",
                        lowerKey,
                        lower.mol(),
                        lower.unit(),
                        upperKey,
                        upper.mol(),
                        upper.unit(),
                        margin > 0 ? " by more than " + margin + " " + upper.unit() : "",
                        why));
    }

    private static ThreeLevelLimit inCRate(ThreeLevelLimit amps, double[] c, double presetCapacity) {
        return new ThreeLevelLimit(
                amps.quantity(),
                amps.direction(),
                c[0],
                c[1],
                c[2],
                amps.hysteresis() / presetCapacity,
                amps.debounce(),
                "C");
    }

    private static ThreeLevelLimit scale(ThreeLevelLimit c, double capacityAh) {
        return new ThreeLevelLimit(
                c.quantity(),
                c.direction(),
                c.mol() * capacityAh,
                c.rsl() * capacityAh,
                c.msl() * capacityAh,
                c.hysteresis() * capacityAh,
                c.debounce(),
                "A");
    }

    private static ThreeLevelLimit override(
            YamlNode limits, String key, ThreeLevelLimit base, double scale, ChemistryPreset preset) {
        if (!limits.has(key)) {
            return scale == 1.0 && !"C".equals(base.unit()) ? base : scale(base, scale);
        }
        YamlNode n = limits.mapping(key);
        ThreeLevelLimit read = LimitReader.read(n, base.quantity(), base.direction(), base.unit(), 1.0, base);
        if (!base.direction().isTighterOrEqual(read.msl(), base.msl())) {
            throw new ConfigException(
                    n.child("msl"),
                    read.msl() + " " + base.unit() + " is beyond the " + preset.name()
                            + " chemistry's maximum safety limit of " + base.msl() + " " + base.unit()
                            + "; configuration may only tighten a safety limit, so use a value "
                            + (base.direction() == LimitDirection.UPPER ? "<= " : ">= ") + base.msl());
        }
        LimitReader.requireNoLooser(n, read, base, "the " + preset.name() + " preset");
        return "C".equals(base.unit()) ? scale(read, scale) : read;
    }
}
