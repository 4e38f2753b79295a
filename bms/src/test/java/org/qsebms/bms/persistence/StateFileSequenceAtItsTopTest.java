package org.qsebms.bms.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qsebms.bms.protection.FaultCode;
import org.qsebms.bms.protection.FaultEvent;
import org.qsebms.config.LimitLevel;

/**
 * Issue 23, found by check23z (finding 4, fix23ar reviewed): at load the previous generation wins only by a higher {@code sequence}.
 * {@code PersistedStateCheck} refuses a negative sequence but not one at {@code Long.MAX_VALUE}, and {@code
 * PersistenceWriter.current()} counts on with {@code ++sequence}, so the save after such a file (one edited, or bit rot
 * with its crc32 matching) carries {@code Long.MIN_VALUE}. A save that latches a fault writes {@code NAME.previous}
 * first; cut between its two writes, the previous generation holds the latch under the lower sequence and the stale
 * {@code NAME} (no latch) is loaded. A user expects a latch never lost by a save cut, whatever the counter's value.
 * Now (fix23ax) a sequence outside 0..2^62 ({@code SaveSequence}) orders nothing: the generation holding every latch and
 * trip of the other is used (the union when neither does), the saves count on from a sequence that orders, and no save
 * counts past {@code Long.MAX_VALUE}. The first two tests are check23z's probes, unchanged.
 */
class StateFileSequenceAtItsTopTest {
    private static final long NOW = 1_764_000_600_000L;
    private static final String LATCH = "SHORT_CIRCUIT.MSL";

    @TempDir
    Path dir;

    private final PersistedState defaults = PersistedState.defaults(4, 2.0, 0.035);

    /** The kill after the previous generation's rename is durable (step 2 of a six-step save). */
    private static final class Killed extends RuntimeException {}

    /** The test sample (its time sane) under {@code seq}. */
    private static PersistedState at(long seq) {
        return StateFileTest.sample(1).withSequenceAndFaultLog(seq, List.of());
    }

    @Test
    void aLatchSavedAcrossTheSequenceWrapSurvivesACutBetweenTheWrites() throws IOException {
        Path main = dir.resolve("bms-state.txt");
        int[] steps = {0};
        boolean[] armed = {false};
        StateFile.SaveSteps cut = (target, step) -> {
            if (armed[0] && ++steps[0] == 3) {
                throw new Killed();
            }
        };
        StateFile f = new StateFile(main, Files::readAllBytes, () -> NOW, cut);
        f.load(4, defaults);
        PersistedState atTheTop = at(Long.MAX_VALUE).withLatchedFaults(List.of());
        f.write(atTheTop);
        f.write(atTheTop);
        // what PersistenceWriter.current() writes next: ++Long.MAX_VALUE
        long next = Long.MAX_VALUE;
        next++;
        armed[0] = true;
        try {
            f.write(at(next).withLatchedFaults(List.of(LATCH)));
        } catch (Killed k) {
            // power lost after NAME.previous was renamed and forced, before NAME was written
        }
        StateFile.Loaded loaded = new StateFile(main, Files::readAllBytes, () -> NOW).load(4, defaults);
        assertThat(loaded.state().latchedFaults())
                .as(
                        "latches restored after a save at sequence %d (wrapped) cut between its writes; warning: %s",
                        next, loaded.warning())
                .contains(LATCH);
    }

    @Test
    void aSequenceAtTheTopIsRefusedOrWarnedAtLoad() throws IOException {
        Path main = dir.resolve("bms-state.txt");
        StateFile f = new StateFile(main, Files::readAllBytes, () -> NOW);
        f.load(4, defaults);
        f.write(at(Long.MAX_VALUE));
        StateFile.Loaded loaded = new StateFile(main, Files::readAllBytes, () -> NOW).load(4, defaults);
        assertThat(loaded.state().sequence())
                .as("a sequence that the next save would wrap (warnings: %s)", loaded.fieldWarnings())
                .isLessThan(Long.MAX_VALUE);
    }

