package org.qsebms.hal;

/** One passive-balancing bleed switch per cell. */
public interface BalancingSwitches {
    int cellCount();

    void set(int cell, boolean on);

    boolean isOn(int cell);

    /** Resistance of one cell's bleed path (ohm): a cell bleeds {@code V / bleedOhms()} while its switch is on. */
    double bleedOhms();

    default void allOff() {
        for (int i = 0; i < cellCount(); i++) {
            set(i, false);
        }
    }
}
