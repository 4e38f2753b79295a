package org.qsebms.estimators.characterization;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.qsebms.estimators.model.OcvCurve;

/**
 * The OCV curve from OCV tests that may have been run at several temperatures: each temperature's
 * tests are fitted by {@link OcvFitter}, and from their differences the OCV's temperature
 * coefficient dU/dT against SOC (Plett's {@code OCV(z, T) = OCV0(z) + T OCVrel(z)}), applied over
 * the tests' temperature span only.
 */
final class OcvTemperatureFitter {
    /** OCV tests whose temperatures differ by no more than this are one temperature. */
    static final double OCV_GROUP_KELVIN = 5.0;

    private final OcvFitter ocvFitter;

    OcvTemperatureFitter(OcvFitter ocvFitter) {
        this.ocvFitter = ocvFitter;
    }

    /**
     * The OCV curve, and its temperature coefficient when the OCV tests were run at more than one
     * temperature (Plett's {@code OCV(z, T) = OCV0(z) + T OCVrel(z)}). Tests whose median
     * temperatures lie within {@link #OCV_GROUP_KELVIN} of each other form one group and are fitted
     * together, each group's resistive correction taken at its temperature with the fitted
     * Arrhenius law. The group nearest 25 °C gives the curve; at each SOC that it and another group
     * both measured, dU/dT is the least-squares slope, through the reference, of the other groups'
     * OCV differences against their temperature differences. Beyond the SOC span the groups share,
     * dU/dT holds its value at the nearer edge. The curve is referred to 25 °C, as
     * {@link OcvCurve} expects, and dU/dT applies only between the coldest and warmest test
     * temperatures: part of what the fit sees at a cold temperature is a cell that has not fully
     * relaxed by the end of a rest, which is no reason to move the OCV above the warmest test.
     */
    OcvFit fit(
            List<CellTestLog> ocvTests,
            double capacityAh,
            double dcResistanceAtRef,
            double refCelsius,
            double activation,
            List<String> notes) {
        List<List<CellTestLog>> groups = groupsByTemperature(ocvTests);
        if (groups.size() == 1) {
            OcvFit ocv = ocvFitter.fit(ocvTests, capacityAh, dcResistanceAtRef);
            notes.add("OCV: " + ocv.note());
            return measuredAt(ocv, groupCelsius(groups.get(0)), notes);
        }
        List<OcvFit> fits = new ArrayList<>();
        double[] celsius = new double[groups.size()];
        int reference = 0;
        for (int g = 0; g < groups.size(); g++) {
            celsius[g] = groupCelsius(groups.get(g));
            double arrhenius = Math.exp(activation
                    / CellCharacterizer.GAS_CONSTANT
                    * (1 / (celsius[g] + 273.15) - 1 / (refCelsius + 273.15)));
            OcvFit fit = ocvFitter.fit(groups.get(g), capacityAh, dcResistanceAtRef * arrhenius);
            fits.add(fit);
            notes.add(String.format(
                    Locale.ROOT, "OCV at %.1f °C (%s): %s", celsius[g], sources(groups.get(g)), fit.note()));
            if (Math.abs(celsius[g] - 25) < Math.abs(celsius[reference] - 25)) {
                reference = g;
            }
        }
        OcvFit ref = fits.get(reference);
        double[] soc = ref.curve().socFraction();
        double[] dudt = new double[soc.length];
        boolean[] known = new boolean[soc.length];
        for (int b = 0; b < soc.length; b++) {
            double sxy = 0;
            double sxx = 0;
            for (int g = 0; g < fits.size(); g++) {
                if (g == reference || !fits.get(g).measured(soc[b]) || !ref.measured(soc[b])) {
                    continue;
                }
                double dt = celsius[g] - celsius[reference];
                sxy += dt * (fits.get(g).curve().voltsAt(soc[b]) - ref.curve().voltsAt(soc[b]));
                sxx += dt * dt;
            }
            known[b] = sxx > 0;
            dudt[b] = known[b] ? sxy / sxx : 0;
        }
        int first = -1;
        int last = -1;
        for (int b = 0; b < soc.length; b++) {
            if (known[b]) {
                first = first < 0 ? b : first;
                last = b;
            }
        }
        if (first < 0) {
            notes.add(String.format(
                    Locale.ROOT,
                    "WARNING the OCV tests at other temperatures share no measured SOC "
                            + "span with the %.1f °C test, so no temperature coefficient was fitted; the %.1f °C curve is used "
                            + "at every temperature",
                    celsius[reference],
                    celsius[reference]));
            return measuredAt(ref, celsius[reference], notes);
        }
        Arrays.fill(dudt, 0, first, dudt[first]);
        Arrays.fill(dudt, last + 1, soc.length, dudt[last]);
        double[] ocv25 = new double[soc.length];
        for (int b = 0; b < soc.length; b++) {
            ocv25[b] = ref.curve().voltsAt(soc[b]) + (OcvCurve.REFERENCE_CELSIUS - celsius[reference]) * dudt[b];
        }
        double[] sorted = Arrays.copyOfRange(dudt, first, last + 1);
        Arrays.sort(sorted);
        double coldest = Arrays.stream(celsius).min().orElseThrow();
        double warmest = Arrays.stream(celsius).max().orElseThrow();
        notes.add(String.format(
                Locale.ROOT,
                "OCV against temperature: dU/dT fitted over SOC %.2f..%.2f from the tests "
                        + "at %s °C (median %.2f mV/K, range %.2f..%.2f mV/K), held at its edge values outside that span; the "
                        + "table is referred to 25 °C, and below %.1f or above %.1f °C the OCV stays at that temperature's "
                        + "(the coefficient is not extrapolated)",
                soc[first],
                soc[last],
                temperatures(celsius),
                1000 * sorted[sorted.length / 2],
                1000 * sorted[0],
                1000 * sorted[sorted.length - 1],
                coldest,
                warmest));
        notes.add(String.format(
                Locale.ROOT,
                "OCV measured at %s °C (the OCV tests' temperatures): outside %.1f..%.1f °C the SOC filter "
                        + "treats the model as extrapolated, whatever the pulse tests' span",
                temperatures(celsius),
                coldest,
                warmest));
        return new OcvFit(
                new OcvCurve(soc, ocv25, dudt, coldest, warmest),
                ref.hysteresisVolts(),
                ref.branchesAveraged(),
                ref.measuredSocLow(),
                ref.measuredSocHigh(),
                ref.note());
    }

