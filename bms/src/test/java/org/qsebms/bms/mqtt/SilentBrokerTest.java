package org.qsebms.bms.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qsebms.bms.control.PackLinks;
import org.qsebms.bms.runtime.BmsRuntime;
import org.qsebms.bms.runtime.SimulatedPackSetup;
import org.qsebms.bms.sim.SimulatedHardware;
import org.qsebms.config.BmsConfig;

/**
 * Issue 23, check23h: a broker that takes the TCP connection and then never answers (a hung broker, a black-holing
 * firewall) held each connect attempt for its 10 s timeout on the telemetry thread, and the status line and the
 * dashboard, which that thread feeds, froze for 10 s at a time; at start the same wait came before the control loop
 * was started. Connect attempts now run on their own thread and the loop starts first. Measured here through the
 * real runtime: the gaps between the samples the local sink (status line, dashboard) receives, and the loop's ticks.
 */
class SilentBrokerTest {
    @TempDir
    Path dir;

    @Test
    void aBrokerThatNeverAnswersFreezesNeitherTheLoopNorTheLocalSamples() throws Exception {
        List<Socket> held = new CopyOnWriteArrayList<>();
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        Socket s = silent.accept(); // read what the client sends, answer nothing
                        held.add(s);
                        Thread.ofVirtual().start(() -> {
                            try (InputStream in = s.getInputStream()) {
                                in.transferTo(java.io.OutputStream.nullOutputStream());
                            } catch (java.io.IOException e) {
                                // closed by the client
                            }
                        });
                    }
                } catch (java.io.IOException e) {
                    // the server socket closed: the test is over
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();

            BmsConfig cfg = SimulatedBms.config("silent", dir, Duration.ofSeconds(1));
            SimulatedHardware sim = SimulatedPackSetup.createDefault(cfg);
            List<Long> samples = new CopyOnWriteArrayList<>();
            long started = System.nanoTime();
            try (BmsRuntime rt = BmsRuntime.start(
                    cfg,
                    sim.hardware(),
                    PackLinks.followingLimits(sim.pack()),
                    "tcp://127.0.0.1:" + silent.getLocalPort(),
                    s -> samples.add(System.nanoTime()),
                    true)) {
                long startReturned = System.nanoTime();
                long ticksAtStart = rt.wiring().controller().ticks();
                Thread.sleep(14_000);
                double worstGap = 0;
                for (int i = 1; i < samples.size(); i++) {
                    worstGap = Math.max(worstGap, (samples.get(i) - samples.get(i - 1)) / 1e9);
                }
                double firstSample = (samples.getFirst() - started) / 1e9;
                System.out.printf(
                        "silent broker: start returned after %.2f s, first local sample at %.2f s, %d samples in "
                                + "14 s, largest gap %.2f s, %d connections taken by the broker%n",
                        (startReturned - started) / 1e9, firstSample, samples.size(), worstGap, held.size());
                assertThat(held).as("the BMS tried the broker").isNotEmpty();
                assertThat(rt.wiring().controller().ticks() - ticksAtStart)
                        .as("the loop ran from the start")
                        .isGreaterThan(100);
                assertThat(firstSample)
                        .as("the first sample does not wait for the broker")
                        .isLessThan(5.0);
                assertThat(worstGap)
                        .as("samples reach the local sink every second")
                        .isLessThan(2.5);
            }
        } finally {
            for (Socket s : held) {
                s.close();
            }
        }
    }
}
