package org.qsebms.bms.supervisor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.qsebms.bms.testing.SimRig;
import org.qsebms.config.ConfigLoader;
import org.qsebms.hal.ContactorId;

/**
 * Found by an independent check (check23m, 2026-12-06) of 91ab9280, which judged a contactor that had read closed
 * only after it read open on 2 samples in a row: a contact that chatters open every other sample was never judged,
 * and at a 1 s period a one-sample drop-out made again onto a DC link 18.5 % below the pack. A drop-out is judged
 * on the first sample that reads it open again.
 */
class ContactorChatterAndLongPeriodDropoutTest {
    private double loadAmps;

    /**
     * The main positive's contacts chatter (a failing coil supply): they open under a 3 A discharge for one 100 ms
     * sample, make again for the next, and so on. Under the 2-samples-in-a-row rule of 91ab9280 the count never
     * reached 2, and the load was made and broken 20 times without a fault.
     */
    @Test
    void aMainPositiveThatChattersOpenEveryOtherSampleUnderLoadIsJudged() {
        SimRig rig = new SimRig((s, p, connected) -> connected ? loadAmps : 0.0);
        rig.tick();
        loadAmps = -3.0;
        rig.connect();
        rig.ticks(50);
        int breaks = 0;
        for (int i = 0; i < 40 && rig.state() == SupervisorState.NORMAL; i++) {
            boolean open = i % 2 == 0;
            rig.pack.setFailsToClose(ContactorId.MAIN_POSITIVE, open); // contacts open (or make again) now
            if (open) {
                breaks++;
            }
            rig.tick();
        }
        rig.pack.setFailsToClose(ContactorId.MAIN_POSITIVE, false);
        rig.ticks(3);
        assertThat(rig.raisedReasons("CONTACTOR_FEEDBACK"))
                .as(
                        "main positive contacts opened under -3 A %d times (every other 100 ms sample) while "
                                + "commanded closed; state %s, faults %s",
                        breaks, rig.state(), rig.raisedFaultIds())
                .isNotEmpty();
    }

    /**
     * At a 1 s loop period the main positive drops out under a 3 A discharge for one sample (1 s) and makes again by
     * itself. With one open sample nothing is judged: the contactor is left commanded closed and re-closes onto a DC
     * link that sagged with the pack disconnected, far outside the 3 % that precharge demands before closing it.
     */
    @Test
    void atAOneSecondPeriodADropoutOfOneSampleIsJudgedBeforeTheContactsMakeAgainUnprecharged() {
        var cfg = new ConfigLoader()
                .parse(
                        "pack: {chemistry: psoa-ncm811, seriesCells: 4, capacityAh: 2.0}\nloop: {period: 1000ms}\n",
                        "t");
        SimRig rig = new SimRig(cfg, 0.5, (s, p, connected) -> connected ? loadAmps : 0.0);
        long period = 1_000_000_000L;
        rig.now += period;
        rig.controller.tick(rig.now);
        rig.drain();
        loadAmps = -3.0;
        rig.wiring.requests().requestClose();
        for (int i = 0; i < 30 && rig.state() != SupervisorState.NORMAL; i++) {
            rig.now += period;
            rig.controller.tick(rig.now);
            rig.drain();
        }
        assertThat(rig.state()).isEqualTo(SupervisorState.NORMAL);
        for (int i = 0; i < 10; i++) {
            rig.now += period;
            rig.controller.tick(rig.now);
            rig.drain();
        }
        assertThat(rig.state()).isEqualTo(SupervisorState.NORMAL);
        // the contacts drop out for one sample, then make again while the coil is still commanded closed
        rig.pack.setFailsToClose(ContactorId.MAIN_POSITIVE, true);
        rig.now += period;
        rig.controller.tick(rig.now);
        rig.drain();
        double link = rig.pack.linkVolts();
        double stack = packVolts(rig);
        boolean stillCommanded = rig.pack.commandedClosed(ContactorId.MAIN_POSITIVE);
        rig.pack.setFailsToClose(ContactorId.MAIN_POSITIVE, false);
        for (int i = 0; i < 3; i++) {
            rig.now += period;
            rig.controller.tick(rig.now);
            rig.drain();
        }
        assertThat(rig.raisedReasons("CONTACTOR_FEEDBACK"))
                .as(String.format(
                        Locale.ROOT,
                        "main positive read open under -3 A for one 1 s sample; still commanded closed: %s; it"
                                + " made again onto a link at %.2f V with the pack at %.2f V (%.1f %% apart,"
                                + " precharge closes only within 3 %%); state %s, faults %s",
                        stillCommanded,
                        link,
                        stack,
                        100 * (stack - link) / stack,
                        rig.state(),
                        rig.raisedFaultIds()))
                .isNotEmpty();
    }

    private static double packVolts(SimRig rig) {
        double v = 0;
        for (int i = 0; i < rig.pack.cellCount(); i++) {
            v += rig.pack.cellVolts(i);
        }
        return v;
    }
}
