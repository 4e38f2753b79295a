package org.qsebms.bms.record;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.function.Consumer;

/**
 * The record's files in one directory: {@code cycles.csv} is appended to, each append forced to
 * the disk ({@code fsync}) before it returns, so a crash or power loss loses at most the append in
 * flight, whose torn line is cut off the next time the file is opened (and skipped by the
 * reader). When the file grows past {@code maxBytes} it is renamed to {@code cycles-NNNNNN.csv}
 * (numbered up) and a new one begins with the header; only the newest {@code keepFiles} rotated
 * files are kept, so the record never takes more than about {@code (keepFiles + 1) x maxBytes}.
 */
public final class CycleRecordFile implements AutoCloseable {
    /** The file that is appended to. */
    static final String ACTIVE = "cycles.csv";

    private static final byte[] HEADER = (CycleCsv.HEADER + "\n").getBytes(StandardCharsets.UTF_8);

    private final Path dir;
    private final long maxBytes;
    private final int keepFiles;
    private final Consumer<String> warnings;
    private FileChannel channel;

    /**
     * Opens (creating) the record in {@code dir}. A torn last line left by a crash is cut off, and a
     * {@code cycles.csv} with another header or that is not a regular file (a device, a pipe) is moved aside (never
     * deleted); each with a warning.
     */
    public CycleRecordFile(Path dir, long maxBytes, int keepFiles, Consumer<String> warnings) throws IOException {
        if (maxBytes < 4096 || keepFiles < 1) {
            throw new IllegalArgumentException(
                    "record rotation needs maxBytes >= 4096 and keepFiles >= 1, got " + maxBytes + ", " + keepFiles);
        }
        this.dir = dir;
        this.maxBytes = maxBytes;
        this.keepFiles = keepFiles;
        this.warnings = warnings;
        Files.createDirectories(dir);
        open();
    }

    private void open() throws IOException {
        Path active = dir.resolve(ACTIVE);
        if (Files.exists(active) && !Files.isRegularFile(active)) {
            // a device, a pipe or a link to one: appends would vanish (/dev/null, /dev/zero) or block (a pipe)
            Path aside = dir.resolve("cycles.csv.not-a-file-" + System.currentTimeMillis());
            Files.move(active, aside);
            warnings.accept(active.toAbsolutePath() + " is not a regular file (a device, a pipe or a socket, or a link"
                    + " to one, where the record's rows would be lost); moved it to " + aside.getFileName()
                    + " and began a new record");
        }
        if (Files.exists(active) && Files.size(active) > 0 && !startsWithHeader(active)) {
            Path aside = dir.resolve("cycles.csv.unrecognised-" + System.currentTimeMillis());
            Files.move(active, aside, StandardCopyOption.ATOMIC_MOVE);
            warnings.accept(active.toAbsolutePath() + " does not start with the record's header; moved it to "
                    + aside.getFileName() + " and began a new record (see docs/record.md for the columns)");
        }
        channel =
                FileChannel.open(active, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.READ);
        long size = channel.size();
        if (size == 0) {
            writeFully(ByteBuffer.wrap(HEADER), 0);
            channel.force(true);
            forceDirectory();
        } else {
            long keep = lastNewlineEnd(size);
            if (keep < size) {
                channel.truncate(keep);
                channel.force(true);
                warnings.accept(active.toAbsolutePath() + ": cut off a torn last line of " + (size - keep)
                        + " bytes (an append interrupted by a crash or power loss)");
            }
        }
        channel.position(channel.size());
    }

    private boolean startsWithHeader(Path file) throws IOException {
        byte[] head = new byte[HEADER.length];
        try (FileChannel c = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer b = ByteBuffer.wrap(head);
            while (b.hasRemaining() && c.read(b) > 0) {
                // read on
            }
            return !b.hasRemaining() && java.util.Arrays.equals(head, HEADER);
        }
    }

    private long lastNewlineEnd(long size) throws IOException {
        long pos = size;
        ByteBuffer one = ByteBuffer.allocate(4096);
        while (pos > 0) {
            int n = (int) Math.min(4096, pos);
            one.clear().limit(n);
            channel.read(one, pos - n);
            for (int i = n - 1; i >= 0; i--) {
                if (one.get(i) == '\n') {
                    return pos - n + i + 1;
                }
            }
            pos -= n;
        }
        return 0;
    }

    /** Appends whole lines and forces them to the disk; rotates afterwards when the file is past its size. */
    public void append(List<String> lines) throws IOException {
        StringBuilder b = new StringBuilder();
        for (String l : lines) {
            b.append(l).append('\n');
        }
        ByteBuffer buf = ByteBuffer.wrap(b.toString().getBytes(StandardCharsets.UTF_8));
        writeFully(buf, channel.size());
        channel.force(false);
        if (channel.size() >= maxBytes) {
            rotate();
        }
    }

    private void writeFully(ByteBuffer buf, long at) throws IOException {
        long pos = at;
        while (buf.hasRemaining()) {
            pos += channel.write(buf, pos);
        }
    }

    private void rotate() throws IOException {
        channel.close();
        List<Path> rotated = CycleRecordReader.rotatedFiles(dir);
        int next = rotated.isEmpty() ? 1 : CycleRecordReader.rotationNumber(rotated.getLast()) + 1;
        Files.move(
                dir.resolve(ACTIVE),
                dir.resolve(String.format("cycles-%06d.csv", next)),
                StandardCopyOption.ATOMIC_MOVE);
        rotated = CycleRecordReader.rotatedFiles(dir);
        for (int i = 0; i < rotated.size() - keepFiles; i++) {
            Files.deleteIfExists(rotated.get(i));
        }
        open();
    }

    /** Makes the directory entry of a new file durable (best effort: not every file system allows it). */
    private void forceDirectory() {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // the file's own data is forced; a lost directory entry of an empty record costs nothing
        }
    }

    public Path directory() {
        return dir;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
