package org.qsebms.bms.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qsebms.bms.runtime.ControllerAssembly;
import org.qsebms.bms.runtime.SimulatedPackSetup;
import org.qsebms.bms.sim.SimulatedHardware;
import org.qsebms.config.BmsConfig;

/**
 * The {@code balancing:} section on the simulated pack through the real assembly: a {@code psoa-ncm811} 4 x 2 Ah
 * pack resting in STANDBY with cell 3 about 5 % SOC above the others, for 60 s. Without the section cell 3 bleeds
 * 80 % of the time and no other cell does; a floor above the lowest cell, a threshold above the spread or
 * {@code enabled: false} keep every resistor off, and the MQTT command's path turns a balancer configured off on.
 */
class BalancingSectionTest {
    @TempDir
    Path dir;

    /** Per cell, the seconds its bleed switch was on over 60 s of STANDBY; the lowest cell's volts last. */
    private record Bled(double[] seconds, double lowestVolts) {}

    private Bled run(String section, boolean commandOn) throws IOException {
        BmsConfig cfg = DefaultSimulatedConfig.load(dir, "psoa-ncm811", "", section);
        SimulatedHardware sim = SimulatedPackSetup.create(cfg, 0.5, 25, (t, p, c) -> 0.0, 5);
        sim.pack().setCellSoc(2, 0.55);
        var channels = ControllerAssembly.Channels.forPack(cfg, sim.hardware());
        var w = ControllerAssembly.build(
                cfg, sim.hardware(), PackLinks.followingLimits(sim.pack()), channels, Optional.empty(), () -> 0L);
        if (commandOn) { // what the MQTT command's handler does
            channels.operator().setBalancingEnabled(true);
        }
        long period = cfg.loop().period().toNanos();
        double dt = period / 1e9;
        double[] seconds = new double[4];
        long k = 0;
        for (int j = 0; j < 60e9 / period; j++) {
            w.controller().tick(++k * period);
            while (w.events().poll() != null) {
                // not judged here
            }
            for (int i = 0; i < 4; i++) {
                seconds[i] += sim.hardware().balancing().isOn(i) ? dt : 0;
            }
        }
        assertThat(w.controller().supervisor().state().name()).isEqualTo("STANDBY");
        double lowest = sim.pack().minCellVolts();
        System.out.printf(
                Locale.ROOT,
                "balancing [%s]: bleed seconds %.1f %.1f %.1f %.1f of 60, lowest cell %.4f V%n",
                section.replace('\n', ' '),
                seconds[0],
                seconds[1],
                seconds[2],
                seconds[3],
                lowest);
        return new Bled(seconds, lowest);
    }

    @Test
    void withoutTheSectionTheHighCellBleedsAtItsDuty() throws IOException {
        Bled b = run("", false);
        assertThat(b.seconds()[2]).isCloseTo(48.0, org.assertj.core.data.Offset.offset(1.0));
        assertThat(b.seconds()[0] + b.seconds()[1] + b.seconds()[3]).isZero();
    }

    @Test
    void aFloorAboveTheLowestCellKeepsEveryResistorOff() throws IOException {
        Bled control = run("balancing:\n  minCellVolts: 3.0\n", false);
        assertThat(control.seconds()[2])
                .as("a floor under the pack bleeds as before")
                .isGreaterThan(40);
        Bled b = run(
                String.format(Locale.ROOT, "balancing:\n  minCellVolts: %.3f\n", control.lowestVolts() + 0.05), false);
        assertThat(b.seconds()).containsOnly(0.0);
    }

    @Test
    void aThresholdAboveTheSpreadKeepsEveryResistorOff() throws IOException {
        assertThat(run("balancing:\n  thresholdVolts: 0.3\n", false).seconds()).containsOnly(0.0);
    }

    @Test
    void aDutyOfAQuarterBleedsAQuarterOfTheTime() throws IOException {
        assertThat(run("balancing:\n  duty: 0.25\n", false).seconds()[2])
                .isCloseTo(15.0, org.assertj.core.data.Offset.offset(1.0));
    }

    @Test
    void socModeBleedsTheCellTheFilterPlacesHighest() throws IOException {
        // the filter reads cell 3 about 5 % above the others: over a 2 % threshold it bleeds, under 10 % it does not
        assertThat(run("balancing:\n  mode: soc\n  thresholdSoc: 0.02\n", false).seconds()[2])
                .isGreaterThan(40);
        assertThat(run("balancing:\n  mode: soc\n  thresholdSoc: 0.1\n", false).seconds())
                .containsOnly(0.0);
    }

    @Test
    void aBalancerConfiguredOffStaysOffUntilTheCommandTurnsItOn() throws IOException {
        assertThat(run("balancing:\n  enabled: false\n", false).seconds()).containsOnly(0.0);
        assertThat(run("balancing:\n  enabled: false\n", true).seconds()[2]).isGreaterThan(40);
    }
}
