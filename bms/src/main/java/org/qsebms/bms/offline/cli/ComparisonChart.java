package org.qsebms.bms.offline.cli;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.qsebms.estimators.calibration.CalibratedModel;
import org.qsebms.estimators.calibration.ComparisonPoint;
import org.qsebms.estimators.calibration.ModelComparison;

/**
 * One PNG per paper table (XChart): measured points as markers, model as a line, per electrolyte.
 * The title is the table's name in words, each electrolyte keeps its colour in every chart (the
 * liquid electrolyte is always red), and a log axis is only used where it spans decades.
 */
final class ComparisonChart {
    /** Fixed colours per electrolyte, so a reader can compare charts; others take the fallback palette. */
    private static final Map<String, Color> ELECTROLYTE_COLOURS =
            Map.of("psoa", new Color(0x1f77b4), "ptpa", new Color(0x9467bd), "le", new Color(0xd62728));

    private static final Map<String, String> ELECTROLYTE_NAMES =
            Map.of("psoa", "PSOA (QSE)", "ptpa", "PTPA (QSE)", "le", "LE (liquid)");
    private static final Color[] FALLBACK = {new Color(0x2ca02c), new Color(0xff7f0e), new Color(0x8c564b)};

    private ComparisonChart() {}

    /** "li_li_polarization_mV_vs_current_density" -> "Li||Li polarization (mV) vs current density". */
    static String title(String table) {
        String t = table.replace(".", ": ").replaceAll("(?<=\\d)p(?=\\d)", ".");
        t = t.replaceAll("\\bli_(li|lfp|ncm811)_", "Li||$1 ")
                .replace("Li||lfp", "Li||LFP")
                .replace("Li||ncm811", "Li||NCM811")
                .replace("Li||li", "Li||Li");
        t = t.replace("_mAh_per_g", " (mAh/g)").replace("_mV", " (mV)").replace("_ohm", " (ohm)");
        t = t.replace('_', ' ').replaceAll("\\s+", " ").trim();
        t = t.replaceAll("(\\d(?:\\.\\d)?)c\\b", "$1C").replaceAll("(\\d(?:\\.\\d)?)mg\\b", "$1 mg/cm²");
        return Character.toUpperCase(t.charAt(0)) + t.substring(1);
    }

    static void write(String table, List<ComparisonPoint> points, CalibratedModel model, Path png) throws IOException {
        XYChart chart = new XYChartBuilder()
                .width(800)
                .height(500)
                .title(title(table))
                .xAxisTitle(points.get(0).condition().replaceAll(".*x = ", ""))
                .yAxisTitle(points.get(0).unit())
                .build();
        chart.getStyler().setLegendVisible(true);
        // log only where the data span decades: cycle life spans 30..4000 cycles; its current density
        // (0.1..1.5 mA/cm²) has a single decade tick on a log axis, so it stays linear
        double yMin = points.stream()
                .mapToDouble(p -> Math.min(p.measured(), p.model()))
                .min()
                .orElse(1);
        double yMax = points.stream()
                .mapToDouble(p -> Math.max(p.measured(), p.model()))
                .max()
                .orElse(1);
        if (yMin > 0 && yMax / yMin >= 30) {
            chart.getStyler().setYAxisLogarithmic(true);
        }
        Map<String, List<ComparisonPoint>> byElectrolyte = new LinkedHashMap<>();
        for (ComparisonPoint p : points) {
            byElectrolyte
                    .computeIfAbsent(p.electrolyte(), k -> new ArrayList<>())
                    .add(p);
        }
        int k = 0;
        for (Map.Entry<String, List<ComparisonPoint>> e : byElectrolyte.entrySet()) {
            String key = e.getKey().toLowerCase(java.util.Locale.ROOT);
            Color color = ELECTROLYTE_COLOURS.getOrDefault(key, FALLBACK[k++ % FALLBACK.length]);
            String label = ELECTROLYTE_NAMES.getOrDefault(key, e.getKey());
            List<ComparisonPoint> sorted = new ArrayList<>(e.getValue());
            sorted.sort(Comparator.comparingDouble(ComparisonPoint::x));
            double[] x = sorted.stream().mapToDouble(ComparisonPoint::x).toArray();
            double[] measured =
                    sorted.stream().mapToDouble(ComparisonPoint::measured).toArray();
            double[] modelX = x;
            double[] modelY =
                    sorted.stream().mapToDouble(ComparisonPoint::model).toArray();
            var curve = ModelComparison.curve(table, e.getKey(), model);
            if (curve.isPresent() && x.length > 1) {
                int n = 100;
                modelX = new double[n + 1];
                modelY = new double[n + 1];
                for (int i = 0; i <= n; i++) {
                    modelX[i] = x[0] + (x[x.length - 1] - x[0]) * i / n;
                    modelY[i] = curve.get().applyAsDouble(modelX[i]);
                }
            }
            XYSeries m = chart.addSeries(label + " measured", x, measured);
            m.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            m.setMarker(SeriesMarkers.CIRCLE);
            m.setMarkerColor(color);
            XYSeries f = chart.addSeries(label + " model", modelX, modelY);
            boolean line = curve.isPresent() && x.length > 1;
            f.setXYSeriesRenderStyle(line ? XYSeries.XYSeriesRenderStyle.Line : XYSeries.XYSeriesRenderStyle.Scatter);
            f.setMarker(line ? SeriesMarkers.NONE : SeriesMarkers.DIAMOND);
            f.setMarkerColor(color);
            f.setLineColor(color);
        }
        BitmapEncoder.saveBitmap(chart, png.toString(), BitmapEncoder.BitmapFormat.PNG);
    }
}
