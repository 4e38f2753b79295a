package org.qsebms.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.qsebms.estimators.yaml.OneYamlDocument;

/**
 * The one reader and writer of chemistry preset files ({@code presets/*.yaml}): Jackson YAML
 * databinding of {@link PresetDocument}. Reading checks the file exactly as the loader
 * ({@link PresetCatalog}) does, with the same key-path error messages, so a document that reads
 * also loads; writing emits the same keys, with comment lines above and below. A key added to the
 * document records is read and written with no change here.
 */
public final class PresetCodec {
    private final ObjectMapper mapper = new ObjectMapper(YAMLFactory.builder()
                    .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                    .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                    .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
                    .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
                    .disable(YAMLGenerator.Feature.SPLIT_LINES)
                    .build())
            .enable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);

    /** A preset's parsed tree, where it came from, and the directory its relative OCV table is in. */
    record Source(JsonNode tree, String location, Path baseDir) {}

    /**
     * Reads a shipped preset by name or a preset file by path, checked as the loader checks it.
     *
     * @throws ConfigException naming the key path, the value and the fix when the file is not a valid preset
     */
    public PresetDocument read(String nameOrPath) {
        Source source = open(nameOrPath);
        PresetCatalog.parse(source, nameOrPath);
        return toDocument(source.tree(), source.location());
    }

    /** The preset text of {@code document}: {@code header} and {@code footer} become {@code #} comment lines. */
    public String write(PresetDocument document, List<String> header, List<String> footer) {
        StringBuilder out = new StringBuilder();
        comments(out, header);
        try {
            out.append(mapper.writeValueAsString(document));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write preset " + document.name() + ": " + e.getMessage(), e);
        }
        comments(out, footer);
        return out.toString();
    }

    /** Writes {@link #write(PresetDocument, List, List)} to {@code file} (UTF-8), creating its directory. */
    public void write(Path file, PresetDocument document, List<String> header, List<String> footer) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(file, write(document, header, footer), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write preset to " + file.toAbsolutePath(), e);
        }
    }

    private static void comments(StringBuilder out, List<String> lines) {
        for (String line : lines) {
            for (String part : line.split("\n", -1)) {
                out.append(part.isEmpty() ? "#" : "# " + part).append('\n');
            }
        }
    }

    /** Parses the preset at {@code nameOrPath} (a shipped name or a file) into its tree. */
    Source open(String nameOrPath) {
        String location = nameOrPath.endsWith(".yaml") || nameOrPath.endsWith(".yml")
                ? nameOrPath
                : "presets/" + nameOrPath + ".yaml";
        JsonNode root;
        try (InputStream in = stream(location)) {
            if (in == null) {
                throw new ConfigException(
                        "pack.chemistry",
                        "'" + nameOrPath + "' is not a shipped preset " + PresetCatalog.SHIPPED
                                + " nor a preset file; use one of those names or a path to a preset .yaml");
            }
            root = new OneYamlDocument(mapper).read(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            throw new ConfigException("pack.chemistry", YamlErrorText.notValid("preset " + location, e));
        } catch (IOException e) {
            throw new ConfigException("pack.chemistry", "cannot read preset " + location + ": " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("pack.chemistry", e.getMessage(), e);
        }
        Path file = Path.of(location);
        Path baseDir = Files.isRegularFile(file) ? file.toAbsolutePath().getParent() : null;
        return new Source(root, location, baseDir);
    }

    PresetDocument toDocument(JsonNode tree, String location) {
        try {
            return mapper.treeToValue(tree, PresetDocument.class);
        } catch (JsonProcessingException e) {
            // the loader's checks passed, so this is a key the loader knows and the document records do not
            throw new IllegalStateException(
                    "preset " + location + " passed the loader's checks but does not bind to PresetDocument: "
                            + e.getOriginalMessage(),
                    e);
        }
    }

    private static InputStream stream(String location) throws IOException {
        Path p = Path.of(location);
        if (Files.isRegularFile(p)) {
            return new java.io.ByteArrayInputStream(
                    TextFileBounds.yamlFile("preset").bytes(p));
        }
        return PresetCodec.class.getClassLoader().getResourceAsStream(location);
    }
}
