package org.qsebms.bms.replay;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates {@code shared/data} by walking up from the working directory; skips the test when absent. */
final class SharedData {
    private SharedData() {
    }

    static Path dir() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path candidate = p.resolve("shared").resolve("data");
            if (Files.isDirectory(candidate.resolve("panasonic_18650pf_nca"))) {
                return candidate;
            }
        }
        assumeTrue(false, "shared/data not found above " + Path.of("").toAbsolutePath());
        return null;
    }

    static Path file(String relative) {
        Path f = dir().resolve(relative);
        assumeTrue(Files.isRegularFile(f), f + " is absent");
        return f;
    }
}
