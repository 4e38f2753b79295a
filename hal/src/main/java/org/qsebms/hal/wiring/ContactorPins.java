package org.qsebms.hal.wiring;

/** BCM pins of one contactor: coil driver output and auxiliary-contact input; the level that means "closed". */
public record ContactorPins(int coilPin, int feedbackPin, boolean feedbackClosedHigh) {}
