package org.qsebms.bms.offline.cli;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.qsebms.bms.record.CellCycleSeries;
import org.qsebms.estimators.model.Electrolyte;

/**
 * The three figures of a cycle report for one cell or the pack (XChart PNGs, as {@code bms model
 * report} draws them): this cell's measured points as markers, the seed paper's PSOA (QSE) and
 * liquid-electrolyte (LE) figures as dashed lines and open markers.
 */
final class CycleCharts {
    private static final Color MEASURED = new Color(0x1f77b4);
    private static final Color SECOND = new Color(0xff7f0e);
    private static final Color PSOA = new Color(0x2ca02c);
    private static final Color LE = new Color(0xd62728);
    private static final BasicStroke DASHED =
            new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {8f, 6f}, 0f);

    private CycleCharts() {}

    /** Capacity retention (%) against cycle, with the paper's cycle lives marked. */
    static void capacity(CellCycleSeries s, PaperCycleReference p, Path png) throws IOException {
        XYChart c = chart(s.name() + ": capacity retention", "capacity retention (%)");
        int n = s.size();
        double[] x = new double[n];
        double[] ret = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = s.cycle(i);
            ret[i] = 100 * s.retention(i);
        }
        markers(
                c,
                String.format(
                        java.util.Locale.ROOT,
                        "this %s: discharge / first cycles' (100 %% = %.4f Ah)",
                        s.name().startsWith("cell") ? "cell" : "pack",
                        s.referenceAh()),
                x,
                ret,
                MEASURED,
                0);
        // the paper's cycle lives (it gives no retention curve): a vertical mark at the cycle its cells failed
        reference(
                c,
                "paper PSOA (QSE): end of life at " + (int) p.psoa().lifeCycles() + " cycles (Li||NCM811, 1 C)",
                new double[] {p.psoa().lifeCycles(), p.psoa().lifeCycles()},
                new double[] {80, 100},
                PSOA,
                0);
        reference(
                c,
                "paper LE (liquid): end of life at " + (int) p.le().lifeCycles() + " cycles (same cell)",
                new double[] {p.le().lifeCycles(), p.le().lifeCycles()},
                new double[] {80, 100},
                LE,
                0);
        reference(
                c,
                "80 % (end of life)",
                new double[] {0, Math.max(p.psoa().lifeCycles(), n == 0 ? 0 : x[n - 1])},
                new double[] {80, 80},
                Color.GRAY,
                0);
        BitmapEncoder.saveBitmap(c, png.toString(), BitmapEncoder.BitmapFormat.PNG);
    }

    /**
     * Coulombic efficiency (%) against cycle, with the efficiency the paper's cycle lives imply (its
     * fitted lithium-loss law); the axis spans the cell's points and the PSOA line, and a line
     * outside it says so in its legend entry.
     */
    static void coulombicEfficiency(CellCycleSeries s, PaperCycleReference p, Path png) throws IOException {
        XYChart c = chart(s.name() + ": coulombic efficiency (discharge / charge)", "coulombic efficiency (%)");
        int n = s.size();
        double[] x = new double[n];
        double[] ce = new double[n];
        double lo = 100 * p.psoa().coulombicEfficiency();
        double hi = 100.0;
        for (int i = 0; i < n; i++) {
            x[i] = s.cycle(i);
            ce[i] = 100 * s.coulombicEfficiency(i);
            if (Double.isFinite(ce[i])) {
                lo = Math.min(lo, ce[i]);
                hi = Math.max(hi, ce[i]);
            }
        }
        double pad = Math.max(0.05, 0.05 * (hi - lo));
        c.getStyler().setYAxisMin(lo - pad);
        c.getStyler().setYAxisMax(hi + pad);
        double last = Math.max(n == 0 ? 1 : x[n - 1], 10);
        markers(c, "this " + (s.name().startsWith("cell") ? "cell" : "pack (lowest cell)"), x, ce, MEASURED, 0);
        double psoa = 100 * p.psoa().coulombicEfficiency();
        double le = 100 * p.le().coulombicEfficiency();
        reference(
                c,
                String.format(java.util.Locale.ROOT, "paper PSOA (QSE): %.2f %% implied by its 220-cycle life", psoa),
                new double[] {0, last},
                new double[] {psoa, psoa},
                PSOA,
                0);
        reference(
                c,
                String.format(
                        java.util.Locale.ROOT,
                        "paper LE (liquid): %.2f %%%s",
                        le,
                        le < lo - pad ? " (below this axis)" : ""),
                new double[] {0, last},
                new double[] {le, le},
                LE,
                0);
        BitmapEncoder.saveBitmap(c, png.toString(), BitmapEncoder.BitmapFormat.PNG);
    }

    /** Polarization (mean charge minus mean discharge voltage, mV) against cycle. */
    static void polarization(CellCycleSeries s, PaperCycleReference p, Path png) throws IOException {
        XYChart c = chart(s.name() + ": polarization (mean charge - mean discharge voltage)", "polarization (mV)");
        int n = s.size();
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = s.cycle(i);
            y[i] = 1000 * s.polarizationVolts(i);
        }
        double last = n == 0 ? 10 : x[n - 1];
        markers(c, "this cell", x, y, MEASURED, 0);
        reference(
                c,
                String.format(
                        java.util.Locale.ROOT,
                        "paper PSOA %.0f mV (Li||LFP 0.5 C)",
                        1000 * p.psoa().polarizationVolts()),
                new double[] {0, last},
                new double[] {
                    1000 * p.psoa().polarizationVolts(), 1000 * p.psoa().polarizationVolts()
                },
                PSOA,
                0);
        reference(
                c,
                String.format(java.util.Locale.ROOT, "paper LE %.0f mV", 1000 * p.le().polarizationVolts()),
                new double[] {0, last},
                new double[] {1000 * p.le().polarizationVolts(), 1000 * p.le().polarizationVolts()},
                LE,
                0);
        BitmapEncoder.saveBitmap(c, png.toString(), BitmapEncoder.BitmapFormat.PNG);
    }

    /**
     * R0 and its SEI part (mOhm at 25 °C) against cycle, with the paper's SEI growth over 100 cycles
     * (PSOA 119.7 -> 102.0 ohm, LE 149.3 -> 369.8 ohm on lab cells) scaled to this cell's first SEI value.
     */
    static void resistance(CellCycleSeries s, PaperCycleReference p, Path png) throws IOException {
        XYChart c = chart(s.name() + ": R0 and its SEI part at 25 °C", "resistance (mOhm)");
        int n = s.size();
        double[] x = new double[n];
        double[] r0 = new double[n];
        double[] sei = new double[n];
        double firstSei = Double.NaN;
        for (int i = 0; i < n; i++) {
            x[i] = s.cycle(i);
            r0[i] = 1000 * s.r0Ohms(i);
            sei[i] = 1000 * s.seiOhms(i);
            if (Double.isNaN(firstSei) && Double.isFinite(sei[i]) && sei[i] > 0) {
                firstSei = sei[i];
            }
        }
        markers(c, "R0", x, r0, MEASURED, 0);
        markers(c, "SEI part of R0", x, sei, SECOND, 0);
        if (Double.isFinite(firstSei)) {
            double x0 = x[0];
            double span = Math.max(PaperCycleReference.SEI_CYCLES, x[n - 1] - x0);
            int k = 50;
            double[] rx = new double[k + 1];
            double[] psoa = new double[k + 1];
            double[] le = new double[k + 1];
            for (int i = 0; i <= k; i++) {
                double cyc = span * i / k;
                rx[i] = x0 + cyc;
                psoa[i] = firstSei * p.seiFactor(Electrolyte.PSOA, cyc);
                le[i] = firstSei * p.seiFactor(Electrolyte.LE, cyc);
            }
            reference(
                    c,
                    String.format(
                            java.util.Locale.ROOT,
                            "paper PSOA SEI %.1f -> %.1f ohm in 100 cycles, scaled",
                            p.psoa().seiBeforeOhms(),
                            p.psoa().seiAfterOhms()),
                    rx,
                    psoa,
                    PSOA,
                    0);
            reference(
                    c,
                    String.format(
                            java.util.Locale.ROOT,
                            "paper LE SEI %.1f -> %.1f ohm, scaled",
                            p.le().seiBeforeOhms(),
                            p.le().seiAfterOhms()),
                    rx,
                    le,
                    LE,
                    0);
            XYSeries pts = c.addSeries(
                    "paper measurements (EIS, before/after 100 cycles)",
                    new double[] {x0, x0 + 100, x0, x0 + 100},
                    new double[] {
                        firstSei,
                        firstSei * p.psoa().seiAfterOhms() / p.psoa().seiBeforeOhms(),
                        firstSei,
                        firstSei * p.le().seiAfterOhms() / p.le().seiBeforeOhms()
                    });
            pts.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            pts.setMarker(SeriesMarkers.DIAMOND);
            pts.setMarkerColor(Color.DARK_GRAY);
        }
        BitmapEncoder.saveBitmap(c, png.toString(), BitmapEncoder.BitmapFormat.PNG);
    }

    private static XYChart chart(String title, String yTitle) {
        XYChart c = new XYChartBuilder()
                .width(900)
                .height(620)
                .title(title)
                .xAxisTitle("cycle")
                .yAxisTitle(yTitle)
                .build();
        Styler st = c.getStyler();
        st.setLegendVisible(true);
        st.setLegendPosition(Styler.LegendPosition.OutsideS);
        st.setLegendLayout(Styler.LegendLayout.Vertical);
        st.setChartBackgroundColor(Color.WHITE);
        st.setPlotBackgroundColor(Color.WHITE);
        st.setMarkerSize(5);
        return c;
    }

    private static void markers(XYChart c, String name, double[] x, double[] y, Color color, int axis) {
        if (x.length == 0) {
            x = new double[] {0};
            y = new double[] {Double.NaN};
        }
        XYSeries s = c.addSeries(name, x, y);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        s.setMarker(SeriesMarkers.CIRCLE);
        s.setMarkerColor(color);
        s.setYAxisGroup(axis);
    }

    private static void reference(XYChart c, String name, double[] x, double[] y, Color color, int axis) {
        XYSeries s = c.addSeries(name, x, y);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        s.setMarker(SeriesMarkers.NONE);
        s.setLineColor(color);
        s.setLineStyle(DASHED);
        s.setYAxisGroup(axis);
    }
}
