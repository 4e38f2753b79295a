package org.qsebms.bms.telemetry;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import org.qsebms.bms.protection.FaultEvent;
import org.qsebms.bms.record.HealthCheckpoint;
import org.qsebms.bms.snapshot.ControllerEvent;
import org.qsebms.bms.snapshot.PackSample;

/**
 * Turns samples and events into the JSON payloads documented in docs/mqtt.md. Every payload
 * carries {@code ts} (ISO-8601 UTC), {@code seq} and {@code schema}. Runs on the telemetry thread.
 */
final class TelemetryJson {
    private final ObjectMapper json = new ObjectMapper();
    private final String packId;
    private final long boot;

    /**
     * @param boot identifies this run of the BMS (its start time in epoch ms); {@code (boot, seq)} is unique per
     *             topic across restarts, so consumers de-duplicate and detect gaps with it
     */
    TelemetryJson(String packId, long boot) {
        this.packId = packId;
        this.boot = boot;
    }

    TelemetryJson(String packId) {
        this(packId, 0);
    }

    private ObjectNode header(long seq, long epochMillis) {
        ObjectNode n = json.createObjectNode();
        n.put("schema", MqttTopics.SCHEMA_VERSION);
        n.put("packId", packId);
        n.put("boot", boot);
        n.put("seq", seq);
        n.put("ts", Instant.ofEpochMilli(epochMillis).toString());
        return n;
    }

    public String state(PackSample s) {
        return state(s, s.sequence, 0);
    }

    /** State payload with the topic sequence {@code seq} and the count of samples dropped so far. */
    public String state(PackSample s, long seq, long droppedSamples) {
        return state(s, seq, droppedSamples, -1, -1);
    }

    /**
     * State payload as {@link #state(PackSample, long, long)}, with the control loop's overrun count and its worst
     * tick time since start ({@code loopOverruns}, {@code worstTickMillis}; null when negative: not known).
     */
    public String state(PackSample s, long seq, long droppedSamples, long loopOverruns, long worstTickNanos) {
        ObjectNode n = header(seq, s.epochMillis);
        n.put("sample", s.sequence);
        n.put("mode", s.state.name());
        n.put("packVolts", round(s.packVolts, 3));
        n.put("packAmps", round(s.packAmps, 3));
        n.put("currentZeroAmps", round(s.currentZeroAmps, 4));
        n.put("minCellVolts", round(s.minCellVolts, 4));
        n.put("maxCellVolts", round(s.maxCellVolts, 4));
        n.put("minCelsius", round(s.minCelsius, 2));
        n.put("maxCelsius", round(s.maxCelsius, 2));
        n.put("soc", round(s.packSoc, 4));
        n.put("socQuality", socQuality(s, -1));
        if (Double.isFinite(s.socBound3Sigma)) {
            n.put("socBound3Sigma", round(s.socBound3Sigma, 4));
        } else {
            n.putNull("socBound3Sigma");
        }
        if (Double.isFinite(s.modelVoltageSigma)) {
            n.put("modelVoltageSigma", round(s.modelVoltageSigma, 4));
            n.put("modelVoltageSigmaCell", s.modelVoltageSigmaCell);
        } else {
            n.putNull("modelVoltageSigma");
            n.putNull("modelVoltageSigmaCell");
        }
        if (s.healthKnown && Double.isFinite(s.soh)) {
            n.put("soh", round(s.soh, 4));
        } else {
            n.putNull("soh");
        }
        n.put("chargeLimitAmps", round(s.chargeLimitAmps, 3));
        n.put("dischargeLimitAmps", round(s.dischargeLimitAmps, 3));
        ObjectNode c = n.putObject("contactors");
        c.put("mainPositive", s.mainPositiveClosed);
        c.put("mainNegative", s.mainNegativeClosed);
        c.put("precharge", s.prechargeClosed);
        n.put("tripped", s.tripped);
        n.put("balancingEnabled", s.balancingEnabled);
        n.put("droppedSamples", droppedSamples);
        if (loopOverruns >= 0) {
            n.put("loopOverruns", loopOverruns);
            n.put("worstTickMillis", round(worstTickNanos / 1e6, 3));
        } else {
            n.putNull("loopOverruns");
            n.putNull("worstTickMillis");
        }
        return n.toString();
    }

    public String cells(PackSample s) {
        return cells(s, s.sequence);
    }

