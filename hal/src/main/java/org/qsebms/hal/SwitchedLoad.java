package org.qsebms.hal;

/** An on/off thermal actuator of the pack: a fan or a heater. */
public interface SwitchedLoad {
    void set(boolean on);

    boolean isOn();
}
