package org.qsebms.bms.telemetry;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.TreeMap;
import org.tinylog.Logger;

/**
 * Disk-backed store-and-forward spool for messages that could not be delivered: one small file
 * per message, named by a monotonically increasing spool index so the directory order is the
 * delivery order, also after a restart. Bounded by a message count; on overflow the oldest
 * {@link OutboundMessage.Lane#PERIODIC} message is deleted and counted. {@link OutboundMessage.Lane#PRIORITY}
 * messages (alarms, events, command results) are never dropped, so only they may push the spool
 * past its bound. Used by the telemetry thread only (not thread-safe).
 *
 * <p>Durability: a message file is written to a temporary name and atomically renamed; priority
 * messages are also forced to the device before the rename, periodic ones are not (a power cut
 * may lose the last few seconds of periodic samples, never an acknowledged alarm).
 */
public final class DiskSpool {
    private static final int MAGIC = 0x51534d31; // "QSM1"
    private static final String SUFFIX = ".msg";

    private final Path dir;
    private final int maxMessages;
    private final TreeMap<Long, OutboundMessage.Lane> index = new TreeMap<>();
    private final ArrayDeque<Long> periodic = new ArrayDeque<>();
    private long nextId;
    private long droppedPeriodic;
    private final java.util.HashMap<String, Long> droppedByTopic = new java.util.HashMap<>();
    private long corrupt;

