package org.qsebms.bms.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The two generations of the state file, with real files: each save keeps the one it replaced as {@code
 * NAME.previous}; a main file that cannot be used gives way to the previous one with its latches; a state that
 * existed but neither generation loads is reported as unknown (the caller latches PERSISTED_STATE_UNKNOWN); no file
 * at all is a first start.
 */
class StateGenerationsTest {
    private static final long NOW = 1_764_000_600_000L; // 10 min after StateFileTest.sample(0) was saved

    @TempDir
    Path dir;

    private final PersistedState defaults = PersistedState.defaults(4, 2.0, 0.035);

    private Path main() {
        return dir.resolve("bms-state.txt");
    }

    private Path previous() {
        return dir.resolve("bms-state.txt.previous");
    }

    private StateFile file() {
        return new StateFile(main(), Files::readAllBytes, () -> NOW);
    }

    private static PersistedState state(long seq, String... latched) {
        return StateFileTest.sample(seq).withLatchedFaults(List.of(latched));
    }

    private static PersistedState decoded(Path p) throws Exception {
        return StateFile.decode(Files.readAllBytes(p));
    }

    private static void corrupt(Path p) throws IOException {
        byte[] b = Files.readAllBytes(p);
        b[b.length / 2] ^= 0x20; // one flipped bit, as bit rot would
        Files.write(p, b);
    }

    @Test
    void eachSaveKeepsTheGenerationItReplacedAsPrevious() throws Exception {
        StateFile f = file();
        f.load(4, defaults);
        f.write(state(1));
        assertThat(decoded(previous()).sequence())
                .as("the first save has nothing to replace: the previous generation is the state itself")
                .isEqualTo(1);
        f.write(state(2));
        f.write(state(3));
        assertThat(decoded(main()).sequence()).isEqualTo(3);
        assertThat(decoded(previous()).sequence()).isEqualTo(2);
        assertThat(Files.exists(dir.resolve("bms-state.txt.previous.tmp"))).isFalse();
    }

    @Test
    void aCorruptMainFileGivesWayToThePreviousGenerationWithItsLatch() throws Exception {
        StateFile f = file();
        f.load(4, defaults);
        f.write(state(1, "SOFT_SHORT.MSL"));
        f.write(state(2, "SOFT_SHORT.MSL"));
        corrupt(main());

        StateFile.Loaded l = file().load(4, defaults);

        assertThat(l.restored()).isTrue();
        assertThat(l.stateUnknown()).isNull();
        assertThat(l.previousGeneration())
                .as("the SOC's restart doubt counts the save lost")
                .isTrue();
        assertThat(l.state().sequence()).isEqualTo(1);
        assertThat(l.state().latchedFaults()).containsExactly("SOFT_SHORT.MSL");
        assertThat(l.warning())
                .contains(main().toAbsolutePath() + " is corrupt (checksum mismatch")
                .contains("kept aside as "
                        + dir.resolve("bms-state.txt.corrupt-" + NOW).toAbsolutePath())
                .contains("loaded its previous generation " + previous().toAbsolutePath())
                .contains("saved 2025-11-24T16:00:00.001Z, 9 min before now")
                .contains("faults latched in it: SOFT_SHORT.MSL");
    }

    @Test
    void aLatchAddedByTheNewestSaveIsInThePreviousGenerationToo() throws Exception {
        StateFile f = file();
        f.load(4, defaults);
        f.write(state(1));
        f.write(state(2, "REPEATED_TRIP_LOCKOUT.MSL"));
        assertThat(decoded(previous()).latchedFaults())
                .as("the generation replaced lacks the new latch, so the previous one gets the new state")
                .containsExactly("REPEATED_TRIP_LOCKOUT.MSL");
        corrupt(main());

        StateFile.Loaded l = file().load(4, defaults);

        assertThat(l.stateUnknown()).isNull();
        assertThat(l.state().latchedFaults()).containsExactly("REPEATED_TRIP_LOCKOUT.MSL");
    }

