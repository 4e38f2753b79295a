package org.qsebms.bms.offline.replay;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * PNG plot of a replay: the SOC estimate over its 3-sigma bound drawn as a band, and the
 * reference as a wider orange line under the estimate (visible on both sides of it where they
 * agree), on a time axis in minutes (up to 3 h), hours (up to 4 days) or days, so the ticks are
 * round numbers of the unit rather than fractions of an hour.
 */
public final class ReplayPlot {
    private static final int MAX_POINTS = 4000;
    private static final Color ESTIMATE = new Color(0x1f77b4);
    private static final Color BAND = new Color(0xc6dbef);
    private static final Color REFERENCE = new Color(0xff7f0e);

    private ReplayPlot() {}

    /** The time unit for a log of {@code seconds}: its name and seconds per unit. */
    record TimeUnit(String name, double seconds) {
        static TimeUnit forSpan(double seconds) {
            if (seconds <= 3 * 3600) {
                return new TimeUnit("min", 60);
            }
            if (seconds <= 4 * 86400) {
                return new TimeUnit("h", 3600);
            }
            return new TimeUnit("days", 86400);
        }
    }

    public static void write(ReplayTrace trace, String title, Path png) throws IOException {
        int n = trace.timeS().length;
        int stride = Math.max(1, n / MAX_POINTS);
        int m = (n + stride - 1) / stride;
        TimeUnit unit = TimeUnit.forSpan(trace.timeS()[n - 1] - trace.timeS()[0]);
        double[] time = new double[m];
        double[] est = new double[m];
        double[] bound = new double[m];
        double[] ref = new double[m];
        boolean hasRef = !Double.isNaN(trace.socRef()[0]);
        for (int j = 0; j < m; j++) {
            int k = j * stride;
            time[j] = (trace.timeS()[k] - trace.timeS()[0]) / unit.seconds();
            est[j] = 100 * trace.socEst()[k];
            // the band is clipped to the axis (a bound wider than 0..100 % says no more than the axis)
            bound[j] = Math.min(100 * trace.socBound3Sigma()[k], 110);
            ref[j] = hasRef ? 100 * trace.socRef()[k] : 0;
        }
        XYChart chart = new XYChartBuilder()
                .width(1000)
                .height(500)
                .title(title)
                .xAxisTitle("time (" + unit.name() + ")")
                .yAxisTitle("SOC (%)")
                .build();
        chart.getStyler().setYAxisMin(-5.0).setYAxisMax(105.0);
        chart.getStyler().setXAxisDecimalPattern("#,##0.#");
        chart.getStyler().setErrorBarsColorSeriesColor(false);
        chart.getStyler().setErrorBarsColor(BAND);
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideSW);
        // the band: one vertical bar per sample from estimate - 3 sigma to estimate + 3 sigma, drawn first
        XYSeries band = chart.addSeries("3-sigma bound", time, est, bound);
        band.setMarker(SeriesMarkers.NONE);
        band.setLineColor(BAND);
        band.setLineStyle(new BasicStroke(8f));
        if (hasRef) {
            XYSeries r = chart.addSeries("soc_ref (reference)", time, ref);
            r.setMarker(SeriesMarkers.NONE);
            r.setLineColor(REFERENCE);
            // wider, under the estimate: where the two agree the reference shows as an orange edge on both sides
            r.setLineStyle(new BasicStroke(4f));
        }
        // the estimate last, on top of the reference and the band
        XYSeries e = chart.addSeries("estimate", time, est);
        e.setMarker(SeriesMarkers.NONE);
        e.setLineColor(ESTIMATE);
        e.setLineStyle(new BasicStroke(1.4f));
        BitmapEncoder.saveBitmap(chart, png.toString(), BitmapEncoder.BitmapFormat.PNG);
    }
}
