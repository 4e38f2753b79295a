package org.qsebms.estimators.yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.Test;

/** One YAML document per text: the second is refused at its {@code ---} line, whatever it holds. */
class OneYamlDocumentTest {
    private final OneYamlDocument reader = new OneYamlDocument(new ObjectMapper(new YAMLFactory()));

    @Test
    void theSecondDocumentIsRefusedAtItsMarkerLineWhateverItHolds() {
        for (String second : new String[] {"b: 2\n", "# only a comment\n\nb: 2\n", "- 1\n", "text\n", ""}) {
            OneYamlDocument.SecondDocumentException e = catchThrowableOfType(
                    OneYamlDocument.SecondDocumentException.class, () -> reader.read("a: 1\nc: 3\n---\n" + second));

            assertThat(e).as("a second document of '%s'", second).isNotNull();
            assertThat(e.line()).as("its line").isEqualTo(3);
            assertThat(e.getLocation().getLineNr()).isEqualTo(3);
        }
    }

    @Test
    void aDocumentOnTheMarkerLineIsRefusedAtThatLine() {
        OneYamlDocument.SecondDocumentException e = catchThrowableOfType(
                OneYamlDocument.SecondDocumentException.class, () -> reader.read("a: 1\n--- {b: 2}\n"));

        assertThat(e.line()).isEqualTo(2);
    }

    @Test
    void oneDocumentWithItsMarkersOrNoneReads() throws JsonProcessingException {
        assertThat(reader.read("---\na: 1\n...\n").path("a").asInt()).isEqualTo(1);
        assertThat(reader.read("a: 1\n").path("a").asInt()).isEqualTo(1);
        assertThat(reader.read("# nothing\n").isMissingNode()).isTrue();
        assertThat(reader.read("").isMissingNode()).isTrue();
    }
}
