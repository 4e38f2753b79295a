package org.qsebms.bms.loop;

import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;
import org.qsebms.bms.control.PackController;

/**
 * The fixed-rate control loop on its own thread: parks until the next deadline, runs one tick,
 * counts overruns and skips missed ticks (never bursts to catch up). Consecutive overruns beyond
 * the configured count raise a fatal fault. Any exception thrown by a tick opens the contactors
 * and latches a fault; the loop itself keeps running so protection continues.
 */
public final class ControlLoop {
    private final PackController controller;
    private final long periodNanos;
    private final int overrunsToFault;
    private final LongSupplier nanoClock;
    private final AtomicLong overruns = new AtomicLong();
    private final AtomicLong missedTicks = new AtomicLong();
    private final AtomicLong exceptions = new AtomicLong();
    private final AtomicLong maxTickNanos = new AtomicLong();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean running;
    private volatile Runnable beforeStop = () -> {};
    private Thread thread;
    private int consecutiveOverruns;
    private volatile TimingObserver observer = (deadline, start, end) -> {};

    /** Sees the timing of every tick (for measurements); called on the loop thread, must not allocate or block. */
    @FunctionalInterface
    public interface TimingObserver {
        void tick(long deadlineNanos, long startNanos, long endNanos);
    }

    public ControlLoop(PackController controller, long periodNanos, int overrunsToFault, LongSupplier nanoClock) {
        this.controller = controller;
        this.periodNanos = periodNanos;
        this.overrunsToFault = overrunsToFault;
        this.nanoClock = nanoClock;
    }

    /** Starts the loop thread. */
    public synchronized void start() {
        if (thread != null) {
            throw new IllegalStateException("control loop already started");
        }
        running = true;
        thread = new Thread(this::run, "bms-control-loop");
        thread.setPriority(Thread.MAX_PRIORITY);
        thread.setDaemon(false);
        thread.start();
    }

    private void run() {
        long deadline = nanoClock.getAsLong();
        try {
            while (running) {
                long now = nanoClock.getAsLong();
                long wait = deadline - now;
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                    continue;
                }
                deadline = runDue(deadline);
            }
            beforeStop.run();
        } finally {
            stopped.countDown();
        }
    }

    /**
     * Runs the tick due at {@code deadline}, then supervises its timing: a tick that ends after the
     * next deadline is an overrun, the deadlines it covered are counted as missed and skipped (no
     * burst to catch up), and {@code overrunsToFault} consecutive overruns raise the fatal
     * {@code LOOP_OVERRUN} fault.
     *
     * @return the next deadline
     */
    public long runDue(long deadline) {
        long start = nanoClock.getAsLong();
        tickOnce(deadline);
        long end = nanoClock.getAsLong();
        observer.tick(deadline, start, end);
        long next = deadline + periodNanos;
        if (end > next) {
            long missed = (end - next) / periodNanos + 1;
            missedTicks.addAndGet(missed);
            overruns.incrementAndGet();
            next += missed * periodNanos;
            controller.protection().tickOverran(deadline);
            // every period the overrun covered counts: a tick that starts 2 s late (the process stopped, a long
            // pause) left protection blind for 20 periods at 100 ms, which one count would let pass
            int before = consecutiveOverruns;
            consecutiveOverruns = (int) Math.min(Integer.MAX_VALUE, consecutiveOverruns + missed);
            if (before < overrunsToFault && consecutiveOverruns >= overrunsToFault) {
                controller
                        .protection()
                        .loopOverrun(
                                String.format(
                                        Locale.ROOT,
                                        "%d consecutive periods of %.1f ms missed by overrunning ticks (the last "
                                                + "ended %.1f ms late); "
                                                + "reduce the load on this machine or lengthen loop.period",
                                        consecutiveOverruns,
                                        periodNanos / 1e6,
                                        (end - (next - missed * periodNanos)) / 1e6),
                                deadline);
                // an MSL opens the pack when it is raised, not a period later; the opens are stamped with the time they
                // are sent, so the weld check's release time runs from then (check23p: stamped with the tick's start,
                // a healthy contactor was judged welded at the next tick)
                openNow(end);
            }
        } else {
            consecutiveOverruns = 0;
            controller.protection().tickOnTime();
        }
        return next;
    }

    /** Runs one tick with the last-resort handler; used by the thread and by faster-than-real-time runs. */
    void tickOnce(long nowNanos) {
        long start = nanoClock.getAsLong();
        try {
            controller.tick(nowNanos);
        } catch (Throwable t) { // the loop must never die: open contactors, latch, keep protecting
            exceptions.incrementAndGet();
            try {
                // the opens carry the time they are sent, from which the weld check's release time runs (check23q:
                // stamped with an earlier tick's time, a releasing contactor was judged welded at the next tick)
                controller.emergencyOpen(
                        t.getClass().getSimpleName() + ": " + t.getMessage(), nowNanos, nanoClock.getAsLong());
            } catch (Throwable ignored) {
                // nothing more to do here; the hardware watchdog will act if the loop stops being healthy
            }
        }
        long took = nanoClock.getAsLong() - start;
        maxTickNanos.accumulateAndGet(took, Math::max);
    }

    /** Acts on a fault latched between ticks, with the tick's last-resort handler. */
    private void openNow(long nowNanos) {
        try {
            controller.actOnFaultRaisedBetweenTicks(nowNanos);
        } catch (Throwable t) { // the loop must never die: open contactors, latch, keep protecting
            exceptions.incrementAndGet();
            try {
                controller.emergencyOpen(
                        t.getClass().getSimpleName() + ": " + t.getMessage(), nowNanos, nanoClock.getAsLong());
            } catch (Throwable ignored) {
                // nothing more to do here; the hardware watchdog will act if the loop stops being healthy
            }
        }
    }

    /** Stops the loop after its current tick, running {@code lastAction} on the loop thread first. */
    public void stop(Runnable lastAction, long timeout, TimeUnit unit) throws InterruptedException {
        beforeStop = lastAction;
        running = false;
        if (thread != null) {
            LockSupport.unpark(thread);
            if (!stopped.await(timeout, unit)) {
                throw new IllegalStateException("control loop did not stop within " + timeout + " " + unit);
            }
        }
    }

    /** Installs a timing observer (before {@link #start()}). */
    public void observeTiming(TimingObserver o) {
        observer = o;
    }

    public long overruns() {
        return overruns.get();
    }

    public long missedTicks() {
        return missedTicks.get();
    }

    public long exceptions() {
        return exceptions.get();
    }

    public long maxTickNanos() {
        return maxTickNanos.get();
    }

    public long periodNanos() {
        return periodNanos;
    }
}
