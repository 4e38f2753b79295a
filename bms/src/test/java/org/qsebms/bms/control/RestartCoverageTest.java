package org.qsebms.bms.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.qsebms.bms.persistence.PersistedState;
import org.qsebms.bms.runtime.ControllerAssembly;
import org.qsebms.bms.runtime.RestartSocDoubt;
import org.qsebms.bms.runtime.SimulatedPackSetup;
import org.qsebms.bms.sim.SimulatedHardware;
import org.qsebms.bms.snapshot.PackSample;
import org.qsebms.bms.supervisor.SupervisorState;
import org.qsebms.config.BmsConfig;
import org.qsebms.estimators.health.HealthState;
import org.qsebms.estimators.soc.SocState;

/**
 * The SOC bound stays honest across restarts that keep the SOC's doubt: random 6 h days of a 4 x 2 Ah pack on the
 * simulated cell, drives of 15-40 min at random currents and open rests of 10-60 min, the BMS stopped at the start
 * of about half the rests and started again at their end (a new controller on the same pack: the SOC it saved at
 * the stop, with its doubt widened for the time off by {@link RestartSocDoubt}, restored as the start-up does). The
 * day starts with the SOC known to 1 % (as after a full charge). Every cell's published 3-sigma bound must hold its
 * true SOC at least 95 % of the time (issue 20's coverage target); the same day restarted the old way (the SOC
 * alone, with the filter's start doubt) is measured beside it for the median bound.
 */
class RestartCoverageTest {
    private static final double HOURS = 6;
    private static final long EPOCH = 1_764_000_000_000L;

    @TempDir
    Path dir;

    private record Day(
            double coverage,
            double rmse,
            double worst,
            double medianBound,
            double medianBoundAfterRestart,
            int restarts) {}

    @ParameterizedTest(name = "{0} seed {1}")
    @CsvSource({
        "psoa-ncm811, 11",
        "psoa-ncm811, 12",
        "psoa-lfp, 13",
        "psoa-lfp, 14",
        "psoa-lfp, 15",
        "le-ncm811, 16",
        "ptpa-lfp, 17"
    })
    void theBoundHoldsTheTruthAcrossRestarts(String chemistry, long seed) throws IOException {
        Day kept = day(chemistry, seed, true);
        Day old = day(chemistry, seed, false);
        System.out.printf(
                Locale.ROOT,
                "%s seed %d, %d restarts: doubt kept coverage %.1f %%, RMSE %.2f %%, max %.2f %%, median bound %.2f %%"
                        + " (%.2f %% after the first restart); start doubt %.1f %%, %.2f %%, %.2f %%, %.2f %% (%.2f %%)%n",
                chemistry,
                seed,
                kept.restarts(),
                100 * kept.coverage(),
                100 * kept.rmse(),
                100 * kept.worst(),
                100 * kept.medianBound(),
                100 * kept.medianBoundAfterRestart(),
                100 * old.coverage(),
                100 * old.rmse(),
                100 * old.worst(),
                100 * old.medianBound(),
                100 * old.medianBoundAfterRestart());
        assertThat(kept.restarts()).isGreaterThanOrEqualTo(2);
        assertThat(kept.coverage()).isGreaterThanOrEqualTo(0.95);
        assertThat(kept.medianBound()).isLessThanOrEqualTo(old.medianBound());
        assertThat(kept.medianBoundAfterRestart()).isLessThanOrEqualTo(old.medianBoundAfterRestart());
    }

    private static final String[] PRESETS = {"psoa-lfp", "ptpa-lfp", "le-lfp", "psoa-ncm811", "ptpa-ncm811", "le-ncm811"
    };

    /**
     * Random days of every preset: each seed picks a preset, a start SOC from 0.1 to 0.95 (known to 1 %) and an
     * ambient from 0 to 40 °C, and drives from 0.05 to 0.95 SOC (discharges up to 0.8 C, charges up to 0.5 C,
     * pauses), with the restarts above. Every day must keep coverage at least 95 %. {@code
     * -Drestart.oracle.firstSeed=N -Drestart.oracle.days=M} sweeps others (seeds 7-206 measured 2026-12-05: none
     * under 95 %).
     */
    @org.junit.jupiter.api.Test
    void randomDaysOfEveryPresetKeepTheTruthInsideTheBound() throws IOException {
        long first = Long.getLong("restart.oracle.firstSeed", 1);
        int days = Integer.getInteger("restart.oracle.days", 6);
        java.util.List<String> misses = new java.util.ArrayList<>();
        for (long seed = first; seed < first + days; seed++) {
            String preset = PRESETS[new SplittableRandom(seed * 17 + 3).nextInt(PRESETS.length)];
            double start = new SplittableRandom(seed * 13 + 1).nextDouble(0.1, 0.95);
            double celsius = new SplittableRandom(seed * 7 + 5).nextDouble(0, 40);
            Day d = day(preset, seed, true, start, celsius, true);
            String line = String.format(
                    Locale.ROOT,
                    "seed %d (%s from %.3f at %.1f °C, %d restarts): coverage %.1f %%, RMSE %.2f %%, median bound %.2f %%",
                    seed,
                    preset,
                    start,
                    celsius,
                    d.restarts(),
                    100 * d.coverage(),
                    100 * d.rmse(),
                    100 * d.medianBound());
            System.out.println(line);
            if (d.coverage() < 0.95) {
                misses.add(line);
            }
        }
        assertThat(misses).isEmpty();
    }

