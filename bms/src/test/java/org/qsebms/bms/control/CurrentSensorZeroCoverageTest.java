package org.qsebms.bms.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.qsebms.bms.runtime.ControllerAssembly;
import org.qsebms.bms.runtime.SimulatedPackSetup;
import org.qsebms.bms.sim.SimulatedHardware;
import org.qsebms.bms.snapshot.PackSample;
import org.qsebms.bms.supervisor.SupervisorState;
import org.qsebms.config.BmsConfig;

/**
 * The SOC bound stays honest with the current sensor's zero learnt while the contactors are open: random 4 h days
 * of a 4 x 2 Ah pack on the simulated cell, opened and closed by the operator (drives of 15-40 min at random
 * currents, open rests of 10-60 min), its current sensor off by a random offset within the rating (+-50 mA). Every
 * cell's published 3-sigma bound must hold its true SOC at least 95 % of the time after the first 10 min (issue
 * 20's coverage target), and the SOC must be no worse than with {@code zeroWhileOpen: false} (the reading counted
 * as it is, the behaviour before), beyond 0.2 points of RMSE. The filter starts from the true SOC, as after a
 * restart with the persisted one: from the voltage alone an LFP plateau start is 30 points off and says nothing of
 * the zero. On the LFP days the coverage is no test of the bound: a SOC set from outside carries the filter's start
 * doubt (3-sigma 60 %), which the plateau never narrows in 4 h (docs/estimation.md); the RMSE is the result there.
 */
class CurrentSensorZeroCoverageTest {
    private static final double HOURS = 4;

    @TempDir
    Path dir;

    private record Day(double coverage, double rmse, double worst, double medianBound) {}

    @ParameterizedTest(name = "{0} seed {1}")
    @CsvSource({
        "psoa-ncm811, 1", "psoa-ncm811, 2", "psoa-ncm811, 3",
        "psoa-lfp, 4", "psoa-lfp, 5", "psoa-lfp, 6",
        "le-ncm811, 7", "ptpa-lfp, 8"
    })
    void theBoundHoldsTheTruthOverDaysOfOpeningsAndDrives(String chemistry, long seed) throws IOException {
        double offset = new SplittableRandom(seed * 7919).nextDouble(-0.05, 0.05);
        Day with = day(chemistry, seed, offset, "");
        Day without = day(chemistry, seed, offset, "  currentSensor: {zeroWhileOpen: false}\n");
        System.out.printf(
                Locale.ROOT,
                "%s seed %d, sensor offset %+.1f mA: with the zero coverage %.1f %%, RMSE %.2f %%, max %.2f %%,"
                        + " median bound %.2f %%; without %.1f %%, %.2f %%, %.2f %%, %.2f %%%n",
                chemistry,
                seed,
                1000 * offset,
                100 * with.coverage(),
                100 * with.rmse(),
                100 * with.worst(),
                100 * with.medianBound(),
                100 * without.coverage(),
                100 * without.rmse(),
                100 * without.worst(),
                100 * without.medianBound());
        assertThat(with.coverage()).isGreaterThanOrEqualTo(0.95);
        assertThat(with.rmse()).isLessThanOrEqualTo(without.rmse() + 0.002);
    }

    private Day day(String chemistry, long seed, double offset, String halLines) throws IOException {
        BmsConfig cfg = DefaultSimulatedConfig.load(dir, chemistry, halLines);
        SplittableRandom r = new SplittableRandom(seed);
        double[] amps = {0};
        SimulatedHardware sim = SimulatedPackSetup.create(cfg, 0.85, 25, (t, p, c) -> c ? amps[0] : 0.0, seed);
        ControllerAssembly.Wiring w = ControllerAssembly.build(cfg, sim.hardware(), sim.pack(), () -> 0L);
        sim.injectCurrentOffset(offset);
        for (int i = 0;
                i < cfg.pack().seriesCells();
                i++) { // a restart with its persisted SOC: a plateau start is no issue here
            w.controller().soc().setCellSoc(i, sim.pack().cellSoc(i));
        }
        long period = cfg.loop().period().toNanos();
        int perSecond = (int) (1_000_000_000L / period);
        int cells = cfg.pack().seriesCells();
        PackSample drained = new PackSample(cells, cells);
        long k = 0;
        double t = 0;
        boolean closed = false;
        double segmentEnds = 60 * r.nextDouble(2, 10); // open first
        double nextStep = 0;
        SocScore score = new SocScore();
        while (t < HOURS * 3600) {
            if (t >= segmentEnds) {
                closed = !closed;
                if (closed) {
                    w.requests().requestClose();
                    segmentEnds = t + 60 * r.nextDouble(15, 40);
                } else {
                    w.requests().requestOpen();
                    segmentEnds = t + 60 * r.nextDouble(10, 60);
                }
            }
            if (t >= nextStep) {
                amps[0] = RandomDriveCurrent.next(r, sim.pack().cellSoc(0));
                nextStep = t + RandomDriveCurrent.hold(r);
            }
            for (int i = 0; i < perSecond; i++) {
                k++;
                w.controller().tick(k * period);
                while (w.events().poll() != null) {
                    // state changes and fault edges are not judged here
                }
                while (w.ring().poll(drained)) {
                    // drain
                }
            }
            t = k * period / 1e9;
            if (t >= 600) {
                for (int i = 0; i < cells; i++) {
                    score.add(
                            w.controller().soc().cellSoc(i),
                            sim.pack().cellSoc(i),
                            w.controller().soc().cellSocBound3Sigma(i));
                }
            }
        }
        assertThat(w.controller().supervisor().state()).isNotEqualTo(SupervisorState.FAULT);
        return new Day(score.coverage(), score.rmse(), score.worst(), score.medianBound());
    }
}
