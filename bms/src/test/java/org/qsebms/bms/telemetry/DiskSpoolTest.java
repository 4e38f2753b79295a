package org.qsebms.bms.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiskSpoolTest {
    @TempDir
    Path dir;

    private static OutboundMessage msg(String text, OutboundMessage.Lane lane) {
        return new OutboundMessage(
                "t/" + lane, text.getBytes(StandardCharsets.UTF_8), 1, lane == OutboundMessage.Lane.PERIODIC, lane);
    }

    private static List<String> drain(DiskSpool s) {
        List<String> out = new ArrayList<>();
        OutboundMessage m;
        while ((m = s.peek()) != null) {
            out.add(new String(m.payload(), StandardCharsets.UTF_8));
            s.removeFirst();
        }
        return out;
    }

    @Test
    void deliversInAppendOrderAlsoAfterReopening() {
        DiskSpool s = new DiskSpool(dir, 100);
        for (int i = 0; i < 10; i++) {
            s.append(msg("m" + i, i % 3 == 0 ? OutboundMessage.Lane.PRIORITY : OutboundMessage.Lane.PERIODIC));
        }
        s.peek();
        s.removeFirst();

        DiskSpool reopened = new DiskSpool(dir, 100);

        assertThat(drain(reopened)).containsExactly("m1", "m2", "m3", "m4", "m5", "m6", "m7", "m8", "m9");
        OutboundMessage again = new DiskSpool(dir, 100).peek();
        assertThat(again).isNull();
    }

    @Test
    void overflowDropsOldestPeriodicAndCountsButNeverAlarms() {
        DiskSpool s = new DiskSpool(dir, 5);
        s.append(msg("p1", OutboundMessage.Lane.PERIODIC));
        s.append(msg("a1", OutboundMessage.Lane.PRIORITY));
        s.append(msg("p2", OutboundMessage.Lane.PERIODIC));
        s.append(msg("p3", OutboundMessage.Lane.PERIODIC));
        s.append(msg("a2", OutboundMessage.Lane.PRIORITY));
        s.append(msg("p4", OutboundMessage.Lane.PERIODIC));
        s.append(msg("a3", OutboundMessage.Lane.PRIORITY));

        assertThat(s.droppedPeriodic()).isEqualTo(2);
        assertThat(drain(s)).containsExactly("a1", "p3", "a2", "p4", "a3");
    }

    @Test
    void alarmsExceedTheBoundRatherThanBeingDropped() {
        DiskSpool s = new DiskSpool(dir, 2);
        for (int i = 0; i < 4; i++) {
            s.append(msg("a" + i, OutboundMessage.Lane.PRIORITY));
        }
        s.append(msg("p", OutboundMessage.Lane.PERIODIC));

        assertThat(s.size()).isEqualTo(4);
        assertThat(s.droppedPeriodic()).isEqualTo(1);
        assertThat(drain(s)).containsExactly("a0", "a1", "a2", "a3");
    }

    @Test
    void unreadableFileIsSkippedAndCountedAndInterruptedWritesIgnored() throws Exception {
        DiskSpool s = new DiskSpool(dir, 10);
        s.append(msg("a", OutboundMessage.Lane.PRIORITY));
        s.append(msg("b", OutboundMessage.Lane.PRIORITY));
        try (var files = Files.list(dir)) {
            Path first = files.sorted().findFirst().orElseThrow();
            Files.write(first, new byte[] {1, 2, 3});
        }
        Files.write(dir.resolve("00000000000000ff-A.msg.tmp"), new byte[] {9});

        DiskSpool reopened = new DiskSpool(dir, 10);

        assertThat(drain(reopened)).containsExactly("b");
        assertThat(reopened.corrupt()).isEqualTo(1);
        assertThat(Files.exists(dir.resolve("00000000000000ff-A.msg.tmp"))).isFalse();
    }
}
