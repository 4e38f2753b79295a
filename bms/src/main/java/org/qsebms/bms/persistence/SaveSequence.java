package org.qsebms.bms.persistence;

/**
 * The {@code sequence} a save carries: the count of saves, which orders the two generations of the state file. Saves
 * count from 0, one at a time, and never reach {@link #HIGHEST} (2^62: at two saves a second, 7.3e10 years). A
 * sequence outside 0..{@link #HIGHEST} was therefore edited, or damaged with a matching crc32: it orders nothing (which
 * of two generations is newer is then unknown, see {@link StateFile#load}), and no save after it counts past {@link
 * Long#MAX_VALUE} (issue 23, check23z finding 4: the save after a file at {@code Long.MAX_VALUE} carried {@code
 * Long.MIN_VALUE}, ordered before the generation it replaced, and a latch saved in it was lost; fix23ax).
 */
final class SaveSequence {
    /** The highest sequence a run of saves can reach; above it (or below 0) a sequence orders nothing. */
    static final long HIGHEST = 1L << 62;

    private SaveSequence() {}

    /** Whether {@code sequence} is a count of saves, one that orders two generations. */
    static boolean orders(long sequence) {
        return sequence >= 0 && sequence <= HIGHEST;
    }

    /** The sequence of the save after one at {@code sequence}: one more, never wrapping past {@link Long#MAX_VALUE}. */
    static long after(long sequence) {
        return sequence == Long.MAX_VALUE ? sequence : sequence + 1;
    }
}
