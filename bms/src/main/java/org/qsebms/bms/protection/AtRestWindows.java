package org.qsebms.bms.protection;

/**
 * Which at-rest liveness windows judge a frozen reading (issue 23, fix23bp): a window claims that a live channel's
 * reading changes at rest within it, which only a front end that states its live repeat chance (or a measurement the
 * configuration states) makes; a quiet real converter repeats its code at rest for minutes. The thermistors' window
 * is not here: it stays armed, as their own-rate check and fix23bk's stated bound judge them sooner.
 *
 * @param cells   {@code cellStuckAtRest} is armed
 * @param current {@code currentStuckAtRest} is armed
 */
record AtRestWindows(boolean cells, boolean current) {
    /** Every window armed: a Protection no assembly told what its front ends state (the windows' own tests). */
    static final AtRestWindows EVERY = new AtRestWindows(true, true);
}
