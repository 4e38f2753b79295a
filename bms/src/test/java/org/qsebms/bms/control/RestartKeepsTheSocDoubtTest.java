package org.qsebms.bms.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qsebms.bms.persistence.PersistedState;
import org.qsebms.bms.persistence.PersistenceWriter;
import org.qsebms.bms.persistence.StateFile;
import org.qsebms.bms.runtime.StatePersistence;
import org.qsebms.bms.sim.PackLoad;
import org.qsebms.bms.snapshot.ControllerEvent;
import org.qsebms.bms.testing.SimRig;
import org.qsebms.config.BmsConfig;
import org.qsebms.estimators.soc.SocState;

/**
 * A restart of a simulated {@code psoa-lfp} pack through the real state file: the SOC comes back with
 * the doubt it was saved with (widened for the time off), not the filter's start doubt, where the
 * cells' rest voltage agrees with it; where the cells changed while the BMS was off, the start doubt.
 */
class RestartKeepsTheSocDoubtTest {
    private static final long HOUR_MILLIS = 3_600_000L;

    @TempDir
    Path dir;

    private BmsConfig cfg;
    /** The first run's pack, at the end of its run (the truth a restart must cover). */
    private SimRig first;

    @BeforeEach
    void runAndStop() throws Exception {
        cfg = DefaultSimulatedConfig.load(dir, "psoa-lfp", "")
                .withPersistenceDirectory(dir.resolve("state").toString());
        int cells = cfg.pack().seriesCells();
        // an earlier run left the pack at rest at 0.40 with a bound of 3 points, three hours ago
        double[] soc = new double[cells];
        double[] sigma = new double[cells];
        java.util.Arrays.fill(soc, 0.40);
        java.util.Arrays.fill(sigma, 0.01);
        long now = System.currentTimeMillis();
        new StateFile(dir.resolve("state").resolve(StatePersistence.FILE_NAME))
                .write(PersistedState.builder(
                                new SocState(soc, sigma, true),
                                StatePersistence.defaults(cfg).health())
                        .savedEpochMillis(now - 3 * HOUR_MILLIS)
                        .build());
        double amps = 0.3 * cfg.pack().capacityAh();
        // this run is saved two hours before the restart: the cells rest that long, enough for an OCV
        long twoHoursAgo = now - 2 * HOUR_MILLIS;
        first = new SimRig(cfg, 0.40, (s, p, connected) -> connected && s < 2400 ? amps : 0.0, () -> twoHoursAgo);
        PersistenceWriter writer = StatePersistence.restoreAndStart(cfg, first.controller, first.now);
        first.connect();
        first.ticks(24_000 + 6_000); // 40 min at C/3.3 along the plateau, then 10 min at rest
        first.wiring.requests().requestOpen(); // the stop opens the contactors, as BmsRuntime's does
        assertThat(first.tickUntil(org.qsebms.bms.supervisor.SupervisorState.STANDBY, 100))
                .isNotNegative();
        writer.close();
        assertThat(first.controller.offerPersistenceAtStop()).isTrue();
        writer.flush();
    }

    private PersistedState saved() {
        return new StateFile(dir.resolve("state").resolve(StatePersistence.FILE_NAME))
                .load(cfg.pack().seriesCells(), StatePersistence.defaults(cfg))
                .state();
    }

    /** A second run on a pack whose cells are at {@code trueSoc} (each cell's, or NaN for the first run's). */
    private SimRig restart(double trueSoc) {
        SimRig second = new SimRig(cfg, 0.5, PackLoad.IDLE, System::currentTimeMillis);
        for (int i = 0; i < cfg.pack().seriesCells(); i++) {
            second.pack.setCellSoc(i, Double.isNaN(trueSoc) ? first.pack.cellSoc(i) : trueSoc);
        }
        PersistenceWriter writer = StatePersistence.restoreAndStart(cfg, second.controller, second.now);
        second.ticks(600);
        writer.close(); // before the temporary directory goes
        return second;
    }

