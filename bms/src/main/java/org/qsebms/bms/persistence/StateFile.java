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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.zip.CRC32;
import org.qsebms.config.TextFileBounds;
import org.qsebms.estimators.health.HealthState;
import org.qsebms.estimators.health.UsableCapacity;
import org.qsebms.estimators.soc.SocState;

/**
 * The state file: a small line-oriented text file ({@code key=value}) ending in a {@code crc32=}
 * line over every byte before it, kept in two generations. Every write is atomic: the content goes
 * to {@code NAME.tmp}, is forced to the device, renamed over {@code NAME} with an atomic move, and
 * the directory is forced so the rename itself survives power loss. A reader therefore sees the
 * previous file or the new one, never a mix; the checksum catches anything else (bit rot, a
 * truncated copy, an edit).
 *
 * <p>After each write of {@code NAME} the generation it replaced is written, the same atomic way,
 * to {@code NAME.previous}: a kill or power loss at any point leaves at least one whole file. When
 * the new state latches a fault or holds a lockout trip {@code NAME.previous} lacks, the new state
 * goes to {@code NAME.previous} first and to {@code NAME} after it, so at every instant of a save a
 * latch or a trip in {@code NAME} is in {@code NAME.previous} as well, and a new one is in a whole
 * file from the moment it is in any (fix23ar; docs/persistence.md).
 * At start {@code NAME} is used when it loads, unless {@code NAME.previous} loads and is newer (its
 * sequence is higher: a save cut between its two writes); else {@code NAME.previous}. A sequence that is no count of
 * saves ({@link SaveSequence}) orders neither: then the generation holding every latch and trip of the other is used
 * (fix23ax). When a state file was
 * there but neither loads, {@link Loaded#stateUnknown()} says why and the caller latches
 * {@code PERSISTED_STATE_UNKNOWN}.
 */
public final class StateFile {
    static final int FORMAT = 1;
    private static final String HEADER = "# qse-bms persisted state. Do not edit: the crc32 line must match.\n";
    /** The suffix of the previous generation's file name. */
    public static final String PREVIOUS_SUFFIX = ".previous";

    /**
     * What a state file can be. It holds eight numbers per cell (a pack has at most 512), 1024 resistance points, 200
     * fault-log lines and 32 trips per fault: under 1 MiB even with long fault reasons (a 4-cell pack's is 0.8 kB). A
     * path that is a device or a pipe ({@code /dev/zero} ended the start in OutOfMemoryError, a pipe hung it) or a
     * file over 16 MiB (a 2 GB one: OutOfMemoryError) is not read: it is a state that cannot be used, kept aside and
     * latched as unknown like a corrupt one (fix23ae).
     */
    static final TextFileBounds BOUNDS = new TextFileBounds(
            "state file",
            16L << 20,
            "a state file holds eight numbers per cell, 1024 resistance points and 200 fault-log lines, under 1 MiB",
            Integer.MAX_VALUE,
            "its lines are bounded by its size");

    /** Reads the whole file (a seam for tests that need a read to fail where root could read anything). */
    @FunctionalInterface
    interface Reader {
        byte[] read(Path file) throws IOException;
    }

    /** A step of one file's atomic write, in order. */
    enum SaveStep {
        /** The temporary file is written and forced to the device. */
        TEMPORARY_FORCED,
        /** The temporary file is renamed over the target. */
        RENAMED,
        /** The directory is forced (the rename is durable). */
        DIRECTORY_FORCED
    }

    /** Told each step of a write as it completes (a seam for tests that cut a save at every step, as a kill would). */
    @FunctionalInterface
    interface SaveSteps {
        void reached(Path target, SaveStep step);
    }

    private final Path file;
    private final Path tmp;
    private final Path previous;
    private final Path previousTmp;
    private final Reader reader;
    private final LongSupplier epochMillis;
    private final SaveSteps steps;
    /** Why the files on disk must not be replaced (one could not be read and could not be moved aside), or null. */
    private volatile String doNotOverwrite;
    /** The bytes in {@code NAME} known whole (loaded or written by this object), or null. */
    private byte[] mainBytes;
    /** The latches and trips in {@code mainBytes}. */
    private GenerationSafety mainSafety = GenerationSafety.NONE;
    /**
     * The latches and trips in {@code NAME.previous} when it is known whole, or null (missing, unusable, not looked
     * at).
     */
    private GenerationSafety previousSafety;

    public StateFile(Path file) {
        this(file, BOUNDS::bytes, System::currentTimeMillis);
    }

