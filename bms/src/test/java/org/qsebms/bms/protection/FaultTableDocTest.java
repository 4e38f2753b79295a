package org.qsebms.bms.protection;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class FaultTableDocTest {
    @Test
    void docsFaultTableListsEveryCodeWithItsNumber() throws Exception {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.exists(p.resolve("docs/faults.md"))) {
            p = p.getParent();
        }
        assertThat(p).as("docs/faults.md not found").isNotNull();
        String doc = Files.readString(p.resolve("docs/faults.md"));
        for (FaultCode c : FaultCode.values()) {
            assertThat(doc).as("docs/faults.md row for %s", c).contains("| " + c.number() + " | `" + c.name() + "` |");
        }
    }
}
