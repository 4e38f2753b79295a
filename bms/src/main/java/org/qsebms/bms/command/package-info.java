/**
 * Remote commands received over MQTT ({@code <root>/<packId>/cmd/<name>}): a small, safe set,
 * parsed and validated strictly on the telemetry thread, rate-limited, and handed to the control
 * loop only through lock-free requests it applies at its next tick. Nothing here can widen a
 * protection limit or block the loop. Documented in docs/mqtt.md.
 */
package org.qsebms.bms.command;
