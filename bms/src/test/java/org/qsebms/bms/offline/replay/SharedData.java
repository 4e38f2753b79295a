package org.qsebms.bms.offline.replay;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.qsebms.bms.testing.RealData;

/** Locates the real data ({@link RealData}); skips the test, saying how to give the data, when absent. */
final class SharedData {
    private SharedData() {}

    static Path dir() {
        var found = RealData.find();
        assumeTrue(found.isPresent(), RealData::missing);
        return found.get();
    }

    static Path file(String relative) {
        Path f = dir().resolve(relative);
        assumeTrue(Files.isRegularFile(f), f + " is absent");
        return f;
    }
}
