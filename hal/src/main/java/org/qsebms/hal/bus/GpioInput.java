package org.qsebms.hal.bus;

/** One GPIO input line (BCM numbering), the narrow view of Pi4J's {@code DigitalInput}. */
public interface GpioInput {
    /** The BCM pin number, for messages. */
    int pin();

    boolean isHigh();
}
