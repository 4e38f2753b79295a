package org.qsebms.bms.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.qsebms.bms.command.CommandHandler;
import org.qsebms.bms.command.CommandParser;
import org.qsebms.bms.control.OperatorSettings;
import org.qsebms.bms.supervisor.SupervisorRequests;
import org.qsebms.config.ConfigLoader;
import org.qsebms.config.DiagnosticsConfig;
import org.qsebms.estimators.model.EcmParameters;

/**
 * Issue 23, found by the independent checker check23u: every command, refused or a mere read, counted as an
 * operator command when it was handed to the loop, and cancelled a running scheduled diagnostic. Each command,
 * parsed and applied as the MQTT dispatcher does, against a diagnostic in its rest: only a command acted on makes
 * it give way. A reset or service reset is judged by the loop and accepted only in FAULT, where no diagnostic
 * runs; a snapshot only reads. A close counts once the loop accepts it (RefusedCommandsLeaveADiagnosticScenarioTest,
 * diagnostics.yaml).
 */
class OperatorCommandsAndADiagnosticTest {

    @ParameterizedTest(name = "{0} {1}: cancels {2}")
    @CsvSource(
            delimiter = '|',
            value = {
                "reset           | {}                   | false",
                "service-reset   | {}                   | false",
                "snapshot        | {}                   | false",
                "charge-limit    | {\"amps\": 0.5}      | true",
                "discharge-limit | {\"amps\": 0.5}      | true",
                "balancing       | {\"enabled\": false} | true",
                "contactors      | {\"action\": \"open\"} | true"
            })
    void onlyACommandActedOnCancelsARunningDiagnostic(String name, String payload, boolean cancels) {
        EcmParameters cell = new ConfigLoader().defaultSimulated().chemistry().cell();
        DiagnosticsConfig cfg = DiagnosticsConfig.builder()
                .everyCycles(0)
                .every(Duration.ofMinutes(30))
                .minSoc(0.0)
                .maxSoc(1.0)
                .minCelsius(15)
                .maxCelsius(35)
                .idle(Duration.ofMinutes(1))
                .minRest(Duration.ofMinutes(5))
                .maxRest(Duration.ofHours(1))
                .relaxedVoltsPerMinute(0.001)
                .pulseC(0.5)
                .pulse(Duration.ofSeconds(10))
                .build();
        CycleCounter counter = new CycleCounter(2, CycleRules.forCapacity(2.0, 3.0), new CycleQueue(4, 2), 1);
        SupervisorRequests requests = new SupervisorRequests();
        ScheduledDiagnostic d = new ScheduledDiagnostic(cfg, cell, 0.001, 2.0, counter, requests, amps -> {});
        double[] v = {3.8, 3.8};
        double[] t = {25, 25};
        double[] soc = {0.5, 0.5};
        long now = 0;
        // idle in NORMAL until the diagnostic is due and starts, then a minute of its rest (DIAGNOSTIC)
        for (int s = 0; s < 31 * 60; s++) {
            now += 1_000_000_000L;
            d.update(now, now / 1_000_000, 0.0, v, t, soc, true, false, !d.holding(), d.holding(), 10);
        }
        assertThat(d.status()).isEqualTo(DiagnosticStatus.RUNNING);
        assertThat(d.holding()).isTrue();

        CommandParser.Parsed parsed = new CommandParser(10, 10).parse(name, payload.getBytes(StandardCharsets.UTF_8));
        assertThat(parsed).isInstanceOf(CommandParser.Valid.class);
        new CommandHandler(requests, new OperatorSettings()).apply(((CommandParser.Valid) parsed).command(), "x");
        List<DiagnosticStatus> seen = new ArrayList<>();
        for (int s = 0; s < 5; s++) {
            now += 1_000_000_000L;
            d.update(now, now / 1_000_000, 0.0, v, t, soc, true, false, !d.holding(), d.holding(), 10);
            seen.add(d.status());
        }
        if (cancels) {
            assertThat(seen).as(name).startsWith(DiagnosticStatus.CANCELLED_OPERATOR);
        } else {
            assertThat(seen).as(name).containsOnly(DiagnosticStatus.RUNNING);
            assertThat(d.holding()).isTrue();
        }
    }
}
