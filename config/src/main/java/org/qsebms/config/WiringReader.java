package org.qsebms.config;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.qsebms.hal.ContactorId;
import org.qsebms.hal.ads1115.Ads1115DataRate;
import org.qsebms.hal.ads1115.Ads1115Mux;
import org.qsebms.hal.ads1115.Ads1115Pga;
import org.qsebms.hal.frontend.CellMeasurement;
import org.qsebms.hal.frontend.CurrentTransducer;
import org.qsebms.hal.frontend.NtcDivider;
import org.qsebms.hal.frontend.Thermistor;
import org.qsebms.hal.mcp3208.Mcp3x08Model;
import org.qsebms.hal.wiring.AdcInputRef;
import org.qsebms.hal.wiring.Ads1115Spec;
import org.qsebms.hal.wiring.CellTapSpec;
import org.qsebms.hal.wiring.ContactorPins;
import org.qsebms.hal.wiring.CurrentSpec;
import org.qsebms.hal.wiring.Mcp3x08Spec;
import org.qsebms.hal.wiring.NtcSpec;
import org.qsebms.hal.wiring.PackVoltageSpec;
import org.qsebms.hal.wiring.WiringConfig;

/**
 * Reads and validates {@code hal.pi4j}: the Pi's ADC chips, which input measures what, GPIO
 * pins and the watchdog, into the hal module's {@link WiringConfig}. Cross-checks: every
 * input names a configured chip and a channel that chip has, no channel or GPIO is used
 * twice, one cell tap and one balancing pin per series cell.
 */
final class WiringReader {
    private static final Pattern INPUT = Pattern.compile("([A-Za-z0-9_-]+):(\\d+)(?:-(\\d+))?");
    /** BCM GPIO 0..27 on the 40-pin header. */
    private static final int MAX_GPIO = GpioPinClaims.MAX_GPIO;

    private final Map<String, Ads1115Spec> ads = new LinkedHashMap<>();
    private final Map<String, Mcp3x08Spec> mcp = new LinkedHashMap<>();
    private final Map<String, String> channelUsers = new HashMap<>();
    private final GpioPinClaims pins = new GpioPinClaims("the ADC bus");

    private WiringReader() {}

    static WiringConfig read(YamlNode n, int seriesCells) {
        return new WiringReader().readAll(n, seriesCells);
    }

