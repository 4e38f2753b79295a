package org.qsebms.bms.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.qsebms.bms.control.PackController;
import org.qsebms.bms.control.Plant;
import org.qsebms.bms.persistence.FileProblem;
import org.qsebms.bms.persistence.PersistedState;
import org.qsebms.bms.persistence.PersistenceWriter;
import org.qsebms.bms.persistence.StateFile;
import org.qsebms.bms.persistence.TripRecord;
import org.qsebms.config.BmsConfig;
import org.qsebms.estimators.health.CellHealthTracker;
import org.tinylog.Logger;

/** Start-up wiring: restores the persisted state into a controller and starts its writer. */
public final class StatePersistence {
    /** File name inside {@code persistence.directory}. */
    public static final String FILE_NAME = "bms-state.txt";

    private StatePersistence() {}

    /** Default state for the configured pack: nominal capacity and resistance, SOC unknown. */
    public static PersistedState defaults(BmsConfig cfg) {
        double capacityFactor = cfg.pack().capacityAh() / cfg.chemistry().cell().capacityAh();
        return PersistedState.defaults(
                cfg.pack().seriesCells(),
                cfg.pack().capacityAh(),
                cfg.chemistry().cell().r0Ohms() / capacityFactor);
    }

    /**
     * Loads the state file or, when it cannot be used, its previous generation (warning, not failing), restores SOC
     * per cell, the Ah throughput and the latches into {@code controller}, latches {@code PERSISTED_STATE_UNKNOWN}
     * when a state was saved but neither generation can be used, and starts the background writer.
     */
    public static PersistenceWriter restoreAndStart(BmsConfig cfg, PackController controller) {
        return restoreAndStart(cfg, controller, System.nanoTime());
    }

    /**
     * As {@link #restoreAndStart(BmsConfig, PackController)}, with {@code nowNanos} the controller's
     * own clock now (the clock its ticks read; the real loop's is {@link System#nanoTime}).
     */
    public static PersistenceWriter restoreAndStart(BmsConfig cfg, PackController controller, long nowNanos) {
        return restoreAndStart(cfg, controller, nowNanos, Plant.REAL);
    }

    /**
     * As {@link #restoreAndStart(BmsConfig, PackController, long)}, and tells {@code plant} the SOC restored
     * ({@link Plant#continueFrom}): a simulated pack continues where the last run left it.
     */
    public static PersistenceWriter restoreAndStart(
            BmsConfig cfg, PackController controller, long nowNanos, Plant plant) {
        Path dir = Path.of(cfg.persistence().directory());
        requireWritableDirectory(dir);
        return restoreAndStart(cfg, controller, nowNanos, plant, new StateFile(dir.resolve(FILE_NAME)));
    }

    /**
     * As {@link #restoreAndStart(BmsConfig, PackController, long, Plant)}, with the state kept in {@code file} (its
     * directory already checked: {@link #requireWritableDirectory}); tests pass a file whose saves they cut.
     */
    public static PersistenceWriter restoreAndStart(
            BmsConfig cfg, PackController controller, long nowNanos, Plant plant, StateFile file) {
        StateFile.Loaded loaded = file.load(cfg.pack().seriesCells(), defaults(cfg));
        if (loaded.stateUnknown() != null) {
            Logger.error(loaded.warning());
        } else if (loaded.warning() != null) {
            Logger.warn(loaded.warning());
        }
        for (String w : loaded.fieldWarnings()) {
            Logger.warn(w);
        }
        RestartSocDoubt.Restored soc = RestartSocDoubt.of(cfg)
                .widen(loaded.state(), System.currentTimeMillis(), loaded.previousGeneration() ? 1 : 0);
        int restoredCells = apply(loaded.state(), soc, controller);
        plant.continueFrom(loaded.state().cellSoc());
        restoreTrips(loaded.state(), controller, nowNanos);
        if (loaded.stateUnknown() != null) {
            // a state was saved but cannot be read: whether a fault was latched is unknown, so the pack starts as if
            // one were, and stays open until an accepted reset acknowledges the lost state
            controller.protection().persistedStateUnknown(loaded.stateUnknown(), nowNanos);
        }
        // the latches restored here (and PERSISTED_STATE_UNKNOWN) precede every request: a reset sent before the
        // first tick answers them
        controller.supervisor().publishRaises();
        if (loaded.restored()) {
            Logger.info(
                    "restored persisted state from {}: SOC of {} cells ({}), {} Ah throughput, {} cycles, {} fault log "
                            + "entries",
                    loaded.previousGeneration()
                            ? file.path().toAbsolutePath() + StateFile.PREVIOUS_SUFFIX + " (the previous generation)"
                            : file.path().toAbsolutePath(),
                    restoredCells,
                    describeDoubt(soc),
                    String.format(java.util.Locale.ROOT, "%.4f", loaded.state().ahThroughput()),
                    loaded.state().cycleCount(),
                    loaded.state().faultLog().size());
        }
        // the operating time goes on from the file's at this start: the trips restored above age on the same clock
        return new PersistenceWriter(file, controller.persistence(), loaded.state(), nowNanos).start();
    }

