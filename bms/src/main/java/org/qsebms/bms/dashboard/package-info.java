/**
 * The live dashboard: a read-only web page served by the BMS (JDK HTTP server, server-sent events, uPlot from its
 * WebJar). It reads the samples and controller events the telemetry thread already takes from the control loop
 * ({@link org.qsebms.bms.telemetry.LocalSink}); nothing here runs on, or can hold up, the control loop.
 * See docs/dashboard.md.
 */
package org.qsebms.bms.dashboard;
