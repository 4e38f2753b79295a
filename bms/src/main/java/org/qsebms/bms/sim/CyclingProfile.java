package org.qsebms.bms.sim;

/**
 * The default repeating test profile of the simulated pack, as a cycler would run it:
 * CC-CV charge (constant current until the highest cell reaches the CV voltage, then the current
 * tapers to hold it until it falls below the cut-off), rest, pulsed discharge (pulses at a high
 * rate separated by a low rate, until the lowest cell reaches the end voltage), rest, repeat.
 * While the contactors are open the profile pauses in place and asks for no current.
 */
public final class CyclingProfile implements PackLoad {
    enum Phase {
        CHARGE_CC,
        CHARGE_CV,
        REST_AFTER_CHARGE,
        DISCHARGE,
        REST_AFTER_DISCHARGE
    }

    private final double capacityAh;
    private final double chargeCRate;
    private final double cvVolts;
    private final double cutoffCRate;
    private final double pulseCRate;
    private final double baseCRate;
    private final double pulseSeconds;
    private final double endVolts;
    private final double restSeconds;
    private Phase phase;
    private double phaseStart;
    private double cvAmps;

    /**
     * The default profile for cells of {@code capacityAh}: 0.4 C to 4.15 V (inside the presets'
     * operating limits, so a healthy run raises no MOL), C/20 cut-off, 1 C / 0.2 C pulses of 30 s
     * down to 3.40 V, 10 min rests.
     */
    public static CyclingProfile defaultFor(double capacityAh) {
        return new CyclingProfile(capacityAh, 0.4, 4.15, 0.05, 1.0, 0.2, 30, 3.40, 600, Phase.DISCHARGE);
    }

    /**
     * A profile with its own rates and voltages (a scenario's {@code load: {type: cycling, ...}}):
     * charge at {@code chargeCRate} to {@code cvVolts}, CV until {@code cutoffCRate}, rest, discharge
     * in pulses of {@code pulseSeconds} at {@code pulseCRate} and {@code baseCRate} to {@code endVolts},
     * rest; starting with the discharge.
     */
    public static CyclingProfile of(
            double capacityAh,
            double chargeCRate,
            double cvVolts,
            double cutoffCRate,
            double pulseCRate,
            double baseCRate,
            double pulseSeconds,
            double endVolts,
            double restSeconds) {
        return new CyclingProfile(
                capacityAh,
                chargeCRate,
                cvVolts,
                cutoffCRate,
                pulseCRate,
                baseCRate,
                pulseSeconds,
                endVolts,
                restSeconds,
                Phase.DISCHARGE);
    }

    CyclingProfile(
            double capacityAh,
            double chargeCRate,
            double cvVolts,
            double cutoffCRate,
            double pulseCRate,
            double baseCRate,
            double pulseSeconds,
            double endVolts,
            double restSeconds,
            Phase start) {
        this.capacityAh = capacityAh;
        this.chargeCRate = chargeCRate;
        this.cvVolts = cvVolts;
        this.cutoffCRate = cutoffCRate;
        this.pulseCRate = pulseCRate;
        this.baseCRate = baseCRate;
        this.pulseSeconds = pulseSeconds;
        this.endVolts = endVolts;
        this.restSeconds = restSeconds;
        this.phase = start;
    }

    @Override
    public double demandAmps(double seconds, SimulatedPack pack, boolean connected) {
        if (!connected) {
            return 0.0;
        }
        double inPhase = seconds - phaseStart;
        switch (phase) {
            case CHARGE_CC -> {
                if (pack.maxCellVolts() >= cvVolts) {
                    enter(Phase.CHARGE_CV, seconds);
                    cvAmps = chargeCRate * capacityAh;
                } else {
                    return chargeCRate * capacityAh;
                }
            }
            case CHARGE_CV -> {}
            case REST_AFTER_CHARGE -> {
                if (inPhase >= restSeconds) {
                    enter(Phase.DISCHARGE, seconds);
                } else {
                    return 0.0;
                }
            }
            case DISCHARGE -> {
                if (pack.minCellVolts() <= endVolts) {
                    enter(Phase.REST_AFTER_DISCHARGE, seconds);
                    return 0.0;
                }
                boolean pulse = ((long) (inPhase / pulseSeconds)) % 2 == 0;
                return -(pulse ? pulseCRate : baseCRate) * capacityAh;
            }
            case REST_AFTER_DISCHARGE -> {
                if (inPhase >= restSeconds) {
                    enter(Phase.CHARGE_CC, seconds);
                    return chargeCRate * capacityAh;
                }
                return 0.0;
            }
            default -> throw new IllegalStateException("unknown phase " + phase);
        }
        // CV: proportional control of the highest cell at the CV voltage, as a charger does.
        double error = pack.maxCellVolts() - cvVolts;
        cvAmps = Math.max(0.0, Math.min(chargeCRate * capacityAh, cvAmps - error * 5.0));
        if (cvAmps <= cutoffCRate * capacityAh) {
            enter(Phase.REST_AFTER_CHARGE, seconds);
            return 0.0;
        }
        return cvAmps;
    }

    private void enter(Phase next, double seconds) {
        phase = next;
        phaseStart = seconds;
    }

    Phase phase() {
        return phase;
    }
}
