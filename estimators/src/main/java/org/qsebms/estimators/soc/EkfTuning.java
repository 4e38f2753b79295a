package org.qsebms.estimators.soc;

import org.qsebms.estimators.model.EcmParameters;
import org.qsebms.estimators.model.OcvDoubt;
import org.qsebms.estimators.model.TemperatureSpan;

/**
 * Noise and robustness settings of the SOC Kalman filters.
 *
 * @param currentSigmaAmps        current-sensor noise, one sigma (drives SOC and RC process noise)
 * @param voltageSigmaVolts       voltage measurement plus model error, one sigma
 * @param socDriftSigmaPerHour    extra SOC random walk per hour (capacity / efficiency uncertainty)
 * @param initialSocSigma         SOC sigma after initialisation or {@link SocEstimator#setCellSoc}
 * @param initialRcSigmaVolts     sigma of each RC voltage at start
 * @param minOcvSlopeVoltsPerSoc  below this |dOCV/dSOC| the voltage no longer corrects SOC
 *                                (flat OCV: the filter coulomb-counts with a growing bound)
 * @param gateSigmas              innovations beyond this many sigmas are rejected as outliers
 * @param maxConsecutiveRejections after this many rejections in a row the SOC variance is
 *                                inflated so that a real, persistent mismatch is re-learnt
 * @param ocvSigmaVolts           systematic OCV-model error, one sigma, for a preset without a
 *                                learnt OCV doubt ({@code EcmParameters.ocvDoubt}, which replaces
 *                                it per SOC region where present): a constant, not white
 *                                noise, so the filter cannot average it away; the SOC error it
 *                                has caused so far (a consider analysis, see
 *                                {@link EkfSocEstimator}) is added to the reported bound, about
 *                                {@code (ocvSigma / slope)^2} once the estimate has settled
 * @param innovationWindowSeconds time constant of each cell's running mean square of accepted
 *                                innovations; where that mean exceeds what the filter expects
 *                                ({@code H P H'} plus the voltage sigma squared), the excess is
 *                                taken as the measurement variance (covariance matching, never
 *                                below the voltage sigma squared). 0 turns it off
 * @param extrapolationMarginKelvin how far outside the temperatures its preset was characterised
 *                                over ({@code EcmParameters.characterisedCelsius}) a cell may be
 *                                and still count as characterised (the characterizer takes test
 *                                files within 5 K as one temperature)
 * @param extrapolationKelvinPerDoubling beyond the margin, the voltage sigma grows by this many
 *                                kelvin per its own value ({@code 1 + d / this}): the resistances
 *                                there come from an extrapolated temperature law, and a
 *                                resistance 25 K colder is about twice as large with the 20-30
 *                                kJ/mol of these cells, and so is its error
 * @param extrapolationOcvVoltsPerKelvin beyond the margin, an OCV error of this many volts per kelvin
 *                                is added (in quadrature) to {@code ocvSigmaVolts}: the OCV's
 *                                temperature coefficient outside the tests is unknown, and 0.5 mV/K
 *                                is the upper end of the entropic coefficients of lithium cells
 *                                (both set by reasoning, not fitted to the validation logs)
 * @param currentOffsetLimitAmps  the current sensor's rated zero-offset limit (A, either sign): a
 *                                bias the filter does not estimate (unless its offset state is on),
 *                                carried in the bound by {@link CurrentSensorConsider} with sigma
 *                                {@code limit / sqrt(3)}; 0 leaves it out
 * @param currentGainErrorLimit   the current sensor's rated gain-error limit (fraction, either sign),
 *                                carried likewise; 0 leaves it out
 * @param capacityErrorLimit      how far the cell's capacity may lie from the one the filter counts
 *                                charge against (fraction, either sign): an error the filter does not
 *                                estimate (unless its capacity state is on), carried in the bound by
 *                                {@link CapacityConsider} with sigma {@code limit / sqrt(3)}; 0 (the
 *                                default: the capacity given is the cell's) leaves it out
 * @param mismatchStepC           the smallest current step (in C, per sample) whose voltage step is
 *                                compared with the model's ({@link PresetFitCheck}): a step of this
 *                                size moves the terminal voltage by far more than the sensor's noise
 * @param mismatchResistanceRatio the cell does not fit its preset when the voltage steps it shows at
 *                                current steps are more than this many times the model's (or less than
 *                                one over it): the preset's resistances are another cell's, and so
 *                                likely its OCV table ({@code socQuality} "mismatched"; the bound then
 *                                carries a resistance error of the size the steps show). Below it the
 *                                steps' misfit {@code |ratio - 1|} is still one sigma of the relative
 *                                resistance error the bound carries ({@code PresetFitCheck.resistanceMisfit}).
 *                                0 turns the check and that share off
 * @param restVoltageSigmaVolts   how far a cell's voltage after a rest may sit from its OCV, one sigma
 *                                (the voltage channel's accuracy and what relaxation leaves), beside
 *                                the OCV table's own doubt and the hysteresis half-gap: the test a
 *                                restored SOC with its persisted doubt must pass against the first
 *                                reading after a restart ({@link SocEstimator#restoreCellSoc})
 * @param overpotentialRatio      how many times the model's steady overpotential at a current ({@code (R0 + R1) f g
 *                                + R2 f g2} times it) a real cell's voltage may stand above (charging) or below
 *                                (discharging) its OCV and hysteresis: the bound on the model's polarisation error
 *                                with which a start's open span is cut under load ({@link StartSpan#cutUnderLoad}).
 *                                Measured, not chosen: the largest ratio over the A123 LFP cell's steady-current
 *                                samples with the documented LFP recipe's preset ({@code
 *                                SteadyOverpotentialOnTheLfpLogsTest}: 1.21 charging at 25 °C, 0.15-0.25 discharging
 *                                at 5-45 °C), rounded up to 1.25. 0 turns the cut off
 */
