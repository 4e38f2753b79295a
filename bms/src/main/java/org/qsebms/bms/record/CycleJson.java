package org.qsebms.bms.record;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/** The MQTT {@code cycle} message: one closed cycle (or checkpoint) of every cell (docs/record.md, docs/mqtt.md). */
public final class CycleJson {
    /** The topic leaf of cycles under {@code <root>/<packId>/}. */
    public static final String LEAF = "cycle";
    /** The topic leaf of diagnostic checkpoints (retained: the latest). */
    public static final String CHECKPOINT_LEAF = "health/checkpoint";

    private static final ObjectMapper JSON = new ObjectMapper();

    private CycleJson() {}

    /** The payload for one cycle's rows (all of the same cycle, one per cell). */
    public static String of(CycleRow[] rows) {
        CycleRow first = rows[0];
        ObjectNode n = JSON.createObjectNode();
        n.put("schema", 1)
                .put("kind", first.kind() == CycleRow.Kind.CYCLE ? "cycle" : "checkpoint")
                .put("cycle", first.cycle())
                .put("start", Instant.ofEpochMilli(first.startMillis()).toString())
                .put("end", Instant.ofEpochMilli(first.endMillis()).toString())
                .put("endReason", first.end().word());
        ArrayNode cells = n.putArray("cells");
        for (CycleRow r : rows) {
            ObjectNode c = cells.addObject().put("cell", r.cell());
            put(c, "chargeAh", r.chargeAh());
            put(c, "dischargeAh", r.dischargeAh());
            put(c, "chargeWh", r.chargeWh());
            put(c, "dischargeWh", r.dischargeWh());
            put(c, "coulombicEfficiency", r.coulombicEfficiency());
            put(c, "energyEfficiency", r.energyEfficiency());
            put(c, "meanChargeVolts", r.meanChargeVolts());
            put(c, "meanDischargeVolts", r.meanDischargeVolts());
            put(c, "polarizationVolts", r.polarizationVolts());
            put(c, "r0At25Ohm", r.r0At25Ohms());
            put(c, "seiAt25Ohm", r.seiAt25Ohms());
            put(c, "minCelsius", r.minCelsius());
            put(c, "maxCelsius", r.maxCelsius());
            put(c, "lithiumExcessAh", r.excessLithiumAh());
            put(c, "capacityAhEstimate", r.capacityAh());
            put(c, "ocvVolts", r.ocvVolts());
            put(c, "soc", r.socFraction());
        }
        return n.toString();
    }

    private static void put(ObjectNode n, String key, double v) {
        if (Double.isFinite(v)) {
            n.put(key, v);
        } else {
            n.putNull(key);
        }
    }
}