    /** The restored SOC's doubt in words, for the start-up log. */
    static String describeDoubt(RestartSocDoubt.Restored soc) {
        double most = Double.NaN;
        for (double sigma : soc.soc().cellSocSigma()) {
            most = Double.isNaN(most) || sigma > most ? sigma : most;
        }
        if (Double.isNaN(soc.offSeconds()) || Double.isNaN(most)) {
            return "with the filter's start doubt: "
                    + (Double.isNaN(soc.offSeconds()) ? "the time off is unknown" : "no doubt was saved with it");
        }
        return String.format(
                java.util.Locale.ROOT,
                "3-sigma doubt up to %.1f %% after %s off, saved %s; a cell whose rest voltage disagrees starts "
                        + "with the filter's start doubt",
                300 * most,
                java.time.Duration.ofSeconds((long) soc.offSeconds())
                        .toString()
                        .substring(2)
                        .toLowerCase(java.util.Locale.ROOT),
                soc.soc().atStop() ? "at a stop" : "while running");
    }

    /**
     * Makes sure the state directory exists, is a directory and takes a new file; otherwise stops the start with
     * what is wrong in words (permission denied, not a directory, read-only file system) and how to fix it.
     */
    public static void requireWritableDirectory(Path dir) {
        String fix = "; give persistence.directory (or --state-dir) a directory the BMS's user may write";
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new IllegalStateException(
                    "state directory " + dir.toAbsolutePath() + " is not a directory (a file is in its place)" + fix);
        }
        try {
            Files.createDirectories(dir);
            Path probe = Files.createTempFile(dir, ".write-test-", ".tmp");
            Files.delete(probe);
        } catch (IOException e) {
            throw new IllegalStateException(
                    "state directory " + dir.toAbsolutePath() + " cannot be written: " + FileProblem.describe(e) + fix,
                    e);
        }
    }

    /**
     * Restores SOC (finite values only; NaN means "unknown, initialise from OCV"), throughput and
     * the health tracker's figures: each cell's capacity, R0, lithium inventory and
     * the resistance history (learnt capacities also go to the SOC filter), and the last usable
     * capacity measured.
     */
    public static int apply(PersistedState s, PackController controller) {
        return apply(s, new RestartSocDoubt.Restored(s.soc(), Double.POSITIVE_INFINITY, Double.NaN), controller);
    }

    /**
     * As {@link #apply(PersistedState, PackController)}, with the SOC as {@link RestartSocDoubt} widened it for the
     * time off.
     */
    public static int apply(PersistedState s, RestartSocDoubt.Restored soc, PackController controller) {
        int n = controller.importSocState(soc.soc(), soc.restedSeconds());
        controller.restoreAhThroughput(s.ahThroughput());
        // a fault latched before a crash or power loss stays latched: the contactors stay open until an accepted reset
        List<String> unknown = controller.protection().restoreLatched(s.latchedFaults(), 0L);
        if (!s.latchedFaults().isEmpty()) {
            Logger.warn(
                    "faults latched before the restart are restored and keep the contactors open until an accepted "
                            + "reset: {}{}",
                    s.latchedFaults(),
                    unknown.isEmpty() ? "" : " (unknown ids: " + unknown + ")");
        }
        if (!unknown.isEmpty()) {
            // a latch this version cannot restore is a latch lost: the pack starts as if it were there
            controller
                    .protection()
                    .persistedStateUnknown(
                            "the saved state names latched faults this version of qse-bms does not know: " + unknown
                                    + " (written by a newer version, or edited); they cannot be restored, so "
                                    + "PERSISTED_STATE_UNKNOWN is latched and the contactors stay open: check the pack "
                                    + "and the fault log, then send a reset to acknowledge",
                            0L);
        }
        if (s.usableCapacity() != null) {
            controller.usableCapacityMeter().restore(s.usableCapacity());
        }
        CellHealthTracker h = controller.healthTracker();
        if (h.cellCount() == s.cellCount()) {
            restoreHealth(s, h, controller);
        }
        return n;
    }

    /**
     * Restores the repeated-trip lockout's history: each trip's age is the controller's operating time since it (the
     * file's {@code operatingMillis} less the trip's), put on the controller's clock at {@code nowNanos}. Time powered
     * off does not age a trip, and the wall clock does not enter (a Pi without RTC reads 1970 until NTP answers). The
     * protection drops trips older than its window.
     */
    public static void restoreTrips(PersistedState s, PackController controller, long nowNanos) {
        List<String> unknown = new java.util.ArrayList<>();
        for (TripRecord t : s.tripHistory()) {
            // an age that overflows a long (an unknown trip time in a state not through PersistedStateCheck) cannot
            // be trusted: it counts as none, the trip as taken at this start (failing safe, fix23al)
            long ageMillis;
            try {
                ageMillis = Math.max(0, Math.subtractExact(s.operatingMillis(), t.operatingMillis()));
            } catch (ArithmeticException e) {
                ageMillis = 0;
            }
            long ageNanos = java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(ageMillis);
            if (!controller.protection().restoreTrip(t.id(), ageNanos, nowNanos)) {
                unknown.add(t.id());
            }
        }
        if (!unknown.isEmpty()) {
            Logger.warn("trip history entries with unknown fault ids ignored: {}", unknown);
        }
    }

    private static void restoreHealth(PersistedState s, CellHealthTracker h, PackController controller) {
        h.importState(s.health());
        // a capacity the tracker saved (it has an uncertainty; files from before the tracker have none) goes to the
        // filter
        double[] capSigma = s.health().capacitySigmaAh();
        for (int i = 0; i < capSigma.length; i++) {
            if (Double.isFinite(capSigma[i])) {
                controller.countOnLearntCapacity(i, h.capacityAh(i), h.capacitySigmaAh(i));
            }
        }
        h.restoreThroughputAh(s.ahThroughput());
    }
}
