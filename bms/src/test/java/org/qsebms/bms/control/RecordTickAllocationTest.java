package org.qsebms.bms.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The control tick with the per-cycle record and a scheduled diagnostic attached allocates nothing
 * on the loop thread, across cycle closes and diagnostics (the writer thread's allocations are its
 * own), over 28 h of the default cycling profile ({@link RecordTickSchedule}).
 *
 * <p>The tick's code is checked in a child JVM run with {@code -Xint}: the interpreter executes
 * every allocation the code makes, none hidden by escape analysis and none added by the JIT. With
 * the JIT on, a few windows allocated a few hundred bytes once, at different places from run to run:
 * the String constants HotSpot interns on the loop thread when it requests a C2 compilation
 * ({@link AllocationAudit}, {@link TickAllocationTest}). The second test tells those bytes apart and
 * counts every other one.
 */
class RecordTickAllocationTest {
    @TempDir
    Path dir;

    @Test
    void theTicksCodeAllocatesNothingWithTheRecordAndDiagnosticAttached() throws Exception {
        List<String> out = ChildJvm.run(
                List.of("-Xint"),
                RecordTickSchedule.class,
                dir.resolve("record").toString());
        String last = ChildJvm.result(out);
        System.out.println("record tick allocation, interpreted: " + last);
        RecordTickSchedule.Result res = RecordTickSchedule.Result.parse(last);
        assertThat(res.cyclesClosed()).as("cycles closed in the measured pass").isPositive();
        assertThat(res.diagnosticChanges())
                .as("diagnostic status changes in the measured pass")
                .isPositive();
        assertThat(res.settling().quietWindows() + res.measured().quietWindows())
                .isGreaterThan(60);
        assertThat(res.settling().worstBytes())
                .as("bytes allocated per quiet window, first pass")
                .isZero();
        assertThat(res.measured().worstBytes())
                .as("bytes allocated per quiet window, second pass")
                .isZero();
    }

    /**
     * With the JIT on, in a child JVM without thread-local allocation buffers so that JFR records every
     * allocation with its stack ({@link AllocationAudit}); both passes are counted. The bytes of a C2
     * compile request (the class's String constants, interned on this thread) are the JIT's, not the
     * tick's: they are reported, not counted. Every other byte in a quiet window is the tick's and
     * must be zero.
     */
    @Test
    void withTheJitOnNoQuietWindowAllocates() throws Exception {
        Path jfr = dir.resolve("allocations.jfr");
        List<String> out = ChildJvm.run(
                List.of("-XX:-UseTLAB"),
                RecordTickSchedule.class,
                dir.resolve("record").toString(),
                jfr.toString());
        String last = ChildJvm.result(out);
        RecordTickSchedule.Result res = RecordTickSchedule.Result.parse(last);
        AllocationAudit audit = AllocationAudit.read(jfr, out);
        System.out.println(
                "record tick allocation, JIT: " + last + "\nC2 compile requests' bytes: " + audit.compileRequests());
        assertThat(res.cyclesClosed()).isPositive();
        assertThat(audit.windows())
                .hasSize(res.settling().quietWindows() + res.measured().quietWindows());
        assertThat(audit.unaccounted())
                .as("windows whose allocation events do not add up to the thread's counter")
                .isEmpty();
        assertThat(audit.byTheTick())
                .as("allocations in quiet windows of 1000 ticks, not by a compile request")
                .isEmpty();
    }
}
