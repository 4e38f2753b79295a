package org.qsebms.bms.persistence;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.zip.CRC32;
import org.qsebms.estimators.health.HealthState;
import org.qsebms.estimators.health.UsableCapacity;
import org.qsebms.estimators.soc.SocState;

/**
 * The state file: a small line-oriented text file ({@code key=value}) ending in a {@code crc32=}
 * line over every byte before it. Writes are atomic: the content goes to {@code NAME.tmp}, is
 * forced to the device, renamed over {@code NAME} with an atomic move, and the directory is
 * forced so the rename itself survives power loss. A reader therefore sees the previous file or
 * the new one, never a mix; the checksum catches anything else (bit rot, a truncated copy, an edit).
 */
public final class StateFile {
    static final int FORMAT = 1;
    private static final String HEADER = "# qse-bms persisted state. Do not edit: the crc32 line must match.\n";

    /** Reads the whole file (a seam for tests that need a read to fail where root could read anything). */
    @FunctionalInterface
    interface Reader {
        byte[] read(Path file) throws IOException;
    }

    private final Path file;
    private final Path tmp;
    private final Reader reader;
    private final LongSupplier epochMillis;
    /** Why the file on disk must not be replaced (it could not be read and could not be moved aside), or null. */
    private volatile String doNotOverwrite;

    public StateFile(Path file) {
        this(file, Files::readAllBytes, System::currentTimeMillis);
    }

    StateFile(Path file, Reader reader, LongSupplier epochMillis) {
        this.file = file;
        this.tmp = file.resolveSibling(file.getFileName() + ".tmp");
        this.reader = reader;
        this.epochMillis = epochMillis;
    }

    public Path path() {
        return file;
    }

    /**
     * The outcome of a load: the state to use, a warning when it is not what was on disk, and one warning per field
     * whose value could not be true and fell back to its default.
     */
    public record Loaded(PersistedState state, boolean restored, String warning, List<String> fieldWarnings) {
        public Loaded(PersistedState state, boolean restored, String warning) {
            this(state, restored, warning, List.of());
        }
    }

    /** Writes {@code state} atomically. Never called from the control loop. */
    public void write(PersistedState state) throws IOException {
        String refuse = doNotOverwrite;
        if (refuse != null) {
            throw new IOException(refuse);
        }
        if (Files.isDirectory(file)) {
            throw new IOException(file.toAbsolutePath() + " is a directory, where the state file should be; move it "
                    + "away (the state is not saved until then)");
        }
        byte[] bytes = encode(state);
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        try (FileChannel ch = FileChannel.open(
                tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buf = ByteBuffer.wrap(bytes);
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
            ch.force(true);
        }
        try {
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException(
                    "the file system of " + dir + " cannot rename atomically; put persistence.directory "
                            + "on a local file system (ext4, f2fs, btrfs)",
                    e);
        }
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // some platforms cannot open a directory for sync; the rename is still atomic there
        }
    }

    /**
     * Loads the state for a pack of {@code cells} cells. Never throws: a missing, unreadable,
     * corrupt or mismatched file gives {@code defaults} and a warning that says what and why. A file
     * that could not be used (unreadable, a directory in its place, corrupt, for another pack) is
     * kept aside under a new name ({@code NAME.unreadable-<time>}, ...) and never overwritten; when it
     * cannot even be moved, no save replaces it. A file that loads has every field checked
     * ({@link PersistedStateCheck}).
     */
    public Loaded load(int cells, PersistedState defaults) {
        Path shown = file.toAbsolutePath();
        if (Files.isDirectory(file)) {
            return new Loaded(
                    defaults,
                    false,
                    "persisted state " + shown + " is a directory, not a file; "
                            + keepAside("directory", "it")
                            + "; starting with safe defaults, SOC from the open-circuit voltage");
        }
        byte[] bytes;
        try {
            bytes = reader.read(file);
        } catch (NoSuchFileException e) {
            return new Loaded(
                    defaults,
                    false,
                    "no persisted state at " + shown
                            + " (first start?): starting with safe defaults, SOC from the open-circuit voltage");
        } catch (IOException e) {
            return new Loaded(
                    defaults,
                    false,
                    "cannot read persisted state " + shown + ": " + FileProblem.describe(e)
                            + "; " + keepAside("unreadable", "the saved state")
                            + "; starting with safe defaults, SOC from the "
                            + "open-circuit voltage");
        }
        try {
            PersistedState s = decode(bytes);
            if (s.cellCount() != cells) {
                return new Loaded(
                        defaults,
                        false,
                        "persisted state " + shown + " is for " + s.cellCount()
                                + " cells but the pack has " + cells + "; ignoring it and starting with safe defaults; "
                                + keepAside("other-pack", "it") + " (delete it if the pack was rebuilt)");
            }
            PersistedStateCheck.Checked checked =
                    PersistedStateCheck.check(s, defaults, epochMillis.getAsLong(), shown.toString());
            return new Loaded(checked.state(), true, null, checked.warnings());
        } catch (CorruptStateException e) {
            return new Loaded(
                    defaults,
                    false,
                    "persisted state " + shown + " is corrupt (" + e.getMessage()
                            + "); ignoring it and starting with safe defaults, SOC from the open-circuit voltage; "
                            + keepAside("corrupt", "it") + ". A new file is written at the next save");
        }
    }

