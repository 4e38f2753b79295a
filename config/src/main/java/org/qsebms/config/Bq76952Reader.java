package org.qsebms.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.qsebms.hal.ContactorId;
import org.qsebms.hal.bq76952.Bq76952Limits;
import org.qsebms.hal.bq76952.Bq76952Margins;
import org.qsebms.hal.bq76952.Bq76952Wiring;
import org.qsebms.hal.wiring.ContactorPins;

/**
 * Reads and validates {@code hal.bq76952}: a Pi with a BQ76952 battery monitor. The chip's
 * protection thresholds come from the software MSLs ({@code limits}, preset) plus
 * {@code hal.bq76952.margins}; the protection plan is computed here, so a limit the chip cannot
 * place beyond its MSL fails at load time with the key path.
 */
final class Bq76952Reader {
    private static final int MAX_GPIO = GpioPinClaims.MAX_GPIO;
    private static final Map<String, ContactorId> CONTACTOR_KEYS = Map.of(
            "mainNegative",
            ContactorId.MAIN_NEGATIVE,
            "precharge",
            ContactorId.PRECHARGE,
            "mainPositive",
            ContactorId.MAIN_POSITIVE);

    private final GpioPinClaims pins = new GpioPinClaims("the BQ76952 bus");

    private Bq76952Reader() {}

    static Bq76952Wiring read(YamlNode n, int seriesCells, ProtectionLimits limits) {
        return new Bq76952Reader().readAll(n, seriesCells, limits);
    }

    private Bq76952Wiring readAll(YamlNode n, int seriesCells, ProtectionLimits limits) {
        n.rejectUnknownKeys(Set.of(
                "bus",
                "address",
                "crc",
                "shuntOhms",
                "cellInputs",
                "thermistors",
                "maxAbsAmps",
                "fetsAs",
                "alertPin",
                "balancingResistorOhms",
                "contactors",
                "fanPin",
                "heaterPin",
                "watchdog",
                "margins"));
        if (seriesCells < 3 || seriesCells > 16) {
            throw new ConfigException(
                    "pack.seriesCells",
                    seriesCells
                            + " cells, but a BQ76952 measures 3..16 in series; "
                            + "use hal.pi4j with ADCs, or stack chips (not supported)");
        }
        int bus = n.integer("bus", 1, 0, 22);
        int address = n.has("address") ? n.hexOrInteger("address", 0x03, 0x77) : 0x08;
        boolean crc = n.bool("crc", false);
        double shunt = n.requiredNumber("shuntOhms", 0.00005, 0.1, "ohm");
        List<Integer> inputs = n.has("cellInputs") ? n.integerList("cellInputs", 1, 16) : defaultInputs(seriesCells);
        if (inputs.size() != seriesCells) {
            throw new ConfigException(
                    n.child("cellInputs"),
                    inputs.size() + " inputs but pack.seriesCells is " + seriesCells
                            + "; list one chip cell input (1..16) per series cell, bottom cell first");
        }
        for (int i = 1; i < inputs.size(); i++) {
            if (inputs.get(i) <= inputs.get(i - 1)) {
                throw new ConfigException(
                        n.child("cellInputs") + "[" + i + "]",
                        inputs.get(i)
                                + " is not above the input "
                                + "below it (" + inputs.get(i - 1) + "); list inputs bottom cell first, each higher");
            }
        }
        List<Integer> ts = n.has("thermistors") ? n.integerList("thermistors", 1, 3) : List.of(1);
        if (ts.isEmpty() || ts.size() != Set.copyOf(ts).size()) {
            throw new ConfigException(n.child("thermistors"), ts + " must name 1..3 distinct TS pins (1, 2, 3)");
        }
        // CC2 reads in 10 mA user amps, 16 bits: +-327.67 A is all it can tell (a larger current reads as its end)
        double maxAmps = n.number("maxAbsAmps", 300, 1, 327.67, "A");
        ContactorId fetsAs = CONTACTOR_KEYS.get(n.string("fetsAs", "mainNegative"));
        if (fetsAs == null) {
            throw new ConfigException(
                    n.child("fetsAs"),
                    "'" + n.string("fetsAs", "") + "' is not a contactor; one of " + CONTACTOR_KEYS.keySet());
        }
        int alert = pins.optional(n, "alertPin");
        double bleed = n.number("balancingResistorOhms", 200, 1, 100_000, "ohm");
        Map<ContactorId, ContactorPins> contactors = contactors(n.mapping("contactors"), fetsAs);
        int fan = pins.optional(n, "fanPin");
        int heater = pins.optional(n, "heaterPin");
        String watchdog = "";
        YamlNode w = n.optionalMapping("watchdog");
        if (w != null) {
            w.rejectUnknownKeys(Set.of("device"));
            watchdog = w.string("device", "/dev/watchdog");
            if (!watchdog.isEmpty() && !watchdog.startsWith("/")) {
                throw new ConfigException(
                        w.child("device"),
                        "'" + watchdog + "' is not an absolute path; use " + "/dev/watchdog or \"\" for none");
            }
        }
        Bq76952Margins margins = margins(n.optionalMapping("margins"), n.child("margins"));
        Bq76952Limits msl = new Bq76952Limits(
                limits.cellOverVoltage().msl(),
                limits.cellUnderVoltage().msl(),
                Math.abs(limits.chargeOverCurrent().msl()),
                Math.abs(limits.dischargeOverCurrent().msl()),
                limits.chargeOverTemperature().msl(),
                limits.chargeUnderTemperature().msl(),
                limits.dischargeOverTemperature().msl(),
                limits.dischargeUnderTemperature().msl());
        Bq76952Wiring wiring = Bq76952Wiring.builder()
                .bus(bus)
                .address(address)
                .crc(crc)
                .shuntOhms(shunt)
                .cellInputs(inputs)
                .tsPins(ts)
                .maxAbsAmps(maxAmps)
                .fetsAs(fetsAs)
                .alertPin(alert)
                .balancingResistorOhms(bleed)
                .contactors(contactors)
                .fanPin(fan)
                .heaterPin(heater)
                .watchdogDevice(watchdog)
                .limits(msl)
                .margins(margins)
                .build();
        try {
            wiring.plan();
        } catch (IllegalArgumentException e) {
            throw new ConfigException(n.path(), e.getMessage());
        }
        return wiring;
    }

