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

    /** True (the default) when the charger or load follows the current limits the BMS publishes. */
    default boolean obeysLimits() {
        return true;
    }

    /** The same demand from a charger or load that ignores the published limits. */
    static PackLoad ignoringLimits(PackLoad load) {
        return new PackLoad() {
            @Override
            public double demandAmps(double seconds, SimulatedPack pack, boolean connected) {
                return load.demandAmps(seconds, pack, connected);
            }

            @Override
            public boolean obeysLimits() {
                return false;
            }
        };
    }
}
