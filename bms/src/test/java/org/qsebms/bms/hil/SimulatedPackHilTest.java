package org.qsebms.bms.hil;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qsebms.bms.broker.EmbeddedBroker;
import org.qsebms.bms.control.PackLinks;
import org.qsebms.bms.runtime.BmsRuntime;
import org.qsebms.bms.runtime.SimulatedPackSetup;
import org.qsebms.bms.sim.SimulatedHardware;
import org.qsebms.bms.supervisor.SupervisorState;
import org.qsebms.config.BmsConfig;
import org.qsebms.config.ConfigLoader;
import org.qsebms.hal.ContactorId;

/**
 * Hardware-in-the-loop: the real control loop at 10 Hz on the simulated pack, telemetry to a real
 * embedded broker over TCP, observed by a separate Paho client.
 */
class SimulatedPackHilTest {
    private EmbeddedBroker broker;
    private BmsRuntime runtime;

    @org.junit.jupiter.api.io.TempDir
    java.nio.file.Path stateDir;

    @BeforeEach
    void startBroker() {
        broker = EmbeddedBroker.start("127.0.0.1", EmbeddedBroker.freePort());
    }

    @AfterEach
    void stop() {
        if (runtime != null) {
            runtime.close();
        }
        broker.close();
    }

    @Test
    void publishesPlausibleStateAndOpensContactorsWhenACellIsDrivenAboveItsMsl(@TempDir java.nio.file.Path stateDir)
            throws Exception {
        // its own state directory: this test latches an MSL, and a latched fault is restored at the next start
        BmsConfig cfg =
                new ConfigLoader().defaultSimulated().withPackId("hil-1").withPersistenceDirectory(stateDir.toString());
        SimulatedHardware sim = SimulatedPackSetup.createDefault(cfg);
        try (MqttProbe probe = new MqttProbe(broker.url(), "qse-bms/hil-1/#")) {
            runtime = BmsRuntime.start(
                    cfg, sim.hardware(), PackLinks.followingLimitsWithPulses(sim.pack()), broker.url(), s -> {}, true);

            // (a) state messages arrive with plausible values once the contactors are closed
            MqttProbe.Received state = probe.await(
                    r -> r.topic().equals("qse-bms/hil-1/state")
                            && r.json().get("mode").asText().equals("NORMAL"),
                    Duration.ofSeconds(15));
            JsonNode s = state.json();
            assertThat(s.get("schema").asInt()).isEqualTo(1);
            assertThat(s.get("seq").asLong()).isPositive();
            assertThat(s.get("packVolts").asDouble()).isBetween(4 * 3.0, 4 * 4.3);
            assertThat(s.get("minCellVolts").asDouble()).isBetween(3.0, 4.3);
            assertThat(s.get("maxCelsius").asDouble()).isBetween(20.0, 35.0);
            assertThat(s.get("soc").asDouble()).isBetween(0.3, 0.7);
            assertThat(s.get("contactors").get("mainPositive").asBoolean()).isTrue();
            assertThat(Math.abs(s.get("packVolts").asDouble()
                            - 4
                                    * (s.get("minCellVolts").asDouble()
                                            + s.get("maxCellVolts").asDouble())
                                    / 2))
                    .isLessThan(0.3);
            probe.await(
                    r -> r.topic().equals("qse-bms/hil-1/status") && r.payload().equals("online"),
                    Duration.ofSeconds(2));
            probe.await(
                    r -> r.topic().equals("qse-bms/hil-1/cells")
                            && r.json().get("cells").size() == 4,
                    Duration.ofSeconds(3));

            // (b) drive cell 2 over its MSL (4.30 V): contactors open within the debounce (300 ms) plus ticks
            long debounceMs = cfg.limits().cellOverVoltage().debounce().toMillis();
            long t0 = System.nanoTime();
            sim.pack().driveCellVoltage(1, 0.8);
            while (sim.hardware().contactor(ContactorId.MAIN_POSITIVE).feedbackClosed()
                    && System.nanoTime() - t0 < 5_000_000_000L) {
                Thread.sleep(5);
            }
            long openedMs = (System.nanoTime() - t0) / 1_000_000;
            while (sim.pack().packAmps() != 0.0 && System.nanoTime() - t0 < 5_000_000_000L) {
                Thread.sleep(5);
            }
            assertThat(sim.pack().packAmps())
                    .as("current after the contactors opened")
                    .isZero();
            assertThat(openedMs)
                    .as("time from over-voltage to open contactors")
                    .isGreaterThanOrEqualTo(debounceMs - 100)
                    .isLessThanOrEqualTo(debounceMs + 3 * 100 + 200);
            MqttProbe.Received alarm = probe.await(
                    r -> r.topic().equals("qse-bms/hil-1/alarms")
                            && r.json().get("id").asText().equals("CELL_OVER_VOLTAGE.MSL"),
                    Duration.ofSeconds(5));
            assertThat(alarm.json().get("event").asText()).isEqualTo("raised");
            assertThat(alarm.json().get("code").asInt()).isEqualTo(101);
            assertThat(alarm.json().get("reason").asText()).contains("cell 2").contains("4.300");
            assertThat(runtime.wiring().controller().supervisor().state()).isEqualTo(SupervisorState.FAULT);
            probe.await(
                    r -> r.topic().equals("qse-bms/hil-1/state")
                            && r.json().get("mode").asText().equals("FAULT")
                            && r.json().get("tripped").asBoolean(),
                    Duration.ofSeconds(5));
        }
    }

