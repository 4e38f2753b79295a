/**
 * The narrow bus views the drivers need (16-bit I2C registers, one SPI chip select, single
 * GPIO lines), implemented on Pi4J in {@code hal.pi4j} and by the emulators in
 * {@code hal.emulator}. Transfer failures are {@link org.qsebms.hal.bus.BusException}s naming
 * bus and address; front ends turn them into sensor status values.
 */
package org.qsebms.hal.bus;
