package org.qsebms.config;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.qsebms.estimators.model.OcvCurve;

/**
 * Reads an OCV table (CSV with '#' comment lines and a header with columns {@code soc} and
 * {@code ocv_V}, optional {@code dUdT_V_per_K}) from the classpath or a file.
 */
final class OcvTableReader {
    private OcvTableReader() {}

    static OcvCurve read(String keyPath, String location) {
        try (InputStream in = open(location)) {
            if (in == null) {
                throw new ConfigException(
                        keyPath,
                        "OCV table '" + location
                                + "' not found as a shipped resource or a file; give a path to a CSV with columns soc,ocv_V");
            }
            return parse(keyPath, location, new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new ConfigException(keyPath, "cannot read OCV table '" + location + "': " + e.getMessage(), e);
        }
    }

    private static InputStream open(String location) throws IOException {
        Path p = Path.of(location);
        if (Files.isRegularFile(p)) {
            return Files.newInputStream(p);
        }
        return OcvTableReader.class.getClassLoader().getResourceAsStream(location);
    }

    static OcvCurve parse(String keyPath, String location, BufferedReader reader) throws IOException {
        List<double[]> rows = new ArrayList<>();
        int socCol = -1;
        int ocvCol = -1;
        int dudtCol = -1;
        String line;
        int lineNo = 0;
        while ((line = reader.readLine()) != null) {
            lineNo++;
            String t = line.trim();
            if (t.isEmpty() || t.startsWith("#")) {
                continue;
            }
            String[] cells = t.split(",");
            if (socCol < 0) {
                for (int i = 0; i < cells.length; i++) {
                    switch (cells[i].trim()) {
                        case "soc" -> socCol = i;
                        case "ocv_V" -> ocvCol = i;
                        case "dUdT_V_per_K" -> dudtCol = i;
                        default -> {}
                    }
                }
                if (socCol < 0 || ocvCol < 0) {
                    throw new ConfigException(
                            keyPath,
                            location + " line " + lineNo + ": header must name columns 'soc' and 'ocv_V', found '" + t
                                    + "'");
                }
                continue;
            }
            try {
                double soc = Double.parseDouble(cells[socCol].trim());
                double ocv = Double.parseDouble(cells[ocvCol].trim());
                double dudt = dudtCol >= 0 && dudtCol < cells.length ? Double.parseDouble(cells[dudtCol].trim()) : 0.0;
                rows.add(new double[] {soc, ocv, dudt});
            } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
                throw new ConfigException(keyPath, location + " line " + lineNo + ": not a number row: '" + t + "'");
            }
        }
        double[] soc = new double[rows.size()];
        double[] ocv = new double[rows.size()];
        double[] dudt = new double[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            soc[i] = rows.get(i)[0];
            ocv[i] = rows.get(i)[1];
            dudt[i] = rows.get(i)[2];
        }
        try {
            return new OcvCurve(soc, ocv, dudt);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(keyPath, location + ": " + e.getMessage());
        }
    }
}
