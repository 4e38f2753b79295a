package org.qsebms.estimators.calibration;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.qsebms.estimators.yaml.OneYamlDocument;

/**
 * The seed paper's measured figures ({@code qse-paper-data.yaml}, shipped as a resource with its
 * source header), read with Jackson YAML into dotted key paths such as
 * {@code li_li_polarization_mV_vs_current_density.psoa}: every scalar and every list is a value at
 * the path of its keys (flow mappings such as {@code { psoa: 75, le: 10 }} nest like block ones).
 */
public final class PaperData {
    /** Classpath location of the bundled transcription. */
    static final String RESOURCE = "org/qsebms/estimators/calibration/qse-paper-data.yaml";

    private final Map<String, JsonNode> values;

    private PaperData(Map<String, JsonNode> values) {
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

    /**
     * Parses a transcription.
     *
     * @throws IllegalArgumentException naming the line and column when the text is not YAML
     */
    public static PaperData parse(String yaml) {
        JsonNode root;
        try {
            root = new OneYamlDocument(new ObjectMapper(new YAMLFactory())).read(yaml);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(
                    RESOURCE + " is not valid YAML at line " + e.getLocation().getLineNr() + ", column "
                            + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage(),
                    e);
        }
        Map<String, JsonNode> values = new LinkedHashMap<>();
        if (root != null && root.isObject()) {
            flatten("", root, values);
        }
        return new PaperData(values);
    }

    private static void flatten(String prefix, JsonNode mapping, Map<String, JsonNode> out) {
        for (Map.Entry<String, JsonNode> e : mapping.properties()) {
            String path = prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey();
            if (e.getValue().isObject()) {
                flatten(path, e.getValue(), out);
            } else if (!e.getValue().isNull()) {
                out.put(path, e.getValue());
            }
        }
    }

    /** The number at {@code path}. */
    public double number(String path) {
        JsonNode v = require(path);
        if (!v.isNumber()) {
            throw new IllegalArgumentException(RESOURCE + ": " + path + " is '" + v.asText() + "', not a number");
        }
        return v.asDouble();
    }

    /** The list of numbers at {@code path}. */
    public double[] numbers(String path) {
        JsonNode v = require(path);
        if (!v.isArray()) {
            throw new IllegalArgumentException(RESOURCE + ": " + path + " is '" + v + "', not a list like [1, 2]");
        }
        double[] out = new double[v.size()];
        for (int i = 0; i < out.length; i++) {
            if (!v.get(i).isNumber()) {
                throw new IllegalArgumentException(
                        RESOURCE + ": " + path + "[" + i + "] is '" + v.get(i).asText() + "', not a number");
            }
            out[i] = v.get(i).asDouble();
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

    private JsonNode require(String path) {
        JsonNode v = values.get(path);
        if (v == null) {
            throw new IllegalArgumentException(RESOURCE + " has no value at " + path);
        }
        return v;
    }
}