    private WiringConfig readAll(YamlNode n, int seriesCells) {
        n.rejectUnknownKeys(Set.of(
                "ads1115",
                "mcp3x08",
                "cellMeasurement",
                "cells",
                "packVoltage",
                "current",
                "temperatures",
                "contactors",
                "balancingPins",
                "balancingResistorOhms",
                "fanPin",
                "heaterPin",
                "watchdog",
                "stuckAfterConversions"));
        refuseRepeatedCodesAsAFault(n);
        for (YamlNode c : n.mappingList("ads1115")) {
            readAds(c);
        }
        for (YamlNode c : n.mappingList("mcp3x08")) {
            readMcp(c);
        }
        for (Mcp3x08Spec m : mcp.values()) {
            if (m.bus() == 0) {
                for (int pin = 7; pin <= 11; pin++) {
                    pins.reserve(
                            pin,
                            "SPI0 (CE1, CE0, MISO, MOSI, SCLK on GPIO 7..11) of " + m.model() + " '" + m.id() + "'");
                }
            }
        }
        if (ads.isEmpty() && mcp.isEmpty()) {
            throw new ConfigException(
                    n.child("ads1115"),
                    "no ADC chip is configured; add at least one entry under "
                            + "hal.pi4j.ads1115 or hal.pi4j.mcp3x08");
        }
        CellMeasurement measurement =
                n.enumValue("cellMeasurement", CellMeasurement.class, CellMeasurement.TAP_SUBTRACTION);
        List<YamlNode> cellNodes = n.mappingList("cells");
        if (cellNodes.size() != seriesCells) {
            throw new ConfigException(
                    n.child("cells"),
                    cellNodes.size() + " entries but pack.seriesCells is " + seriesCells
                            + "; give one tap (input, dividerRatio) per series cell, bottom cell first");
        }
        List<CellTapSpec> cells = new ArrayList<>();
        for (YamlNode c : cellNodes) {
            c.rejectUnknownKeys(Set.of("input", "dividerRatio", "gain", "offsetVolts"));
            cells.add(new CellTapSpec(
                    input(c),
                    c.number("dividerRatio", 1.0, 1.0, 1000, "V/V"),
                    c.number("gain", 1.0, 0.5, 2.0, "V/V"),
                    c.number("offsetVolts", 0.0, -1.0, 1.0, "V")));
        }
        Optional<PackVoltageSpec> pack = Optional.empty();
        YamlNode p = n.optionalMapping("packVoltage");
        if (p != null) {
            p.rejectUnknownKeys(Set.of("input", "dividerRatio", "gain", "offsetVolts", "maxVolts"));
            pack = Optional.of(new PackVoltageSpec(
                    input(p),
                    p.requiredNumber("dividerRatio", 1.0, 1000, "V/V"),
                    p.number("gain", 1.0, 0.5, 2.0, "V/V"),
                    p.number("offsetVolts", 0.0, -10, 10, "V"),
                    p.number("maxVolts", 5.0 * seriesCells, 0.1, 2000, "V")));
        }
        CurrentSpec current = current(n.mapping("current"));
        List<NtcSpec> ntcs = new ArrayList<>();
        for (YamlNode t : n.mappingList("temperatures")) {
            ntcs.add(ntc(t));
        }
        Map<ContactorId, ContactorPins> contactors = contactors(n.mapping("contactors"));
        List<Integer> balancing = n.integerList("balancingPins", 0, MAX_GPIO);
        if (balancing.size() != seriesCells) {
            throw new ConfigException(
                    n.child("balancingPins"),
                    balancing.size() + " pins but pack.seriesCells is " + seriesCells
                            + "; give one GPIO per cell, bottom cell first");
        }
        for (int i = 0; i < balancing.size(); i++) {
            pins.claim(balancing.get(i), n.child("balancingPins") + "[" + i + "]");
        }
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
                        "'" + watchdog + "' is not an absolute path; use /dev/watchdog " + "or \"\" for none");
            }
        }
        return WiringConfig.builder()
                .ads1115(List.copyOf(ads.values()))
                .mcp3x08(List.copyOf(mcp.values()))
                .cellMeasurement(measurement)
                .cells(cells)
                .packVoltage(pack)
                .current(current)
                .temperatures(ntcs)
                .contactors(contactors)
                .balancingPins(balancing)
                .fanPin(fan)
                .heaterPin(heater)
                .watchdogDevice(watchdog)
                .balancingResistorOhms(n.number(
                        "balancingResistorOhms", WiringConfig.DEFAULT_BALANCING_RESISTOR_OHMS, 1, 100_000, "ohm"))
                .build();
    }

    /**
     * {@code stuckAfterConversions} made a channel STUCK (a sensor MSL) after that many identical ADC codes in a row.
     * A converter whose noise is under one code repeats its code for minutes on a healthy pack at rest, so the rule
     * raised an MSL on a quiet board (issue 23, fix23bo); frozen readings are judged by the protection's
     * CELL_VOLTAGE_STUCK, TEMPERATURE_STUCK and CURRENT_STUCK rules instead. 0 (the rule off) still loads.
     */
    private static void refuseRepeatedCodesAsAFault(YamlNode n) {
        if (n.has("stuckAfterConversions") && n.integer("stuckAfterConversions", 0, 0, Integer.MAX_VALUE) != 0) {
            throw new ConfigException(
                    n.child("stuckAfterConversions"),
                    "identical ADC codes in a row are no longer a fault: a converter whose noise is under one code"
                            + " (an MCP3008 on a steady NTC, an ADS1115 at a low data rate) repeats its code for"
                            + " minutes on a healthy pack at rest, and this rule opened the contactors there. Frozen"
                            + " readings are judged by the protection (faults 208-210: CELL_VOLTAGE_STUCK,"
                            + " TEMPERATURE_STUCK, CURRENT_STUCK; docs/faults.md). Remove the key (or set it to 0)");
        }
    }

    private void readAds(YamlNode c) {
        c.rejectUnknownKeys(Set.of("id", "bus", "address", "pga", "dataRate", "alertRdyPin"));
        String id = chipId(c);
        int bus = c.integer("bus", 1, 0, 22);
        int address = c.hexOrInteger("address", 0x48, 0x4B);
        for (Ads1115Spec other : ads.values()) {
            if (other.bus() == bus && other.address() == address) {
                throw new ConfigException(
                        c.child("address"),
                        String.format(
                                "0x%02X on i2c-%d is already used by ADS1115 '%s'; "
                                        + "strap ADDR differently (GND 0x48, VDD 0x49, SDA 0x4A, SCL 0x4B)",
                                address, bus, other.id()));
            }
        }
        double fs = c.number("pga", 4.096, 0.256, 6.144, "V");
        Ads1115Pga pga;
        try {
            pga = Ads1115Pga.ofFullScale(fs);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(c.child("pga"), e.getMessage());
        }
        int sps = c.integer("dataRate", 128, 8, 860);
        Ads1115DataRate rate;
        try {
            rate = Ads1115DataRate.ofSamplesPerSecond(sps);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(c.child("dataRate"), e.getMessage());
        }
        int alert = pins.optional(c, "alertRdyPin");
        ads.put(id, new Ads1115Spec(id, bus, address, pga, rate, alert));
    }

    private void readMcp(YamlNode c) {
        c.rejectUnknownKeys(Set.of("id", "model", "bus", "chipSelect", "vrefVolts", "clockHz"));
        String id = chipId(c);
        Mcp3x08Model model = c.enumValue("model", Mcp3x08Model.class, Mcp3x08Model.MCP3208);
        int bus = c.integer("bus", 0, 0, 6);
        int cs = c.integer("chipSelect", 0, 0, 2);
        for (Mcp3x08Spec other : mcp.values()) {
            if (other.bus() == bus && other.chipSelect() == cs) {
                throw new ConfigException(
                        c.child("chipSelect"),
                        cs + " on spi" + bus + " is already used by " + other.model() + " '" + other.id()
                                + "'; wire each chip to its own CE line");
            }
        }
        mcp.put(
                id,
                new Mcp3x08Spec(
                        id,
                        model,
                        bus,
                        cs,
                        c.number("vrefVolts", 3.3, 0.25, 5.5, "V"),
                        c.integer("clockHz", 1_000_000, 10_000, 2_000_000)));
    }

    private String chipId(YamlNode c) {
        String id = c.requiredString("id");
        if (!id.matches("[A-Za-z0-9_-]{1,32}")) {
            throw new ConfigException(
                    c.child("id"), "'" + id + "' is not a chip id; use 1..32 letters, digits, '-' or '_'");
        }
        if (ads.containsKey(id) || mcp.containsKey(id)) {
            throw new ConfigException(
                    c.child("id"), "'" + id + "' is already used by another chip; give each chip its own id");
        }
        return id;
    }

    private AdcInputRef input(YamlNode n) {
        String path = n.child("input");
        String text = n.requiredString("input").trim();
        Matcher m = INPUT.matcher(text);
        if (!m.matches()) {
            throw new ConfigException(
                    path,
                    "'" + text + "' is not an ADC input; write CHIP:CHANNEL (taps:2) or "
                            + "CHIP:POS-NEG for a differential pair (shunt:0-1)");
        }
        String chip = m.group(1);
        int ch = Integer.parseInt(m.group(2));
        int neg = m.group(3) == null ? -1 : Integer.parseInt(m.group(3));
        if (ads.containsKey(chip)) {
            Ads1115Spec s = ads.get(chip);
            String where = String.format("ADS1115 '%s' on i2c-%d 0x%02X", chip, s.bus(), s.address());
            if (ch > 3) {
                throw new ConfigException(path, "channel " + ch + " is outside 0..3 for " + where + "; use AIN0..AIN3");
            }
            if (neg >= 0) {
                try {
                    Ads1115Mux.of(ch, neg);
                } catch (IllegalArgumentException e) {
                    throw new ConfigException(path, ch + "-" + neg + " on " + where + ": " + e.getMessage());
                }
            }
        } else if (mcp.containsKey(chip)) {
            Mcp3x08Spec s = mcp.get(chip);
            String where = s.model() + " '" + chip + "' on spi" + s.bus() + " cs" + s.chipSelect();
            if (ch > 7) {
                throw new ConfigException(
                        path,
                        "channel " + ch + " is outside 0..7 for " + where + "; use 0..7"
                                + (s.model() == Mcp3x08Model.MCP3008 ? " or an MCP3208" : ""));
            }
            if (neg >= 0 && neg != (ch ^ 1)) {
                throw new ConfigException(
                        path,
                        ch + "-" + neg + " is not a differential pair of the " + where
                                + "; pairs are 0-1, 1-0, 2-3, 3-2, 4-5, 5-4, 6-7, 7-6");
            }
        } else {
            throw new ConfigException(
                    path,
                    "chip '" + chip + "' is not configured; known chips are " + ads.keySet() + " (ads1115) and "
                            + mcp.keySet() + " (mcp3x08)");
        }
        claimChannel(chip, ch, path);
        if (neg >= 0) {
            claimChannel(chip, neg, path);
        }
        return new AdcInputRef(chip, ch, neg);
    }

    private void claimChannel(String chip, int ch, String path) {
        String previous = channelUsers.putIfAbsent(chip + ":" + ch, path);
        if (previous != null) {
            throw new ConfigException(
                    path,
                    "channel " + ch + " of chip '" + chip + "' is already used by " + previous
                            + "; give each measurement its own channel");
        }
    }

    private CurrentSpec current(YamlNode c) {
        c.rejectUnknownKeys(Set.of(
                "input",
                "shuntOhms",
                "amplifierGain",
                "referenceVolts",
                "hallSensitivityVoltsPerAmp",
                "hallZeroVolts",
                "gain",
                "offsetAmps",
                "invert",
                "maxAbsAmps",
                "openWireBelowVolts"));
        AdcInputRef in = input(c);
        if (in.differential() && mcp.containsKey(in.chip())) {
            Mcp3x08Spec m = mcp.get(in.chip());
            throw new ConfigException(
                    c.child("input"),
                    in + " is a pseudo-differential pair of the " + m.model() + " '" + in.chip() + "': it reads code 0 "
                            + "whenever IN- is above IN+ (and IN- must stay near ground), so a current flowing the "
                            + "other way would read 0 A; wire the sensor single-ended with referenceVolts (a shunt "
                            + "amplifier's REF) or hallZeroVolts, or on an ADS1115 pair");
        }
        boolean shunt = c.has("shuntOhms");
        boolean hall = c.has("hallSensitivityVoltsPerAmp");
        if (shunt == hall) {
            throw new ConfigException(
                    c.path(),
                    "give either shuntOhms + amplifierGain (shunt amplifier) or "
                            + "hallSensitivityVoltsPerAmp + hallZeroVolts (Hall sensor), not "
                            + (shunt ? "both" : "neither"));
        }
        CurrentTransducer t = shunt
                ? CurrentTransducer.shunt(
                        c.requiredNumber("shuntOhms", 1e-6, 10, "Ohm"),
                        c.number("amplifierGain", 1, 1, 10_000, "V/V"),
                        c.number("referenceVolts", 0.0, 0.0, 5.5, "V"))
                : CurrentTransducer.hall(
                        c.requiredNumber("hallSensitivityVoltsPerAmp", 1e-5, 10, "V/A"),
                        c.requiredNumber("hallZeroVolts", 0.0, 5.5, "V"));
        return new CurrentSpec(
                in,
                t,
                c.number("gain", 1.0, 0.5, 2.0, "A/A"),
                c.number("offsetAmps", 0.0, -100, 100, "A"),
                c.bool("invert", false),
                c.requiredNumber("maxAbsAmps", 0.01, 10_000, "A"),
                c.number("openWireBelowVolts", 0.0, 0.0, 5.0, "V"));
    }

    private NtcSpec ntc(YamlNode t) {
        t.rejectUnknownKeys(Set.of(
                "input", "beta", "steinhartHart", "seriesOhms", "supplyVolts", "ntcToGround", "gain", "offsetCelsius"));
        AdcInputRef in = input(t);
        YamlNode beta = t.optionalMapping("beta");
        YamlNode sh = t.optionalMapping("steinhartHart");
        if ((beta == null) == (sh == null)) {
            throw new ConfigException(
                    t.path(),
                    "give the thermistor law as either 'beta: {r25Ohms, beta}' or " + "'steinhartHart: {a, b, c}', not "
                            + (beta == null ? "neither" : "both"));
        }
        Thermistor law;
        if (beta != null) {
            beta.rejectUnknownKeys(Set.of("r25Ohms", "beta"));
            law = new Thermistor.Beta(
                    beta.requiredNumber("r25Ohms", 10, 10_000_000, "Ohm"),
                    25.0,
                    beta.requiredNumber("beta", 1000, 10_000, "K"));
        } else {
            sh.rejectUnknownKeys(Set.of("a", "b", "c"));
            law = new Thermistor.SteinhartHart(
                    sh.requiredNumber("a", -1, 1, ""),
                    sh.requiredNumber("b", -1, 1, ""),
                    sh.requiredNumber("c", -1, 1, ""));
        }
        double supply = t.number("supplyVolts", 3.3, 0.5, 5.5, "V");
        requireFullScaleCovers(t, in, supply);
        return new NtcSpec(
                in,
                law,
                new NtcDivider(
                        t.requiredNumber("seriesOhms", 10, 10_000_000, "Ohm"), supply, t.bool("ntcToGround", true)),
                t.number("gain", 1.0, 0.5, 2.0, "K/K"),
                t.number("offsetCelsius", 0.0, -20, 20, "degC"));
    }

    /**
     * An NTC divider's node spans 0 V to its supply: a cold (or hot) cell and an open or shorted
     * thermistor drive it to a rail. Where the ADC's full scale is below the supply, it clips there
     * and neither the temperature nor the open wire can be read, so such a wiring is refused.
     */
    private void requireFullScaleCovers(YamlNode t, AdcInputRef in, double supply) {
        double fullScale;
        String where;
        if (ads.containsKey(in.chip())) {
            Ads1115Spec a = ads.get(in.chip());
            fullScale = a.pga().fullScaleVolts();
            where = "ADS1115 '" + in.chip() + "' (pga " + fullScale + " V)";
        } else if (mcp.containsKey(in.chip())) {
            Mcp3x08Spec m = mcp.get(in.chip());
            fullScale = m.vrefVolts();
            where = m.model() + " '" + in.chip() + "' (vrefVolts " + fullScale + " V)";
        } else {
            return;
        }
        if (supply > fullScale + 1e-9) {
            throw new ConfigException(
                    t.child("supplyVolts"),
                    "the NTC divider on " + in + " is supplied at " + supply + " V, above the full scale of " + where
                            + ": a cold or hot cell or an open thermistor drives its node beyond " + fullScale
                            + " V, where the ADC clips and neither the temperature nor an open wire can be read; "
                            + "raise that ADC's full scale to at least " + supply + " V, or move the NTC to an ADC "
                            + "that has it");
        }
    }

    private Map<ContactorId, ContactorPins> contactors(YamlNode c) {
        Map<String, ContactorId> keys = Map.of(
                "mainNegative",
                ContactorId.MAIN_NEGATIVE,
                "precharge",
                ContactorId.PRECHARGE,
                "mainPositive",
                ContactorId.MAIN_POSITIVE);
        c.rejectUnknownKeys(keys.keySet());
        Map<ContactorId, ContactorPins> out = new EnumMap<>(ContactorId.class);
        for (String key : List.of("mainNegative", "precharge", "mainPositive")) {
            YamlNode k = c.mapping(key);
            out.put(keys.get(key), pins.contactor(k));
        }
        return out;
    }
}