    public String cells(PackSample s, long seq) {
        ObjectNode n = header(seq, s.epochMillis);
        n.put("sample", s.sequence);
        ArrayNode cells = n.putArray("cells");
        for (int i = 0; i < s.cellCount(); i++) {
            ObjectNode c = cells.addObject();
            c.put("index", i + 1);
            c.put("volts", round(s.cellVolts[i], 4));
            if (i < s.cellCelsius.length) {
                c.put("celsius", round(s.cellCelsius[i], 2));
            } else {
                c.putNull("celsius");
            }
            c.put("soc", round(s.cellSoc[i], 4));
            c.put("socQuality", socQuality(s, i));
            if (Double.isFinite(s.cellR0Ohm[i])) {
                c.put("resistanceOhm", round(s.cellR0Ohm[i], 6));
            } else {
                c.putNull("resistanceOhm");
            }
            c.put("balancing", s.balancing[i]);
            if (Double.isFinite(s.cellSoftShortLeakAmps[i])) {
                c.put("softShortLeakMa", round(1000 * s.cellSoftShortLeakAmps[i], 1));
            } else {
                c.putNull("softShortLeakMa");
            }
        }
        return n.toString();
    }

    /**
     * "mismatched" when cell {@code i} (any cell for {@code i < 0}) does not fit its preset (its
     * voltage steps are another cell's), else "extrapolated" when its SOC rests on a model used beyond
     * its characterisation, else "characterised". A mismatch says more than an extrapolation: the
     * model is not this cell's at any temperature.
     */
    private static String socQuality(PackSample s, int i) {
        boolean extrapolated = false;
        boolean mismatched = false;
        for (int c = 0; c < s.cellSocExtrapolated.length; c++) {
            extrapolated |= (i < 0 || c == i) && s.cellSocExtrapolated[c];
            mismatched |= (i < 0 || c == i) && s.cellSocMismatched[c];
        }
        return mismatched ? "mismatched" : extrapolated ? "extrapolated" : "characterised";
    }

    public String alarm(FaultEvent f, long seq, long epochMillis) {
        ObjectNode n = header(seq, epochMillis);
        n.put("event", f.raised() ? "raised" : "cleared");
        n.put("id", f.id());
        n.put("code", f.code().number());
        n.put("name", f.code().name());
        n.put("severity", f.level().name());
        n.put("latched", f.latched());
        n.put("reason", f.reason());
        return n.toString();
    }

    public String event(ControllerEvent e, long seq, long epochMillis) {
        ObjectNode n = header(seq, epochMillis);
        switch (e) {
            case ControllerEvent.StateChange sc -> {
                n.put("event", "state");
                n.put("from", sc.from().name());
                n.put("to", sc.to().name());
                n.put("reason", sc.reason());
            }
            case ControllerEvent.CloseRefused r -> {
                n.put("event", "close");
                n.put("accepted", false);
                n.put("reason", r.reason());
            }
            case ControllerEvent.SocRestoreRefused r -> {
                n.put("event", "socRestore");
                n.put("refused", true);
                n.put("reason", r.reason());
            }
            case ControllerEvent.CurrentZeroRating r -> {
                n.put("event", "currentZero");
                n.put("beyondRating", r.beyond());
                n.put("reason", r.reason());
            }
            case ControllerEvent.CloseOutcome r -> { // the command's reply (cmd/contactors/result), not routed here
                n.put("event", "close");
                n.put("accepted", r.accepted());
                n.put("reason", r.reason());
            }
            case ControllerEvent.ResetOutcome r -> {
                n.put("event", "reset");
                n.put("command", r.service() ? "service-reset" : "reset");
                n.put("accepted", r.accepted());
                n.put("reason", r.reason());
            }
            case ControllerEvent.FaultEdge fe -> {
                return alarm(fe.fault(), seq, epochMillis);
            }
            case ControllerEvent.UsableCapacityChange u -> {
                n.put("event", "usableCapacity");
                if (u.measured() != null) {
                    n.put("capacityAh", round(u.measured().ampHours(), 4));
                    n.put("dischargeC", round(u.measured().meanDischargeC(), 3));
                    n.put("celsius", round(u.measured().meanCelsius(), 2));
                    n.putNull("voided");
                } else {
                    n.put("voided", u.voidedReason());
                }
            }
        }
        return n.toString();
    }

