package org.qsebms.estimators.model;

import java.util.Arrays;
import java.util.List;

/**
 * How a cell's resistances change with state of charge, measured at one or more temperatures:
 * one {@link ResistanceVsSoc} table per test temperature, each giving the factors on R0/R1 and
 * on R2 over the nominal resistances already scaled to that temperature by the Arrhenius law.
 * Between two test temperatures the factors are interpolated linearly in temperature; outside
 * them the nearest table holds (the Arrhenius law alone carries the resistance further).
 *
 * <p>A cold cell's resistance does not just scale: the Panasonic NCA cell's pulse resistance at
 * 15 % SOC is 1.5 times its mid-SOC value at 25 °C but 4.8 times at 0 °C. One table at 25 °C
 * times one Arrhenius factor under-predicts the cold cell's polarisation near empty, which the
 * SOC filter reads as a lower OCV, and so as a lower SOC.
 *
 * @param celsius strictly increasing test temperatures, one per table
 * @param tables  the factor tables, one per temperature
 */
public record ResistanceMap(double[] celsius, List<ResistanceVsSoc> tables) {

    /** No SOC or extra temperature dependence. */
    public static final ResistanceMap FLAT = of(ResistanceVsSoc.FLAT);

    public ResistanceMap {
        if (celsius == null || tables == null || celsius.length == 0 || celsius.length != tables.size()) {
            throw new IllegalArgumentException("a resistance map needs one temperature per table and at least one of "
                    + "each, got " + (celsius == null ? 0 : celsius.length) + " temperatures and "
                    + (tables == null ? 0 : tables.size()) + " tables");
        }
        for (int i = 0; i < celsius.length; i++) {
            if (!Double.isFinite(celsius[i])) {
                throw new IllegalArgumentException(
                        "resistance map temperature " + i + " is " + celsius[i] + "; give a finite temperature in °C");
            }
            if (i > 0 && !(celsius[i] > celsius[i - 1])) {
                throw new IllegalArgumentException("resistance map temperatures must be strictly increasing at table "
                        + i + " (" + celsius[i - 1] + " then " + celsius[i] + " °C)");
            }
            if (tables.get(i) == null) {
                throw new IllegalArgumentException("resistance map table " + i + " is missing");
            }
        }
        celsius = celsius.clone();
        tables = List.copyOf(tables);
    }

    /** One table that holds at every temperature. */
    public static ResistanceMap of(ResistanceVsSoc table) {
        return new ResistanceMap(new double[] {25.0}, List.of(table));
    }

    /** The factor on R0 and R1 at {@code soc} and {@code celsius}; no allocation. */
    public double factorAt(double soc, double celsius) {
        return at(soc, celsius, false);
    }

    /** The factor on R2 at {@code soc} and {@code celsius}; no allocation. */
    public double slowFactorAt(double soc, double celsius) {
        return at(soc, celsius, true);
    }

    private double at(double soc, double celsius, boolean slow) {
        int n = this.celsius.length;
        if (n == 1 || !(celsius > this.celsius[0])) {
            return tableAt(0, soc, slow);
        }
        if (celsius >= this.celsius[n - 1]) {
            return tableAt(n - 1, soc, slow);
        }
        int i = lowerIndex(celsius);
        double t = weight(i, celsius);
        return (1 - t) * tableAt(i, soc, slow) + t * tableAt(i + 1, soc, slow);
    }

    private double tableAt(int table, double soc, boolean slow) {
        ResistanceVsSoc bySoc = tables.get(table);
        return slow ? bySoc.slowFactorAt(soc) : bySoc.factorAt(soc);
    }

    private int lowerIndex(double c) {
        int i = 0;
        while (celsius[i + 1] < c) {
            i++;
        }
        return i;
    }

    private double weight(int i, double c) {
        return (c - celsius[i]) / (celsius[i + 1] - celsius[i]);
    }

    /** True when every table is flat. */
    public boolean isFlat() {
        return tables.stream().allMatch(ResistanceVsSoc::isFlat);
    }

    /** True when the map holds more than one temperature. */
    public boolean dependsOnTemperature() {
        return celsius.length > 1;
    }

    @Override
    public double[] celsius() {
        return celsius.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ResistanceMap m && Arrays.equals(celsius, m.celsius) && tables.equals(m.tables);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(celsius) + tables.hashCode();
    }

    @Override
    public String toString() {
        return "ResistanceMap" + Arrays.toString(celsius) + tables;
    }
}
