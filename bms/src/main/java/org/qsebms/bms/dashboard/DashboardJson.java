package org.qsebms.bms.dashboard;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import org.qsebms.bms.snapshot.PackSample;
import org.qsebms.config.BmsConfig;
import org.qsebms.config.ThreeLevelLimit;

/**
 * The JSON of the dashboard's server-sent events: {@code meta} once per connection (pack, limits), {@code points}
 * (history rows, column by column) and {@code state} (the latest sample, alarms, recent events). Figures are
 * rounded to what the sensors resolve; a value that does not exist (yet) is {@code null}, never a made-up number.
 */
final class DashboardJson {
    private static final JsonFactory JSON = new JsonFactory();

    private DashboardJson() {}

    @FunctionalInterface
    private interface Body {
        void write(JsonGenerator g) throws IOException;
    }

    private static String object(Body body) {
        StringWriter out = new StringWriter(1024);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            body.write(g);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return out.toString();
    }

    static String meta(BmsConfig cfg, String version, int cells, int temperatureChannels, double historySeconds) {
        return object(g -> {
            g.writeStringField("packId", cfg.pack().id());
            g.writeStringField("chemistry", cfg.chemistry().name());
            g.writeStringField("version", version);
            g.writeNumberField("cells", cells);
            g.writeNumberField("temperatureChannels", temperatureChannels);
            g.writeNumberField("capacityAh", cfg.pack().capacityAh());
            g.writeNumberField("historySeconds", historySeconds);
            g.writeNumberField(
                    "sampleIntervalSeconds", cfg.mqtt().stateInterval().toMillis() / 1000.0);
            limit(g, "cellOverVolts", cfg.limits().cellOverVoltage());
            limit(g, "cellUnderVolts", cfg.limits().cellUnderVoltage());
            limit(g, "dischargeOverCelsius", cfg.limits().dischargeOverTemperature());
            limit(g, "chargeOverCelsius", cfg.limits().chargeOverTemperature());
        });
    }

    private static void limit(JsonGenerator g, String name, ThreeLevelLimit l) throws IOException {
        g.writeObjectFieldStart(name);
        g.writeNumberField("mol", l.mol());
        g.writeNumberField("rsl", l.rsl());
        g.writeNumberField("msl", l.msl());
        g.writeEndObject();
    }

    static String points(History.Points p) {
        return object(g -> {
            g.writeNumberField("lastSequence", p.lastSequence());
            array(g, "t", p.epochSeconds(), 3);
            array(g, "soc", p.soc(), 5);
            array(g, "socBound3Sigma", p.socBound3Sigma(), 5);
            array(g, "packAmps", p.packAmps(), 3);
            array(g, "packVolts", p.packVolts(), 3);
            g.writeArrayFieldStart("celsius");
            for (double[] channel : p.celsius()) {
                g.writeStartArray();
                for (double v : channel) {
                    number(g, v, 2);
                }
                g.writeEndArray();
            }
            g.writeEndArray();
            array(g, "maxCellR0Ohm", p.maxCellR0Ohm(), 7);
            array(g, "seiOhm", p.seiOhm(), 7);
        });
    }