    /**
     * Renames the file (or directory) at the state path to {@code NAME.<why>-<epochMillis>} so the next save cannot
     * replace it; when that fails, refuses every save. Returns what happened, for the warning.
     */
    private String keepAside(String why, String what) {
        Path aside = file.resolveSibling(file.getFileName() + "." + why + "-" + epochMillis.getAsLong());
        try {
            Files.move(file, aside);
            return what + " is kept aside as " + aside.toAbsolutePath() + " (never overwritten)";
        } catch (IOException e) {
            doNotOverwrite = "not saving over " + file.toAbsolutePath() + ": it could not be used at start (" + why
                    + ") and could not be moved aside (" + FileProblem.describe(e) + "); fix its permissions or move "
                    + "it away, and the state is saved again";
            return "it could not be moved aside (" + FileProblem.describe(e) + "), so it is never overwritten: the "
                    + "state is not saved until you fix or move it";
        }
    }

    static final class CorruptStateException extends Exception {
        CorruptStateException(String message) {
            super(message);
        }
    }

    static byte[] encode(PersistedState s) {
        StringBuilder b = new StringBuilder(512);
        b.append(HEADER);
        b.append("format=").append(FORMAT).append('\n');
        b.append("sequence=").append(s.sequence()).append('\n');
        b.append("savedEpochMillis=").append(s.savedEpochMillis()).append('\n');
        b.append("cells=").append(s.cellCount()).append('\n');
        array(b, "cellSoc", s.soc().cellSoc());
        HealthState h = s.health();
        array(b, "capacityAh", h.capacityAh());
        array(b, "resistanceOhm", h.r0At25Ohms());
        array(b, "seiResistanceOhm", h.seiOhms());
        b.append("cycleCount=").append(s.cycleCount()).append('\n');
        b.append("ahThroughput=").append(s.ahThroughput()).append('\n');
        b.append("lithiumInventoryFraction=")
                .append(h.lithiumInventoryFraction())
                .append('\n');
        array(b, "capacitySigmaAh", h.capacitySigmaAh());
        array(b, "excessLithiumAh", h.excessLithiumAh());
        array(b, "lithiumLossPerCycleAh", h.lithiumLossPerCycleAh());
        b.append("closedCycles=");
        int[] closed = h.closedCycles();
        for (int i = 0; i < closed.length; i++) {
            b.append(i > 0 ? "," : "").append(closed[i]);
        }
        b.append('\n');
        UsableCapacity u = s.usableCapacity();
        if (u != null) {
            b.append("usableCapacity=")
                    .append(u.ampHours())
                    .append(';')
                    .append(u.meanDischargeC())
                    .append(';')
                    .append(u.meanCelsius())
                    .append(';')
                    .append(u.epochMillis())
                    .append('\n');
        }
        for (HealthState.HistoryPoint p : h.history()) {
            b.append("resistance=")
                    .append(p.equivalentCycles())
                    .append(';')
                    .append(p.epochDays())
                    .append(';')
                    .append(p.r0Ohms())
                    .append(';')
                    .append(p.seiOhms())
                    .append('\n');
        }
        b.append("latchedFaults=").append(String.join(",", s.latchedFaults())).append('\n');
        b.append("tripHistory=");
        for (int i = 0; i < s.tripHistory().size(); i++) {
            TripRecord t = s.tripHistory().get(i);
            b.append(i == 0 ? "" : ",").append(t.id()).append('@').append(t.epochMillis());
        }
        b.append('\n');
        for (FaultLogEntry f : s.faultLog()) {
            b.append("fault=")
                    .append(f.epochMillis())
                    .append(';')
                    .append(f.code())
                    .append(';')
                    .append(f.id())
                    .append(';')
                    .append(f.raised())
                    .append(';')
                    .append(f.reason())
                    .append('\n');
        }
        byte[] body = b.toString().getBytes(StandardCharsets.UTF_8);
        CRC32 crc = new CRC32();
        crc.update(body);
        byte[] tail = String.format(Locale.ROOT, "crc32=%08x\n", crc.getValue()).getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[body.length + tail.length];
        System.arraycopy(body, 0, out, 0, body.length);
        System.arraycopy(tail, 0, out, body.length, tail.length);
        return out;
    }

