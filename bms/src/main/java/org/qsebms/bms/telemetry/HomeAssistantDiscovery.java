package org.qsebms.bms.telemetry;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Home Assistant MQTT discovery: one retained config message per sensor under
 * {@code <prefix>/sensor/<nodeId>/<objectId>/config}, all grouped in one device per pack, with
 * availability on the pack's {@code status} topic (online/offline, set by the last will).
 */
final class HomeAssistantDiscovery {
    private final ObjectMapper json = new ObjectMapper();
    private final String prefix;
    private final MqttTopics topics;
    private final String version;

    HomeAssistantDiscovery(String prefix, MqttTopics topics, String version) {
        this.prefix = prefix;
        this.topics = topics;
        this.version = version;
    }

    private String nodeId() {
        return (topics.root() + "_" + topics.packId()).replaceAll("[^A-Za-z0-9_-]", "_");
    }

    /** The discovery messages for a pack of {@code cells} cells (retained, QoS 1). */
    public List<OutboundMessage> messages(int cells) {
        List<OutboundMessage> out = new ArrayList<>();
        String state = topics.state();
        out.add(sensor(
                "pack_voltage", "Pack voltage", state, "{{ value_json.packVolts }}", "V", "voltage", "measurement"));
        out.add(sensor(
                "pack_current", "Pack current", state, "{{ value_json.packAmps }}", "A", "current", "measurement"));
        out.add(sensor(
                "soc",
                "State of charge",
                state,
                "{{ (value_json.soc * 100) | round(1) }}",
                "%",
                "battery",
                "measurement"));
        out.add(sensor(
                "max_temperature",
                "Max temperature",
                state,
                "{{ value_json.maxCelsius }}",
                "°C",
                "temperature",
                "measurement"));
        out.add(sensor(
                "min_temperature",
                "Min temperature",
                state,
                "{{ value_json.minCelsius }}",
                "°C",
                "temperature",
                "measurement"));
        out.add(sensor(
                "min_cell_voltage",
                "Min cell voltage",
                state,
                "{{ value_json.minCellVolts }}",
                "V",
                "voltage",
                "measurement"));
        out.add(sensor(
                "max_cell_voltage",
                "Max cell voltage",
                state,
                "{{ value_json.maxCellVolts }}",
                "V",
                "voltage",
                "measurement"));
        out.add(sensor(
                "charge_limit",
                "Charge current limit",
                state,
                "{{ value_json.chargeLimitAmps }}",
                "A",
                "current",
                "measurement"));
        out.add(sensor(
                "discharge_limit",
                "Discharge current limit",
                state,
                "{{ value_json.dischargeLimitAmps }}",
                "A",
                "current",
                "measurement"));
        out.add(sensor("mode", "Mode", state, "{{ value_json.mode }}", null, null, null));
        out.add(sensor(
                "capacity", "Capacity", topics.health(), "{{ value_json.capacityAh }}", "Ah", null, "measurement"));
        out.add(sensor(
                "soh",
                "State of health",
                state,
                "{{ (value_json.soh * 100) | round(1) if value_json.soh is not none else none }}",
                "%",
                null,
                "measurement"));
        out.add(sensor(
                "usable_capacity",
                "Usable capacity",
                topics.health(),
                "{{ value_json.usableCapacity.capacityAh if value_json.usableCapacity.capacityAh is not none else none }}",
                "Ah",
                null,
                "measurement"));
        out.add(sensor(
                "usable_soh",
                "Usable state of health",
                topics.health(),
                "{{ (value_json.usableCapacity.soh * 100) | round(1) if value_json.usableCapacity.soh is not none else none }}",
                "%",
                null,
                "measurement"));
        out.add(sensor(
                "sei_resistance",
                "SEI resistance",
                topics.health(),
                "{{ value_json.seiResistanceOhm }}",
                "Ω",
                null,
                "measurement"));
        out.add(sensor("sei_state", "SEI state", topics.health(), "{{ value_json.seiState }}", null, null, null));
        out.add(sensor(
                "lithium_inventory",
                "Lithium inventory",
                topics.health(),
                "{{ (value_json.lithiumInventoryFraction * 100) | round(1) if value_json.lithiumInventoryFraction is not none else none }}",
                "%",
                null,
                "measurement"));
        out.add(sensor(
                "remaining_useful_life",
                "Remaining useful life",
                topics.health(),
                "{{ value_json.remainingUsefulLifeCycles | round(0) if value_json.remainingUsefulLifeCycles is not none else none }}",
                "cycles",
                null,
                "measurement"));
        for (int i = 0; i < cells; i++) {
            out.add(sensor(
                    "cell_" + (i + 1) + "_voltage",
                    "Cell " + (i + 1) + " voltage",
                    topics.cells(),
                    "{{ value_json.cells[" + i + "].volts }}",
                    "V",
                    "voltage",
                    "measurement"));
        }
        return out;
    }

    private OutboundMessage sensor(
            String objectId,
            String name,
            String stateTopic,
            String template,
            String unit,
            String deviceClass,
            String stateClass) {
        ObjectNode n = json.createObjectNode();
        n.put("name", name);
        n.put("unique_id", nodeId() + "_" + objectId);
        n.put("object_id", nodeId() + "_" + objectId);
        n.put("state_topic", stateTopic);
        n.put("value_template", template);
        if (unit != null) {
            n.put("unit_of_measurement", unit);
        }
        if (deviceClass != null) {
            n.put("device_class", deviceClass);
        }
        if (stateClass != null) {
            n.put("state_class", stateClass);
        }
        n.put("availability_topic", topics.status());
        n.put("payload_available", "online");
        n.put("payload_not_available", "offline");
        ObjectNode dev = n.putObject("device");
        dev.putArray("identifiers").add(nodeId());
        dev.put("name", "qse-bms " + topics.packId());
        dev.put("manufacturer", "qse-bms");
        dev.put("model", "lithium-metal pouch pack BMS");
        dev.put("sw_version", version);
        String topic = prefix + "/sensor/" + nodeId() + "/" + objectId + "/config";
        return new OutboundMessage(
                topic,
                n.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8),
                1,
                true,
                OutboundMessage.Lane.PRIORITY);
    }
}
