package org.qsebms.bms.protection;

/**
 * Which at-rest liveness windows judge a frozen reading (issue 23, fix23bp; the thermistors' since fix23br): a window
 * claims that a live channel's reading changes at rest within it, which only a front end that states its live repeat
 * chance (or a measurement the configuration states) makes; a quiet real converter repeats its code at rest for
 * minutes (a BQ76952 in whole mV, mA and 0.1 K, a 10-bit MCP3008 on a steady NTC).
 *
 * @param cells        {@code cellStuckAtRest} is armed
 * @param current      {@code currentStuckAtRest} is armed
 * @param temperatures {@code tempStuckAtRest} and {@code tempStuckWhileFlowing} are armed (the while-flowing one since
 *     fix23bs: under a steady current a cell reaches thermal equilibrium and a quiet converter holds its code there
 *     for minutes; the statement at a steady temperature bounds a drifting one's repeat chance too). The cells' and
 *     the current's while-flowing windows stay armed whatever is stated: under current their readings move (the
 *     current's own window is the only finder of a current reading frozen under load at loops of 500 ms and over)
 */
record AtRestWindows(boolean cells, boolean current, boolean temperatures) {
    /** Every window armed: a Protection no assembly told what its front ends state (the windows' own tests). */
    static final AtRestWindows EVERY = new AtRestWindows(true, true, true);
}
