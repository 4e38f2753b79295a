package org.qsebms.estimators.calibration;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The seed paper's measured figures ({@code qse-paper-data.yaml}, shipped as a resource with its
 * source header), read into dotted key paths such as
 * {@code li_li_polarization_mV_vs_current_density.psoa}. Reads the block-mapping subset of YAML
 * that file uses (nested keys, flow lists of numbers, scalars); folded text is skipped.
 */
public final class PaperData {
    /** Classpath location of the bundled transcription. */
    public static final String RESOURCE = "org/qsebms/estimators/calibration/qse-paper-data.yaml";

    private final Map<String, String> values;

    private PaperData(Map<String, String> values) {
        this.values = Collections.unmodifiableMap(values);
    }

    /** The transcription bundled with this module. */
    public static PaperData bundled() {
        try (InputStream in = PaperData.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("resource " + RESOURCE + " is missing from the estimators jar");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    /** Parses the YAML subset of the transcription. */
    public static PaperData parse(String yaml) {
        Map<String, String> values = new LinkedHashMap<>();
        List<Integer> indents = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        for (String raw : yaml.split("\n")) {
            String line = stripComment(raw);
            if (line.isBlank()) {
                continue;
            }
            int indent = 0;
            while (indent < line.length() && line.charAt(indent) == ' ') {
                indent++;
            }
            String t = line.trim();
            int colon = t.indexOf(':');
            if (colon <= 0 || t.startsWith("-")) {
                continue;
            }
            while (!indents.isEmpty() && indents.get(indents.size() - 1) >= indent) {
                indents.remove(indents.size() - 1);
                keys.remove(keys.size() - 1);
            }
            String key = t.substring(0, colon).trim();
            String value = t.substring(colon + 1).trim();
            String path = keys.isEmpty() ? key : String.join(".", keys) + "." + key;
            if (value.isEmpty()) {
                indents.add(indent);
                keys.add(key);
            } else if (!value.equals(">") && !value.equals("|")) {
                values.put(path, value);
            }
        }
        return new PaperData(values);
    }

    private static String stripComment(String line) {
        if (line.stripLeading().startsWith("#")) {
            return "";
        }
        int hash = line.indexOf(" #");
        return hash >= 0 ? line.substring(0, hash) : line;
    }

    /** The number at {@code path}. */
    public double number(String path) {
        String v = require(path);
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(RESOURCE + ": " + path + " is '" + v + "', not a number");
        }
    }

    /** The flow list of numbers at {@code path}. */
    public double[] numbers(String path) {
        String v = require(path);
        if (!v.startsWith("[") || !v.endsWith("]")) {
            throw new IllegalArgumentException(RESOURCE + ": " + path + " is '" + v + "', not a list like [1, 2]");
        }
        String[] parts = v.substring(1, v.length() - 1).split(",");
        double[] out = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            out[i] = Double.parseDouble(parts[i].trim());
        }
        return out;
    }

    public boolean has(String path) {
        return values.containsKey(path);
    }

    /** Every key path read, in file order. */
    public List<String> paths() {
        return List.copyOf(values.keySet());
    }

    private String require(String path) {
        String v = values.get(path);
        if (v == null) {
            throw new IllegalArgumentException(RESOURCE + " has no value at " + path);
        }
        return v;
    }
}