    private static void array(StringBuilder b, String key, double[] values) {
        b.append(key).append('=');
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                b.append(',');
            }
            b.append(values[i]);
        }
        b.append('\n');
    }

    static PersistedState decode(byte[] bytes) throws CorruptStateException {
        int crcAt = lastLineStart(bytes);
        String tail = new String(bytes, crcAt, bytes.length - crcAt, StandardCharsets.UTF_8);
        if (!tail.startsWith("crc32=") || !tail.endsWith("\n")) {
            throw new CorruptStateException(
                    "no checksum line at the end: the file is truncated or was not written by qse-bms");
        }
        long stored;
        try {
            stored = Long.parseLong(tail.substring(6, tail.length() - 1), 16);
        } catch (NumberFormatException e) {
            throw new CorruptStateException("unreadable checksum '" + tail.strip() + "'");
        }
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, crcAt);
        if (crc.getValue() != stored) {
            throw new CorruptStateException(String.format(
                    Locale.ROOT, "checksum mismatch: file says %08x, content gives %08x", stored, crc.getValue()));
        }
        Map<String, String> kv = new HashMap<>();
        List<FaultLogEntry> faults = new ArrayList<>();
        List<HealthState.HistoryPoint> history = new ArrayList<>();
        for (String line : new String(bytes, 0, crcAt, StandardCharsets.UTF_8).split("\n")) {
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int eq = line.indexOf('=');
            if (eq < 0) {
                throw new CorruptStateException("line without '=': " + line);
            }
            String key = line.substring(0, eq);
            String value = line.substring(eq + 1);
            if (key.equals("fault")) {
                faults.add(fault(value));
            } else if (key.equals("resistance")) {
                history.add(historyPoint(value));
            } else {
                kv.put(key, value);
            }
        }
        int format = (int) integer(kv, "format");
        if (format != FORMAT) {
            throw new CorruptStateException("format " + format + " is not the supported format " + FORMAT);
        }
        int cells = (int) integer(kv, "cells");
        double[] soc = doubles(kv, "cellSoc", cells); // values are checked field by field (PersistedStateCheck)
        try {
            // read in the file's field order, so the first missing or malformed field is the one named
            long sequence = integer(kv, "sequence");
            long saved = integer(kv, "savedEpochMillis");
            double[] capacityAh = doubles(kv, "capacityAh", cells);
            double[] r0 = doubles(kv, "resistanceOhm", cells);
            double[] sei = doubles(kv, "seiResistanceOhm", cells);
            long cycleCount = integer(kv, "cycleCount");
            double ahThroughput = number(kv, "ahThroughput");
            double inventory = number(kv, "lithiumInventoryFraction");
            HealthState health = new HealthState(
                    capacityAh,
                    // health details came with the health tracker; older files lack them (unknown, not corrupt)
                    optionalDoubles(kv, "capacitySigmaAh", cells),
                    r0,
                    sei,
                    optionalDoubles(kv, "excessLithiumAh", cells),
                    optionalDoubles(kv, "lithiumLossPerCycleAh", cells),
                    closedCycles(kv, cells),
                    inventory,
                    history);
            return new PersistedState(
                    sequence,
                    saved,
                    new SocState(soc),
                    cycleCount,
                    ahThroughput,
                    faults,
                    health,
                    // came with the usable-capacity meter: older files have none (not measured, not corrupt)
                    kv.containsKey("usableCapacity") ? usableCapacity(kv.get("usableCapacity")) : null,
                    // came with latch persistence: older files give the latches their fault log leaves
                    kv.containsKey("latchedFaults")
                            ? latchedFaults(kv.get("latchedFaults"))
                            : LatchedFaults.fromLog(faults),
                    // came with the persisted lockout history: older files have none (no trips known, not corrupt)
                    kv.containsKey("tripHistory") ? tripHistory(kv.get("tripHistory")) : List.of());
        } catch (IllegalArgumentException e) {
            throw new CorruptStateException(e.getMessage());
        }
    }

    private static int lastLineStart(byte[] bytes) {
        int end = bytes.length - 1;
        if (end < 0) {
            return 0;
        }
        int i = bytes[end] == '\n' ? end - 1 : end;
        while (i >= 0 && bytes[i] != '\n') {
            i--;
        }
        return i + 1;
    }

    private static String required(Map<String, String> kv, String key) throws CorruptStateException {
        String v = kv.get(key);
        if (v == null) {
            throw new CorruptStateException("missing key '" + key + "'");
        }
        return v;
    }

    private static long integer(Map<String, String> kv, String key) throws CorruptStateException {
        try {
            return Long.parseLong(required(kv, key));
        } catch (NumberFormatException e) {
            throw new CorruptStateException(key + " is not an integer: " + kv.get(key));
        }
    }

    private static double number(Map<String, String> kv, String key) throws CorruptStateException {
        try {
            return Double.parseDouble(required(kv, key));
        } catch (NumberFormatException e) {
            throw new CorruptStateException(key + " is not a number: " + kv.get(key));
        }
    }

    private static double[] doubles(Map<String, String> kv, String key, int n) throws CorruptStateException {
        String[] parts = required(kv, key).split(",", -1);
        if (parts.length != n) {
            throw new CorruptStateException(key + " has " + parts.length + " values, expected " + n);
        }
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            try {
                out[i] = Double.parseDouble(parts[i]);
            } catch (NumberFormatException e) {
                throw new CorruptStateException(key + "[" + i + "] is not a number: " + parts[i]);
            }
        }
        return out;
    }

    private static double[] optionalDoubles(Map<String, String> kv, String key, int n) throws CorruptStateException {
        return kv.containsKey(key) ? doubles(kv, key, n) : PersistedState.nans(n);
    }

    private static int[] closedCycles(Map<String, String> kv, int n) throws CorruptStateException {
        if (!kv.containsKey("closedCycles")) {
            return new int[n];
        }
        String[] parts = kv.get("closedCycles").split(",", -1);
        if (parts.length != n) {
            throw new CorruptStateException("closedCycles has " + parts.length + " values, expected " + n);
        }
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            try {
                out[i] = Integer.parseInt(parts[i]);
            } catch (NumberFormatException e) {
                throw new CorruptStateException("closedCycles[" + i + "] is not an integer: " + parts[i]);
            }
        }
        return out;
    }

    private static HealthState.HistoryPoint historyPoint(String value) throws CorruptStateException {
        String[] p = value.split(";", -1);
        if (p.length != 4) {
            throw new CorruptStateException("resistance entry needs 4 fields (cycles;days;r0;sei): " + value);
        }
        try {
            return new HealthState.HistoryPoint(
                    Double.parseDouble(p[0]),
                    Double.parseDouble(p[1]),
                    Double.parseDouble(p[2]),
                    Double.parseDouble(p[3]));
        } catch (NumberFormatException e) {
            throw new CorruptStateException("resistance entry has a bad number: " + value);
        }
    }

    private static UsableCapacity usableCapacity(String value) throws CorruptStateException {
        String[] p = value.split(";", -1);
        if (p.length != 4) {
            throw new CorruptStateException("usableCapacity needs 4 fields (Ah;C;celsius;epochMillis): " + value);
        }
        try {
            double ah = Double.parseDouble(p[0]);
            if (!(ah > 0) || !Double.isFinite(ah)) {
                throw new CorruptStateException("usableCapacity " + ah + " Ah is not a positive number: " + value);
            }
            return new UsableCapacity(ah, Double.parseDouble(p[1]), Double.parseDouble(p[2]), Long.parseLong(p[3]));
        } catch (NumberFormatException e) {
            throw new CorruptStateException("usableCapacity has a bad number: " + value);
        }
    }

    private static List<String> latchedFaults(String value) throws CorruptStateException {
        List<String> out = new ArrayList<>();
        for (String id : value.split(",", -1)) {
            String t = id.strip();
            if (t.isEmpty()) {
                continue;
            }
            if (!t.matches("[A-Z0-9_]+\\.MSL")) {
                throw new CorruptStateException(
                        "latchedFaults entry '" + t + "' is not a fault id such as LOOP_OVERRUN.MSL");
            }
            out.add(t);
        }
        return out;
    }

    /**
     * {@code ID@epochMillis,...}. An entry that does not parse is kept with the time {@link Long#MIN_VALUE} and its
     * text as the id, so the plausibility check refuses it by name while the rest of the state loads.
     */
    private static List<TripRecord> tripHistory(String value) {
        List<TripRecord> out = new ArrayList<>();
        for (String entry : value.split(",", -1)) {
            String t = entry.strip();
            if (t.isEmpty()) {
                continue;
            }
            int at = t.lastIndexOf('@');
            long time = Long.MIN_VALUE;
            if (at > 0) {
                try {
                    time = Long.parseLong(t.substring(at + 1));
                } catch (NumberFormatException e) {
                    time = Long.MIN_VALUE;
                }
            }
            out.add(time == Long.MIN_VALUE ? new TripRecord(t, time) : new TripRecord(t.substring(0, at), time));
        }
        return out;
    }

    private static FaultLogEntry fault(String value) throws CorruptStateException {
        String[] p = value.split(";", 5);
        if (p.length != 5) {
            throw new CorruptStateException("fault entry needs 5 fields: " + value);
        }
        try {
            return new FaultLogEntry(
                    Long.parseLong(p[0]), Integer.parseInt(p[1]), p[2], Boolean.parseBoolean(p[3]), p[4]);
        } catch (NumberFormatException e) {
            throw new CorruptStateException("fault entry has a bad number: " + value);
        }
    }
}
