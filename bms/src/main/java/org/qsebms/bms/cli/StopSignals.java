package org.qsebms.bms.cli;

import org.tinylog.Logger;

/** Turns SIGINT (Ctrl-C) and SIGTERM into a clean-stop request instead of an abrupt JVM exit. */
final class StopSignals {
    private StopSignals() {}

    /**
     * A process started in the background by a non-interactive shell ({@code cmd &} in a script, or
     * under {@code nohup}) inherits SIGINT as ignored, and the JVM then will not take it over: such a
     * process cannot be stopped with Ctrl-C or {@code kill -INT}, only with SIGTERM. That is said in
     * a warning at start rather than found out when the pack needs stopping.
     */
    @SuppressWarnings("restriction")
    static void onStop(Runnable action) {
        for (String name : new String[] {"INT", "TERM"}) {
            try {
                sun.misc.SignalHandler old = sun.misc.Signal.handle(new sun.misc.Signal(name), sig -> {
                    Logger.info("SIG{} received: stopping cleanly", name);
                    action.run();
                });
                if (old == sun.misc.SignalHandler.SIG_IGN) {
                    Logger.warn(
                            "SIG{} is ignored by this process (it was started in the background or under nohup, "
                                    + "which ignores it for the process): {} will not stop the BMS; stop it with SIGTERM "
                                    + "(kill PID), or start it in the foreground or as a service",
                            name,
                            name.equals("INT") ? "Ctrl-C" : "SIGTERM");
                }
            } catch (IllegalArgumentException | UnsupportedOperationException e) {
                Logger.debug("cannot handle SIG{}: {}", name, e.getMessage());
            }
        }
    }
}