    public String health(PackHealth h, long seq, long epochMillis) {
        HealthResolution r = HealthResolution.DEFAULT;
        ObjectNode n = header(seq, epochMillis);
        putDecimal(n, "capacityAh", HealthResolution.toStep(h.capacityAh(), r.ampHours()));
        n.put("capacitySource", h.capacitySource());
        putDecimal(n, "capacitySigmaAh", HealthResolution.toStep(h.capacitySigmaAh(), r.ampHours()));
        putDecimal(n, "seiResistanceOhm", HealthResolution.toStep(h.seiResistanceOhm(), r.ohms()));
        putDecimal(
                n,
                "seiTrendOhmPerDay",
                HealthResolution.significant(h.seiTrendOhmPerDay(), r.trendSignificantDigits()));
        n.put("seiState", h.seiState());
        putDecimal(n, "lithiumInventoryFraction", HealthResolution.toStep(h.lithiumInventoryFraction(), r.fraction()));
        putDecimal(n, "coulombicEfficiency", HealthResolution.toStep(h.coulombicEfficiency(), r.efficiency()));
        putDecimal(n, "cyclesToLithiumDepletion", HealthResolution.toStep(h.cyclesToLithiumDepletion(), r.cycles()));
        putDecimal(n, "equivalentFullCycles", HealthResolution.toStep(h.equivalentFullCycles(), r.equivalentCycles()));
        putDecimal(n, "remainingUsefulLifeCycles", HealthResolution.toStep(h.remainingUsefulLifeCycles(), r.cycles()));
        putDecimal(
                n, "remainingUsefulLifeEarlyCycles", HealthResolution.toStep(h.remainingUsefulLifeEarly(), r.cycles()));
        putDecimal(
                n, "remainingUsefulLifeLateCycles", HealthResolution.toStep(h.remainingUsefulLifeLate(), r.cycles()));
        PackHealth.UsableCapacityHealth u = h.usable();
        ObjectNode usable = n.putObject("usableCapacity");
        putDecimal(usable, "capacityAh", HealthResolution.toStep(u.capacityAh(), r.ampHours()));
        putDecimal(usable, "soh", HealthResolution.toStep(u.soh(), r.fraction()));
        putDecimal(usable, "dischargeC", HealthResolution.toStep(u.dischargeC(), r.cRate()));
        putDecimal(usable, "celsius", HealthResolution.toStep(u.celsius(), r.celsius()));
        usable.put("measurements", u.measurements());
        if (u.note() == null) {
            usable.putNull("note");
        } else {
            usable.put("note", u.note());
        }
        putCheckpoint(n, h.checkpoint(), r);
        if (h.softShort() == null) {
            n.putNull("softShortDetection");
            n.putNull("softShortDetectionNote");
        } else {
            n.put("softShortDetection", h.softShort().state());
            if (h.softShort().reason() == null) {
                n.putNull("softShortDetectionNote");
            } else {
                n.put("softShortDetectionNote", h.softShort().reason());
            }
        }
        return n.toString();
    }

    public String commandResult(org.qsebms.bms.command.CommandResult r, long seq, long epochMillis) {
        ObjectNode n = header(seq, epochMillis);
        n.put("command", r.name());
        if (r.id() != null) {
            n.put("id", r.id());
        } else {
            n.putNull("id");
        }
        n.put("accepted", r.accepted());
        n.put("reason", r.reason());
        if (Double.isFinite(r.value())) {
            n.put("value", r.value());
        }
        return n.toString();
    }

    /** The latest diagnostic checkpoint: its time, cycle, the worst SEI and every cell's figures; null before one. */
    private static void putCheckpoint(ObjectNode n, HealthCheckpoint c, HealthResolution r) {
        if (c == null) {
            n.putNull("checkpoint");
            return;
        }
        ObjectNode o = n.putObject("checkpoint");
        o.put("cycle", c.cycle());
        o.put("startMillis", c.startMillis());
        o.put("endMillis", c.endMillis());
        putDecimal(o, "worstSeiAt25Ohm", HealthResolution.toStep(c.worstSeiAt25Ohms(), r.ohms()));
        ArrayNode cells = o.putArray("cells");
        for (HealthCheckpoint.Cell cell : c.cells()) {
            ObjectNode e = cells.addObject();
            e.put("cell", cell.cell());
            putDecimal(e, "r0At25Ohm", HealthResolution.toStep(cell.r0At25Ohms(), r.ohms()));
            putDecimal(e, "seiAt25Ohm", HealthResolution.toStep(cell.seiAt25Ohms(), r.ohms()));
            putDecimal(e, "ocvVolts", HealthResolution.toStep(cell.ocvVolts(), r.volts()));
            putDecimal(e, "soc", HealthResolution.toStep(cell.socFraction(), r.fraction()));
        }
    }

    private static void putDecimal(ObjectNode n, String field, java.math.BigDecimal v) {
        if (v == null) {
            n.putNull(field);
        } else {
            n.put(field, v);
        }
    }

    static double round(double v, int digits) {
        if (!Double.isFinite(v)) {
            return v;
        }
        double f = Math.pow(10, digits);
        return Math.round(v * f) / f;
    }
}