    /**
     * {@code fit} with its curve marked as measured at {@code celsius} only: the curve's dU/dT is 0
     * (one temperature cannot fit it), so the OCV is the same at every temperature, but the span
     * tells the SOC filter that away from {@code celsius} the OCV (and its doubt) are extrapolated.
     */
    private static OcvFit measuredAt(OcvFit fit, double celsius, List<String> notes) {
        OcvCurve c = fit.curve();
        notes.add(String.format(
                Locale.ROOT,
                "OCV measured at %.1f °C only (the OCV tests' temperature): away from it the SOC filter treats "
                        + "the model as extrapolated, whatever the pulse tests' span; give OCV tests at the "
                        + "temperatures the cell will see",
                celsius));
        return new OcvFit(
                new OcvCurve(c.socFraction(), c.ocvVolts(), new double[c.socFraction().length], celsius, celsius),
                fit.hysteresisVolts(),
                fit.branchesAveraged(),
                fit.measuredSocLow(),
                fit.measuredSocHigh(),
                fit.note());
    }

    /** Tests sorted by median temperature, a new group wherever the gap to a group's first exceeds {@link #OCV_GROUP_KELVIN}. */
    private static List<List<CellTestLog>> groupsByTemperature(List<CellTestLog> logs) {
        List<CellTestLog> sorted = new ArrayList<>(logs);
        sorted.sort((a, b) -> Double.compare(a.medianCelsius(), b.medianCelsius()));
        List<List<CellTestLog>> groups = new ArrayList<>();
        for (CellTestLog log : sorted) {
            List<CellTestLog> current = groups.isEmpty() ? null : groups.get(groups.size() - 1);
            if (current == null || log.medianCelsius() - current.get(0).medianCelsius() > OCV_GROUP_KELVIN) {
                current = new ArrayList<>();
                groups.add(current);
            }
            current.add(log);
        }
        return groups;
    }

    /** A group's temperature: the mean of its tests' median temperatures. */
    private static double groupCelsius(List<CellTestLog> group) {
        return group.stream().mapToDouble(CellTestLog::medianCelsius).average().orElseThrow();
    }

    private static String sources(List<CellTestLog> group) {
        return String.join(", ", group.stream().map(CellTestLog::source).toList());
    }

    private static String temperatures(double[] celsius) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < celsius.length; i++) {
            b.append(i == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.1f", celsius[i]));
        }
        return b.toString();
    }
}