    StateFile(Path file, Reader reader, LongSupplier epochMillis) {
        this(file, reader, epochMillis, (target, step) -> {});
    }

    StateFile(Path file, Reader reader, LongSupplier epochMillis, SaveSteps steps) {
        this.file = file;
        this.steps = steps;
        this.tmp = file.resolveSibling(file.getFileName() + ".tmp");
        this.previous = file.resolveSibling(file.getFileName() + PREVIOUS_SUFFIX);
        this.previousTmp = file.resolveSibling(file.getFileName() + PREVIOUS_SUFFIX + ".tmp");
        this.reader = reader;
        this.epochMillis = epochMillis;
    }

    public Path path() {
        return file;
    }

    /** The previous generation's file, {@code NAME.previous}. */
    public Path previousPath() {
        return previous;
    }

    /**
     * The outcome of a load: the state to use, a warning when it is not what was on disk, one warning per field
     * whose value could not be true and fell back to its default, and, when a saved state existed but could not be
     * used at all, why (what, where, how to fix), else null: the caller must then latch {@code
     * PERSISTED_STATE_UNKNOWN}, because the faults latched before the restart are unknown; and whether the state is
     * the previous generation's (the newest save was lost: the pack may have run on after the state used).
     */
    public record Loaded(
            PersistedState state,
            boolean restored,
            String warning,
            List<String> fieldWarnings,
            String stateUnknown,
            boolean previousGeneration) {
        public Loaded(
                PersistedState state,
                boolean restored,
                String warning,
                List<String> fieldWarnings,
                String stateUnknown) {
            this(state, restored, warning, fieldWarnings, stateUnknown, false);
        }

        public Loaded(PersistedState state, boolean restored, String warning, List<String> fieldWarnings) {
            this(state, restored, warning, fieldWarnings, null);
        }

        public Loaded(PersistedState state, boolean restored, String warning) {
            this(state, restored, warning, List.of(), null);
        }
    }

    /**
     * Writes {@code state} atomically to {@code NAME} and keeps a previous generation in {@code NAME.previous}. When
     * {@code NAME.previous} holds every latch and trip of the new state, {@code NAME} is written first and {@code
     * NAME.previous} then gets the generation it replaced (when that one holds them all too). Otherwise {@code
     * NAME.previous} is written first, with the generation {@code NAME} holds when that has them all, else with the
     * new state, and {@code NAME} after it. Never called from the control loop.
     */
    public synchronized void write(PersistedState state) throws IOException {
        String refuse = doNotOverwrite;
        if (refuse != null) {
            throw new IOException(refuse);
        }
        if (Files.isDirectory(file)) {
            throw new IOException(file.toAbsolutePath() + " is a directory, where the state file should be; move it "
                    + "away (the state is not saved until then)");
        }
        byte[] bytes = encode(state);
        GenerationSafety safety = GenerationSafety.of(state);
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        byte[] replaced = mainBytes;
        GenerationSafety replacedSafety = mainSafety;
        boolean replacedCovers = replaced != null && replacedSafety.covers(safety);
        if (previousSafety != null && previousSafety.covers(safety)) {
            atomicWrite(tmp, file, bytes, dir);
            mainBytes = bytes;
            mainSafety = safety;
            // NAME.previous already holds every latch and trip of the new state; it becomes the generation just
            // replaced when that one does too (a latch cleared by a reset stays there until the next save: falling
            // back can bring a latch back, never lose one)
            if (replacedCovers) {
                try {
                    previousSafety = null; // unknown until the write below is complete
                    atomicWrite(previousTmp, previous, replaced, dir);
                    previousSafety = replacedSafety;
                } catch (IOException e) {
                    throw previousNotSaved(e);
                }
            }
            return;
        }
        // NAME.previous lacks a latch or a trip of the new state (or is missing, or unusable): it gets first the
        // generation NAME holds when that has them all, else the new state itself, and NAME is written after it, so
        // at every instant of the save a whole file holds each new latch and trip and NAME.previous (the fallback
        // when NAME is lost) holds every one NAME holds; a save cut between the two writes leaves NAME.previous the
        // newer, and load uses it (fix23ar)
        IOException previousFailed = null;
        previousSafety = null; // unknown until the write below is complete
        try {
            atomicWrite(previousTmp, previous, replacedCovers ? replaced : bytes, dir);
            previousSafety = replacedCovers ? replacedSafety : safety;
        } catch (IOException e) {
            previousFailed = e; // NAME is still written: a new latch must reach the disk somewhere
        }
        atomicWrite(tmp, file, bytes, dir);
        mainBytes = bytes;
        mainSafety = safety;
        if (previousFailed != null) {
            throw previousNotSaved(previousFailed);
        }
    }