    private static List<Integer> defaultInputs(int cells) {
        List<Integer> in = new ArrayList<>();
        for (int i = 1; i <= cells; i++) {
            in.add(i);
        }
        return in;
    }

    private static Bq76952Margins margins(YamlNode m, String path) {
        Bq76952Margins d = Bq76952Margins.DEFAULT;
        if (m == null) {
            return d;
        }
        m.rejectUnknownKeys(Set.of(
                "cellOverVolts",
                "cellUnderVolts",
                "overCurrentFraction",
                "ocd2Factor",
                "shortCircuitFactor",
                "celsius",
                "cellVoltageDelay",
                "overCurrentDelay",
                "ocd2Delay",
                "shortCircuitDelay",
                "temperatureDelay",
                "hostWatchdogDelay"));
        try {
            return Bq76952Margins.builder()
                    .cellOverVolts(m.number("cellOverVolts", d.cellOverVolts(), 0.001, 1, "V"))
                    .cellUnderVolts(m.number("cellUnderVolts", d.cellUnderVolts(), 0.001, 2, "V"))
                    .overCurrentFraction(m.number("overCurrentFraction", d.overCurrentFraction(), 0.01, 10, ""))
                    .ocd2Factor(m.number("ocd2Factor", d.ocd2Factor(), 1, 50, ""))
                    .shortCircuitFactor(m.number("shortCircuitFactor", d.shortCircuitFactor(), 1, 100, ""))
                    .celsius(m.number("celsius", d.celsius(), 0.5, 40, "degC"))
                    .cellVoltageDelay(m.duration(
                            "cellVoltageDelay", d.cellVoltageDelay(), Duration.ofMillis(4), Duration.ofMillis(6700)))
                    .overCurrentDelay(m.duration(
                            "overCurrentDelay", d.overCurrentDelay(), Duration.ofMillis(10), Duration.ofMillis(425)))
                    .ocd2Delay(m.duration("ocd2Delay", d.ocd2Delay(), Duration.ofMillis(10), Duration.ofMillis(425)))
                    .shortCircuitDelay(m.duration(
                            "shortCircuitDelay", d.shortCircuitDelay(), Duration.ZERO, Duration.ofNanos(450_000)))
                    .temperatureDelay(m.duration(
                            "temperatureDelay", d.temperatureDelay(), Duration.ZERO, Duration.ofSeconds(255)))
                    .hostWatchdogDelay(m.duration(
                            "hostWatchdogDelay", d.hostWatchdogDelay(), Duration.ZERO, Duration.ofSeconds(3600)))
                    .build();
        } catch (IllegalArgumentException e) {
            throw new ConfigException(path, e.getMessage());
        }
    }

    private Map<ContactorId, ContactorPins> contactors(YamlNode c, ContactorId fetsAs) {
        c.rejectUnknownKeys(CONTACTOR_KEYS.keySet());
        Map<ContactorId, ContactorPins> out = new EnumMap<>(ContactorId.class);
        for (var e : CONTACTOR_KEYS.entrySet()) {
            if (e.getValue() == fetsAs && c.has(e.getKey())) {
                throw new ConfigException(
                        c.child(e.getKey()),
                        "is the chip's FETs (hal.bq76952.fetsAs); remove its " + "GPIO pins or choose another fetsAs");
            }
        }
        for (String key : List.of("mainNegative", "precharge", "mainPositive")) {
            var e = Map.entry(key, CONTACTOR_KEYS.get(key));
            if (e.getValue() == fetsAs) {
                continue;
            }
            YamlNode k = c.mapping(e.getKey());
            out.put(e.getValue(), pins.contactor(k));
        }
        return out;
    }
}