    @Test
    void aTripAddedByTheNewestSaveIsInThePreviousGenerationToo() throws Exception {
        // check23w defect 2: a trip is not a latch, so the previous generation got it only one save later; losing
        // NAME lost the trip and the repeated-trip lockout counted one trip fewer (failing open)
        TripRecord first = new TripRecord("SHORT_CIRCUIT.MSL", 1_764_000_000_100L, 12_300);
        TripRecord second = new TripRecord("SHORT_CIRCUIT.MSL", 1_764_000_010_100L, 22_300);
        StateFile f = file();
        f.load(4, defaults);
        f.write(state(1).withOperatingMillis(12_400).withTripHistory(List.of(first)));
        f.write(state(2).withOperatingMillis(22_400).withTripHistory(List.of(first, second)));
        assertThat(decoded(previous()).tripHistory())
                .as("the generation replaced lacks the new trip, so the previous one gets the new state")
                .containsExactly(first, second);
        corrupt(main());

        StateFile.Loaded l = file().load(4, defaults);

        assertThat(l.stateUnknown()).isNull();
        assertThat(l.previousGeneration()).isTrue();
        assertThat(l.state().tripHistory()).containsExactly(first, second);
    }

    @Test
    void aSaveWithTheSameTripsKeepsTheGenerationItReplacedAsPrevious() throws Exception {
        TripRecord trip = new TripRecord("SHORT_CIRCUIT.MSL", 1_764_000_000_100L, 12_300);
        StateFile f = file();
        f.load(4, defaults);
        f.write(state(1).withOperatingMillis(12_400).withTripHistory(List.of(trip)));
        f.write(state(2).withOperatingMillis(13_400).withTripHistory(List.of(trip)));
        f.write(state(3).withOperatingMillis(14_400).withTripHistory(List.of(trip)));
        assertThat(decoded(previous()).sequence())
                .as("no trip or latch is new, so the previous generation is the one replaced")
                .isEqualTo(2);
    }

    @Test
    void aResetLatchStaysInThePreviousGenerationUntilTheNextSave() throws Exception {
        StateFile f = file();
        f.load(4, defaults);
        f.write(state(1, "LOOP_OVERRUN.MSL"));
        f.write(state(2)); // the accepted reset
        assertThat(decoded(previous()).latchedFaults())
                .as("falling back to the previous generation can only bring back a latch, never lose one")
                .containsExactly("LOOP_OVERRUN.MSL");
        f.write(state(3));
        assertThat(decoded(previous()).latchedFaults()).isEmpty();
    }

    @Test
    void aMissingMainFileWithAPreviousGenerationLoadsThePreviousOne() throws Exception {
        StateFile f = file();
        f.load(4, defaults);
        f.write(state(1, "CONTACTOR_WELDED.MSL"));
        f.write(state(2, "CONTACTOR_WELDED.MSL"));
        Files.delete(main());

        StateFile.Loaded l = file().load(4, defaults);

        assertThat(l.restored()).isTrue();
        assertThat(l.stateUnknown()).isNull();
        assertThat(l.state().latchedFaults()).containsExactly("CONTACTOR_WELDED.MSL");
        assertThat(l.warning()).startsWith("no persisted state at " + main().toAbsolutePath() + " (deleted?)");
    }

