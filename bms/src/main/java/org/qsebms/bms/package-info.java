/**
 * The controller: fixed-rate control loop, protection, supervisor state machine and contactor
 * sequencing, telemetry, command line, and the closed-loop simulated pack.
 * Current is positive while charging ({@link org.qsebms.hal.CurrentSign}).
 */
package org.qsebms.bms;
