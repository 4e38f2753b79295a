package org.qsebms.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.qsebms.estimators.yaml.OneYamlDocument;

/**
 * Why a YAML document could not be read, in words, with where and the fix, for every loader (configuration, preset,
 * scenario), and the reader they share. The parser's own text names its internals ("[Source: (StringReader); line:
 * 2, column: 20]", "`ObjectNode`", "`DeserializationFeature...`"); this keeps the line and column and the cause.
 */
public final class YamlErrorText {
    private YamlErrorText() {}

    /**
     * A YAML reader for documents a person writes: a key given twice in one mapping is refused (the parser would keep
     * the last without a word, so a setting the writer sees in the file would not be the one used).
     */
    public static ObjectMapper strictReader() {
        return new ObjectMapper(new YAMLFactory()).enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);
    }

    /** {@link #strictReader()} that also refuses a second document ({@code ---}) in the text. */
    public static OneYamlDocument strictDocument() {
        return new OneYamlDocument(strictReader());
    }

    /**
     * "SOURCE is not valid YAML at line L, column C: cause; fix", e.g. {@code source} = "scenario x.yaml" ("is not one
     * YAML document" for a second document, "is nested too deep" beyond the parser's nesting limit).
     */
    public static String notValid(String source, JsonProcessingException e) {
        if (e instanceof OneYamlDocument.SecondDocumentException) {
            return source + " is not one YAML document: " + e.getOriginalMessage();
        }
        JsonLocation at = e.getLocation();
        String where =
                at == null || at.getLineNr() < 1 ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
        if (e instanceof OneYamlDocument.NestingTooDeepException) {
            return source + " is nested too deep" + where + ": " + e.getOriginalMessage();
        }
        return source + " is not valid YAML" + where + ": " + cause(e.getOriginalMessage());
    }

    private static String cause(String message) {
        String m = message == null ? "" : message;
        if (m.startsWith("Duplicate field '")) {
            int end = m.indexOf('\'', "Duplicate field '".length());
            String key = end > 0 ? m.substring("Duplicate field '".length(), end) : "?";
            return "the key '" + key + "' is given twice in one mapping; keep one (the parser would silently use the "
                    + "last)";
        }
        if (m.startsWith("Malformed numeric value")) {
            return m + "; give a plain finite number (YAML's .nan and .inf are not values a setting can take)";
        }
        return m + "; fix the syntax (indentation with spaces, 'key: value', each key once)";
    }
}
