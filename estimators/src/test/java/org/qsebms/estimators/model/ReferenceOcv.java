package org.qsebms.estimators.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Reads the reference OCV tables copied into src/test/resources/ocv (source in each header). */
final class ReferenceOcv {
    private ReferenceOcv() {}

    static OcvCurve lfp() {
        return read("ocv/li_lfp_ocv_afshar2017.csv");
    }

    static OcvCurve ncm811() {
        return read("ocv/li_ncm811_ocv_chen2020.csv");
    }

    static OcvCurve read(String resource) {
        try (InputStream in = ReferenceOcv.class.getClassLoader().getResourceAsStream(resource)) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            List<double[]> rows = new ArrayList<>();
            int dudt = -1;
            for (String line : text.split("\n")) {
                String t = line.trim();
                if (t.isEmpty() || t.startsWith("#")) {
                    continue;
                }
                String[] cells = t.split(",");
                if (cells[0].equals("soc")) {
                    dudt = List.of(cells).indexOf("dUdT_V_per_K");
                    continue;
                }
                rows.add(new double[] {
                    Double.parseDouble(cells[0]),
                    Double.parseDouble(cells[1]),
                    dudt < 0 ? 0 : Double.parseDouble(cells[dudt])
                });
            }
            double[] s = new double[rows.size()];
            double[] v = new double[rows.size()];
            double[] d = new double[rows.size()];
            for (int i = 0; i < s.length; i++) {
                s[i] = rows.get(i)[0];
                v[i] = rows.get(i)[1];
                d[i] = rows.get(i)[2];
            }
            return new OcvCurve(s, v, d);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
