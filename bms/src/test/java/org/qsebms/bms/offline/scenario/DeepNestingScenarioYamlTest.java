package org.qsebms.bms.offline.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.qsebms.config.ConfigException;

/**
 * A scenario nested deeper than the parser allows (check23v's y1-deep-nesting.yaml and y6-deep-map.yaml, defect 4)
 * is refused saying what, where (the line), why and how to fix it, not with a Jackson method name and the generic
 * syntax fix.
 */
class DeepNestingScenarioYamlTest {
    private static final String SCENARIO =
            "name: deep\npack: {chemistry: psoa-ncm811, seriesCells: 4, capacityAh: 2.0}\n"
                    + "initial: {soc: 0.6, ambientCelsius: 25, close: true}\nload: {type: constant, amps: -1.0}\n"
                    + "duration: 20s\n";

    @Test
    void aScenarioOfDeepListsIsRefusedWithWhatWhereWhyAndHow() {
        assertRefused(SCENARIO + "extra: " + "[".repeat(20000) + "]".repeat(20000) + "\n", 6);
    }

    @Test
    void aScenarioOfDeepMapsIsRefusedWithWhatWhereWhyAndHow() {
        assertRefused(SCENARIO + "extra: " + "{a: ".repeat(5000) + "1" + "}".repeat(5000) + "\n", 6);
    }

    private static void assertRefused(String yaml, int line) {
        ConfigException e = catchThrowableOfType(
                ConfigException.class, () -> new ScenarioLoader().parse(yaml, Path.of("."), "scenario deep.yaml"));

        assertThat(e).as("a scenario nested too deep").isNotNull();
        assertThat(e.getMessage())
                .startsWith("scenario deep.yaml is nested too deep at line " + line)
                .contains("nested more than 1000 levels deep")
                .contains("to protect itself")
                .contains("flatten it")
                .doesNotContain("StreamReadConstraints")
                .doesNotContain("fix the syntax");
    }
}
