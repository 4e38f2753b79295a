package org.qsebms.bms.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.qsebms.bms.runtime.StatePersistence;

/**
 * The crash test of issue 17: a BMS whose loop overran until LOOP_OVERRUN latched (and was
 * persisted) is killed with SIGKILL; a restart on the same state directory, asked to close the
 * contactors, must keep them open in FAULT until an accepted reset.
 */
class LatchedFaultCrashTest {
    @TempDir
    Path dir;

    private Process child(String... args) throws Exception {
        String java = ProcessHandle.current()
                .info()
                .command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> cmd = new ArrayList<>(List.of(
                java,
                "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC",
                "-cp",
                System.getProperty("java.class.path"),
                LatchedFaultChild.class.getName()));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).redirectErrorStream(true).start();
    }

    private static List<String> statusLines(Process p) throws Exception {
        List<String> out = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.startsWith("t=")) {
                    out.add(line);
                }
            }
        }
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return out;
    }

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void aLatchedLoopOverrunSurvivesSigkillAndKeepsTheContactorsOpenUntilAnAcceptedReset() throws Exception {
        Process first = child("trip", dir.toString());
        BufferedReader r = new BufferedReader(new InputStreamReader(first.getInputStream(), StandardCharsets.UTF_8));
        String line;
        do {
            line = r.readLine();
        } while (line != null && !line.startsWith("latched"));
        assertThat(line).as("the child latched LOOP_OVERRUN and saved it").isNotNull();
        first.destroyForcibly(); // SIGKILL: no shutdown hook, no final save
        assertThat(first.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(Files.readString(dir.resolve(StatePersistence.FILE_NAME)))
                .contains("latchedFaults=LOOP_OVERRUN.MSL");

        // restart on the same state dir, asked to close: FAULT from the first tick, contactors never closed
        List<String> restarted = statusLines(child("restart", dir.toString()));
        assertThat(restarted).hasSizeGreaterThan(10);
        assertThat(restarted).allSatisfy(s -> assertThat(s).contains("anyClosed=false"));
        assertThat(restarted.getLast()).contains("state=FAULT");
        System.out.println("after SIGKILL and restart: " + restarted.getLast());

        // a second restart with a reset (the loop has been on time for a second) and a close: back to NORMAL
        List<String> reset = statusLines(child("restart", dir.toString(), "reset"));
        assertThat(reset.stream().filter(s -> Integer.parseInt(s.replaceAll("t=(\\d+).*", "$1")) < 2000))
                .allSatisfy(s ->
                        assertThat(s).containsAnyOf("state=INIT", "state=FAULT").contains("anyClosed=false"));
        assertThat(reset.getLast()).contains("state=NORMAL").contains("anyClosed=true");
        assertThat(Files.readString(dir.resolve(StatePersistence.FILE_NAME))).contains("latchedFaults=\n");
    }
}
