package org.qsebms.bms.safety;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.qsebms.bms.offline.scenario.Scenario;
import org.qsebms.bms.offline.scenario.ScenarioLoader;
import org.qsebms.bms.offline.scenario.ScenarioRunner;

/** The oracle's truth trace on a real scenario run: one line per step, one entry per cell, relative to the median. */
class FilterTruthTraceTest {
    private static final Pattern ENTRY = Pattern.compile(" ([+-]\\d\\.\\d{4})\\((\\d\\.\\d{3})\\|(\\d\\.\\d{3})V\\)");

    @Test
    void printsEachCellsErrorLessTheMediansBesideItsTruthOncePerStep() {
        Scenario sc = new ScenarioLoader().parse("""
                        name: truth trace
                        pack: {chemistry: psoa-ncm811, seriesCells: 7, capacityAh: 2.0}
                        initial: {soc: 0.6, ambientCelsius: 25, close: true}
                        load: {type: constant, amps: -1.0}
                        duration: 10min
                        seed: 3
                        """, Path.of("."), "truth trace");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        FilterTruthTrace trace =
                new FilterTruthTrace("trace test", 120, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        new ScenarioRunner().run(sc, line -> {}, trace::afterTick);

        List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).hasSizeBetween(4, 5).allMatch(l -> l.startsWith("truth trace test t="));
        double previousSoc = Double.POSITIVE_INFINITY;
        for (String line : lines) {
            Matcher m = ENTRY.matcher(line);
            int cells = 0;
            int atMedian = 0;
            double firstSoc = Double.NaN;
            while (m.find()) {
                cells++;
                if (Math.abs(Double.parseDouble(m.group(1))) < 5e-5) {
                    atMedian++;
                }
                double soc = Double.parseDouble(m.group(2));
                assertThat(soc).isBetween(0.0, 1.0);
                assertThat(Double.parseDouble(m.group(3))).isBetween(2.5, 4.3);
                if (Double.isNaN(firstSoc)) {
                    firstSoc = soc;
                }
            }
            assertThat(cells).as(line).isEqualTo(7);
            assertThat(atMedian)
                    .as("the median cell of an odd string reads 0: " + line)
                    .isGreaterThanOrEqualTo(1);
            assertThat(firstSoc)
                    .as("a 1 A discharge lowers the true SOC step by step")
                    .isLessThan(previousSoc);
            previousSoc = firstSoc;
        }
    }
}