public record EkfTuning(
        double currentSigmaAmps,
        double voltageSigmaVolts,
        double socDriftSigmaPerHour,
        double initialSocSigma,
        double initialRcSigmaVolts,
        double minOcvSlopeVoltsPerSoc,
        double gateSigmas,
        int maxConsecutiveRejections,
        double ocvSigmaVolts,
        double innovationWindowSeconds,
        double extrapolationMarginKelvin,
        double extrapolationKelvinPerDoubling,
        double extrapolationOcvVoltsPerKelvin,
        double currentOffsetLimitAmps,
        double currentGainErrorLimit,
        double capacityErrorLimit,
        double mismatchStepC,
        double mismatchResistanceRatio,
        double restVoltageSigmaVolts,
        double overpotentialRatio) {

    public EkfTuning {
        positive("currentSigmaAmps", currentSigmaAmps);
        positive("voltageSigmaVolts", voltageSigmaVolts);
        nonNegative("socDriftSigmaPerHour", socDriftSigmaPerHour);
        positive("initialSocSigma", initialSocSigma);
        positive("initialRcSigmaVolts", initialRcSigmaVolts);
        nonNegative("minOcvSlopeVoltsPerSoc", minOcvSlopeVoltsPerSoc);
        positive("gateSigmas", gateSigmas);
        if (maxConsecutiveRejections < 1) {
            throw new IllegalArgumentException(
                    "maxConsecutiveRejections must be >= 1, got " + maxConsecutiveRejections);
        }
        nonNegative("ocvSigmaVolts", ocvSigmaVolts);
        nonNegative("innovationWindowSeconds", innovationWindowSeconds);
        nonNegative("extrapolationMarginKelvin", extrapolationMarginKelvin);
        positive("extrapolationKelvinPerDoubling", extrapolationKelvinPerDoubling);
        nonNegative("extrapolationOcvVoltsPerKelvin", extrapolationOcvVoltsPerKelvin);
        nonNegative("currentOffsetLimitAmps", currentOffsetLimitAmps);
        nonNegative("currentGainErrorLimit", currentGainErrorLimit);
        if (!(capacityErrorLimit >= 0 && capacityErrorLimit < 1)) {
            throw new IllegalArgumentException(
                    "capacityErrorLimit must be in 0..1 (a fraction of the capacity), got " + capacityErrorLimit);
        }
        positive("mismatchStepC", mismatchStepC);
        nonNegative("mismatchResistanceRatio", mismatchResistanceRatio);
        if (mismatchResistanceRatio != 0 && mismatchResistanceRatio <= 1) {
            throw new IllegalArgumentException(
                    "mismatchResistanceRatio must be > 1 (or 0 to turn the check off), got " + mismatchResistanceRatio);
        }
        positive("restVoltageSigmaVolts", restVoltageSigmaVolts);
        nonNegative("overpotentialRatio", overpotentialRatio);
        if (overpotentialRatio != 0 && overpotentialRatio < 1) {
            throw new IllegalArgumentException(
                    "overpotentialRatio must be >= 1 (or 0 to turn the cut off), got " + overpotentialRatio);
        }
    }

    /**
     * Defaults: 50 mA current noise; 80 mV voltage sigma and 20 mV systematic OCV error, which
     * stand for model error far more than for sensor noise (chosen on the Panasonic 25 °C drive
     * cycles, see docs/estimation.md); a 60 s innovation window, twice the longest RC time
     * constant of the characterised cells, so one load step does not dominate it. The current
     * sensor's rated limits are a Pi current channel's (INA240 + ADS1115, the channel of
     * {@link CurrentOffsetDoubt#piCurrentChannel()}): a zero offset of up to 50 mA and a gain error of
     * up to 3 %, the description of that channel ("drifts by tens of mA and its gain is off
     * by percents"), set before any log was replayed with them. The preset fit check
     * ({@link PresetFitCheck}): current steps of at least 0.5 C per sample, a voltage-step ratio of 4
     * either way, chosen on NASA B0005 with psoa-ncm811 (5-19) and the shared NCA and LFP logs with
     * their own documented presets (0.3-1.5 per step), not on the B0006 logs reported as evidence
     * (docs/estimation.md). The rest voltage sigma, 10 mV, is twice the cell voltage channel's rated
     * accuracy ({@code supplementary.cellVoltsAccuracy}, 5 mV), the other half for what relaxation
     * leaves: set by reasoning, not fitted.
     */
    public static EkfTuning defaults() {
        return builder()
                .currentSigmaAmps(0.05)
                .voltageSigmaVolts(0.080)
                .socDriftSigmaPerHour(0.001)
                .initialSocSigma(0.20)
                .initialRcSigmaVolts(0.02)
                .minOcvSlopeVoltsPerSoc(0.05)
                .gateSigmas(6.0)
                .maxConsecutiveRejections(20)
                .ocvSigmaVolts(0.020)
                .innovationWindowSeconds(60)
                .extrapolationMarginKelvin(5)
                .extrapolationKelvinPerDoubling(25)
                .extrapolationOcvVoltsPerKelvin(0.0005)
                .currentOffsetLimitAmps(0.05)
                .currentGainErrorLimit(0.03)
                .capacityErrorLimit(0.0)
                .mismatchStepC(0.5)
                .mismatchResistanceRatio(4.0)
                .restVoltageSigmaVolts(0.010)
                .overpotentialRatio(1.25)
                .build();
    }

    /** A copy with the given innovation window (0: the measurement variance stays fixed). */
    public EkfTuning withInnovationWindowSeconds(double seconds) {
        return toBuilder().innovationWindowSeconds(seconds).build();
    }

    /** A builder with no field set: {@link Builder#build} fails on any field left unset. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this tuning's fields, to change some of them by name. */
    public Builder toBuilder() {
        return new Builder()
                .currentSigmaAmps(currentSigmaAmps)
                .voltageSigmaVolts(voltageSigmaVolts)
                .socDriftSigmaPerHour(socDriftSigmaPerHour)
                .initialSocSigma(initialSocSigma)
                .initialRcSigmaVolts(initialRcSigmaVolts)
                .minOcvSlopeVoltsPerSoc(minOcvSlopeVoltsPerSoc)
                .gateSigmas(gateSigmas)
                .maxConsecutiveRejections(maxConsecutiveRejections)
                .ocvSigmaVolts(ocvSigmaVolts)
                .innovationWindowSeconds(innovationWindowSeconds)
                .extrapolationMarginKelvin(extrapolationMarginKelvin)
                .extrapolationKelvinPerDoubling(extrapolationKelvinPerDoubling)
                .extrapolationOcvVoltsPerKelvin(extrapolationOcvVoltsPerKelvin)
                .currentOffsetLimitAmps(currentOffsetLimitAmps)
                .currentGainErrorLimit(currentGainErrorLimit)
                .capacityErrorLimit(capacityErrorLimit)
                .mismatchStepC(mismatchStepC)
                .mismatchResistanceRatio(mismatchResistanceRatio)
                .restVoltageSigmaVolts(restVoltageSigmaVolts)
                .overpotentialRatio(overpotentialRatio);
    }

    /**
     * The fields of an {@link EkfTuning} by name (see its components for their meaning). A field
     * left unset is NaN (or 0 rejections), which {@link #build} rejects with the field's name.
     */
    public static final class Builder {
        private double currentSigmaAmps = Double.NaN;
        private double voltageSigmaVolts = Double.NaN;
        private double socDriftSigmaPerHour = Double.NaN;
        private double initialSocSigma = Double.NaN;
        private double initialRcSigmaVolts = Double.NaN;
        private double minOcvSlopeVoltsPerSoc = Double.NaN;
        private double gateSigmas = Double.NaN;
        private int maxConsecutiveRejections;
        private double ocvSigmaVolts = Double.NaN;
        private double innovationWindowSeconds = Double.NaN;
        private double extrapolationMarginKelvin = Double.NaN;
        private double extrapolationKelvinPerDoubling = Double.NaN;
        private double extrapolationOcvVoltsPerKelvin = Double.NaN;
        private double currentOffsetLimitAmps = Double.NaN;
        private double currentGainErrorLimit = Double.NaN;
        private double capacityErrorLimit = Double.NaN;
        private double mismatchStepC = Double.NaN;
        private double mismatchResistanceRatio = Double.NaN;
        private double restVoltageSigmaVolts = Double.NaN;
        private double overpotentialRatio = Double.NaN;

        private Builder() {}

        public Builder currentSigmaAmps(double v) {
            currentSigmaAmps = v;
            return this;
        }

        public Builder voltageSigmaVolts(double v) {
            voltageSigmaVolts = v;
            return this;
        }

        public Builder socDriftSigmaPerHour(double v) {
            socDriftSigmaPerHour = v;
            return this;
        }

        public Builder initialSocSigma(double v) {
            initialSocSigma = v;
            return this;
        }

        public Builder initialRcSigmaVolts(double v) {
            initialRcSigmaVolts = v;
            return this;
        }

        public Builder minOcvSlopeVoltsPerSoc(double v) {
            minOcvSlopeVoltsPerSoc = v;
            return this;
        }

        public Builder gateSigmas(double v) {
            gateSigmas = v;
            return this;
        }

        public Builder maxConsecutiveRejections(int v) {
            maxConsecutiveRejections = v;
            return this;
        }

        public Builder ocvSigmaVolts(double v) {
            ocvSigmaVolts = v;
            return this;
        }

        public Builder innovationWindowSeconds(double v) {
            innovationWindowSeconds = v;
            return this;
        }

        public Builder extrapolationMarginKelvin(double v) {
            extrapolationMarginKelvin = v;
            return this;
        }

        public Builder extrapolationKelvinPerDoubling(double v) {
            extrapolationKelvinPerDoubling = v;
            return this;
        }

        public Builder extrapolationOcvVoltsPerKelvin(double v) {
            extrapolationOcvVoltsPerKelvin = v;
            return this;
        }

        public Builder currentOffsetLimitAmps(double v) {
            currentOffsetLimitAmps = v;
            return this;
        }

        public Builder capacityErrorLimit(double v) {
            capacityErrorLimit = v;
            return this;
        }

        public Builder currentGainErrorLimit(double v) {
            currentGainErrorLimit = v;
            return this;
        }

        public Builder mismatchStepC(double v) {
            mismatchStepC = v;
            return this;
        }

        public Builder mismatchResistanceRatio(double v) {
            mismatchResistanceRatio = v;
            return this;
        }

        public Builder restVoltageSigmaVolts(double v) {
            restVoltageSigmaVolts = v;
            return this;
        }

        public Builder overpotentialRatio(double v) {
            overpotentialRatio = v;
            return this;
        }

        public EkfTuning build() {
            return new EkfTuning(
                    currentSigmaAmps,
                    voltageSigmaVolts,
                    socDriftSigmaPerHour,
                    initialSocSigma,
                    initialRcSigmaVolts,
                    minOcvSlopeVoltsPerSoc,
                    gateSigmas,
                    maxConsecutiveRejections,
                    ocvSigmaVolts,
                    innovationWindowSeconds,
                    extrapolationMarginKelvin,
                    extrapolationKelvinPerDoubling,
                    extrapolationOcvVoltsPerKelvin,
                    currentOffsetLimitAmps,
                    currentGainErrorLimit,
                    capacityErrorLimit,
                    mismatchStepC,
                    mismatchResistanceRatio,
                    restVoltageSigmaVolts,
                    overpotentialRatio);
        }
    }

    /**
     * How far beyond the margin {@code celsius} lies outside {@code span} (K, 0 inside it or for
     * an unknown span): the distance the model-error terms grow with.
     */
    public double extrapolationKelvin(TemperatureSpan span, double celsius) {
        return Math.max(0.0, span.kelvinOutside(celsius) - extrapolationMarginKelvin);
    }

    /**
     * How far beyond the margin {@code celsius} lies outside the temperatures {@code cell}'s model
     * was measured at, its OCV tests' included ({@link EcmParameters#kelvinOutsideCharacterised}).
     */
    public double extrapolationKelvin(EcmParameters cell, double celsius) {
        return Math.max(0.0, cell.kelvinOutsideCharacterised(celsius) - extrapolationMarginKelvin);
    }

    /** The voltage sigma's growth factor at an extrapolation distance: {@code 1 + d / kelvinPerDoubling}. */
    public double voltageSigmaGrowth(double extrapolationKelvin) {
        return 1 + extrapolationKelvin / extrapolationKelvinPerDoubling;
    }

    /**
     * The sigma of the relative error of every resistance at an extrapolation distance, for a cell
     * whose filter has learnt the R0 scale {@code r0Scale} (1 without R0 adaptation): the larger of
     * the prior growth {@code d / kelvinPerDoubling} and the evidence {@code |r0Scale - 1|}. All
     * resistances of the model share one temperature law, so when the learnt R0 is far off the
     * law's R0, the RC pairs' resistances (which the filter does not learn) are taken to be as far
     * off: a law assumed rather than fitted can be wrong by more than the prior growth allows. 0
     * inside the characterised span (plus margin), whatever the R0 scale.
     */
    public double resistanceErrorSigma(double extrapolationKelvin, double r0Scale) {
        if (extrapolationKelvin == 0) {
            return 0.0;
        }
        return Math.max(extrapolationKelvin / extrapolationKelvinPerDoubling, Math.abs(r0Scale - 1));
    }

    /** The OCV sigma at an extrapolation distance: {@code sqrt(ocvSigma^2 + (voltsPerKelvin d)^2)}. */
    public double ocvSigmaVolts(double extrapolationKelvin) {
        if (extrapolationKelvin == 0) {
            return ocvSigmaVolts;
        }
        double grown = extrapolationOcvVoltsPerKelvin * extrapolationKelvin;
        return Math.sqrt(ocvSigmaVolts * ocvSigmaVolts + grown * grown);
    }

    /**
     * The OCV sigma at {@code soc} and {@code celsius} for a cell whose preset holds {@code doubt} (its
     * learnt sigma per SOC region and test temperature; {@link OcvDoubt#NONE}: this tuning's
     * {@code ocvSigmaVolts}), grown in quadrature
     * by {@code extrapolationOcvVoltsPerKelvin} per kelvin of extrapolation. One function for every
     * SOC filter; allocation-free.
     */
    public double ocvSigmaVolts(OcvDoubt doubt, double soc, double celsius, double extrapolationKelvin) {
        double base = doubt.sigmaVoltsAt(soc, celsius, ocvSigmaVolts);
        if (extrapolationKelvin == 0) {
            return base;
        }
        double grown = extrapolationOcvVoltsPerKelvin * extrapolationKelvin;
        return Math.sqrt(base * base + grown * grown);
    }

    private static void positive(String name, double v) {
        if (!(v > 0) || !Double.isFinite(v)) {
            throw new IllegalArgumentException(name + " must be a finite number > 0, got " + v);
        }
    }

    private static void nonNegative(String name, double v) {
        if (!(v >= 0) || !Double.isFinite(v)) {
            throw new IllegalArgumentException(name + " must be a finite number >= 0, got " + v);
        }
    }
}
