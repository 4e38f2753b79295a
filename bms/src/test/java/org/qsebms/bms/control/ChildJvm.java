package org.qsebms.bms.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a schedule's {@code main} in a child JVM with this test's class path and the given flags. */
final class ChildJvm {
    private ChildJvm() {}

    /** The child's output lines; fails unless it exits with 0 within 10 minutes. */
    static List<String> run(List<String> flags, Class<?> main, String... args) throws Exception {
        String java = ProcessHandle.current()
                .info()
                .command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> cmd = new ArrayList<>();
        cmd.add(java);
        cmd.addAll(flags);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), main.getName()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        List<String> out = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                out.add(line);
            }
        }
        assertThat(p.waitFor(10, TimeUnit.MINUTES)).isTrue();
        assertThat(p.exitValue()).as(String.join("\n", out)).isZero();
        return out;
    }

    /** The child's line starting with {@code "result "}. */
    static String result(List<String> out) {
        return out.stream()
                .filter(l -> l.startsWith("result "))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no result from the child: " + out));
    }
}