    private IOException previousNotSaved(IOException e) {
        return new IOException(
                file.toAbsolutePath() + " is saved but its previous generation " + previous.toAbsolutePath()
                        + " is not: " + FileProblem.describe(e),
                e);
    }

    private void atomicWrite(Path tmp, Path target, byte[] bytes, Path dir) throws IOException {
        try (FileChannel ch = FileChannel.open(
                tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buf = ByteBuffer.wrap(bytes);
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
            ch.force(true);
        }
        steps.reached(target, SaveStep.TEMPORARY_FORCED);
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException(
                    "the file system of " + dir + " cannot rename atomically; put persistence.directory "
                            + "on a local file system (ext4, f2fs, btrfs)",
                    e);
        }
        steps.reached(target, SaveStep.RENAMED);
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // some platforms cannot open a directory for sync; the rename is still atomic there
        }
        steps.reached(target, SaveStep.DIRECTORY_FORCED);
    }

    /**
     * One generation as found on disk: missing, a state that decodes (not yet checked for meaning), or a file that
     * cannot be used ({@code problem} says why in words, {@code why} names the kept-aside file).
     */
    private record Found(Path path, PersistedState state, byte[] bytes, String problem, String why) {
        static Found missing(Path path) {
            return new Found(path, null, null, null, null);
        }

        boolean isMissing() {
            return state == null && problem == null;
        }

        boolean usable() {
            return state != null;
        }
    }

    private Found find(Path p, int cells) {
        Path shown = p.toAbsolutePath();
        if (Files.isDirectory(p)) {
            return new Found(p, null, null, shown + " is a directory, not a file", "directory");
        }
        byte[] bytes;
        try {
            bytes = reader.read(p);
        } catch (NoSuchFileException e) {
            return Found.missing(p);
        } catch (TextFileBounds.Refused e) {
            // not read, or not whole: what it held is as unknown as a corrupt file's
            return new Found(
                    p,
                    null,
                    null,
                    shown + " " + e.fact(),
                    e.kind() == TextFileBounds.Refused.Kind.NOT_A_FILE ? "not-a-file" : "too-large");
        } catch (IOException e) {
            return new Found(p, null, null, shown + " cannot be read: " + FileProblem.describe(e), "unreadable");
        }
        try {
            PersistedState s = decode(bytes);
            if (s.cellCount() != cells) {
                return new Found(
                        p,
                        null,
                        null,
                        shown + " is for " + s.cellCount() + " cells but the pack has " + cells
                                + " (saved for another pack, or the pack was reconfigured)",
                        "other-pack");
            }
            return new Found(p, s, bytes, null, null);
        } catch (CorruptStateException e) {
            return new Found(p, null, null, shown + " is corrupt (" + e.getMessage() + ")", "corrupt");
        }
    }

    /**
     * Loads the state for a pack of {@code cells} cells. Never throws. {@code NAME} is used when it loads (unless
     * {@code NAME.previous} loads with a higher sequence: a save cut between its writes, which is used then); else the
     * previous generation {@code NAME.previous}, with a warning naming both files, why the first could not be used
     * and how old the one used is. A file that could not be used (unreadable, a directory in its place, a device or a
     * pipe, larger than {@link #BOUNDS}, corrupt, for another pack) is kept aside under a new name ({@code NAME.unreadable-<time>}, {@code
     * NAME.previous.corrupt-<time>}, ...) and never overwritten; when it cannot even be moved, no save replaces it. A
     * file that loads has every field checked ({@link PersistedStateCheck}). No file at all (a first start) gives
     * {@code defaults}; a file that was there but neither generation loads gives {@code defaults} and {@link
     * Loaded#stateUnknown()}.
     */
    public synchronized Loaded load(int cells, PersistedState defaults) {
        Path shown = file.toAbsolutePath();
        long now = epochMillis.getAsLong();
        Found main = find(file, cells);
        Found prev = find(previous, cells);
        mainBytes = null;
        mainSafety = GenerationSafety.NONE;
        previousSafety = prev.usable() ? GenerationSafety.of(prev.state()) : null;
        if (main.usable()
                && prev.usable()
                && !(SaveSequence.orders(main.state().sequence())
                        && SaveSequence.orders(prev.state().sequence()))) {
            return unordered(main, prev, defaults, now);
        }
        if (main.usable()
                && prev.usable()
                && prev.state().sequence() > main.state().sequence()) {
            // a save with a new latch or trip writes NAME.previous first: a previous generation newer than NAME is
            // such a save cut before NAME was replaced (a power loss, a kill), and it is the newest whole state
            PersistedStateCheck.Checked checked = PersistedStateCheck.check(
                    prev.state(), defaults, now, prev.path().toAbsolutePath().toString());
            mainBytes = main.bytes();
            mainSafety = GenerationSafety.of(main.state());
            return new Loaded(
                    checked.state(),
                    true,
                    "persisted state " + shown + " (sequence " + main.state().sequence()
                            + ") is older than its previous generation "
                            + prev.path().toAbsolutePath() + " ("
                            + age(prev.state().savedEpochMillis(), now) + ", sequence "
                            + prev.state().sequence()
                            + "; faults latched in it: "
                            + latchedText(prev.state().latchedFaults())
                            + "): a save that latched a fault or counted a trip was cut between its two writes (a "
                            + "power loss or a kill), so the previous generation, the newest whole state, is used; "
                            + shown + " is replaced at the next save",
                    checked.warnings(),
                    null,
                    true);
        }
        if (main.usable()) {
            PersistedStateCheck.Checked checked =
                    PersistedStateCheck.check(main.state(), defaults, now, shown.toString());
            mainBytes = main.bytes();
            mainSafety = GenerationSafety.of(main.state());
            String warning = prev.isMissing() || prev.usable()
                    ? null
                    : "the previous generation of the persisted state, " + prev.problem() + ", cannot be used; "
                            + keepAside(prev, "it") + "; " + shown + " loaded and is used";
            return new Loaded(checked.state(), true, warning, checked.warnings());
        }
        if (main.isMissing() && prev.isMissing()) {
            List<Path> aside = keptAside();
            if (aside.isEmpty()) {
                return new Loaded(
                        defaults,
                        false,
                        "no persisted state at " + shown
                                + " (first start?): starting with safe defaults, SOC from the open-circuit voltage");
            }
            // no file, but files an earlier start could not use were kept aside: that start latched
            // PERSISTED_STATE_UNKNOWN and may have stopped before saving it (a crash, a power cut at boot); this is
            // not a first start, and what was latched before is as unknown as it was then
            String unknown = "no persisted state at " + shown + " nor its previous generation, but an earlier start "
                    + "kept aside state files it could not use ("
                    + aside.stream()
                            .map(a -> a.toAbsolutePath().toString())
                            .sorted()
                            .collect(java.util.stream.Collectors.joining(", "))
                    + ") and may have stopped before saving. The faults latched before (a lockout, a soft short) are "
                    + "unknown, so PERSISTED_STATE_UNKNOWN is latched and the contactors stay open: check the pack "
                    + "(cell voltages, temperatures, the fault log of the kept-aside files), then send a reset to "
                    + "acknowledge the lost state; move the kept-aside files elsewhere once checked";
            return new Loaded(
                    defaults,
                    false,
                    unknown + ". Starting with safe defaults, SOC from the open-circuit voltage",
                    List.of(),
                    unknown);
        }
        String mainWhat = main.isMissing()
                ? "no persisted state at " + shown + " (deleted?)"
                : "persisted state " + main.problem() + "; " + keepAside(main, "it");
        if (prev.usable()) {
            PersistedStateCheck.Checked checked = PersistedStateCheck.check(
                    prev.state(), defaults, now, prev.path().toAbsolutePath().toString());
            return new Loaded(
                    checked.state(),
                    true,
                    mainWhat + "; loaded its previous generation " + prev.path().toAbsolutePath() + " instead ("
                            + age(prev.state().savedEpochMillis(), now) + ", sequence "
                            + prev.state().sequence()
                            + "; faults latched in it: "
                            + latchedText(prev.state().latchedFaults())
                            + "). What was saved after it is lost; a new file is written at the next save",
                    checked.warnings(),
                    null,
                    true);
        }
        String prevWhat = prev.isMissing()
                ? "its previous generation " + prev.path().toAbsolutePath() + " is missing"
                : "its previous generation " + prev.problem() + "; " + keepAside(prev, "that");
        boolean otherPack = "other-pack".equals(main.why()) || "other-pack".equals(prev.why());
        String fix = otherPack
                ? "if the pack was rebuilt or reconfigured on purpose, check it (cell voltages, temperatures, no fault "
                        + "left from before), then send a reset; otherwise put back the configuration for the pack"
                : "check the pack (cell voltages, temperatures, the fault log of the kept-aside file), then send a "
                        + "reset to acknowledge the lost state";
        String unknown = "the saved state cannot be used: " + mainWhat + "; " + prevWhat
                + ". The faults latched before the restart (a lockout, a soft short) are unknown, so "
                + "PERSISTED_STATE_UNKNOWN is latched and the contactors stay open: " + fix;
        return new Loaded(
                defaults,
                false,
                unknown + ". Starting with safe defaults, SOC from the open-circuit voltage",
                List.of(),
                unknown);
    }

    /**
     * Both generations load but a sequence is no count of saves ({@link SaveSequence#orders}: edited, or damaged with a
     * matching crc32), so which is newer is unknown (fix23ax; check23z finding 4: {@code NAME} at {@code
     * Long.MAX_VALUE} without a latch outranked the newer {@code NAME.previous} whose save had wrapped to {@code
     * Long.MIN_VALUE}, and its latch was lost). Nothing either holds is lost: the generation that holds every latch and
     * trip of the other is used ({@code NAME} when both do); when neither does, {@code NAME} with the latches and trips
     * of both. A latch a reset had cleared may so come back (it asks for a reset), never one be lost. The saves go on
     * from the highest sequence that orders, 0 when neither does, so the next save orders after both generations.
     */
    private Loaded unordered(Found main, Found prev, PersistedState defaults, long now) {
        Path shown = file.toAbsolutePath();
        Path prevShown = prev.path().toAbsolutePath();
        GenerationSafety mainHas = GenerationSafety.of(main.state());
        GenerationSafety prevHas = GenerationSafety.of(prev.state());
        long m = main.state().sequence();
        long p = prev.state().sequence();
        long from = Math.max(SaveSequence.orders(m) ? m : 0, SaveSequence.orders(p) ? p : 0);
        boolean usePrevious = !mainHas.covers(prevHas) && prevHas.covers(mainHas);
        PersistedState used;
        String which;
        if (mainHas.covers(prevHas)) {
            used = main.state();
            which = shown + " holds every latch and trip of the other and is used";
        } else if (usePrevious) {
            used = prev.state();
            which = prevShown + " holds every latch and trip of the other and is used";
        } else {
            LinkedHashSet<String> latches = new LinkedHashSet<>(mainHas.latches());
            latches.addAll(prevHas.latches());
            LinkedHashSet<TripRecord> trips = new LinkedHashSet<>(mainHas.trips());
            trips.addAll(prevHas.trips());
            used = main.state().withLatchedFaults(List.copyOf(latches)).withTripHistory(List.copyOf(trips));
            which = "neither holds every latch and trip of the other: " + shown
                    + " is used with the latches and trips of both";
        }
        used = used.withSequenceAndFaultLog(from, used.faultLog());
        PersistedStateCheck.Checked checked =
                PersistedStateCheck.check(used, defaults, now, (usePrevious ? prevShown : shown).toString());
        mainBytes = main.bytes();
        mainSafety = mainHas;
        return new Loaded(
                checked.state(),
                true,
                "persisted state " + shown + " (sequence " + m + ") and its previous generation " + prevShown
                        + " (sequence " + p + ") cannot be ordered: a sequence outside 0.." + SaveSequence.HIGHEST
                        + " is no count of saves (at two saves a second the top is 7e10 years away), so a file was "
                        + "edited or damaged with a matching crc32 and which generation is newer is unknown; " + which
                        + " (faults latched: " + latchedText(checked.state().latchedFaults()) + "). A latch a reset "
                        + "had cleared may be back: check the pack, then send a reset. The saves count on from "
                        + "sequence " + from,
                checked.warnings(),
                null,
                usePrevious);
    }

    private static String latchedText(List<String> latched) {
        return latched.isEmpty() ? "none" : String.join(", ", latched);
    }

    /** "saved 2026-05-28T10:00:00Z, 12 min before now", or "saved at an unknown time". */
    static String age(long savedEpochMillis, long nowEpochMillis) {
        if (savedEpochMillis <= 0) {
            return "saved at an unknown time";
        }
        long s = Math.max(0, (nowEpochMillis - savedEpochMillis) / 1000);
        String ago = s < 120
                ? s + " s"
                : s < 120 * 60 ? s / 60 + " min" : s < 48 * 3600 ? s / 3600 + " h" : s / 86_400 + " days";
        return "saved " + java.time.Instant.ofEpochMilli(savedEpochMillis) + ", " + ago + " before now";
    }

    /** The reasons a file is kept aside for ({@link #keepAside}), each the middle of its kept-aside name. */
    private static final java.util.regex.Pattern ASIDE = java.util.regex.Pattern.compile(
            "(\\.previous)?\\.(corrupt|unreadable|directory|not-a-file|too-large|other-pack)-[0-9]+");

    /** The files (or directories) beside {@code NAME} that an earlier start kept aside ({@link #keepAside}). */
    private List<Path> keptAside() {
        Path dir = file.toAbsolutePath().getParent();
        String name = file.getFileName().toString();
        List<Path> found = new java.util.ArrayList<>();
        try (java.util.stream.Stream<Path> entries = Files.list(dir)) {
            entries.filter(p -> {
                        String n = p.getFileName().toString();
                        return n.startsWith(name)
                                && ASIDE.matcher(n.substring(name.length())).matches();
                    })
                    .forEach(found::add);
        } catch (IOException e) {
            // a folder that cannot be listed hides nothing this start could act on: the files' own errors said it
        }
        return found;
    }

    /**
     * Renames the file (or directory) {@code f} to {@code NAME.<why>-<epochMillis>} so the next save cannot replace
     * it; when that fails, refuses every save. Returns what happened, for the warning.
     */
    private String keepAside(Found f, String what) {
        Path p = f.path();
        Path aside = p.resolveSibling(p.getFileName() + "." + f.why() + "-" + epochMillis.getAsLong());
        try {
            Files.move(p, aside);
            return what + " is kept aside as " + aside.toAbsolutePath() + " (never overwritten)";
        } catch (IOException e) {
            doNotOverwrite = "not saving over " + p.toAbsolutePath() + ": it could not be used at start (" + f.why()
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
        b.append("operatingMillis=").append(s.operatingMillis()).append('\n');
        b.append("cells=").append(s.cellCount()).append('\n');
        array(b, "cellSoc", s.soc().cellSoc());
        array(b, "cellSocSigma", s.soc().cellSocSigma());
        b.append("socAtStop=").append(s.soc().atStop()).append('\n');
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
            if (t.operatingMillis() != TripRecord.UNKNOWN) {
                b.append(';').append(t.operatingMillis());
            }
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
            } else if (kv.putIfAbsent(key, value) != null) {
                // the writer gives every key once: a second one (an edit, a writer bug) must not silently win, a
                // latchedFaults line least of all
                throw new CorruptStateException("the key '" + key + "' is given twice");
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
            // came with the trips' operating clock: older files have none (0; their trips carry no operating time)
            long operating = kv.containsKey("operatingMillis") ? integer(kv, "operatingMillis") : 0;
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
                    operating,
                    // the SOC's doubt came later: older files have none (unknown: the restored SOC takes the start
                    // doubt), and were not written at a stop as far as anyone can tell
                    new SocState(soc, optionalDoubles(kv, "cellSocSigma", cells), "true".equals(kv.get("socAtStop"))),
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
     * {@code ID@epochMillis;operatingMillis,...} (files before the operating clock: {@code ID@epochMillis}). A time
     * that does not parse is {@link TripRecord#UNKNOWN} (the plausibility check counts such a trip as taken at this
     * start: failing safe); an entry without a readable id keeps its whole text as the id, so the check refuses it by
     * name while the rest of the state loads.
     */
    private static List<TripRecord> tripHistory(String value) {
        List<TripRecord> out = new ArrayList<>();
        for (String entry : value.split(",", -1)) {
            String t = entry.strip();
            if (t.isEmpty()) {
                continue;
            }
            int at = t.lastIndexOf('@');
            if (at <= 0) {
                out.add(new TripRecord(t, TripRecord.UNKNOWN, TripRecord.UNKNOWN));
                continue;
            }
            String[] times = t.substring(at + 1).split(";", -1);
            long operating = times.length == 2 ? time(times[1]) : TripRecord.UNKNOWN;
            out.add(new TripRecord(
                    t.substring(0, at), times.length <= 2 ? time(times[0]) : TripRecord.UNKNOWN, operating));
        }
        return out;
    }

    private static long time(String text) {
        try {
            return Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            return TripRecord.UNKNOWN;
        }
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