    @Test
    void statusFlipsToOfflineWhenTheControllerProcessIsKilled() throws Exception {
        String javaBin = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = new ArrayList<>(List.of(
                javaBin,
                "-cp",
                System.getProperty("java.class.path"),
                "org.qsebms.bms.cli.BmsCommand",
                "run",
                "--simulated",
                "--mqtt-url",
                broker.url(),
                "--pack-id",
                "killed",
                "--state-dir",
                new File(
                                System.getProperty("java.io.tmpdir"),
                                "qse-bms-kill-" + ProcessHandle.current().pid())
                        .getPath()));
        try (MqttProbe probe = new MqttProbe(broker.url(), "qse-bms/killed/#")) {
            Process p = new ProcessBuilder(cmd)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            try {
                probe.await(
                        r -> r.topic().equals("qse-bms/killed/status")
                                && r.payload().equals("online"),
                        Duration.ofSeconds(30));
                probe.await(r -> r.topic().equals("qse-bms/killed/state"), Duration.ofSeconds(10));
                int before = probe.received().size();
                p.destroyForcibly(); // SIGKILL: no clean disconnect, the broker must publish the last will
                p.waitFor();
                MqttProbe.Received offline = probe.await(
                        r -> r.topic().equals("qse-bms/killed/status")
                                && r.payload().equals("offline"),
                        Duration.ofSeconds(20));
                assertThat(probe.received().indexOf(offline)).isGreaterThanOrEqualTo(before);
            } finally {
                p.destroyForcibly();
            }
        }
    }

    /**
     * Whether this process ignores SIGINT (Linux {@code /proc/self/status}, SigIgn bit 1): a test run
     * started as a background job of a script ignores it, every child inherits that, and no JVM can
     * then take SIGINT over, so Ctrl-C cannot be tested there (SIGTERM is, below).
     */
    private static boolean sigintIgnoredHere() {
        try {
            for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/self/status"))) {
                if (line.startsWith("SigIgn:")) {
                    return (Long.parseUnsignedLong(line.substring(7).trim(), 16) & 0x2) != 0;
                }
            }
        } catch (java.io.IOException | RuntimeException e) {
            // not Linux: assume signals are delivered as usual
        }
        return false;
    }

    @Test
    void ctrlCStopsCleanlyWithContactorsOpenStatusOfflineAndExitCodeZero() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeFalse(
                sigintIgnoredHere(),
                "this test run ignores SIGINT (started as a background job), and its children inherit that; "
                        + "run it in the foreground to test Ctrl-C");
        stopsCleanlyOn("INT", "ctrlc", false);
    }

    @Test
    void sigtermStopsCleanlyWithContactorsOpenStatusOfflineAndExitCodeZero() throws Exception {
        stopsCleanlyOn("TERM", "sigterm", false);
    }

    /**
     * Started with SIGINT ignored, as a background job of a script or nohup starts it, the BMS says at
     * start that Ctrl-C will not stop it and how to stop it, and SIGTERM still stops it cleanly.
     */
    @Test
    void startedWithSigintIgnoredItSaysSoAndStopsOnSigterm() throws Exception {
        String output = stopsCleanlyOn("TERM", "nointr", true);
        assertThat(output).contains("SIGINT is ignored by this process").contains("stop it with SIGTERM");
    }

    /** Runs the BMS in a child process, sends it the signal once it is in NORMAL, checks a clean stop; returns its output. */
    private String stopsCleanlyOn(String signal, String packId, boolean sigintIgnored) throws Exception {
        String javaBin = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = new ArrayList<>(List.of(
                javaBin,
                "-cp",
                System.getProperty("java.class.path"),
                "org.qsebms.bms.cli.BmsCommand",
                "run",
                "--simulated",
                "--mqtt-url",
                broker.url(),
                "--pack-id",
                packId,
                "--state-dir",
                new File(
                                System.getProperty("java.io.tmpdir"),
                                "qse-bms-" + packId + "-"
                                        + ProcessHandle.current().pid())
                        .getPath()));
        if (sigintIgnored) {
            // sh ignores SIGINT, and exec keeps that for the JVM; "$@" passes the command unchanged
            cmd.addAll(0, List.of("sh", "-c", "trap '' INT; exec \"$@\"", "sh"));
        }
        try (MqttProbe probe = new MqttProbe(broker.url(), "qse-bms/" + packId + "/#")) {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            StringBuilder output = new StringBuilder();
            Thread reader = new Thread(() -> {
                try {
                    output.append(
                            new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
                } catch (java.io.IOException ignored) {
                    // process ended
                }
            });
            reader.start();
            try {
                probe.await(
                        r -> r.topic().equals("qse-bms/" + packId + "/state")
                                && r.json().get("mode").asText().equals("NORMAL"),
                        Duration.ofSeconds(30));
                new ProcessBuilder("kill", "-" + signal, Long.toString(p.pid()))
                        .start()
                        .waitFor();
                boolean ended = p.waitFor(20, java.util.concurrent.TimeUnit.SECONDS);
                if (!ended) {
                    p.destroyForcibly();
                    reader.join(5000);
                }
                assertThat(ended)
                        .as("process ended within 20 s of SIG" + signal + ", output:\n" + output)
                        .isTrue();
                reader.join(5000);
                assertThat(p.exitValue()).as("exit code, output:\n" + output).isZero();
                assertThat(output.toString())
                        .contains("stop requested (SIGINT, SIGTERM or SIGHUP): stopping cleanly")
                        .contains("stopped cleanly")
                        .contains("BMS stopped: contactors open");
                probe.await(
                        r -> r.topic().equals("qse-bms/" + packId + "/status")
                                && r.payload().equals("offline"),
                        Duration.ofSeconds(5));
                return output.toString();
            } finally {
                p.destroyForcibly();
            }
        }
    }
}
