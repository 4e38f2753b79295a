package org.qsebms.bms.supervisor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.qsebms.bms.command.Command;
import org.qsebms.bms.command.CommandHandler;
import org.qsebms.bms.command.CommandResult;
import org.qsebms.bms.control.OperatorSettings;
import org.qsebms.bms.offline.scenario.ScenarioLog;
import org.qsebms.bms.snapshot.ControllerEvent;
import org.qsebms.bms.testing.SimRig;
import org.qsebms.config.BmsConfig;
import org.qsebms.config.ConfigLoader;

/**
 * Issue 23, found by the independent checker check23x (defect 4): the service-reset queue was unbounded, so a burst the
 * rate limiter lets through at its highest setting (2000 commands) was all judged in one tick (117-131 ms cold against
 * a 100 ms period). The queue now holds at most {@code mqtt.serviceResetQueue}; one more is refused at once with an
 * answer saying why and what to do, never dropped silently, and a tick judges no more than the queue holds. The bound
 * is tested, not the tick's time.
 */
class ServiceResetQueueBoundTest {
    private List<ControllerEvent.ResetOutcome> outcomes(SimRig rig) {
        return rig.events.stream()
                .filter(e -> e instanceof ControllerEvent.ResetOutcome)
                .map(e -> (ControllerEvent.ResetOutcome) e)
                .toList();
    }

    @Test
    void beyondTheBoundAServiceResetIsRefusedAtOnceSayingWhyAndWhatToDo() {
        SupervisorRequests requests = new SupervisorRequests(3);
        assertThat(requests.requestServiceReset()).isTrue();
        assertThat(requests.requestServiceReset()).isTrue();
        assertThat(requests.requestServiceReset()).isTrue();
        assertThat(requests.requestServiceReset()).isFalse();
        assertThat(requests.serviceResetQueueFull())
                .startsWith("service reset refused: 3 service resets already wait for the control loop")
                .contains("mqtt.serviceResetQueue")
                .contains("send it again");
        // a place is given back when the loop takes one
        assertThat(requests.takeServiceReset()).isNotNull();
        assertThat(requests.requestServiceReset()).isTrue();
        assertThat(requests.requestServiceReset()).isFalse();
    }

    @Test
    void theCommandHandlerAnswersARefusedServiceResetAtOnce() {
        SupervisorRequests requests = new SupervisorRequests(1);
        CommandHandler handler = new CommandHandler(requests, new OperatorSettings());
        CommandResult first = handler.apply(new Command.ServiceReset(), "a");
        CommandResult second = handler.apply(new Command.ServiceReset(), "b");
        assertThat(first.accepted()).isTrue();
        assertThat(second.accepted()).isFalse();
        assertThat(second.reason()).isEqualTo(requests.serviceResetQueueFull());
    }

    /** In a scenario, a service reset beyond the bound is answered at once with the refusal, not dropped. */
    @Test
    void aScenarioLogsEachRefusedServiceReset() {
        StringBuilder yaml = new StringBuilder("""
                pack: {chemistry: psoa-ncm811, seriesCells: 4, capacityAh: 2.0}
                initial: {soc: 0.6, ambientCelsius: 25}
                duration: 2s
                commands:
                """);
        for (int i = 0; i < 20; i++) {
            yaml.append("  - {at: 1s, type: serviceReset}\n");
        }
        ScenarioLog log = ScenarioLog.run(yaml.toString());
        var answers = log.of("reset", n -> n.get("command").asText().equals("serviceReset"));
        assertThat(answers).as(log.dump()).hasSize(20);
        assertThat(answers.stream()
                        .filter(n -> n.get("reason").asText().startsWith("service reset refused: 16 service resets")))
                .hasSize(4);
    }

    @Test
    void theBoundIsConfiguredAndAFloodIsJudgedNoMoreThanTheBoundAtATick() {
        BmsConfig base = new ConfigLoader().defaultSimulated();
        BmsConfig cfg = base.withMqtt(base.mqtt().toBuilder()
                .commandsPerSecond(1000)
                .serviceResetQueue(20)
                .build());
        SimRig rig = new SimRig(cfg, 0.6, (s, p, connected) -> 0.0);
        rig.tick();
        int before = outcomes(rig).size();
        int queued = 0;
        for (int i = 0; i < 2000; i++) {
            queued += rig.wiring.requests().requestServiceReset() ? 1 : 0;
        }
        assertThat(queued).as("queued of a 2000-command flood").isEqualTo(20);
        rig.tick();
        assertThat(outcomes(rig).size() - before).as("judged at the tick").isEqualTo(20);
        assertThat(rig.wiring.requests().requestServiceReset())
                .as("room again after the tick")
                .isTrue();
    }
}
