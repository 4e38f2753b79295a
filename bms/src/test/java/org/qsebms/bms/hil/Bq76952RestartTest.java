package org.qsebms.bms.hil;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.qsebms.bms.control.PackLinks;
import org.qsebms.bms.persistence.PersistenceWriter;
import org.qsebms.bms.runtime.ControllerAssembly;
import org.qsebms.bms.runtime.StatePersistence;
import org.qsebms.bms.snapshot.ControllerEvent;
import org.qsebms.bms.supervisor.SupervisorState;
import org.qsebms.config.BmsConfig;
import org.qsebms.hal.bq76952.Bq76952BoardFactory;

/**
 * Played by an independent check (check23l, 2026-12-06), and held: the BQ76952 board restarted with real state files: HW_CONFIGURATION_LOST latched and saved, the process
 * down for 10 s (the chip's host watchdog fires), with or without a chip reset while it was down.
 */
class Bq76952RestartTest {
    private static final long MS = 1_000_000L;

    @TempDir
    Path dir;

    private static List<String> lines(ControllerAssembly.Wiring w) {
        List<String> out = new ArrayList<>();
        ControllerEvent e;
        while ((e = w.events().poll()) != null) {
            if (e instanceof ControllerEvent.FaultEdge fe) {
                out.add(fe.fault().code()
                        + (fe.fault().raised() ? "+ " : "- ")
                        + fe.fault().reason());
            } else if (e instanceof ControllerEvent.ResetOutcome ro) {
                out.add("reset " + ro.accepted() + " " + ro.reason());
            }
        }
        return out;
    }

    @ParameterizedTest(name = "chip reset while down: {0}")
    @ValueSource(booleans = {false, true})
    void aRestartWithTheChipsResetLatchedComesBackToNormalAfterOneReset(boolean brownOutWhileDown) throws Exception {
        Bq76952HilRig r = Bq76952HilRig.of("fanPin: 18", "fanPin: 18", 0.5, 15_000 * MS);
        BmsConfig cfg = r.cfg().withPersistenceDirectory(dir.toString());
        PersistenceWriter w = StatePersistence.restoreAndStart(cfg, r.w().controller(), 0L, r.sim());
        long now = r.closeAndRun(300);
        assertThat(r.w().controller().supervisor().state()).isEqualTo(SupervisorState.NORMAL);
        r.sim().board().chip().brownOut(true);
        now = r.run(now, 3);
        assertThat(r.faultLines()).anyMatch(l -> l.startsWith("HW_CONFIGURATION_LOST+"));
        assertThat(r.w().controller().supervisor().state()).isEqualTo(SupervisorState.FAULT);
        w.close(); // saved with the latch; the process dies

        now += 10_000 * MS; // down for 10 s: the chip runs on, its host watchdog fires
        r.sim().advanceTo(now);
        if (brownOutWhileDown) {
            r.sim().board().chip().brownOut(true);
        }
        var built = Bq76952BoardFactory.build(
                cfg.hal().bq76952().orElseThrow(), r.sim().board());
        ControllerAssembly.Wiring after =
                ControllerAssembly.build(cfg, built.board().hardware(), PackLinks.followingLimits(r.sim()), () -> 0L);
        StatePersistence.restoreAndStart(cfg, after.controller(), now, r.sim()).close();
        List<String> log = new ArrayList<>(lines(after));
        for (int i = 0; i < 30; i++) {
            now += r.period();
            after.controller().tick(now);
        }
        log.addAll(lines(after));
        assertThat(after.controller().supervisor().state()).as("log %s", log).isEqualTo(SupervisorState.FAULT);
        after.requests().requestReset();
        now += r.period();
        after.controller().tick(now);
        after.requests().requestClose();
        for (int i = 0; i < 100; i++) {
            now += r.period();
            after.controller().tick(now);
        }
        log.addAll(lines(after));
        assertThat(after.controller().supervisor().state())
                .as("after one reset and a close; log %s", log)
                .isEqualTo(SupervisorState.NORMAL);
    }
}
