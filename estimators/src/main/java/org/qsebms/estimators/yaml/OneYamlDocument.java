package org.qsebms.estimators.yaml;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The tree of a YAML text that holds exactly one document. Jackson's {@code readTree} reads the first document and
 * stops: the rest of a file of two ({@code ---} between them) would be dropped without a word, so a setting the writer
 * sees in the file (check23u: a second document tightening the over-voltage MSL to 4.2 V) would not be the one used.
 * This reads the first document and refuses any next one, an empty one after a lone {@code ---} included, as
 * {@link SecondDocumentException}, a parse error located at the {@code ---} line.
 */
public final class OneYamlDocument {
    private final ObjectMapper mapper;

    /** @param mapper a mapper over a YAML factory (with the reader's own features, such as refusing duplicate keys) */
    public OneYamlDocument(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /**
     * The text's one document as a tree, or a missing node when the text holds none (empty, or comments only).
     *
     * @throws JsonProcessingException when the text is not YAML, or ({@link SecondDocumentException}) holds a second
     *     document
     */
    public JsonNode read(String text) throws JsonProcessingException {
        try (JsonParser p = mapper.getFactory().createParser(text)) {
            JsonNode root = tree(p);
            if (root == null) {
                return mapper.missingNode();
            }
            JsonToken next = p.nextToken();
            if (next != null) {
                JsonLocation at = p.currentTokenLocation();
                int line = documentStartLine(text, at.getLineNr());
                throw new SecondDocumentException(p, new JsonLocation(at.contentReference(), -1, line, 1), line);
            }
            return root;
        } catch (JsonProcessingException e) {
            throw e;
        } catch (IOException e) {
            // a String source has no I/O to fail
            throw new UncheckedIOException(e);
        }
    }

    /** The parser's first document; a nesting beyond the parser's limit as {@link NestingTooDeepException}. */
    private JsonNode tree(JsonParser p) throws IOException {
        try {
            return mapper.readTree(p);
        } catch (StreamConstraintsException e) {
            int max = p.streamReadConstraints().getMaxNestingDepth();
            if (p.getParsingContext() == null || p.getParsingContext().getNestingDepth() <= max) {
                throw e; // another of the parser's limits (a string's or a number's length): its own text says which
            }
            throw new NestingTooDeepException(p, max, p.currentLocation());
        }
    }

    /**
     * The 1-based line of the {@code ---} that starts the document whose first value is on {@code contentLine}: the
     * last line at or above it that starts with {@code ---}, else {@code contentLine}.
     */
    static int documentStartLine(String text, int contentLine) {
        String[] lines = text.split("\r\n|\r|\n", -1);
        for (int i = Math.min(contentLine, lines.length) - 1; i >= 0; i--) {
            if (lines[i].startsWith("---")) {
                return i + 1;
            }
        }
        return contentLine;
    }

    /**
     * Lists and maps nested deeper than the parser's limit (check23v: 20000 nested lists or 5000 nested maps); located
     * where the parser stopped.
     */
    public static final class NestingTooDeepException extends JsonParseException {
        private static final long serialVersionUID = 1L;
        private final int maxDepth;

        NestingTooDeepException(JsonParser p, int maxDepth, JsonLocation at) {
            super(
                    p,
                    "lists and maps are nested more than " + maxDepth + " levels deep; the reader stops at "
                            + maxDepth + " to protect itself (each level costs the parser memory and stack, so a"
                            + " broken or hostile file could exhaust them); no configuration, preset or scenario"
                            + " needs more than a few levels: flatten it (look for a run of '[' or '{', or ever"
                            + " deeper indentation, from that line)",
                    at);
            this.maxDepth = maxDepth;
        }

        /** The parser's nesting limit the text went beyond. */
        public int maxDepth() {
            return maxDepth;
        }
    }

    /** A second YAML document in a text that may hold one; its location is the line of the {@code ---} starting it. */
    public static final class SecondDocumentException extends JsonParseException {
        private static final long serialVersionUID = 1L;
        private final int line;

        SecondDocumentException(JsonParser p, JsonLocation at, int line) {
            super(
                    p,
                    "a second YAML document starts at line " + line + " ('---'); a file holds one document, and the"
                            + " reader would silently drop every document after the first: merge them into one (each"
                            + " key once), or delete that '---' line and the document under it",
                    at);
            this.line = line;
        }

        /** The 1-based line of the second document's {@code ---}. */
        public int line() {
            return line;
        }
    }
}
