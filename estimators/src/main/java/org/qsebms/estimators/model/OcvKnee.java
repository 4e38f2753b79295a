package org.qsebms.estimators.model;

/**
 * Where an OCV table's end-of-discharge knee ends: the lowest run of table segments, from the table's first point
 * up, each at least {@code slopeFactor} times as steep as the table's mean slope (its voltage span over its SOC
 * span, at 25 °C); the knee's top is the point where the first segment flatter than that begins. Below it a cell's
 * voltage moves that much faster with its charge than on the table at large, so a voltage-mode balancer's threshold
 * stands for next to no charge and the charge read through the table is least sure (docs/safety.md, "The balancer
 * stays off the OCV's bottom knee", 2026-12-07). A table whose first segment is not that steep (or a table with no
 * voltage span) has no knee: its top is the table's first point.
 *
 * @param soc   the SOC at the knee's top (0 when there is no knee)
 * @param volts the 25 °C OCV at the knee's top (the table's lowest voltage when there is no knee)
 */
public record OcvKnee(double soc, double volts) {

    /**
     * @param slopeFactor how many times the table's mean slope a segment's slope must reach to be part of the knee
     *                    (positive)
     */
    public static OcvKnee of(OcvCurve curve, double slopeFactor) {
        if (!(slopeFactor > 0) || !Double.isFinite(slopeFactor)) {
            throw new IllegalArgumentException("knee slope factor must be positive and finite, got " + slopeFactor);
        }
        double[] soc = curve.socFraction();
        double[] ocv = curve.ocvVolts();
        int last = soc.length - 1;
        double steep = slopeFactor * (ocv[last] - ocv[0]) / (soc[last] - soc[0]);
        int top = 0;
        while (steep > 0 && top < last && (ocv[top + 1] - ocv[top]) / (soc[top + 1] - soc[top]) >= steep) {
            top++;
        }
        return new OcvKnee(soc[top], ocv[top]);
    }
}
