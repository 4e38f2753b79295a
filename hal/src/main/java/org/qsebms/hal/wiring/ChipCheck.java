package org.qsebms.hal.wiring;

/** One configured ADC chip and a cheap transaction that shows it answers (throws BusException when not). */
public record ChipCheck(String id, String type, String location, Runnable ping) {}
