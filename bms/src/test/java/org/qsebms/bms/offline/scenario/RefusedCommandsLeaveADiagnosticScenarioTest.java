package org.qsebms.bms.offline.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 23, found by the independent checker check23u (probe p13): a REFUSED reset cancelled a running scheduled
 * diagnostic ("cancelled: an operator command"). Every command counted as an operator command when it was sent,
 * before the loop judged it. A refused command changes nothing now: only a command acted on (an open, a close the
 * loop accepts, a current cap, balancing) makes a diagnostic give way (diagnostics.yaml keeps its accepted close).
 */
class RefusedCommandsLeaveADiagnosticScenarioTest {

    /** psoa-lfp at 150 ms, idle from the start: a diagnostic runs from 30 min (10 min rest, then a 10 s pulse). */
    private static final String DIAGNOSED = """
            pack: {chemistry: psoa-lfp, seriesCells: 4, capacityAh: 2.0}
            loop: {period: 150ms}
            initial: {soc: 0.5, ambientCelsius: 25, close: true}
            health:
              diagnostics: {every: 30min, idle: 2min, minRest: 10min, maxRest: 2h, minSoc: 0.3, maxSoc: 0.7,
                            minCelsius: 15, maxCelsius: 35, pulseC: 1.0, pulse: 10s}
            load: {type: idle}
            limitsEvery: 10min
            """;

    @TempDir
    Path dir;

    private static List<String> statusesAfter(ScenarioLog log, double t) {
        return log.of("diagnostic", n -> n.get("t").asDouble() > t).stream()
                .map(n -> n.get("status").asText() + "@" + n.get("t").asDouble())
                .toList();
    }

    @Test
    void refusedResetsAndServiceResetsLeaveTheDiagnosticRunningToItsEnd() {
        ScenarioLog log = ScenarioLog.run(DIAGNOSED + """
                commands:
                  - {at: 31min, type: reset}
                  - {at: 31min, type: serviceReset}
                  - {at: 35min, type: serviceReset}
                  - {at: 38min, type: reset}
                duration: 50min
                """, dir);
        assertThat(log.first("diagnostic", n -> true).get("status").asText()).isEqualTo("running");
        assertThat(log.first("diagnostic", n -> true).get("t").asDouble()).isEqualTo(1800.0);
        assertThat(log.resets()).as(log.dump()).containsExactly(false, false, false, false);
        // each refused; the diagnostic runs on and ends with its pulse, never cancelled by them
        assertThat(statusesAfter(log, 1800.0)).as(log.dump()).hasSize(1);
        assertThat(statusesAfter(log, 1800.0).getFirst()).startsWith("done@");
        assertThat(log.statesReached()).containsSubsequence("DIAGNOSTIC", "NORMAL");
        assertThat(log.reached("NORMAL", 1800.0)).isGreaterThan(1800.0 + 600);
    }

    @Test
    void aCloseRefusedAtTheTripsTickLeavesTheCancelToTheFault() {
        ScenarioLog log = ScenarioLog.run(DIAGNOSED + """
                commands:
                  - {at: 1862300ms, type: close}
                faults:
                  - {at: 1862s, type: cellOverVoltage, cell: 3, volts: 0.6, for: 450ms}
                duration: 32min
                """, dir);
        double trip = log.raised("CELL_OVER_VOLTAGE.MSL");
        // the close is taken at the tick the over-voltage trips (refused for it: the pack goes to FAULT, and no
        // precharge follows)
        assertThat(log.first("command", n -> n.get("command").asText().equals("close"))
                        .get("t")
                        .asDouble())
                .as(log.dump())
                .isEqualTo(trip);
        assertThat(log.reached("FAULT", 1800.0)).isEqualTo(trip);
        assertThat(log.reached("PRECHARGE", 1800.0)).isNaN();
        assertThat(statusesAfter(log, 1800.0)).as(log.dump()).first().isEqualTo("cancelled_fault@" + trip);
    }
}
