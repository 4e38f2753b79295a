package org.qsebms.bms.sim;

/** What the charger or load connected to the simulated pack asks for, in signed amperes (charge positive). */
public interface PackLoad {
    /**
     * @param seconds       simulated time since start
     * @param pack          the pack, to read terminal voltages (a charger's CV phase follows the highest cell)
     * @param connected     whether the contactors connect the pack to the load
     */
    double demandAmps(double seconds, SimulatedPack pack, boolean connected);

    PackLoad IDLE = (s, p, c) -> 0.0;
}
