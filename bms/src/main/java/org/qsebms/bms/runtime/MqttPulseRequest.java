package org.qsebms.bms.runtime;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.qsebms.bms.record.PulseOutput;
import org.qsebms.bms.telemetry.TelemetryPublisher;

/**
 * A scheduled diagnostic's discharge pulse asked of an external load over MQTT, for a pack whose
 * load the BMS cannot switch itself (a cycler or electronic load driven by the user's own script):
 * {@code <root>/<id>/diagnostic/pulse} with {@code {"dischargeAmps":2.0}} when the pulse should
 * start and {@code 0} when it should stop (docs/record.md). Handing the message to the publisher's
 * queue returns at once; a load that does not answer within 5 s leaves the checkpoint with its OCV
 * point only.
 */
final class MqttPulseRequest implements PulseOutput {
    /** The topic leaf below {@code <root>/<id>}. */
    static final String LEAF = "diagnostic/pulse";

    private final String packId;
    private volatile TelemetryPublisher publisher;

    MqttPulseRequest(String packId) {
        this.packId = packId;
    }

    /** Where the requests go; connected before the control loop starts (the publisher is made after the controller). */
    void connect(TelemetryPublisher p) {
        publisher = p;
    }

    @Override
    public void requestPulse(double dischargeAmps) {
        TelemetryPublisher p = publisher;
        if (p == null) {
            return; // not possible: diagnostics run in ticks, which start after connect
        }
        // once at the start and once at the end of a diagnostic: the allocation of the message is an event's
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("schema", 1);
        n.put("packId", packId);
        n.put("dischargeAmps", Math.max(0.0, dischargeAmps));
        p.offer(LEAF, n.toString());
    }
}
