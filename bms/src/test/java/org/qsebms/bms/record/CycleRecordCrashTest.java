package org.qsebms.bms.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a child JVM that is writing the record with SIGKILL at random moments, 15 times, restarting
 * it each time: every cycle the child had reported written is on the disk after the kill, the
 * record reads without a warning, cycles stay numbered 1, 2, 3 ... with one row per cell, and each
 * restart numbers on from the last cycle on the disk. (A torn line needs a power loss, not a
 * process kill: CycleRecordFileTest cuts files mid-line for that.)
 */
class CycleRecordCrashTest {
    private static final int KILLS = 15;

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void aSigkillLosesAtMostTheCyclesNotYetOnDiskAndTheRecordNumbersOn() throws Exception {
        String java = ProcessHandle.current()
                .info()
                .command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> cmd = List.of(
                java,
                "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC",
                "-XX:-UsePerfData",
                "-cp",
                System.getProperty("java.class.path"),
                RecordWriterChild.class.getName(),
                dir.toString());
        SplittableRandom random = new SplittableRandom(20261202L);
        long lastOnDisk = 0;
        for (int kill = 0; kill < KILLS; kill++) {
            Process child = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            BufferedReader out =
                    new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            String first = readUntil(out, "next=");
            assertThat(Long.parseLong(first.substring(5)))
                    .as("kill %d: numbering goes on from the disk", kill)
                    .isEqualTo(lastOnDisk + 1);
            long written = 0;
            long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(300 + random.nextInt(700));
            while (System.nanoTime() < until || written == 0) {
                String line = out.readLine();
                assertThat(line).as("child %d ended early", kill).isNotNull();
                if (line.startsWith("written=")) {
                    written = Long.parseLong(line.substring(8));
                }
            }
            child.destroyForcibly(); // SIGKILL on Linux
            assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();
            List<String> warnings = new ArrayList<>();
            List<CycleRow> rows = CycleRecordReader.read(dir, warnings::add);
            assertThat(warnings).as("kill %d", kill).isEmpty();
            for (int k = 0; k < rows.size(); k++) {
                assertThat(rows.get(k).cycle()).as("kill %d row %d", kill, k).isEqualTo(k / 2 + 1);
                assertThat(rows.get(k).cell()).isEqualTo(k % 2 + 1);
            }
            long onDisk = rows.getLast().cycle();
            assertThat(onDisk)
                    .as("kill %d: every cycle reported written is on the disk", kill)
                    .isGreaterThanOrEqualTo(written);
            lastOnDisk = onDisk;
        }
        System.out.printf(
                "record crash test: %d SIGKILLs, %d cycles on disk, none reported written was lost%n",
                KILLS, lastOnDisk);
        assertThat(lastOnDisk).isGreaterThan(KILLS);
    }

    private static String readUntil(BufferedReader out, String prefix) throws java.io.IOException {
        String line;
        while ((line = out.readLine()) != null) {
            if (line.startsWith(prefix)) {
                return line;
            }
        }
        throw new AssertionError("the child ended before printing " + prefix);
    }
}
