package org.qsebms.bms.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CommandInboxTest {
    private static final String TOPIC = "qse-bms/p1/cmd/charge-limit";

    @Test
    void anOversizedPayloadIsNeverQueuedOnlyAMarkerWithItsSize() {
        AtomicInteger wakes = new AtomicInteger();
        CommandInbox inbox = new CommandInbox(2048, 1 << 20, 1024, wakes::incrementAndGet);
        inbox.offer(TOPIC, new byte[1 << 20], true);

        CommandInbox.Inbound in = inbox.poll();
        assertThat(in.oversize()).isTrue();
        assertThat(in.payload()).isNull();
        assertThat(in.bytes()).isEqualTo(1 << 20);
        assertThat(in.retained()).isTrue();
        assertThat(inbox.oversize()).isEqualTo(1);
        assertThat(wakes.get()).isEqualTo(1);
    }

    @Test
    void theQueueIsBoundedByBytesAndGivesThemBackWhenTaken() {
        long entry = CommandInbox.ENTRY_OVERHEAD_BYTES + 2L * TOPIC.length() + 2048;
        CommandInbox inbox = new CommandInbox(2048, 3 * entry, 1024, () -> {});
        for (int i = 0; i < 5; i++) {
            inbox.offer(TOPIC, new byte[2048], false);
        }
        assertThat(inbox.queuedBytes()).isEqualTo(3 * entry);
        assertThat(inbox.overflow()).as("the 4th and 5th did not fit").isEqualTo(2);
        assertThat(inbox.poll().payload()).hasSize(2048);
        assertThat(inbox.queuedBytes()).isEqualTo(2 * entry);
        inbox.offer(TOPIC, new byte[2048], false); // room again
        assertThat(inbox.overflow()).isEqualTo(2);
        int n = 0;
        while (inbox.poll() != null) {
            n++;
        }
        assertThat(n).isEqualTo(3);
        assertThat(inbox.queuedBytes()).isZero();
        assertThat(inbox.isEmpty()).isTrue();
    }

    @Test
    void smallCommandsAreBoundedByCountToo() {
        CommandInbox inbox = new CommandInbox(2048, 1 << 30, 4, () -> {});
        for (int i = 0; i < 6; i++) {
            inbox.offer(TOPIC, "{}".getBytes(), false);
        }
        assertThat(inbox.overflow()).isEqualTo(2);
    }

    @Test
    void aFloodOfOversizedPayloadsCostsOnlyTheirMarkers() {
        CommandInbox inbox = new CommandInbox(2048, TelemetryPublisher.INBOUND_MAX_BYTES, 1024, () -> {});
        byte[] big = new byte[1 << 20];
        for (int i = 0; i < 200; i++) {
            inbox.offer(TOPIC, big, false);
        }
        assertThat(inbox.overflow()).isZero();
        assertThat(inbox.queuedBytes()).isEqualTo(200L * (CommandInbox.ENTRY_OVERHEAD_BYTES + 2L * TOPIC.length()));
    }
}
