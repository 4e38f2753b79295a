package org.qsebms.bms.replay;

import java.io.IOException;
import java.nio.file.Path;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** PNG plot of a replay: SOC estimate, its 3-sigma band and the reference. */
public final class ReplayPlot {
    private static final int MAX_POINTS = 4000;

    private ReplayPlot() {
    }

    public static void write(ReplayTrace trace, String title, Path png) throws IOException {
        int n = trace.timeS().length;
        int stride = Math.max(1, n / MAX_POINTS);
        int m = (n + stride - 1) / stride;
        double[] hours = new double[m];
        double[] est = new double[m];
        double[] lo = new double[m];
        double[] hi = new double[m];
        double[] ref = new double[m];
        boolean hasRef = !Double.isNaN(trace.socRef()[0]);
        for (int j = 0; j < m; j++) {
            int k = j * stride;
            hours[j] = (trace.timeS()[k] - trace.timeS()[0]) / 3600.0;
            est[j] = 100 * trace.socEst()[k];
            lo[j] = 100 * (trace.socEst()[k] - trace.socBound3Sigma()[k]);
            hi[j] = 100 * (trace.socEst()[k] + trace.socBound3Sigma()[k]);
            ref[j] = hasRef ? 100 * trace.socRef()[k] : 0;
        }
        XYChart chart = new XYChartBuilder().width(1000).height(500).title(title).xAxisTitle("time (h)")
                .yAxisTitle("SOC (%)").build();
        chart.getStyler().setYAxisMin(-5.0).setYAxisMax(105.0);
        chart.addSeries("estimate - 3 sigma", hours, lo).setMarker(SeriesMarkers.NONE);
        chart.addSeries("estimate + 3 sigma", hours, hi).setMarker(SeriesMarkers.NONE);
        chart.addSeries("estimate", hours, est).setMarker(SeriesMarkers.NONE);
        if (hasRef) {
            chart.addSeries("soc_ref", hours, ref).setMarker(SeriesMarkers.NONE);
        }
        BitmapEncoder.saveBitmap(chart, png.toString(), BitmapEncoder.BitmapFormat.PNG);
    }
}
