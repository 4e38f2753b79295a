package org.qsebms.bms.record;

import java.nio.file.Path;

/**
 * A child JVM for {@link CycleRecordCrashTest}: opens the record in the given directory (numbering
 * on from what is on disk), prints {@code next=N}, then cycles a two-cell counter as fast as a
 * short sleep allows, printing {@code written=N} once cycle N is on the disk, until it is killed.
 */
public final class RecordWriterChild {
    private RecordWriterChild() {}

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        CycleRecord record = CycleRecord.open(dir, 2, new CycleRules(0.1, 0.02, 3.0, 0.05), null, rows -> {
            System.out.println("written=" + rows[0].cycle());
            System.out.flush();
        });
        record.startCounting();
        System.out.println("next=" + record.counter().nextCycle());
        System.out.flush();
        double[] v = {3.7, 3.8};
        double[] t = {25, 26};
        long ms = System.currentTimeMillis();
        for (long k = 0; ; k++) {
            double amps = (k / 20) % 2 == 0 ? 1.0 : -1.0; // 20 minutes each way: 0.33 Ah
            record.counter().update(ms += 60_000, amps, v, t, null, 60, 3.7, false, false, 10);
            if (k % 4 == 0) {
                Thread.sleep(1);
            }
        }
    }
}
