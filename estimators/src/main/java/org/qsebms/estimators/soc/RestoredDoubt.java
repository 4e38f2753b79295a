package org.qsebms.estimators.soc;

import java.util.Arrays;
import org.qsebms.estimators.model.EcmParameters;

/**
 * Per cell, the doubt a restored SOC brings with it ({@link SocEstimator#restoreCellSoc}) until the
 * first reading after the restart has been weighed against it. A restored SOC first takes the
 * filter's start doubt ({@link EkfTuning#initialSocSigma}), as before; at the cell's first update
 * its persisted doubt replaces that when
 * <ul>
 *   <li>it is smaller, and</li>
 *   <li>the cell rested too briefly for its voltage to be an OCV (under five of its slow RC time
 *       constants), or the reading agrees with it: some SOC within three of its sigmas of the
 *       restored one has an OCV within the hysteresis half-gap plus three sigmas of the reading
 *       (the rest voltage sigma, {@link EkfTuning#restVoltageSigmaVolts}, with the OCV table's own
 *       sigma there, both grown outside the characterised span as the filter grows them), the
 *       reading taken at rest (its whole resistive drop within the rest voltage sigma).</li>
 * </ul>
 * A reading at rest that disagrees says the cell changed while the BMS was off (charged or
 * discharged on its own, swapped): the persisted SOC is dropped and the cell starts from the reading,
 * as at a first start. A reading under current can say neither: the restored SOC keeps the start
 * doubt, as a restart without a persisted doubt does.
 * Every array is allocated in the constructor.
 */
final class RestoredDoubt {
    /** The project's 3-sigma convention, for both the restored SOC's reach and the reading's. */
    private static final double SIGMAS = 3.0;
    /** Points the restored SOC's reach is walked at (ends included). */
    private static final int GRID = 61;
    /** A cell's voltage is taken for its OCV after this many of its slow RC time constants. */
    private static final double RELAXED_TIME_CONSTANTS = 5.0;

    private final EcmParameters cell;
    private final EkfTuning tuning;
    private final double relaxedSeconds;
    /** Per cell, the restored sigma waiting for the first reading (NaN: none). */
    private final double[] pendingSigma;
    /** Per cell, whether that reading must agree (the cell rested long enough for it to be an OCV). */
    private final boolean[] checkReading;
    /** Per cell, the SOC sigma its last start took (the start doubt, or a restored one). */
    private final double[] startSigma;
    /** Per cell, whether the last restored doubt was refused by the reading after it. */
    private final boolean[] refused;

    RestoredDoubt(EcmParameters cell, EkfTuning tuning, int cellCount) {
        this.cell = cell;
        this.tuning = tuning;
        this.relaxedSeconds = RELAXED_TIME_CONSTANTS * cell.tau2Seconds();
        this.pendingSigma = new double[cellCount];
        this.checkReading = new boolean[cellCount];
        this.startSigma = new double[cellCount];
        this.refused = new boolean[cellCount];
        Arrays.fill(pendingSigma, Double.NaN);
        Arrays.fill(startSigma, tuning.initialSocSigma());
    }

    /** A new start of cell {@code i} (first sample, a new SOC): the start doubt, nothing waiting. */
    void clear(int i) {
        pendingSigma[i] = Double.NaN;
        startSigma[i] = tuning.initialSocSigma();
    }

    /**
     * Cell {@code i} was restored with one sigma {@code sigma} after {@code restedSeconds} of rest
     * (NaN: unknown, taken as long); called after {@link #clear}. A sigma no smaller than the start
     * doubt (or not a number) leaves the start doubt.
     */
    void restore(int i, double sigma, double restedSeconds) {
        refused[i] = false;
        if (sigma >= 0 && sigma < tuning.initialSocSigma()) {
            pendingSigma[i] = sigma;
            checkReading[i] = !(restedSeconds < relaxedSeconds);
        }
    }

    /** Whether cell {@code i} has a restored doubt waiting for its first reading. */
    boolean pending(int i) {
        return !Double.isNaN(pendingSigma[i]);
    }

    /**
     * Weighs cell {@code i}'s first reading after a restore: {@code volts} read with {@code amps} through the cell
     * (the filter's current, net of any offset it estimates), {@code r0DropVolts} the filter's R0 drop for it,
     * {@code temperatureFactor} its resistances' factor at the cell's temperature, {@code soc} the restored SOC. The
     * reading less its R0 drop is compared with the OCV; the whole resistive drop (R0 and both RC pairs at the
     * current) says whether it was taken at rest. Where the restored doubt stands, the SOC variance {@code p[b]}
     * (the SOC/SOC entry of the cell's covariance block) becomes its square. Where the reading was taken under
     * current it cannot vouch for the doubt, and the start doubt stays. Nothing waits after.
     *
     * @return true when the reading, at rest, disagrees with the restored SOC and its doubt: the cell
     *     changed while the BMS was off, and the caller starts it from the reading as at a first start
     */
    boolean settle(
            double[] p,
            int b,
            int i,
            double soc,
            double volts,
            double amps,
            double r0DropVolts,
            double temperatureFactor,
            double celsius,
            double outside,
            double hysteresisVolts) {
        double ocvVolts = volts - r0DropVolts;
        double loadDropVolts =
                Math.abs(r0DropVolts) + Math.abs(amps) * (cell.r1Ohms() + cell.r2Ohms()) * temperatureFactor;
        double sigma = pendingSigma[i];
        pendingSigma[i] = Double.NaN;
        if (Double.isNaN(sigma)) {
            return false;
        }
        if (checkReading[i]) {
            double rest = tuning.restVoltageSigmaVolts() * tuning.voltageSigmaGrowth(outside);
            if (loadDropVolts > rest) {
                refused[i] = true; // under current the reading is no OCV: it cannot vouch for the restored SOC
                return false;
            }
            if (!agrees(soc, sigma, ocvVolts, celsius, outside, rest, hysteresisVolts)) {
                refused[i] = true;
                return true;
            }
        }
        p[b] = sigma * sigma;
        startSigma[i] = sigma;
        return false;
    }

    private boolean agrees(
            double soc,
            double sigma,
            double ocvVolts,
            double celsius,
            double outside,
            double rest,
            double hysteresisVolts) {
        double lo = Math.max(0.0, soc - SIGMAS * sigma);
        double hi = Math.min(1.0, soc + SIGMAS * sigma);
        for (int j = 0; j < GRID; j++) {
            double s = lo + (hi - lo) * j / (GRID - 1.0);
            double ocvSigma = tuning.ocvSigmaVolts(cell.ocvDoubt(), s, celsius, outside);
            double reach = hysteresisVolts + SIGMAS * Math.sqrt(rest * rest + ocvSigma * ocvSigma);
            if (Math.abs(ocvVolts - cell.ocv().voltsAt(s, celsius)) <= reach) {
                return true;
            }
        }
        return false;
    }

    /** The SOC sigma cell {@code i}'s last start took. */
    double startSigma(int i) {
        return startSigma[i];
    }

    /** Whether cell {@code i}'s last restored doubt was refused because its first reading disagreed. */
    boolean refused(int i) {
        return refused[i];
    }
}