    /** Opens (and creates) the spool in {@code dir}, recovering the messages left there by a previous run. */
    public DiskSpool(Path dir, int maxMessages) {
        if (maxMessages < 1) {
            throw new IllegalArgumentException("mqtt.spoolMaxMessages: " + maxMessages + " must be at least 1");
        }
        this.dir = dir;
        this.maxMessages = maxMessages;
        try {
            Files.createDirectories(dir);
            try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
                for (Path f : files) {
                    recover(f);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(
                    "MQTT spool directory " + dir.toAbsolutePath() + " cannot be opened ("
                            + org.qsebms.bms.persistence.FileProblem.describe(e) + "); make it writable or set "
                            + "mqtt.spoolDirectory to a writable directory",
                    e);
        }
        for (Map.Entry<Long, OutboundMessage.Lane> e : index.entrySet()) {
            if (e.getValue() == OutboundMessage.Lane.PERIODIC) {
                periodic.addLast(e.getKey());
            }
        }
        nextId = index.isEmpty() ? 1 : index.lastKey() + 1;
        if (!index.isEmpty()) {
            Logger.info(
                    "MQTT spool {}: {} undelivered messages from a previous run will be sent first", dir, index.size());
        }
    }

    private void recover(Path f) throws IOException {
        String name = f.getFileName().toString();
        if (name.endsWith(".tmp")) {
            Files.deleteIfExists(f); // an interrupted write: never renamed, never counted as spooled
            return;
        }
        if (!name.endsWith(SUFFIX) || name.length() != 16 + 2 + SUFFIX.length()) {
            return;
        }
        try {
            long id = Long.parseUnsignedLong(name.substring(0, 16), 16);
            OutboundMessage.Lane lane =
                    name.charAt(17) == 'A' ? OutboundMessage.Lane.PRIORITY : OutboundMessage.Lane.PERIODIC;
            index.put(id, lane);
        } catch (NumberFormatException e) {
            Logger.warn("MQTT spool {}: ignoring foreign file {}", dir, name);
        }
    }

    private Path file(long id, OutboundMessage.Lane lane) {
        return dir.resolve(String.format("%016x-%c%s", id, lane == OutboundMessage.Lane.PRIORITY ? 'A' : 'P', SUFFIX));
    }

    /** Appends a message at the tail; may drop the oldest periodic message to stay within the bound. */
    public void append(OutboundMessage m) {
        while (index.size() >= maxMessages && !periodic.isEmpty()) {
            long victim = periodic.pollFirst();
            index.remove(victim);
            Path vf = file(victim, OutboundMessage.Lane.PERIODIC);
            countDrop(topicOf(vf));
            deleteQuietly(vf);
        }
        if (index.size() >= maxMessages && m.lane() == OutboundMessage.Lane.PERIODIC) {
            countDrop(m.topic()); // the spool is full of alarms: the new sample is the oldest periodic one we may drop
            return;
        }
        long id = nextId++;
        Path target = file(id, m.lane());
        Path tmp = dir.resolve(target.getFileName() + ".tmp");
        try {
            byte[] bytes = encode(m);
            try (FileChannel ch = FileChannel.open(
                    tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buf = ByteBuffer.wrap(bytes);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                if (m.lane() == OutboundMessage.Lane.PRIORITY) {
                    ch.force(true);
                }
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "MQTT spool " + dir.toAbsolutePath() + ": cannot write " + target.getFileName() + " ("
                            + e.getMessage() + "); free disk space or set mqtt.spoolDirectory elsewhere",
                    e);
        }
        index.put(id, m.lane());
        if (m.lane() == OutboundMessage.Lane.PERIODIC) {
            periodic.addLast(id);
        }
    }

    /** The oldest message, or null when empty. Unreadable files are deleted, counted and skipped. */
    OutboundMessage peek() {
        while (!index.isEmpty()) {
            Map.Entry<Long, OutboundMessage.Lane> first = index.firstEntry();
            Path f = file(first.getKey(), first.getValue());
            try {
                return decode(Files.readAllBytes(f));
            } catch (IOException | RuntimeException e) {
                Logger.warn(
                        "MQTT spool {}: dropping unreadable message file {} ({})",
                        dir,
                        f.getFileName(),
                        e.getMessage());
                corrupt++;
                removeFirst();
            }
        }
        return null;
    }

    /** Removes the oldest message (after the broker acknowledged it). */
    public void removeFirst() {
        Map.Entry<Long, OutboundMessage.Lane> first = index.pollFirstEntry();
        if (first == null) {
            return;
        }
        if (first.getValue() == OutboundMessage.Lane.PERIODIC) {
            periodic.remove(first.getKey());
        }
        deleteQuietly(file(first.getKey(), first.getValue()));
    }

    public int size() {
        return index.size();
    }

    public boolean isEmpty() {
        return index.isEmpty();
    }

    /** Periodic messages deleted to respect the bound since this spool was opened. */
    long droppedPeriodic() {
        return droppedPeriodic;
    }

    /** Periodic messages of {@code topic} dropped to respect the bound. */
    long droppedPeriodic(String topic) {
        return droppedByTopic.getOrDefault(topic, 0L);
    }

    private void countDrop(String topic) {
        droppedPeriodic++;
        droppedByTopic.merge(topic, 1L, Long::sum);
    }

    private static String topicOf(Path f) {
        try {
            return decode(Files.readAllBytes(f)).topic();
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }

    /** Message files found unreadable and deleted. */
    long corrupt() {
        return corrupt;
    }

    public Path directory() {
        return dir;
    }

    private void deleteQuietly(Path f) {
        try {
            Files.deleteIfExists(f);
        } catch (IOException e) {
            Logger.warn("MQTT spool {}: cannot delete {} ({})", dir, f.getFileName(), e.getMessage());
        }
    }

    static byte[] encode(OutboundMessage m) throws IOException {
        ByteArrayOutputStream bytes =
                new ByteArrayOutputStream(m.payload().length + m.topic().length() + 16);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(MAGIC);
            out.writeUTF(m.topic());
            out.writeByte(m.qos());
            out.writeBoolean(m.retained());
            out.writeByte(m.lane().ordinal());
            out.writeInt(m.payload().length);
            out.write(m.payload());
        }
        return bytes.toByteArray();
    }

    static OutboundMessage decode(byte[] data) throws IOException {
        try (DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(data))) {
            if (in.readInt() != MAGIC) {
                throw new IOException("not a spool message (bad magic)");
            }
            String topic = in.readUTF();
            int qos = in.readByte();
            boolean retained = in.readBoolean();
            OutboundMessage.Lane lane = OutboundMessage.Lane.values()[in.readByte()];
            int n = in.readInt();
            if (n < 0 || n > data.length) {
                throw new IOException("payload length " + n + " exceeds the file");
            }
            byte[] payload = in.readNBytes(n);
            if (payload.length != n) {
                throw new IOException("truncated payload");
            }
            return new OutboundMessage(topic, payload, qos, retained, lane);
        }
    }
}
