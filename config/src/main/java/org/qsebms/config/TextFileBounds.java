package org.qsebms.config;

import java.io.BufferedReader;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How large a text file that a command reads whole may be, and how long one of its lines: the bounds of what such a
 * file can sensibly hold, so that a wrong path ({@code /dev/zero}, a 300 MB file saved without line ends; check23u
 * defect 6) is refused with its size and the fix instead of ending in {@code OutOfMemoryError}. A refused line is
 * quoted by at most {@link #QUOTE_CHARS} characters.
 *
 * @param what the file's role in messages, e.g. "drive cycle"
 * @param maxBytes the largest file read (bytes)
 * @param whyBytes why a file of that kind stays under {@code maxBytes}, said in the refusal
 * @param maxLineChars the longest line read (characters)
 * @param whyLine why a line of that kind stays under {@code maxLineChars}, said in the refusal
 */
public record TextFileBounds(String what, long maxBytes, String whyBytes, int maxLineChars, String whyLine) {
    /** The most of a refused line or value a message quotes: enough to recognise it, never the whole of a huge one. */
    public static final int QUOTE_CHARS = 60;

    /**
     * A YAML file a person writes (configuration, scenario, preset) is read whole by the parser: 1 MiB is over 100
     * times the largest one shipped (7.9 kB, a scenario of the oracle's); its lines are the parser's to judge.
     */
    public static TextFileBounds yamlFile(String what) {
        return new TextFileBounds(
                what,
                1L << 20,
                "1 MiB is over 100 times the largest shipped, 7.9 kB",
                Integer.MAX_VALUE,
                "YAML lines are not bounded");
    }

    /**
     * A password file (MQTT's, the dashboard's) holds one line, the password: 128 KiB is twice the most MQTT can carry
     * (65535 bytes) and thousands of times a long passphrase. Its lines are not bounded apart, so that no refusal ever
     * quotes a line: the password is never put in a message.
     */
    public static TextFileBounds passwordFile(String what) {
        return new TextFileBounds(
                what,
                128L << 10,
                "a password file holds one line, the password; 128 KiB is twice the most MQTT can carry, 65535 bytes",
                Integer.MAX_VALUE,
                "a password line is never quoted");
    }

    public TextFileBounds {
        if (maxBytes < 1 || maxLineChars < 1) {
            throw new IllegalArgumentException("bounds must be positive: " + maxBytes + " bytes, " + maxLineChars);
        }
    }

    /**
     * The UTF-8 lines of {@code file}, read one at a time: at most {@link #maxBytes()} bytes and lines of at most
     * {@link #maxLineChars()} characters are held.
     *
     * @throws IllegalArgumentException when the path names something other than a file or folder (a device, a pipe),
     *     or the file or one of its lines is longer than the bounds; the message names the file, the line, the size,
     *     the bound, why and the fix
     * @throws IOException when the file cannot be read (missing, a folder, not UTF-8: see {@link FileErrorText})
     */
    public List<String> lines(Path file) throws IOException {
        requireAFile(file);
        List<String> lines = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                new Capped(Files.newInputStream(file), file), StandardCharsets.UTF_8.newDecoder()))) {
            StringBuilder line = new StringBuilder();
            long chars = 0;
            boolean pendingCr = false;
            int c;
            while ((c = in.read()) >= 0) {
                if (pendingCr && c == '\n') {
                    pendingCr = false;
                    continue;
                }
                pendingCr = c == '\r';
                if (c == '\n' || c == '\r') {
                    lines.add(line.toString());
                    line.setLength(0);
                    chars = 0;
                    continue;
                }
                if (++chars > maxLineChars) {
                    throw tooLongLine(file, lines.size() + 1, line.toString());
                }
                line.append((char) c);
            }
            if (!line.isEmpty()) {
                lines.add(line.toString());
            }
        }
        return lines;
    }

    /**
     * The UTF-8 text of {@code file}, at most {@link #maxBytes()} bytes of it; its lines are not bounded (for files a
     * parser reads whole, YAML, whose own errors quote a short excerpt).
     *
     * @throws IllegalArgumentException when the path names something other than a file or folder, or the file is
     *     larger than the bound
     * @throws IOException when the file cannot be read, or ({@link java.nio.charset.CharacterCodingException}) is not
     *     UTF-8
     */
    public String text(Path file) throws IOException {
        return StandardCharsets.UTF_8
                .newDecoder()
                .decode(java.nio.ByteBuffer.wrap(bytes(file)))
                .toString();
    }

    /**
     * The bytes of {@code file}, at most {@link #maxBytes()} of them.
     *
     * @throws IllegalArgumentException when the path names something other than a file or folder, or the file is
     *     larger than the bound
     * @throws IOException when the file cannot be read
     */
    public byte[] bytes(Path file) throws IOException {
        requireAFile(file);
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
            if (bytes.length > maxBytes) {
                throw tooLarge(file, "at least ", maxBytes + 1);
            }
            return bytes;
        }
    }

    /**
     * Refuses the first of {@code lines} longer than {@link #maxLineChars()}, naming {@code name} and its 1-based line.
     */
    public void requireShortLines(String name, List<String> lines) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).length() > maxLineChars) {
                throw tooLongLine(name, i + 1, lines.get(i));
            }
        }
    }

    /** At most {@link #QUOTE_CHARS} characters of {@code text}, then how long it is when it is longer. */
    public static String excerpt(String text) {
        if (text.length() <= QUOTE_CHARS) {
            return text;
        }
        return text.substring(0, QUOTE_CHARS) + "... (" + text.length() + " characters)";
    }

    private void requireAFile(Path file) throws IOException {
        if (Files.exists(file) && !Files.isRegularFile(file) && !Files.isDirectory(file)) {
            throw new Refused(
                    Refused.Kind.NOT_A_FILE,
                    what + " " + file,
                    "is not a regular file (a device such as /dev/zero, a pipe or a socket gives no end to read to)",
                    "; give the path of a file holding the " + what);
        }
        if (Files.isRegularFile(file) && Files.size(file) > maxBytes) {
            throw tooLarge(file, "", Files.size(file));
        }
    }

    /**
     * The refusal of a file of {@code size} bytes (read so far, {@code atLeast} "at least " when the file was not read
     * to its end), against the bound in MiB, or in bytes when the two would read the same in MiB (issue 23, check23w:
     * a state file one byte over 16 MiB was "16.0 MiB, more than the 16.0 MiB").
     */
    private Refused tooLarge(Path file, String atLeast, long size) {
        String bound = mib(maxBytes);
        String fact = mib(size).equals(bound)
                ? size + " bytes, more than the " + maxBytes + " bytes (" + bound + ")"
                : mib(size) + ", more than the " + bound;
        return new Refused(
                Refused.Kind.TOO_LARGE,
                what + " " + file,
                "is " + atLeast + fact + " a " + what + " can sensibly be (" + whyBytes + ")",
                "; is it the right file?");
    }

    private Refused tooLongLine(Object file, int lineNo, String start) {
        return new Refused(
                Refused.Kind.LONG_LINE,
                what + " " + file,
                "line " + lineNo + " is longer than " + maxLineChars + " characters, more than a " + what
                        + " line can sensibly be (" + whyLine + "); it starts '"
                        + start.substring(0, Math.min(QUOTE_CHARS, start.length())) + "...'",
                ". Is it the right file, saved with line ends (one row per line)?");
    }

    /**
     * A file refused by its bounds, with its message in parts: what and where ({@code "drive cycle /x.csv"}), the
     * fact against the bound with why ({@link #fact()}), and the fix (with its leading separator). A reader with its own wording (the state file,
     * whose refusal is a reason to keep the file aside) takes {@link #kind()} and {@link #fact()}.
     */
    public static final class Refused extends IllegalArgumentException {
        /** What about the file was refused. */
        public enum Kind {
            /** a device, a pipe or a socket: no end to read to */
            NOT_A_FILE,
            /** larger than the bound */
            TOO_LARGE,
            /** a line longer than the bound */
            LONG_LINE
        }

        private final Kind kind;
        private final String fact;

        Refused(Kind kind, String subject, String fact, String fix) {
            super(subject + " " + fact + fix);
            this.kind = kind;
            this.fact = fact;
        }

        public Kind kind() {
            return kind;
        }

        /** What the file is against its bound and why that is refused, e.g. "is 2048.0 MiB, more than ...". */
        public String fact() {
            return fact;
        }
    }

    private static String mib(long bytes) {
        if (bytes >= 1 << 20) {
            return String.format(Locale.ROOT, "%.1f MiB", bytes / (double) (1 << 20));
        }
        return bytes >= 1 << 10 && bytes % (1 << 10) == 0 ? (bytes >> 10) + " KiB" : bytes + " bytes";
    }

    /** A stream that refuses to give more than {@link #maxBytes()} bytes: a file may grow, or report no size. */
    private final class Capped extends FilterInputStream {
        private final Path file;
        private long read;

        Capped(InputStream in, Path file) {
            super(in);
            this.file = file;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            count(b < 0 ? 0 : 1);
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            count(Math.max(n, 0));
            return n;
        }

        private void count(int n) {
            read += n;
            if (read > maxBytes) {
                throw tooLarge(file, "at least ", read);
            }
        }
    }
}
