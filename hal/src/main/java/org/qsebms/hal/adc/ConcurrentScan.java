package org.qsebms.hal.adc;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import org.qsebms.hal.bus.BusException;
import org.qsebms.hal.bus.Pause;

/**
 * Converts every configured ADC channel with all converters working at once: each converter
 * (an ADS1115, an MCP3x08) starts its first channel, then the scan waits for whichever
 * conversion is due first, confirms it is done, reads it and starts that converter's next
 * channel. A pack read by five ADS1115
 * thus takes the slowest chip's share of conversions, not the sum of all.
 *
 * <p>The front ends keep reading their channels one by one through {@link #add}'s wrapper: the
 * first read of a channel whose result was already used starts a new scan of every channel;
 * later reads in the same tick take their fresh result. A bus error is kept with its channel and
 * thrown when that channel is read, so the other channels are unaffected. Steady-state scans
 * allocate nothing.
 */
public final class ConcurrentScan {
    private final Pause pause;
    private final LongSupplier nanoClock;
    private final List<Scanned> channels = new ArrayList<>();
    private final Map<Object, List<Scanned>> byConverter = new IdentityHashMap<>();
    private Scanned[][] queues = new Scanned[0][];
    private int[] next = new int[0];
    private long[] dueNanos = new long[0];
    private long scans;

    public ConcurrentScan(Pause pause, LongSupplier nanoClock) {
        this.pause = pause;
        this.nanoClock = nanoClock;
    }

    /** Registers {@code raw} and returns the channel the front end should read. */
    public AdcChannel add(AdcChannel raw) {
        Scanned s = new Scanned(raw);
        channels.add(s);
        byConverter.computeIfAbsent(raw.converter(), k -> new ArrayList<>()).add(s);
        queues = new Scanned[byConverter.size()][];
        int i = 0;
        for (List<Scanned> q : byConverter.values()) {
            queues[i++] = q.toArray(Scanned[]::new);
        }
        // the busiest converter starts first: it sets the scan's length
        java.util.Arrays.sort(queues, (a, b) -> Integer.compare(b.length, a.length));
        next = new int[queues.length];
        dueNanos = new long[queues.length];
        return s;
    }

    /** Scans run so far (one per tick in steady state). */
    public long scans() {
        return scans;
    }

    /** Converts every channel once, all converters at the same time. */
    void scanAll() {
        scans++;
        int running = 0;
        for (int c = 0; c < queues.length; c++) {
            next[c] = 0;
            running += startNext(c) ? 1 : 0;
        }
        while (running > 0) {
            int c = earliest();
            long wait = dueNanos[c] - nanoClock.getAsLong();
            if (wait > 0) {
                pause.nanos(wait);
            }
            Scanned done = queues[c][next[c]];
            next[c]++;
            if (!done.ready()) {
                if (!startNext(c)) {
                    running--;
                }
                continue;
            }
            // read the result before starting the next conversion: the start leaves the chip's pointer at
            // its config register, so the next poll is a bare 3-byte read (12 bytes per conversion, not 14)
            done.finish();
            if (!startNext(c)) {
                running--;
            }
        }
    }

    private boolean startNext(int c) {
        while (next[c] < queues[c].length) {
            Scanned s = queues[c][next[c]];
            if (s.begin()) {
                dueNanos[c] = nanoClock.getAsLong() + s.raw.readyAfterNanos();
                return true;
            }
            next[c]++; // the start failed on the bus: the error is kept, go on with the next channel
        }
        dueNanos[c] = Long.MAX_VALUE;
        return false;
    }

    private int earliest() {
        int best = -1;
        for (int c = 0; c < queues.length; c++) {
            if (next[c] < queues[c].length && (best < 0 || dueNanos[c] < dueNanos[best])) {
                best = c;
            }
        }
        return best;
    }

    /** One channel's place in the scan: its last result or error, and whether it was read since. */
    private final class Scanned implements AdcChannel {
        private final AdcChannel raw;
        private double volts;
        private BusException error;
        private boolean fresh;

        Scanned(AdcChannel raw) {
            this.raw = raw;
        }

        boolean begin() {
            try {
                raw.start();
                error = null;
                fresh = true;
                return true;
            } catch (BusException e) {
                error = e;
                fresh = true;
                return false;
            }
        }

        boolean ready() {
            try {
                raw.awaitReady();
                return true;
            } catch (BusException e) {
                error = e;
                return false;
            }
        }

        void finish() {
            try {
                volts = raw.collectVolts();
            } catch (BusException e) {
                error = e;
            }
        }

        @Override
        public double readVolts() {
            if (!fresh) {
                scanAll();
            }
            fresh = false;
            if (error != null) {
                throw error;
            }
            return volts;
        }

        @Override
        public int lastCode() {
            return raw.lastCode();
        }

        @Override
        public boolean lastClipped() {
            return raw.lastClipped();
        }

        @Override
        public boolean lastClippedLow() {
            return raw.lastClippedLow();
        }

        @Override
        public boolean lastAtBottom() {
            return raw.lastAtBottom();
        }

        @Override
        public double fullScaleVolts() {
            return raw.fullScaleVolts();
        }

        @Override
        public String location() {
            return raw.location();
        }

        @Override
        public long conversionNanos() {
            return raw.conversionNanos();
        }
    }
}
