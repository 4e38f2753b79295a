package org.qsebms.bms.persistence;

/**
 * One point of the persisted resistance history, taken when a cycle closed.
 *
 * @param equivalentCycles equivalent full cycles at the time
 * @param epochDays        wall-clock time in days since 1970-01-01
 * @param r0Ohm            worst cell's R0 at 25 °C
 * @param seiOhm           its interfacial/SEI part
 */
public record ResistancePoint(double equivalentCycles, double epochDays, double r0Ohm, double seiOhm) {}
