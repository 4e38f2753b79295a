package org.qsebms.bms.cli;

import org.tinylog.Logger;

/** Turns SIGINT (Ctrl-C) and SIGTERM into a clean-stop request instead of an abrupt JVM exit. */
final class StopSignals {
    private StopSignals() {
    }

    @SuppressWarnings("restriction")
    static void onStop(Runnable action) {
        for (String name : new String[] {"INT", "TERM"}) {
            try {
                sun.misc.Signal.handle(new sun.misc.Signal(name), sig -> {
                    Logger.info("SIG{} received: stopping cleanly", name);
                    action.run();
                });
            } catch (IllegalArgumentException | UnsupportedOperationException e) {
                Logger.debug("cannot handle SIG{}: {}", name, e.getMessage());
            }
        }
    }
}
