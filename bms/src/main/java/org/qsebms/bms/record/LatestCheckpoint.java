package org.qsebms.bms.record;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The latest diagnostic checkpoint, for the {@code health} message: taken from the record when the
 * BMS starts (so a restart does not forget it) and replaced each time a new checkpoint reaches the
 * disk. Written by the record's writer thread, read by telemetry; never touched by the control loop.
 */
public final class LatestCheckpoint implements Supplier<HealthCheckpoint> {
    private volatile HealthCheckpoint latest;

    /**
     * The last complete checkpoint in the record in {@code dir}; empty when the directory does not exist
     * yet or holds none. A record that cannot be read is reported to {@code warnings} and treated as empty:
     * the BMS starts without the checkpoint rather than not at all.
     */
    public static LatestCheckpoint fromRecord(Path dir, int cellCount, Consumer<String> warnings) {
        LatestCheckpoint c = new LatestCheckpoint();
        if (!Files.isDirectory(dir) || !Files.exists(dir.resolve(CycleRecordFile.ACTIVE))) {
            return c;
        }
        try {
            List<CycleRow> rows = CycleRecordReader.read(dir, warnings);
            c.latest = HealthCheckpoint.last(rows, cellCount);
        } catch (IOException | RuntimeException e) {
            warnings.accept("cannot read the last diagnostic checkpoint from " + dir.toAbsolutePath() + ": "
                    + e.getMessage() + "; health carries none until the next diagnostic");
        }
        return c;
    }

    /** Takes {@code rows} when they are a checkpoint (cycle rows are ignored); called once they are on disk. */
    public void offer(CycleRow[] rows) {
        HealthCheckpoint c = HealthCheckpoint.of(List.of(rows));
        if (c != null) {
            latest = c;
        }
    }

    /** The latest checkpoint, or null before the first. */
    @Override
    public HealthCheckpoint get() {
        return latest;
    }
}
