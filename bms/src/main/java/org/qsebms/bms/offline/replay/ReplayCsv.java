package org.qsebms.bms.offline.replay;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Writes a replay trace as
 * {@code time_s,soc_est,soc_bound_3sigma,r0_ohm,capacity_ah_est,voltage_sigma_v[,soc_ref]}.
 */
public final class ReplayCsv {
    private ReplayCsv() {}

    public static void write(ReplayTrace trace, Path csv) throws IOException {
        boolean hasRef = !Double.isNaN(trace.socRef()[0]);
        try (BufferedWriter w = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
            w.write("time_s,soc_est,soc_bound_3sigma,r0_ohm,capacity_ah_est,voltage_sigma_v"
                    + (hasRef ? ",soc_ref" : ""));
            w.newLine();
            for (int k = 0; k < trace.timeS().length; k++) {
                w.write(String.format(
                        Locale.ROOT,
                        "%.3f,%.6f,%.6f,%.6f,%.5f,%.4f",
                        trace.timeS()[k],
                        trace.socEst()[k],
                        trace.socBound3Sigma()[k],
                        trace.r0Ohm()[k],
                        trace.capacityAhEst()[k],
                        trace.voltageSigmaV()[k]));
                if (hasRef) {
                    w.write(String.format(Locale.ROOT, ",%.6f", trace.socRef()[k]));
                }
                w.newLine();
            }
        }
    }
}
