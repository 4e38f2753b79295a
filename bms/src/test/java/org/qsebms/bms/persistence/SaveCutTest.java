package org.qsebms.bms.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A save cut at every step of its writes (each file's temporary written and forced, renamed, directory forced), with
 * real files: the cut is a kill, so nothing after it reaches the disk, and a new {@link StateFile} loads what is left.
 * check23x found the window fix23al documented open: a kill between the two writes of a save that added a trip, then
 * the newest file damaged, lost the latch and the trip (fix23ar).
 */
class SaveCutTest {
    private static final long NOW = 1_764_000_600_000L;
    private static final String LATCH = "SHORT_CIRCUIT.MSL";
    private static final TripRecord FIRST = new TripRecord(LATCH, 1_764_000_000_100L, 12_300);
    private static final TripRecord SECOND = new TripRecord(LATCH, 1_764_000_010_100L, 22_300);
    /** Steps of one save that writes both files: three per file. */
    private static final int STEPS = 6;

    @TempDir
    Path dir;

    private final PersistedState defaults = PersistedState.defaults(4, 2.0, 0.035);

    private Path main() {
        return dir.resolve("bms-state.txt");
    }

    private Path previous() {
        return dir.resolve("bms-state.txt.previous");
    }

    /** The kill: thrown from the step it cuts after, so the save stops there. */
    private static final class Killed extends RuntimeException {
        Killed(int step) {
            super("killed after step " + step);
        }
    }

    /** Cuts the save after its {@code cutAfter}-th step (0-based) and records the steps reached. */
    private static final class Cut implements StateFile.SaveSteps {
        private final int cutAfter;
        private final List<String> reached = new ArrayList<>();
        private boolean armed;

        Cut(int cutAfter) {
            this.cutAfter = cutAfter;
        }

        @Override
        public void reached(Path target, StateFile.SaveStep step) {
            if (!armed) {
                return;
            }
            reached.add(target.getFileName() + " " + step);
            if (reached.size() - 1 == cutAfter) {
                throw new Killed(cutAfter);
            }
        }
    }

    private static PersistedState state(long seq, List<String> latched, List<TripRecord> trips) {
        return StateFileTest.sample(seq)
                .withOperatingMillis(12_400 + 10_000 * seq)
                .withLatchedFaults(latched)
                .withTripHistory(trips);
    }

    private static Optional<PersistedState> decoded(Path p) {
        try {
            return Optional.of(StateFile.decode(Files.readAllBytes(p)));
        } catch (IOException | StateFile.CorruptStateException e) {
            return Optional.empty();
        }
    }

    private static void corrupt(Path p) throws IOException {
        byte[] b = Files.readAllBytes(p);
        b[b.length / 2] ^= 0x20;
        Files.write(p, b);
    }

    private StateFile.Loaded load() {
        return new StateFile(main(), Files::readAllBytes, () -> NOW).load(4, defaults);
    }

    /**
     * Saves 1 and 2 (one trip, no latch), then save 3 (a second trip and its latch) cut after step {@code cutAfter}.
     * Returns the steps reached.
     */
    private List<String> cutTheTripSave(int cutAfter) throws IOException {
        Cut cut = new Cut(cutAfter);
        StateFile f = new StateFile(main(), Files::readAllBytes, () -> NOW, cut);
        f.load(4, defaults);
        f.write(state(1, List.of(), List.of(FIRST)));
        f.write(state(2, List.of(), List.of(FIRST)));
        cut.armed = true;
        try {
            f.write(state(3, List.of(LATCH), List.of(FIRST, SECOND)));
        } catch (Killed k) {
            // the power is gone: nothing more is written
        }
        return cut.reached;
    }

    /** Whether the save's new state reached a file (renamed over it) before the cut. */
    private boolean newStateOnDisk() {
        return decoded(main()).map(s -> s.sequence() == 3).orElse(false)
                || decoded(previous()).map(s -> s.sequence() == 3).orElse(false);
    }

    @ParameterizedTest(name = "cut after step {0}")
    @ValueSource(ints = {0, 1, 2, 3, 4, 5})
    void atEveryCutThePreviousGenerationHoldsEveryLatchAndTripOfTheMainFile(int cutAfter) throws IOException {
        List<String> reached = cutTheTripSave(cutAfter);

        PersistedState m = decoded(main()).orElseThrow();
        PersistedState p = decoded(previous()).orElseThrow();
        assertThat(p.latchedFaults())
                .as("NAME.previous, the fallback when NAME is lost, after %s", reached)
                .containsAll(m.latchedFaults());
        assertThat(p.tripHistory()).as("after %s", reached).containsAll(m.tripHistory());
    }

    @ParameterizedTest(name = "cut after step {0}")
    @ValueSource(ints = {0, 1, 2, 3, 4, 5, STEPS})
    void aCutSaveLosesNoLatchOrTripThatReachedAFile(int cutAfter) throws IOException {
        List<String> reached = cutTheTripSave(cutAfter);
        boolean onDisk = newStateOnDisk();

        StateFile.Loaded l = load();

        assertThat(l.stateUnknown()).isNull();
        if (onDisk) {
            assertThat(l.state().latchedFaults()).as("after %s", reached).containsExactly(LATCH);
            assertThat(l.state().tripHistory()).as("after %s", reached).containsExactly(FIRST, SECOND);
        } else {
            assertThat(l.state().sequence())
                    .as("nothing of save 3 renamed: %s", reached)
                    .isEqualTo(2);
        }
    }

    /** check23x's window: the kill between the two writes, then the main file damaged. */
    @ParameterizedTest(name = "cut after step {0}")
    @ValueSource(ints = {0, 1, 2, 3, 4, 5, STEPS})
    void aCutSaveThenADamagedMainFileLosesNoLatchOrTripThatReachedAFile(int cutAfter) throws IOException {
        List<String> reached = cutTheTripSave(cutAfter);
        boolean onDisk = newStateOnDisk();
        corrupt(main());

        StateFile.Loaded l = load();

        assertThat(l.stateUnknown()).isNull();
        if (onDisk) {
            assertThat(l.state().latchedFaults()).as("after %s", reached).containsExactly(LATCH);
            assertThat(l.state().tripHistory()).as("after %s", reached).containsExactly(FIRST, SECOND);
        } else {
            assertThat(l.state().tripHistory()).as("after %s", reached).containsExactly(FIRST);
        }
    }

    @Test
    void aSaveCutBetweenItsWritesLeavesTheNewerPreviousGenerationWhichIsUsedAndNamed() throws IOException {
        List<String> reached = cutTheTripSave(2); // NAME.previous whole and durable, NAME not yet touched
        assertThat(reached).last().isEqualTo("bms-state.txt.previous DIRECTORY_FORCED");
        assertThat(decoded(main()).orElseThrow().sequence()).isEqualTo(2);

        StateFile.Loaded l = load();

        assertThat(l.state().sequence()).isEqualTo(3);
        assertThat(l.previousGeneration())
                .as("the SOC's restart doubt counts the save cut")
                .isTrue();
        assertThat(l.warning())
                .contains("(sequence 2) is older than its previous generation")
                .contains("sequence 3; faults latched in it: " + LATCH)
                .contains("cut between its two writes")
                .contains("is replaced at the next save");
    }

    /**
     * A save that clears a latch (an accepted reset) writes NAME first: at no cut does a whole NAME that holds the
     * reset give way to an older generation that still holds the latch.
     */
    @ParameterizedTest(name = "cut after step {0}")
    @ValueSource(ints = {0, 1, 2, 3, 4, 5, STEPS})
    void aResetSavedInTheMainFileIsNotUndoneByTheOlderGeneration(int cutAfter) throws IOException {
        Cut cut = new Cut(cutAfter);
        StateFile f = new StateFile(main(), Files::readAllBytes, () -> NOW, cut);
        f.load(4, defaults);
        f.write(state(1, List.of(LATCH), List.of(FIRST)));
        f.write(state(2, List.of(LATCH), List.of(FIRST)));
        cut.armed = true;
        try {
            f.write(state(3, List.of(), List.of(FIRST))); // the accepted reset
        } catch (Killed k) {
            // the power is gone
        }
        boolean resetInMain = decoded(main()).orElseThrow().sequence() == 3;

        StateFile.Loaded l = load();

        assertThat(l.state().latchedFaults())
                .as("after %s", cut.reached)
                .isEqualTo(resetInMain ? List.of() : List.of(LATCH));
    }

    @Test
    void aPreviousGenerationThatCannotBeWrittenStillLetsTheNewLatchReachTheMainFile() throws IOException {
        StateFile f = new StateFile(main(), Files::readAllBytes, () -> NOW);
        f.load(4, defaults);
        f.write(state(1, List.of(), List.of(FIRST)));
        Files.createDirectories(dir.resolve("bms-state.txt.previous.tmp")); // the temporary cannot be opened

        assertThatThrownBy(() -> f.write(state(2, List.of(LATCH), List.of(FIRST, SECOND))))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("is saved but its previous generation");

        assertThat(decoded(main()).orElseThrow().latchedFaults()).containsExactly(LATCH);
    }

    /**
     * A previous generation missing at start (kept aside: it was corrupt) gets the generation NAME holds first, so at
     * every cut a whole file holds the latch, and once NAME.previous is written it holds every latch and trip of NAME.
     */
    @ParameterizedTest(name = "cut after step {0}")
    @ValueSource(ints = {0, 1, 2, 3, 4, 5, STEPS})
    void aMissingPreviousGenerationIsWrittenBeforeTheMainFile(int cutAfter) throws IOException {
        StateFile before = new StateFile(main(), Files::readAllBytes, () -> NOW);
        before.load(4, defaults);
        before.write(state(1, List.of(LATCH), List.of(FIRST)));
        before.write(state(2, List.of(LATCH), List.of(FIRST)));
        corrupt(previous());
        Cut cut = new Cut(cutAfter);
        StateFile f = new StateFile(main(), Files::readAllBytes, () -> NOW, cut);
        assertThat(f.load(4, defaults).warning())
                .contains("previous generation")
                .contains("kept aside");
        cut.armed = true;
        try {
            f.write(state(3, List.of(LATCH), List.of(FIRST)));
        } catch (Killed k) {
            // the power is gone
        }

        assertThat(cut.reached).first().isEqualTo("bms-state.txt.previous TEMPORARY_FORCED");
        PersistedState m = decoded(main()).orElseThrow();
        assertThat(m.latchedFaults()).as("after %s", cut.reached).containsExactly(LATCH);
        decoded(previous()).ifPresent(p -> {
            assertThat(p.sequence())
                    .as("the generation replaced, after %s", cut.reached)
                    .isEqualTo(2);
            assertThat(p.latchedFaults()).containsAll(m.latchedFaults());
            assertThat(p.tripHistory()).containsAll(m.tripHistory());
        });
        assertThat(Files.exists(previous()))
                .as("NAME.previous renamed in, after %s", cut.reached)
                .isEqualTo(cutAfter >= 1);
    }
}
