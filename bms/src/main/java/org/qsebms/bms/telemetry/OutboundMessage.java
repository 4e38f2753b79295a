package org.qsebms.bms.telemetry;

/**
 * One message on its way to the broker.
 *
 * @param topic    full topic
 * @param payload  UTF-8 JSON (or plain text for status)
 * @param qos      0 or 1
 * @param retained retained flag
 * @param lane     {@link Lane#PRIORITY} messages (alarms, events, command results) are never dropped by the
 *                 spool; {@link Lane#PERIODIC} ones (state, health) may be, oldest first
 */
record OutboundMessage(String topic, byte[] payload, int qos, boolean retained, Lane lane) {
    enum Lane {
        PRIORITY,
        PERIODIC
    }
}
