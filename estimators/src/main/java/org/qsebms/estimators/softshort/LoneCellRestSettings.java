package org.qsebms.estimators.softshort;

/**
 * The lone cell's rest cue ({@link LoneCellRestCue}): a pack of one cell has no other cell to compare with, so its
 * leak is read from its own OCV falling at rest while no current is counted, and what the string comparison takes out
 * for free is carried as bounds the leak must clear. The rest band, the settle time, the threshold and the sigma test
 * are the rest cue's ({@link RestSelfDischargeSettings}).
 *
 * @param relaxationVolts         the relaxation a cell may still have left at the settle time that the model does not
 *                                explain (V), a bound taken to fade as {@code 1 / sqrt(t)} from the rest's start (the
 *                                shape of a diffusion's relaxation): after a charge it lowers the voltage as a leak
 *                                does. A preset's learnt OCV doubt ({@code EcmParameters.ocvDoubt}, which holds how far
 *                                its tests' rests were from relaxed) replaces it where it is larger, and a preset's
 *                                slow branch adds its voltage left at the settle time. Not measured on real QSE cells:
 *                                the simulated cell has no relaxation slower than its 60 s pair, so this is a prior
 *                                (default {@value #DEFAULT_RELAXATION_VOLTS} V, the 3-5 mV a lithium-ion cell's OCV
 *                                still moves between 30 min and hours of rest after a CC-CV charge)
 * @param entropicDoubtFraction   the fraction of the OCV's temperature term (dU/dT times the cell's change in
 *                                temperature over the fit) that may be wrong: the term is taken off each voltage, its
 *                                doubt is a bound (default {@value #DEFAULT_ENTROPIC_DOUBT_FRACTION}: a coefficient
 *                                fitted from OCV tests at a few temperatures)
 * @param hysteresisDoubtFraction the fraction of the OCV hysteresis's change over the fit (the leak's charge drives it
 *                                towards the discharge branch, LFP) that may be wrong, likewise a bound (default
 *                                {@value #DEFAULT_HYSTERESIS_DOUBT_FRACTION}: the hysteresis model is not fitted)
 * @param locationDoubtVolts      how far the cell's rest voltage may sit from its OCV (V): a voltage channel's offset
 *                                and the leak's own drop over the cell's interface (15 mV at 13 mA on the simulated QSE
 *                                cell at 0 °C) until the shape of the fall finds it; on a bending OCV the leak is
 *                                confirmed only on its reading through the steepest slope within it (default
 *                                {@value #DEFAULT_LOCATION_DOUBT_VOLTS} V)
 * @param sampleSeconds           the fit's sample interval: the mean of the cell's voltage and temperature over it
 *                                (default {@value #DEFAULT_SAMPLE_SECONDS} s; doubled whenever the samples kept fill)
 */
record LoneCellRestSettings(
        double relaxationVolts,
        double entropicDoubtFraction,
        double hysteresisDoubtFraction,
        double locationDoubtVolts,
        double sampleSeconds) {
    public static final double DEFAULT_RELAXATION_VOLTS = 0.005;
    public static final double DEFAULT_ENTROPIC_DOUBT_FRACTION = 0.5;
    public static final double DEFAULT_HYSTERESIS_DOUBT_FRACTION = 0.5;
    public static final double DEFAULT_LOCATION_DOUBT_VOLTS = 0.010;
    public static final double DEFAULT_SAMPLE_SECONDS = 60.0;

    /** The defaults above. */
    public static final LoneCellRestSettings DEFAULTS = new LoneCellRestSettings(
            DEFAULT_RELAXATION_VOLTS,
            DEFAULT_ENTROPIC_DOUBT_FRACTION,
            DEFAULT_HYSTERESIS_DOUBT_FRACTION,
            DEFAULT_LOCATION_DOUBT_VOLTS,
            DEFAULT_SAMPLE_SECONDS);

    public LoneCellRestSettings {
        SoftShortSettings.requireNonNegative("relaxationVolts", relaxationVolts);
        SoftShortSettings.requireNonNegative("entropicDoubtFraction", entropicDoubtFraction);
        SoftShortSettings.requireNonNegative("hysteresisDoubtFraction", hysteresisDoubtFraction);
        SoftShortSettings.requireNonNegative("locationDoubtVolts", locationDoubtVolts);
        SoftShortSettings.requirePositive("sampleSeconds", sampleSeconds);
    }
}
