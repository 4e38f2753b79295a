package org.qsebms.bms.cli;

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

/** One PNG per paper table (XChart): measured points as markers, model as a line, per electrolyte. */
final class ComparisonChart {
    private ComparisonChart() {
    }

    static void write(String table, List<ComparisonPoint> points, CalibratedModel model, Path png) throws IOException {
        XYChart chart = new XYChartBuilder().width(800).height(500).title(table)
                .xAxisTitle(points.get(0).condition().replaceAll(".*x = ", "")).yAxisTitle(points.get(0).unit()).build();
        chart.getStyler().setLegendVisible(true);
        if (table.equals("cycle_life")) {
            chart.getStyler().setYAxisLogarithmic(true);
            chart.getStyler().setXAxisLogarithmic(true);
        }
        Map<String, List<ComparisonPoint>> byElectrolyte = new LinkedHashMap<>();
        for (ComparisonPoint p : points) {
            byElectrolyte.computeIfAbsent(p.electrolyte(), k -> new ArrayList<>()).add(p);
        }
        Color[] palette = {new Color(0x1f77b4), new Color(0x9467bd), new Color(0xd62728), new Color(0x2ca02c)};
        int k = 0;
        for (Map.Entry<String, List<ComparisonPoint>> e : byElectrolyte.entrySet()) {
            Color color = palette[k++ % palette.length];
            List<ComparisonPoint> sorted = new ArrayList<>(e.getValue());
            sorted.sort(Comparator.comparingDouble(ComparisonPoint::x));
            double[] x = sorted.stream().mapToDouble(ComparisonPoint::x).toArray();
            double[] measured = sorted.stream().mapToDouble(ComparisonPoint::measured).toArray();
            double[] modelX = x;
            double[] modelY = sorted.stream().mapToDouble(ComparisonPoint::model).toArray();
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
            XYSeries m = chart.addSeries(e.getKey() + " measured", x, measured);
            m.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            m.setMarker(SeriesMarkers.CIRCLE);
            m.setMarkerColor(color);
            XYSeries f = chart.addSeries(e.getKey() + " model", modelX, modelY);
            boolean line = curve.isPresent() && x.length > 1;
            f.setXYSeriesRenderStyle(line ? XYSeries.XYSeriesRenderStyle.Line : XYSeries.XYSeriesRenderStyle.Scatter);
            f.setMarker(line ? SeriesMarkers.NONE : SeriesMarkers.DIAMOND);
            f.setMarkerColor(color);
            f.setLineColor(color);
        }
        BitmapEncoder.saveBitmap(chart, png.toString(), BitmapEncoder.BitmapFormat.PNG);
    }
}
