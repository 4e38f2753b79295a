package org.qsebms.bms.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a child JVM that is writing the state file with SIGKILL at random points, 200 times, and
 * checks that every restart finds a complete state (the previous one or a newer one, never a
 * corrupt or mixed one), and that the previous generation ({@code NAME.previous}) is whole after
 * every kill too, so a kill mid-save never leaves both generations unusable.
 */
class PowerLossTest {
    private static final int KILLS = 200;

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void everyRestartAfterSigkillFindsThePreviousOrANewerCompleteState() throws Exception {
        Path file = dir.resolve("state.txt");
        String java = ProcessHandle.current()
                .info()
                .command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> cmd = List.of(
                java,
                "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC",
                "-Xshare:auto",
                "-XX:-UsePerfData",
                "-cp",
                System.getProperty("java.class.path"),
                StateWriterChild.class.getName(),
                file.toString());
        SplittableRandom random = new SplittableRandom(20261125L);
        long lastSeq = 0;
        int restored = 0;
        int killedWithTemporaryFile = 0;
        int killedWritingPrevious = 0;
        int previousWhole = 0;
        long maxSeq = 0;
        for (int kill = 0; kill < KILLS; kill++) {
            Process child = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            BufferedReader out =
                    new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            String line = out.readLine();
            assertThat(line).as("child %d said nothing", kill).isNotNull();
            // the restart must find the last state we saw or a newer one, complete and consistent
            assertThat(line).as("kill %d", kill).contains("consistent=true").doesNotContain("corrupt");
            long seq = Long.parseLong(line.replaceAll(".*seq=(\\d+).*", "$1"));
            if (lastSeq > 0) {
                assertThat(line)
                        .as("kill %d: a state existed, so it must be restored", kill)
                        .startsWith("restored=true");
            }
            assertThat(seq)
                    .as("kill %d: restored sequence must not go back", kill)
                    .isGreaterThanOrEqualTo(lastSeq);
            restored += line.startsWith("restored=true") ? 1 : 0;
            assertThat(out.readLine()).as("child %d: first write", kill).startsWith("first write complete");
            Thread.sleep(20 + random.nextInt(61));
            child.destroyForcibly();
            assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();
            killedWithTemporaryFile += Files.exists(dir.resolve("state.txt.tmp")) ? 1 : 0;
            killedWritingPrevious += Files.exists(dir.resolve("state.txt.previous.tmp")) ? 1 : 0;
            // the previous generation is whole (decode throws on a bad checksum), consistent and not newer
            Path previous = dir.resolve("state.txt.previous");
            PersistedState prev = null;
            if (Files.exists(previous)) {
                prev = StateFile.decode(Files.readAllBytes(previous));
                assertThat(prev)
                        .as("kill %d: previous generation", kill)
                        .isEqualTo(StateWriterChild.stateFor(prev.sequence()));
                previousWhole++;
            }
            // and what is on disk right after the kill is complete too
            StateFile.Loaded now = new StateFile(file)
                    .load(StateWriterChild.CELLS, PersistedState.defaults(StateWriterChild.CELLS, 2.0, 0.035));
            if (now.restored()) {
                assertThat(now.state())
                        .isEqualTo(StateWriterChild.stateFor(now.state().sequence()));
                assertThat(now.state().sequence()).isGreaterThanOrEqualTo(seq);
                assertThat(prev)
                        .as("kill %d: a saved state has a previous generation", kill)
                        .isNotNull();
                assertThat(prev.sequence()).isLessThanOrEqualTo(now.state().sequence());
                lastSeq = now.state().sequence();
                maxSeq = Math.max(maxSeq, lastSeq);
            } else {
                assertThat(now.warning()).as("kill %d", kill).startsWith("no persisted state");
                assertThat(lastSeq).isZero();
            }
        }
        System.out.printf(
                "power-loss test: %d SIGKILLs, %d restarts restored a state, %d kills left a temporary file "
                        + "(killed mid-write), %d while writing the previous generation, %d with a whole previous "
                        + "generation, last sequence %d%n",
                KILLS, restored, killedWithTemporaryFile, killedWritingPrevious, previousWhole, maxSeq);
        assertThat(restored).isGreaterThanOrEqualTo(KILLS - 5);
        assertThat(killedWithTemporaryFile)
                .as("some kills must land in the middle of a write")
                .isPositive();
    }
}