    static String state(DashboardFeed.View v) {
        PackSample s = v.sample();
        return object(g -> {
            g.writeBooleanField("haveSample", v.haveSample());
            g.writeNumberField("sequence", s.sequence);
            g.writeNumberField("epochMillis", s.epochMillis);
            g.writeStringField("state", s.state.name());
            g.writeBooleanField("tripped", s.tripped);
            g.writeObjectFieldStart("contactors");
            g.writeBooleanField("mainNegative", s.mainNegativeClosed);
            g.writeBooleanField("precharge", s.prechargeClosed);
            g.writeBooleanField("mainPositive", s.mainPositiveClosed);
            g.writeEndObject();
            field(g, "packVolts", s.packVolts, 3);
            field(g, "packAmps", s.packAmps, 3);
            field(g, "soc", s.packSoc, 5);
            field(g, "socBound3Sigma", s.socBound3Sigma, 5);
            field(g, "chargeLimitAmps", s.chargeLimitAmps, 2);
            field(g, "dischargeLimitAmps", s.dischargeLimitAmps, 2);
            field(g, "minCelsius", s.minCelsius, 2);
            field(g, "maxCelsius", s.maxCelsius, 2);
            array(g, "cellVolts", s.cellVolts, 4);
            array(g, "cellSoc", s.cellSoc, 4);
            array(g, "cellR0Ohm", s.cellR0Ohm, 7);
            array(g, "celsius", s.cellCelsius, 2);
            g.writeArrayFieldStart("balancing");
            for (boolean b : s.balancing) {
                g.writeBoolean(b);
            }
            g.writeEndArray();
            g.writeBooleanField("balancingEnabled", s.balancingEnabled);
            health(g, s);
            g.writeArrayFieldStart("alarms");
            for (DashboardFeed.Alarm a : v.alarms()) {
                g.writeStartObject();
                g.writeStringField("id", a.id());
                g.writeNumberField("code", a.code());
                g.writeStringField("level", a.level());
                g.writeBooleanField("latched", a.latched());
                g.writeBooleanField("conditionCleared", a.conditionCleared());
                g.writeStringField("reason", a.reason());
                g.writeNumberField("sinceMillis", a.sinceMillis());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("events");
            for (DashboardFeed.Note n : v.notes()) {
                g.writeStartObject();
                g.writeNumberField("epochMillis", n.epochMillis());
                g.writeStringField("text", n.text());
                g.writeEndObject();
            }
            g.writeEndArray();
        });
    }

    private static void health(JsonGenerator g, PackSample s) throws IOException {
        g.writeObjectFieldStart("health");
        g.writeBooleanField("known", s.healthKnown);
        if (s.healthKnown) {
            field(g, "capacityAh", s.capacityAh, 4);
            field(g, "capacitySigmaAh", s.capacitySigmaAh, 4);
            g.writeStringField("capacitySource", s.capacityWindows > 0 ? "estimated" : "nominal");
            field(g, "soh", s.soh, 4);
            field(g, "seiOhm", s.seiOhm, 7);
            field(g, "seiTrendOhmPerDay", s.seiTrendOhmPerDay, 12);
            g.writeStringField("seiState", s.seiState);
            field(g, "lithiumInventoryFraction", s.lithiumInventoryFraction, 4);
            field(g, "coulombicEfficiency", s.coulombicEfficiency, 5);
            field(g, "cyclesToLithiumDepletion", s.cyclesToLithiumDepletion, 0);
            field(g, "equivalentFullCycles", s.equivalentFullCycles, 2);
            field(g, "rulCycles", s.rulCycles, 0);
            field(g, "rulEarlyCycles", s.rulEarlyCycles, 0);
            field(g, "rulLateCycles", s.rulLateCycles, 0);
            field(g, "usableCapacityAh", s.usableCapacityAh, 4);
            field(g, "usableSoh", s.usableSoh, 4);
            if (!s.usableCapacityNote.isEmpty()) {
                g.writeStringField("usableCapacityNote", s.usableCapacityNote);
            }
        }
        g.writeEndObject();
    }

    private static void field(JsonGenerator g, String name, double v, int decimals) throws IOException {
        g.writeFieldName(name);
        number(g, v, decimals);
    }

    private static void array(JsonGenerator g, String name, double[] values, int decimals) throws IOException {
        g.writeArrayFieldStart(name);
        for (double v : values) {
            number(g, v, decimals);
        }
        g.writeEndArray();
    }

    /** {@code v} rounded to {@code decimals} places, or null when it is not finite. */
    private static void number(JsonGenerator g, double v, int decimals) throws IOException {
        if (!Double.isFinite(v)) {
            g.writeNull();
            return;
        }
        double scale = Math.pow(10, decimals);
        double r = Math.round(v * scale) / scale;
        if (Math.abs(v * scale) >= 9e15) {
            r = v; // too large to round through a long; already coarser than the decimals
        }
        if (decimals == 0) {
            g.writeNumber((long) r);
        } else {
            g.writeNumber(r);
        }
    }
}