    /** Both generations at the top, then the real writer's save that latches a fault, cut between its two writes. */
    @Test
    void theWritersLatchingSaveAfterAFileAtTheTopSurvivesACutBetweenTheWrites() throws IOException {
        Path main = dir.resolve("bms-state.txt");
        StateFile atTop = new StateFile(main, Files::readAllBytes, () -> NOW);
        atTop.load(4, defaults);
        atTop.write(at(Long.MAX_VALUE).withLatchedFaults(List.of()));
        atTop.write(at(Long.MAX_VALUE).withLatchedFaults(List.of()));
        int[] steps = {0};
        boolean[] armed = {false};
        StateFile f = new StateFile(main, Files::readAllBytes, () -> NOW, (target, step) -> {
            if (armed[0] && ++steps[0] == 3) {
                throw new Killed();
            }
        });
        StateFile.Loaded started = f.load(4, defaults);
        StateHandoff handoff = new StateHandoff(4);
        PersistenceWriter writer = new PersistenceWriter(f, handoff, started.state());
        handoff.offerFault(new FaultEvent(FaultCode.SHORT_CIRCUIT, LimitLevel.MSL, true, true, "probe", 0), NOW);
        armed[0] = true;
        try {
            writer.flush();
        } catch (Killed k) {
            // power lost after NAME.previous was renamed and forced, before NAME was written
        }
        StateFile.Loaded loaded = new StateFile(main, Files::readAllBytes, () -> NOW).load(4, defaults);
        assertThat(loaded.state().latchedFaults())
                .as("latches restored; warning: %s", loaded.warning())
                .contains(LATCH);
        assertThat(loaded.state().sequence()).as("the sequence counted on from").isBetween(0L, Long.MAX_VALUE - 1);
    }

    /** Neither generation holds every latch of the other and one sequence orders nothing: both latches are kept. */
    @Test
    void unorderedGenerationsLoseNoLatchOfEither() throws IOException {
        Path main = dir.resolve("bms-state.txt");
        // NAME.previous a whole generation; NAME an edited one (no latch of the other, a sequence at the top)
        Files.write(
                dir.resolve("bms-state.txt.previous"),
                StateFile.encode(at(7).withLatchedFaults(List.of("CELL_OVER_VOLTAGE.MSL"))));
        Files.write(main, StateFile.encode(at(Long.MAX_VALUE).withLatchedFaults(List.of(LATCH))));
        StateFile.Loaded loaded = new StateFile(main, Files::readAllBytes, () -> NOW).load(4, defaults);
        assertThat(loaded.state().latchedFaults())
                .as("warning: %s", loaded.warning())
                .containsExactlyInAnyOrder(LATCH, "CELL_OVER_VOLTAGE.MSL");
        assertThat(loaded.state().sequence()).as("the sequence that orders").isEqualTo(7);
        assertThat(loaded.warning()).contains("cannot be ordered").contains("sequence " + Long.MAX_VALUE);
    }

    /** One generation alone at the top: its sequence is repaired at load with a warning naming the field. */
    @Test
    void aLoneFileAtTheTopCountsOnFromZeroWithAWarning() throws IOException {
        Path main = dir.resolve("bms-state.txt");
        StateFile f = new StateFile(main, Files::readAllBytes, () -> NOW);
        f.load(4, defaults);
        f.write(at(Long.MAX_VALUE));
        Files.delete(dir.resolve("bms-state.txt.previous"));
        StateFile.Loaded loaded = new StateFile(main, Files::readAllBytes, () -> NOW).load(4, defaults);
        assertThat(loaded.state().sequence()).isZero();
        assertThat(loaded.fieldWarnings())
                .singleElement()
                .asString()
                .contains("sequence = " + Long.MAX_VALUE)
                .contains("counting on from 0");
    }

    /** The writer never counts past the top, whatever state it is given. */
    @Test
    void theWriterNeverWraps() {
        StateFile f = new StateFile(dir.resolve("bms-state.txt"), Files::readAllBytes, () -> NOW);
        PersistenceWriter writer = new PersistenceWriter(f, new StateHandoff(4), at(Long.MAX_VALUE));
        assertThat(writer.current().sequence()).isEqualTo(Long.MAX_VALUE);
        assertThat(writer.current().sequence()).isEqualTo(Long.MAX_VALUE);
    }
}
