package org.qsebms.hal.bq76952;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.qsebms.hal.ContactorId;
import org.qsebms.hal.HardwareTrip;
import org.qsebms.hal.PackHardware;
import org.qsebms.hal.emulator.EmulatedBq76952Board;
import org.qsebms.hal.emulator.ManualNanoClock;
import org.qsebms.hal.emulator.ReadFailingPorts;

/**
 * Found by an independent check (check23i, 2026-12-06): the chip has tripped (COV, its CHG FET off) and one read of the
 * Safety Alert/Status block fails on the bus while the rest of the bus works; no ALERT pin wired
 * (hal.bq76952.alertPin is optional).
 */
class Bq76952SafetyStatusReadTest {
    final ManualNanoClock clock = new ManualNanoClock();
    final double[] cells = new double[16];
    final double[] ts = {24, 26, 25};

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
        ReadFailingPorts ports = new ReadFailingPorts(emulated);
        PackHardware hw = Bq76952BoardFactory.build(w, ports).board().hardware();
        hw.contactor(ContactorId.MAIN_NEGATIVE).command(true);
        cells[3] = 4.40; // beyond COV 4.3516 V
        emulated.advance();
        clock.advance(1_100_000_000L);
        emulated.advance();
        cells[3] = 4.32; // back under the software MSL, still above COV recovery (4.3516 - 0.1012 V): chip holds
        assertThat(hw.hardwareProtection().refresh()).isTrue();
        assertThat(hw.hardwareProtection().tripped(HardwareTrip.CELL_OVER_VOLTAGE))
                .isTrue();

        ports.failReads(register -> register == 0x02); // Safety Alert A .. Status C, one block
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
