/**
 * Register-level emulators of the pack's electronics, in main so the simulated pack in
 * {@code bms} can drive the real drivers through them: {@link org.qsebms.hal.emulator.Ads1115Emulator}
 * on an {@link org.qsebms.hal.emulator.EmulatedI2cBus}, {@link org.qsebms.hal.emulator.Mcp3208Emulator}
 * as an SPI bus, contactors with auxiliary feedback, bleed switches, and
 * {@link org.qsebms.hal.emulator.EmulatedBoard}, a whole board wired from a
 * {@link org.qsebms.hal.wiring.WiringConfig}. Time comes from a {@link org.qsebms.hal.emulator.ManualNanoClock};
 * random faults and noise from fixed seeds.
 */
package org.qsebms.hal.emulator;
