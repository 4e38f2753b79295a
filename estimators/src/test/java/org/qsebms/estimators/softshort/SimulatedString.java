package org.qsebms.estimators.softshort;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.qsebms.estimators.model.EcmParameters;
import org.qsebms.estimators.model.EquivalentCircuitCell;
import org.qsebms.estimators.model.OcvCurve;
import org.qsebms.estimators.soc.EkfSocEstimator;
import org.qsebms.estimators.soc.EkfTuning;
import org.qsebms.estimators.soc.HysteresisModel;

/**
 * A series string of simulated cells for the soft-short tests: each cell its own "true" capacity
 * and resistances (Gaussian spread around the nominal cell), measured voltages with Gaussian
 * noise, and SOC from an EKF that knows only the nominal cell and the pack current (never the
 * leak), so the detector sees what a BMS would see. A cell can carry a permanent leak resistor
 * (a soft short) and random brief low-resistance events (micro-shorts).
 */
final class SimulatedString {
    static final double NOMINAL_AH = 2.0;
    static final EcmParameters NOMINAL = EcmParameters.builder()
            .capacityAh(NOMINAL_AH)
            .r0Ohms(0.03)
            .r1Ohms(0.015)
            .tau1Seconds(8)
            .r2Ohms(0.012)
            .tau2Seconds(150)
            .activationEnergyJPerMol(20000)
            .ocv(ocv())
            .build();

    private final SplittableRandom random;
    private final EquivalentCircuitCell[] cells;
    private final EkfSocEstimator ekf;
    private final double noiseVolts;
    private final double[] leakOhms;
    private final double[] volts;
    private final double[] soc;
    private final double[] celsius;
    private int microShortCell = -1;
    private double microShortOhms;
    private double microShortSeconds;
    private double microShortMeanIntervalSeconds;
    private double microShortLeft;
    private double nextMicroShortIn = Double.POSITIVE_INFINITY;
    private int microShorts;
    private double bleedOhms = Double.NaN;
    private double balanceAboveVolts;
    private final double[] bleedAmps;

    SimulatedString(
            long seed,
            int count,
            double initialSoc,
            double noiseVolts,
            double capacitySpread,
            double resistanceSpread) {
        this.random = new SplittableRandom(seed);
        this.cells = new EquivalentCircuitCell[count];
        for (int i = 0; i < count; i++) {
            cells[i] = new EquivalentCircuitCell(
                    NOMINAL.scaled(
                            1 + capacitySpread * random.nextGaussian(), 1 + resistanceSpread * random.nextGaussian()),
                    initialSoc,
                    25);
        }
        this.ekf = new EkfSocEstimator(NOMINAL, HysteresisModel.NONE, EkfTuning.defaults(), count);
        for (int i = 0; i < count; i++) {
            ekf.setCellSoc(i, initialSoc);
        }
        this.noiseVolts = noiseVolts;
        this.leakOhms = new double[count];
        Arrays.fill(leakOhms, Double.POSITIVE_INFINITY);
        this.volts = new double[count];
        this.soc = new double[count];
        this.celsius = new double[count];
        Arrays.fill(celsius, 25);
        this.bleedAmps = new double[count];
    }

    /**
     * Passive balancing as a BMS does it: while the string is not discharging, every cell whose
     * measured voltage is more than {@code aboveVolts} over the lowest bleeds through {@code ohms}
     * (its terminal volts over the resistor); {@link #bleedAmps()} says what each cell bled over the last step.
     */
    void balance(double ohms, double aboveVolts) {
        bleedOhms = ohms;
        balanceAboveVolts = aboveVolts;
    }

    static OcvCurve ocv() {
        int m = 101;
        double[] s = new double[m];
        double[] v = new double[m];
        for (int i = 0; i < m; i++) {
            s[i] = i / 100.0;
            v[i] = 3.5 + 0.6 * s[i] + 0.1 * s[i] * s[i];
        }
        return new OcvCurve(s, v, new double[m]);
    }

    /** A permanent internal leak of {@code ohms} across the cell (a soft short). */
    void shortCell(int cell, double ohms) {
        leakOhms[cell] = ohms;
    }

    /** Brief shorts of {@code ohms} lasting {@code seconds}, at exponentially distributed intervals. */
    void microShorts(int cell, double ohms, double seconds, double meanIntervalSeconds) {
        microShortCell = cell;
        microShortOhms = ohms;
        microShortSeconds = seconds;
        microShortMeanIntervalSeconds = meanIntervalSeconds;
        nextMicroShortIn = nextInterval();
    }

    private double nextInterval() {
        return -microShortMeanIntervalSeconds * Math.log(1 - random.nextDouble());
    }

    /** Advances every cell by {@code dt} at the string current, then measures and estimates. */
    void step(double packAmps, double dt) {
        if (microShortCell >= 0) {
            nextMicroShortIn -= dt;
            if (nextMicroShortIn <= 0) {
                microShortLeft = microShortSeconds;
                microShorts++;
                nextMicroShortIn = nextInterval();
            }
        }
        double lowest = Double.POSITIVE_INFINITY;
        for (double v : volts) {
            lowest = Math.min(lowest, v);
        }
        for (int i = 0; i < cells.length; i++) {
            double v = cells[i].terminalVolts();
            boolean bleed = !Double.isNaN(bleedOhms) && packAmps > -0.05 && volts[i] - lowest > balanceAboveVolts;
            bleedAmps[i] = bleed ? v / bleedOhms : 0.0;
            double leak = v / leakOhms[i] + bleedAmps[i];
            if (i == microShortCell && microShortLeft > 0) {
                leak += v / microShortOhms;
            }
            cells[i].step(packAmps - leak, dt);
            volts[i] = cells[i].terminalVolts() + noiseVolts * random.nextGaussian();
        }
        microShortLeft -= dt;
        ekf.update(packAmps, volts, celsius, dt);
        for (int i = 0; i < cells.length; i++) {
            ekf.countCellDischargeAh(i, bleedAmps[i] * dt / 3600.0);
        }
        for (int i = 0; i < cells.length; i++) {
            soc[i] = ekf.cellSoc(i);
        }
    }

    double[] bleedAmps() {
        return bleedAmps;
    }

    /** The true leak current of the cell now (A), its terminal volts over the short. */
    double leakAmps(int cell) {
        return cells[cell].terminalVolts() / leakOhms[cell];
    }

    double[] volts() {
        return volts;
    }

    double[] soc() {
        return soc;
    }

    double trueSoc(int cell) {
        return cells[cell].soc();
    }

    int microShortsSoFar() {
        return microShorts;
    }

    /**
     * A duty that never rests long enough for the rest cue (settling 30 min): per hour 20 min of
     * 0.5C discharge with +-0.25C steps every minute, 8 min rest, 20 min of 0.5C charge with steps,
     * 12 min rest. Net charge per hour is zero.
     */
    static double cyclingAmps(double t) {
        double s = t % 3600;
        double ripple = ((int) (t / 60) % 2 == 0) ? 0.5 : -0.5;
        if (s < 1200) {
            return -1.0 + ripple;
        }
        if (s < 1680) {
            return 0;
        }
        if (s < 2880) {
            return 1.0 + ripple;
        }
        return 0;
    }
}
