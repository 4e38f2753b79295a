package org.qsebms.bms.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.qsebms.bms.runtime.ControllerAssembly;
import org.qsebms.bms.runtime.SimulatedPackSetup;
import org.qsebms.bms.sim.SimulatedHardware;
import org.qsebms.bms.supervisor.SupervisorState;
import org.qsebms.config.BmsConfig;
import org.qsebms.estimators.soc.EkfSocEstimator;
import org.qsebms.estimators.soc.SpkfSocEstimator;

/**
 * {@code estimation.socFilter} picks the filter the controller runs: the built-in simulated pack
 * with the sigma-point filter tracks the simulated cells' true SOC inside its bound, and its
 * steady-state tick allocates nothing (as {@link TickAllocationTest} shows for the default), both
 * measured in a child JVM ({@link SpkfTickSchedule}).
 */
class SocFilterInControllerTest {

    private static BmsConfig simulatedWith(String estimationSection) throws IOException {
        return SpkfTickSchedule.simulatedWith(estimationSection);
    }

    @Test
    void theConfiguredFilterRunsInTheController() throws IOException {
        BmsConfig ekf = simulatedWith("");
        SimulatedHardware sim = SimulatedPackSetup.createDefault(ekf);
        assertThat(ControllerAssembly.build(ekf, sim.hardware(), sim.pack(), () -> 0L)
                        .controller()
                        .soc())
                .isInstanceOf(EkfSocEstimator.class);
        BmsConfig spkf = simulatedWith("estimation:\n  socFilter: spkf\n");
        SimulatedHardware sim2 = SimulatedPackSetup.createDefault(spkf);
        assertThat(ControllerAssembly.build(spkf, sim2.hardware(), sim2.pack(), () -> 0L)
                        .controller()
                        .soc())
                .isInstanceOf(SpkfSocEstimator.class);
    }

    /**
     * The tracking and the allocation are measured in a child JVM run with {@code -Xint}, as in
     * {@link RecordTickAllocationTest}: the interpreter executes every allocation the tick's code
     * makes, none hidden by escape analysis and none added by the JIT compiling a branch for the
     * first time, so the windows' bytes do not depend on when the JIT runs on a loaded machine. The
     * SOC figures are the same as with the JIT (Java's floating point is strict).
     */
    @Test
    void theSigmaPointFilterTracksTheSimulatedPackWithoutAllocating() throws Exception {
        String last = ChildJvm.result(ChildJvm.run(List.of("-Xint"), SpkfTickSchedule.class));
        SpkfTickSchedule.Result res = SpkfTickSchedule.Result.parse(last);
        System.out.printf(
                Locale.ROOT,
                "SPKF in the controller, interpreted: worst SOC error %.2f %%, coverage %.1f %%, bytes per window %s%n",
                100 * res.worstError(),
                100.0 * res.coverage(),
                Arrays.toString(res.windowBytes()));
        assertThat(res.state()).isEqualTo(SupervisorState.NORMAL);
        assertThat(res.worstError()).as("worst SOC error").isLessThan(0.03);
        assertThat(res.coverage()).as("coverage of the 3-sigma bound").isGreaterThanOrEqualTo(0.95);
        assertThat(res.eventInWindows()).as("no event during the measurement").isFalse();
        assertThat(res.windowBytes())
                .as("bytes allocated per window of 2000 ticks")
                .containsOnly(0L);
    }
}
