package org.qsebms.bms.hil;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.qsebms.bms.control.PackLinks;
import org.qsebms.bms.runtime.ControllerAssembly;
import org.qsebms.bms.runtime.SimulatedPackSetup;
import org.qsebms.bms.sim.DriverLevelSimulation;
import org.qsebms.bms.snapshot.ControllerEvent;
import org.qsebms.config.BmsConfig;
import org.qsebms.config.ConfigLoader;
import org.qsebms.hal.wiring.PackHardwareFactory;

/**
 * Found by an independent check (check23l, 2026-12-06): config/examples/pi-4s-ads1115.yaml with every auxiliary contact's polarity given wrong
 * ({@code feedbackClosedHigh: true} where the contacts pull the pin low when closed): every contactor reads closed at
 * rest, from the first tick on, none ever commanded closed.
 */
class FeedbackPolarityWordingTest {

    @Test
    void everyContactorReadingClosedAtRestIsNamedAsAPolarityQuestion() throws Exception {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.exists(p.resolve("config/examples/pi-4s-ads1115.yaml"))) {
            p = p.getParent();
        }
        String text = Files.readString(p.resolve("config/examples/pi-4s-ads1115.yaml"));
        BmsConfig wired = new ConfigLoader().parse(text, "pi-4s-ads1115.yaml"); // the board as wired
        BmsConfig cfg = new ConfigLoader()
                .parse(text.replace("feedbackClosedHigh: false", "feedbackClosedHigh: true"), "pi-4s-ads1115.yaml");
        DriverLevelSimulation sim = new DriverLevelSimulation(
                SimulatedPackSetup.createDefault(wired).pack(),
                wired.hal().pi4j().orElseThrow(),
                3);
        var hw = PackHardwareFactory.build(cfg.hal().pi4j().orElseThrow(), sim.board())
                .hardware();
        ControllerAssembly.Wiring w = ControllerAssembly.build(cfg, hw, PackLinks.followingLimits(sim), () -> 0L);
        long now = 0;
        for (int i = 0; i < 30; i++) {
            now += cfg.loop().period().toNanos();
            w.controller().tick(now);
        }
        List<String> raised = new ArrayList<>();
        ControllerEvent e;
        while ((e = w.events().poll()) != null) {
            if (e instanceof ControllerEvent.FaultEdge fe && fe.fault().raised()) {
                raised.add(fe.fault().code() + " " + fe.fault().reason());
            }
        }
        assertThat(raised).as("faults raised in 3 s at rest").isNotEmpty();
        assertThat(raised)
                .as("all three contactors read closed at rest, never commanded closed: the likelier cause named")
                .anyMatch(l -> l.contains("polarity") || l.contains("feedbackClosedHigh"));
    }
}