    @Test
    void theSocComesBackWithTheDoubtItWasSavedWith() {
        PersistedState saved = saved();
        assertThat(saved.soc().atStop()).isTrue();
        double savedBound = 3 * saved.soc().cellSocSigma()[0];
        double bound = first.controller.soc().cellSocBound3Sigma(0);
        assertThat(savedBound).isEqualTo(bound);
        // restored tight, the run's charge counted on: the bound grew a little
        assertThat(bound).isBetween(0.03, 0.1);
        assertThat(Math.abs(first.controller.soc().cellSoc(0) - first.pack.cellSoc(0)))
                .isLessThanOrEqualTo(bound);

        SimRig second = restart(Double.NaN);
        assertThat(second.events).noneMatch(e -> e instanceof ControllerEvent.SocRestoreRefused);
        for (int i = 0; i < cfg.pack().seriesCells(); i++) {
            double b = second.controller.soc().cellSocBound3Sigma(i);
            assertThat(second.controller.soc().cellRestoreRefused(i)).isFalse();
            // two hours off add 0.5 %/day x 2 h / sqrt(3) in quadrature: the bound stays near the saved one
            assertThat(b).as("cell %d bound", i).isLessThan(bound + 0.02);
            assertThat(Math.abs(second.controller.soc().cellSoc(i) - second.pack.cellSoc(i)))
                    .as("cell %d error", i)
                    .isLessThanOrEqualTo(b);
        }
    }

    @Test
    void aStopWithWeldedContactorsIsNotASaveAfterWhichNothingMoves() throws Exception {
        // a second stop, with both main contactors welded: current can flow while the BMS is off
        PersistenceWriter writer = StatePersistence.restoreAndStart(cfg, first.controller, first.now);
        first.pack.setWelded(org.qsebms.hal.ContactorId.MAIN_NEGATIVE, true);
        first.pack.setWelded(org.qsebms.hal.ContactorId.MAIN_POSITIVE, true);
        first.ticks(10);
        writer.close();
        assertThat(first.controller.offerPersistenceAtStop()).isTrue();
        writer.flush();
        assertThat(saved().soc().atStop()).isFalse();
    }

    @Test
    void aSimulatedPackContinuesFromTheRestoredSocAsARealOneKeepsItsCharge() {
        // bms run --simulated builds its pack at 50 % every start; told the restored SOC, it continues from there
        PersistedState saved = saved();
        SimRig second = new SimRig(cfg, 0.5, PackLoad.IDLE, System::currentTimeMillis);
        PersistenceWriter writer = StatePersistence.restoreAndStart(cfg, second.controller, second.now, second.pack);
        for (int i = 0; i < cfg.pack().seriesCells(); i++) {
            assertThat(second.pack.cellSoc(i)).isEqualTo(saved.cellSoc()[i]);
        }
        second.ticks(600);
        writer.close();
        for (int i = 0; i < cfg.pack().seriesCells(); i++) {
            assertThat(second.controller.soc().cellRestoreRefused(i)).isFalse();
            assertThat(Math.abs(second.controller.soc().cellSoc(i) - second.pack.cellSoc(i)))
                    .isLessThanOrEqualTo(second.controller.soc().cellSocBound3Sigma(i));
        }
    }

    @Test
    void aFileWithoutTheDoubtRestartsWithTheStartDoubt() throws Exception {
        PersistedState saved = saved();
        new StateFile(dir.resolve("state").resolve(StatePersistence.FILE_NAME))
                .write(PersistedState.builder(new SocState(saved.cellSoc()), saved.health())
                        .savedEpochMillis(saved.savedEpochMillis())
                        .build());
        SimRig second = restart(Double.NaN);
        // on the plateau the voltage cannot narrow the start doubt: 3 x 0.20
        assertThat(second.controller.soc().cellSocBound3Sigma(0)).isGreaterThan(0.5);
    }

    @Test
    void cellsDischargedWhileTheBmsWasOffRefuseTheSavedDoubt() {
        double before = first.pack.cellSoc(0);
        SimRig second = restart(0.03); // emptied on a cycler to the bottom knee
        assertThat(before).isGreaterThan(0.5);
        // one event, at the first estimate, naming every cell, for the log, MQTT and the dashboard
        assertThat(second.events.stream()
                        .filter(e -> e instanceof ControllerEvent.SocRestoreRefused)
                        .map(e -> ((ControllerEvent.SocRestoreRefused) e).reason())
                        .toList())
                .singleElement()
                .satisfies(r -> assertThat(r)
                        .startsWith("the SOC saved before the restart does not fit the first reading (cell 1 at ")
                        .contains("cell 4 at ")
                        .contains("the cells changed while the BMS was off"));
        for (int i = 0; i < cfg.pack().seriesCells(); i++) {
            assertThat(second.controller.soc().cellRestoreRefused(i)).isTrue();
            double b = second.controller.soc().cellSocBound3Sigma(i);
            // started from its reading at the bottom knee, not from the 0.6 saved
            assertThat(Math.abs(second.controller.soc().cellSoc(i) - 0.03))
                    .as("cell %d error", i)
                    .isLessThanOrEqualTo(b)
                    .isLessThan(0.1);
        }
    }
}
