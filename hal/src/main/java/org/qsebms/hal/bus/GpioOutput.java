package org.qsebms.hal.bus;

/** One GPIO output line (BCM numbering), the narrow view of Pi4J's {@code DigitalOutput}. */
public interface GpioOutput {
    /** The BCM pin number, for messages. */
    int pin();

    void set(boolean high);

    boolean isHigh();
}