    @Test
    void bothGenerationsCorruptIsAnUnknownStateAndBothAreKeptAside() throws Exception {
        StateFile f = file();
        f.load(4, defaults);
        f.write(state(1, "SOFT_SHORT.MSL"));
        f.write(state(2, "SOFT_SHORT.MSL"));
        corrupt(main());
        corrupt(previous());
        byte[] mainBytes = Files.readAllBytes(main());
        byte[] previousBytes = Files.readAllBytes(previous());

        StateFile g = file();
        StateFile.Loaded l = g.load(4, defaults);

        assertThat(l.restored()).isFalse();
        assertThat(l.state()).isEqualTo(defaults);
        assertThat(l.stateUnknown())
                .contains(main().toAbsolutePath() + " is corrupt (checksum mismatch")
                .contains("its previous generation " + previous().toAbsolutePath() + " is corrupt")
                .contains("The faults latched before the restart (a lockout, a soft short) are unknown")
                .contains("PERSISTED_STATE_UNKNOWN is latched and the contactors stay open")
                .contains("check the pack")
                .contains("then send a reset to acknowledge the lost state");
        assertThat(l.warning()).startsWith(l.stateUnknown());
        assertThat(Files.readAllBytes(dir.resolve("bms-state.txt.corrupt-" + NOW)))
                .isEqualTo(mainBytes);
        assertThat(Files.readAllBytes(dir.resolve("bms-state.txt.previous.corrupt-" + NOW)))
                .isEqualTo(previousBytes);
        g.write(state(3, "PERSISTED_STATE_UNKNOWN.MSL"));
        StateFile.Loaded again = file().load(4, defaults);
        assertThat(again.stateUnknown()).isNull();
        assertThat(again.state().latchedFaults())
                .as("saved again, the unknown-state latch itself survives a restart until it is reset")
                .containsExactly("PERSISTED_STATE_UNKNOWN.MSL");
    }

    @Test
    void aCorruptMainFileWithoutAPreviousGenerationIsAnUnknownState() throws Exception {
        Files.writeString(main(), "format=1\nhalf a file");
        StateFile.Loaded l = file().load(4, defaults);
        assertThat(l.stateUnknown())
                .contains("is corrupt")
                .contains("its previous generation " + previous().toAbsolutePath() + " is missing");
    }

    @Test
    void aCorruptPreviousGenerationAloneIsAnUnknownStateToo() throws Exception {
        Files.writeString(previous(), "garbage");
        StateFile.Loaded l = file().load(4, defaults);
        assertThat(l.stateUnknown())
                .contains("no persisted state at " + main().toAbsolutePath())
                .contains("its previous generation " + previous().toAbsolutePath() + " is corrupt");
    }

    @Test
    void noFileAtAllIsAFirstStartNotAnUnknownState() {
        StateFile.Loaded l = file().load(4, defaults);
        assertThat(l.restored()).isFalse();
        assertThat(l.stateUnknown()).isNull();
        assertThat(l.state()).isEqualTo(defaults);
        assertThat(l.warning()).contains("(first start?)");
    }

    @Test
    void aReconfiguredPackIsAnUnknownStateThatSaysToCheckThePackAndReset() throws Exception {
        StateFile f = file();
        f.load(4, defaults);
        f.write(state(1, "SOFT_SHORT.MSL"));
        f.write(state(2, "SOFT_SHORT.MSL"));

        StateFile.Loaded l = file().load(16, PersistedState.defaults(16, 2.0, 0.035));

        assertThat(l.stateUnknown())
                .contains("is for 4 cells but the pack has 16 (saved for another pack, or the pack was reconfigured)")
                .contains("if the pack was rebuilt or reconfigured on purpose, check it")
                .contains("then send a reset; otherwise put back the configuration for the pack");
        assertThat(dir.resolve("bms-state.txt.other-pack-" + NOW)).exists();
        assertThat(dir.resolve("bms-state.txt.previous.other-pack-" + NOW)).exists();
    }

    @Test
    void aGoodMainFileWithACorruptPreviousGenerationLoadsAndSetsThePreviousAside() throws Exception {
        StateFile f = file();
        f.load(4, defaults);
        f.write(state(1));
        f.write(state(2));
        corrupt(previous());

        StateFile g = file();
        StateFile.Loaded l = g.load(4, defaults);

        assertThat(l.restored()).isTrue();
        assertThat(l.stateUnknown()).isNull();
        assertThat(l.state().sequence()).isEqualTo(2);
        assertThat(l.warning())
                .contains("the previous generation of the persisted state")
                .contains("kept aside as "
                        + dir.resolve("bms-state.txt.previous.corrupt-" + NOW).toAbsolutePath());
        g.write(state(3));
        assertThat(decoded(previous()).sequence()).isEqualTo(2);
    }
}
