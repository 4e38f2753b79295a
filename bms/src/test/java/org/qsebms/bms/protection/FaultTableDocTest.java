package org.qsebms.bms.protection;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.qsebms.config.BmsConfig;
import org.qsebms.config.ConfigLoader;

/**
 * docs/faults.md is generated from the fault table as data ({@link FaultTable}) for the default
 * simulated configuration. Regenerate with
 * {@code ./mvnw -pl bms -am test -Dtest=FaultTableDocTest -Dsurefire.failIfNoSpecifiedTests=false -Dfaults.write=true}.
 */
class FaultTableDocTest {
    static Path doc() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.exists(p.resolve("docs/faults.md"))) {
            p = p.getParent();
        }
        assertThat(p).as("docs/faults.md not found").isNotNull();
        return p.resolve("docs/faults.md");
    }

    static String generated() {
        BmsConfig cfg = new ConfigLoader().defaultSimulated();
        return FaultTable.markdown(cfg.chemistry().name(), cfg.limits(), cfg.supplementary());
    }

    @Test
    void theCheckedInFaultTableIsTheGeneratedOne() throws Exception {
        Path doc = doc();
        if (Boolean.getBoolean("faults.write")) {
            Files.writeString(doc, generated());
        }
        assertThat(Files.readString(doc))
                .as("docs/faults.md differs from FaultTable.markdown; regenerate it with " + "-Dfaults.write=true")
                .isEqualTo(generated());
    }

    @Test
    void everyCodeHasOneRowWithItsNumberAndWhatProvesItsCauseGone() {
        BmsConfig cfg = new ConfigLoader().defaultSimulated();
        var rows = FaultTable.rows(cfg.limits(), cfg.supplementary());
        assertThat(rows).extracting(FaultTable::code).containsExactly(FaultCode.values());
        assertThat(rows).allSatisfy(r -> assertThat(r.causeGone()).isNotBlank());
        assertThat(generated())
                .contains(
                        "| 101 | `CELL_OVER_VOLTAGE` |",
                        "| 403 | `REPEATED_TRIP_LOCKOUT` |",
                        "| 501 | `HW_CELL_OVER_VOLTAGE` |");
    }
}
