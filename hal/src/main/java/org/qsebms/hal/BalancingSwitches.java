package org.qsebms.hal;

/** One passive-balancing bleed switch per cell. */
public interface BalancingSwitches {
    int cellCount();

    void set(int cell, boolean on);

    boolean isOn(int cell);

    default void allOff() {
        for (int i = 0; i < cellCount(); i++) {
            set(i, false);
        }
    }
}