    /** The wide drive's next current (A, charge positive, a 2 Ah pack) at {@code soc}. */
    private static double wideDriveCurrent(SplittableRandom r, double soc) {
        double amps = r.nextDouble() < 0.3 ? r.nextDouble(0, 1.0) : -r.nextDouble(0, 1.6);
        if (soc < 0.05) {
            amps = r.nextDouble(0.2, 1.0);
        }
        if (soc > 0.95) {
            amps = -r.nextDouble(0.2, 1.6);
        }
        return r.nextDouble() < 0.15 ? 0 : amps;
    }

    private Day day(String chemistry, long seed, boolean keepDoubt) throws IOException {
        return day(chemistry, seed, keepDoubt, 0.85, 25, false);
    }

    /**
     * One day from {@code startSoc} at {@code celsius} ambient; {@code wideDrive}: the drive of {@link
     * #randomDaysOfEveryPresetKeepTheTruthInsideTheBound} (0.05-0.95 SOC) instead of {@link RandomDriveCurrent}.
     */
    private Day day(String chemistry, long seed, boolean keepDoubt, double startSoc, double celsius, boolean wideDrive)
            throws IOException {
        BmsConfig cfg = DefaultSimulatedConfig.load(dir, chemistry, "");
        SplittableRandom r = new SplittableRandom(seed);
        double[] amps = {0};
        SimulatedHardware sim = SimulatedPackSetup.create(cfg, startSoc, celsius, (t, p, c) -> c ? amps[0] : 0.0, seed);
        int cells = cfg.pack().seriesCells();
        long[] epoch = {EPOCH};
        ControllerAssembly.Wiring w = ControllerAssembly.build(cfg, sim.hardware(), sim.pack(), () -> epoch[0]);
        for (int i = 0; i < cells; i++) { // known to 1 % at the start of the day
            w.controller().soc().restoreCellSoc(i, sim.pack().cellSoc(i), 0.01, 3600);
        }
        RestartSocDoubt widening = RestartSocDoubt.of(cfg);
        long period = cfg.loop().period().toNanos();
        int perSecond = (int) (1_000_000_000L / period);
        PackSample drained = new PackSample(cells, cells);
        long k = 0;
        double t = 0;
        boolean closed = false;
        boolean stopPending = false;
        boolean off = false;
        SocState.Capture saved = new SocState.Capture(cells);
        long savedAt = 0;
        int restarts = 0;
        double segmentEnds = 60 * r.nextDouble(2, 10); // open first
        double nextStep = 0;
        SocScore score = new SocScore();
        SocScore afterRestart = new SocScore();
        while (t < HOURS * 3600) {
            if (t >= segmentEnds) {
                if (off) { // the rest is over: start again on the state saved at the stop
                    off = false;
                    restarts++;
                    w = ControllerAssembly.build(cfg, sim.hardware(), sim.pack(), () -> epoch[0]);
                    SocState state = saved.toState();
                    if (keepDoubt) {
                        RestartSocDoubt.Restored restored = widening.widen(
                                PersistedState.builder(state, HealthState.nominal(cells, 2.0, 0.035))
                                        .savedEpochMillis(savedAt)
                                        .build(),
                                epoch[0]);
                        w.controller().importSocState(restored.soc(), restored.restedSeconds());
                    } else {
                        w.controller().importSocState(new SocState(state.cellSoc()));
                    }
                }
                stopPending = false;
                closed = !closed;
                if (closed) {
                    w.requests().requestClose();
                    segmentEnds = t + 60 * r.nextDouble(15, 40);
                } else {
                    w.requests().requestOpen();
                    segmentEnds = t + 60 * r.nextDouble(10, 60);
                    stopPending = r.nextDouble() < 0.5;
                }
            }
            if (t >= nextStep) {
                amps[0] = wideDrive
                        ? wideDriveCurrent(r, sim.pack().cellSoc(0))
                        : RandomDriveCurrent.next(r, sim.pack().cellSoc(0));
                nextStep = t + RandomDriveCurrent.hold(r);
            }
            for (int i = 0; i < perSecond; i++) {
                k++;
                epoch[0] = EPOCH + k * period / 1_000_000L;
                if (stopPending && w.controller().supervisor().state() == SupervisorState.STANDBY) {
                    // stopped with the contactors open: the final save, as the shutdown makes it
                    w.controller().soc().exportInto(saved);
                    saved.atStop(true);
                    savedAt = epoch[0];
                    stopPending = false;
                    off = true;
                }
                if (off) {
                    sim.pack().advanceTo(k * period); // the cells rest on, unwatched
                    continue;
                }
                w.controller().tick(k * period);
                while (w.events().poll() != null) {
                    // state changes and fault edges are not judged here
                }
                while (w.ring().poll(drained)) {
                    // drain
                }
            }
            t = k * period / 1e9;
            if (off) {
                continue; // nothing is published while the BMS is off
            }
            if (t >= 60) {
                for (int i = 0; i < cells; i++) {
                    score.add(
                            w.controller().soc().cellSoc(i),
                            sim.pack().cellSoc(i),
                            w.controller().soc().cellSocBound3Sigma(i));
                    if (restarts > 0) {
                        afterRestart.add(
                                w.controller().soc().cellSoc(i),
                                sim.pack().cellSoc(i),
                                w.controller().soc().cellSocBound3Sigma(i));
                    }
                }
            }
        }
        return new Day(
                score.coverage(),
                score.rmse(),
                score.worst(),
                score.medianBound(),
                restarts > 0 ? afterRestart.medianBound() : Double.NaN,
                restarts);
    }
}
