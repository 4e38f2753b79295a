package org.qsebms.bms.safety;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Found by the random-scenario oracle at 50 ms loops ({@code -Doracle.periods=50}, seeds 4774501-4776500, 2026-12-06):
 * the main positive contactor welds 54 ms into the start, after the close sequence has begun with every contactor
 * reading open. The sequence closed the negative and the precharge and then commanded the main positive closed at
 * 150 ms while it read closed with its coil open: a welded main bypasses the precharge resistor, and the close
 * command went to a contact the BMS could not open. The sequence now stops at a contactor it has not closed that
 * reads closed, opens everything, and waits in STANDBY, where the weld check raises CONTACTOR_WELDED after the
 * release time.
 */
class WeldDuringPrechargeTest {
    private static String scenario() throws IOException {
        return Files.readString(Path.of("src/test/resources/scenarios/oracle/weld-during-precharge-seed-4775685.yaml"));
    }

    @Test
    void aMainWeldedDuringThePrechargeIsNeverCommandedClosed() throws IOException {
        assertThat(RandomScenarioOracleTest.verdict(scenario(), "seed 4775685").violations())
                .isEmpty();
    }

    /** The same start at the default 100 ms loop, the weld 54 ms in. */
    @Test
    void atTheDefaultPeriodTooTheWeldedMainIsNeverCommandedClosed() throws IOException {
        assertThat(RandomScenarioOracleTest.verdict(
                                scenario().replace("period: 50ms", "period: 100ms"), "seed 4775685 at 100 ms")
                        .violations())
                .isEmpty();
    }
}
