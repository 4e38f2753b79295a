package org.qsebms.bms.supervisor;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Requests from outside the loop (operator, MQTT commands, shutdown hook), taken by the loop at
 * its next tick. Setting a request never blocks and never touches hardware.
 */
public final class SupervisorRequests {
    private final AtomicBoolean close = new AtomicBoolean();
    private final AtomicBoolean open = new AtomicBoolean();
    private final AtomicBoolean reset = new AtomicBoolean();
    private final AtomicBoolean serviceReset = new AtomicBoolean();
    private final AtomicBoolean shutdown = new AtomicBoolean();

    public void requestClose() {
        open.set(false);
        close.set(true);
    }

    public void requestOpen() {
        close.set(false);
        open.set(true);
    }

    public void requestReset() {
        reset.set(true);
    }

    /** The deliberate reset after a repeated-trip lockout (an ordinary reset cannot clear a lockout). */
    public void requestServiceReset() {
        serviceReset.set(true);
    }

    public void requestShutdown() {
        shutdown.set(true);
    }

    boolean takeClose() {
        return close.getAndSet(false);
    }

    boolean closePending() {
        return close.get();
    }

    boolean takeOpen() {
        return open.getAndSet(false);
    }

    boolean takeReset() {
        return reset.getAndSet(false);
    }

    boolean takeServiceReset() {
        return serviceReset.getAndSet(false);
    }

    boolean shutdownRequested() {
        return shutdown.get();
    }
}
