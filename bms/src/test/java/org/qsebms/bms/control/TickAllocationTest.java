package org.qsebms.bms.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qsebms.bms.supervisor.SupervisorState;

/**
 * The steady-state control tick (with the simulated plant and telemetry hand-off) allocates nothing
 * ({@link SteadyTickSchedule}), checked twice in child JVMs.
 *
 * <p>Interpreted ({@code -Xint}), as {@link RecordTickAllocationTest} does: the interpreter executes
 * every allocation the code makes, none hidden by escape analysis and none added by the JIT.
 *
 * <p>With the JIT on, the same schedule allocated 248 B in one measured window in 3 runs of 18 on a
 * loaded machine (2026-12-03). JFR's stack of those bytes: a {@code String} and its {@code byte[]}
 * twice (24 + 120 + 24 + 80 B), at the entry of {@code ResistanceGrowthEstimator.growth()} in its
 * tier-3 code, as that method's C2 compilation was requested. HotSpot then interns the class's String
 * constants on the requesting thread; the two the tick never runs (99 and 59 characters: a
 * {@code toString} format and the constructor's error message) were new. That happens once per class,
 * whenever the JIT reaches it, so it is the JIT's, not the tick's, and {@link AllocationAudit} tells
 * it apart precisely; the second test counts every other byte.
 */
class TickAllocationTest {

    @Test
    void steadyStateTickAllocatesNoMemory() throws Exception {
        List<String> out = ChildJvm.run(List.of("-Xint"), SteadyTickSchedule.class);
        String last = ChildJvm.result(out);
        System.out.println("steady tick allocation, interpreted: " + last);
        SteadyTickSchedule.Result res = SteadyTickSchedule.Result.parse(last);
        assertThat(res.stateBefore()).isEqualTo(SupervisorState.NORMAL);
        assertThat(res.edges())
                .as("fault edges or state changes during the measurement (not steady state): %s", out)
                .isEmpty();
        assertThat(res.stateAfter()).isEqualTo(SupervisorState.NORMAL);
        assertThat(res.windows())
                .as("bytes allocated per window of 2000 steady-state ticks")
                .containsOnly(0L);
    }

    /**
     * With the JIT on, in a child JVM without thread-local allocation buffers so that JFR records every
     * allocation with its stack ({@link AllocationAudit}). The bytes of a C2 compile request (the class's
     * String constants, interned on this thread) are the JIT's, not the tick's: they are reported,
     * not counted. Every other byte is the tick's and must be zero: an allocation made by compiled
     * code (an object escape analysis did not remove, one a deoptimisation re-materialises, a box).
     */
    @Test
    void withTheJitOnNoWindowAllocates(@TempDir Path dir) throws Exception {
        Path jfr = dir.resolve("allocations.jfr");
        List<String> out = ChildJvm.run(List.of("-XX:-UseTLAB"), SteadyTickSchedule.class, jfr.toString());
        String last = ChildJvm.result(out);
        SteadyTickSchedule.Result res = SteadyTickSchedule.Result.parse(last);
        AllocationAudit audit = AllocationAudit.read(jfr, out);
        System.out.println(
                "steady tick allocation, JIT: " + last + "\nC2 compile requests' bytes: " + audit.compileRequests());
        assertThat(res.edges())
                .as("fault edges or state changes during the measurement: %s", out)
                .isEmpty();
        assertThat(audit.windows()).hasSize(res.windows().length);
        assertThat(audit.unaccounted())
                .as("windows whose allocation events do not add up to the thread's counter")
                .isEmpty();
        assertThat(audit.byTheTick())
                .as("allocations in windows of 2000 steady-state ticks, not by a compile request")
                .isEmpty();
    }
}
