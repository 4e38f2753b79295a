package org.qsebms.bms.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.tinylog.Logger;

/**
 * Turns SIGINT (Ctrl-C), SIGTERM and SIGHUP into a clean stop with exit code 0 instead of an abrupt
 * JVM exit. The JVM answers these signals by running its shutdown hooks (the documented way, {@link
 * Runtime#addShutdownHook}); the hook built here stops the BMS, flushes the log and then ends the
 * process with status 0 ({@link Runtime#halt}), where the JVM would otherwise exit with 128 + the
 * signal number. A shutdown hook cannot tell which signal started the shutdown, so the log says
 * "stop requested".
 */
final class StopSignals {
    /** Linux signal numbers: SIGINT 2, SIGTERM 15. */
    private static final int SIGINT = 2;

    private static final int SIGTERM = 15;

    private StopSignals() {}

    /**
     * The hook to register with {@link Runtime#addShutdownHook} while the BMS runs: logs the request,
     * runs {@code stop} (which must wait for a stop already under way), logs "stopped cleanly",
     * flushes the log and halts with status 0. Remove it once the BMS has stopped by itself.
     */
    static Thread cleanStopHook(Runnable stop) {
        return new Thread(
                () -> {
                    Logger.info("stop requested (SIGINT, SIGTERM or SIGHUP): stopping cleanly");
                    stop.run();
                    Logger.info("stopped cleanly");
                    BmsCommand.flushLog();
                    Runtime.getRuntime().halt(0);
                },
                "bms-shutdown");
    }

    /**
     * A process started in the background by a non-interactive shell ({@code cmd &} in a script, or
     * under {@code nohup}) inherits SIGINT as ignored, and the JVM then will not take it over: such a
     * process cannot be stopped with Ctrl-C or {@code kill -INT}, only with SIGTERM. That is said in
     * a warning at start rather than found out when the pack needs stopping. The ignored signals are
     * read from {@code /proc/self/status} (Linux, proc(5)); elsewhere nothing is said.
     */
    static void warnIfIgnored() {
        long ignored = ignoredSignalMask(Path.of("/proc/self/status"));
        for (int signal : new int[] {SIGINT, SIGTERM}) {
            if ((ignored & (1L << (signal - 1))) != 0) {
                String name = signal == SIGINT ? "INT" : "TERM";
                Logger.warn(
                        "SIG{} is ignored by this process (it was started in the background or under nohup, "
                                + "which ignores it for the process): {} will not stop the BMS; stop it with SIGTERM "
                                + "(kill PID), or start it in the foreground or as a service",
                        name,
                        signal == SIGINT ? "Ctrl-C" : "SIGTERM");
            }
        }
    }

    /** The {@code SigIgn} mask of a proc(5) status file (bit n-1 set: signal n ignored); 0 when unreadable. */
    static long ignoredSignalMask(Path status) {
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("SigIgn:")) {
                    return Long.parseUnsignedLong(
                            line.substring("SigIgn:".length()).trim(), 16);
                }
            }
        } catch (IOException | RuntimeException e) {
            Logger.debug("cannot read the ignored signals from {}: {}", status, e.getMessage());
        }
        return 0;
    }
}
