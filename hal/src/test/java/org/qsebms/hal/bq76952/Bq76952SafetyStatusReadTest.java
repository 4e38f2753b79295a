package org.qsebms.hal.bq76952;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.qsebms.hal.ContactorId;
import org.qsebms.hal.HardwareTrip;
import org.qsebms.hal.PackHardware;
import org.qsebms.hal.Watchdog;
import org.qsebms.hal.bus.BusException;
import org.qsebms.hal.bus.GpioInput;
import org.qsebms.hal.bus.GpioOutput;
import org.qsebms.hal.bus.I2cBlockBus;
import org.qsebms.hal.bus.I2cRegisterBus;
import org.qsebms.hal.bus.Pause;
import org.qsebms.hal.bus.SpiBus;
import org.qsebms.hal.emulator.EmulatedBq76952Board;
import org.qsebms.hal.emulator.ManualNanoClock;
import org.qsebms.hal.wiring.BoardPorts;

/**
 * Found by an independent check (check23i, 2026-12-06): the chip has tripped (COV, its CHG FET off) and one read of the
 * Safety Alert/Status block fails on the bus while the rest of the bus works; no ALERT pin wired
 * (hal.bq76952.alertPin is optional).
 */
class Bq76952SafetyStatusReadTest {
    final ManualNanoClock clock = new ManualNanoClock();
    final double[] cells = new double[16];
    final double[] ts = {24, 26, 25};
    boolean failStatusRead;

    /** The emulated board, its I2C failing reads of 0x02 (Safety Alert A..Status C) while {@link #failStatusRead}. */
    BoardPorts ports(EmulatedBq76952Board b) {
        I2cBlockBus real = b.i2cBlock(1);
        I2cBlockBus flaky = new I2cBlockBus() {
            @Override
            public String name() {
                return real.name();
            }

            @Override
            public void writeBlock(int address, int register, byte[] data, int offset, int n) {
                real.writeBlock(address, register, data, offset, n);
            }

            @Override
            public void readBlock(int address, int register, byte[] into, int offset, int n) {
                if (failStatusRead && register == 0x02) {
                    throw new BusException(BusException.Kind.NACK, real.name(), address, "injected NACK on 0x02");
                }
                real.readBlock(address, register, into, offset, n);
            }
        };
        return new BoardPorts() {
            @Override
            public I2cRegisterBus i2c(int bus) {
                return b.i2c(bus);
            }

            @Override
            public I2cBlockBus i2cBlock(int bus) {
                return flaky;
            }

            @Override
            public SpiBus spi(int bus, int chipSelect, int clockHz) {
                return b.spi(bus, chipSelect, clockHz);
            }

            @Override
            public GpioOutput output(int pin, String purpose) {
                return b.output(pin, purpose);
            }

            @Override
            public GpioInput input(int pin, String purpose) {
                return b.input(pin, purpose);
            }

            @Override
            public Pause pause() {
                return b.pause();
            }

            @Override
            public java.util.function.LongSupplier nanoClock() {
                return b.nanoClock();
            }

            @Override
            public Watchdog watchdog(String device) {
                return b.watchdog(device);
            }

            @Override
            public void close() {}
        };
    }

    @Test
    void aFailedSafetyStatusReadDoesNotShowATrippedChipAsRecovered() {
        Bq76952Wiring w = Bq76952Wiring.builder()
                .bus(1)
                .address(0x08)
                .crc(false)
                .shuntOhms(0.0005)
                .cellInputs(Bq76952Rig.inputs(16))
                .tsPins(java.util.List.of(1, 2))
                .maxAbsAmps(150)
                .fetsAs(ContactorId.MAIN_NEGATIVE)
                .alertPin(-1)
                .balancingResistorOhms(200.0)
                .contactors(java.util.Map.of(
                        ContactorId.PRECHARGE,
                        new org.qsebms.hal.wiring.ContactorPins(13, 19, true),
                        ContactorId.MAIN_POSITIVE,
                        new org.qsebms.hal.wiring.ContactorPins(26, 21, true)))
                .fanPin(-1)
                .heaterPin(-1)
                .watchdogDevice("")
                .limits(Bq76952Rig.MSL)
                .margins(Bq76952Margins.DEFAULT)
                .build();
        java.util.Arrays.fill(cells, 3.65);
        var emulated = new EmulatedBq76952Board(w, clock, Long.MAX_VALUE / 4);
        emulated.connectPack(cells, () -> 0.0, ts);
        PackHardware hw = Bq76952BoardFactory.build(w, ports(emulated)).board().hardware();
        hw.contactor(ContactorId.MAIN_NEGATIVE).command(true);
        cells[3] = 4.40; // beyond COV 4.3516 V
        emulated.advance();
        clock.advance(1_100_000_000L);
        emulated.advance();
        cells[3] = 4.32; // back under the software MSL, still above COV recovery (4.3516 - 0.1012 V): chip holds
        assertThat(hw.hardwareProtection().refresh()).isTrue();
        assertThat(hw.hardwareProtection().tripped(HardwareTrip.CELL_OVER_VOLTAGE))
                .isTrue();

        failStatusRead = true;
        boolean readOk = hw.hardwareProtection().refresh();
        boolean chipStillTripped = emulated.chip().tripped(org.qsebms.hal.emulator.Bq76952Emulator.Check.COV);
        boolean chargeFetOn = emulated.chip().chargeFetOn();
        assertThat(chipStillTripped).isTrue();
        assertThat(hw.hardwareProtection().tripped(HardwareTrip.CELL_OVER_VOLTAGE))
                .as(
                        "after a failed Safety Status read (refresh()=%s) with the chip still in COV (%s, CHG FET on: %s), "
                                + "the port shows a trip: %s",
                        readOk,
                        chipStillTripped,
                        chargeFetOn,
                        hw.hardwareProtection().describe())
                .isTrue();
    }
}
