package org.qsebms.bms.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.qsebms.bms.runtime.ControllerAssembly;
import org.qsebms.bms.runtime.SimulatedPackSetup;
import org.qsebms.bms.sim.SimulatedHardware;
import org.qsebms.config.BmsConfig;

/**
 * A first start (no state file) of a {@code psoa-lfp} 4 x 2 Ah pack on the simulated pack through the real
 * assembly, resting in STANDBY with the contactors open: the start from one voltage leaves the SOC span the flat
 * OCV allows open ({@code StartSpan}); once the BMS has watched five slow time constants of rest
 * ({@code WatchedRest}) it reads the voltage as an OCV. Near empty (the bottom knee, 0.05 and 0.06) that places
 * every cell's SOC; at 0.07 (76 mV under the plateau, within the reach of the OCV table's 20 mV doubt, the 10 mV
 * rest sigma and the 15 mV hysteresis half-gap) and on the plateau it cannot, and the bound stays as wide. The
 * truth is inside the published bound every second.
 */
class LfpRestInStandbyTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "true SOC {0}")
    @CsvSource({"0.05, 0.03", "0.06, 0.03", "0.07, 1.0", "0.5, 1.0"})
    void aRestTheBmsWatchedPlacesTheSocWhereTheOcvCan(double soc, double boundAfter) throws IOException {
        BmsConfig cfg = DefaultSimulatedConfig.load(dir, "psoa-lfp", "");
        SimulatedHardware sim = SimulatedPackSetup.create(cfg, soc, 25, (t, p, c) -> 0.0, 11);
        var w = ControllerAssembly.build(cfg, sim.hardware(), PackLinks.followingLimits(sim.pack()), () -> 0L);
        long period = cfg.loop().period().toNanos();
        double first = Double.NaN;
        long k = 0;
        for (int s = 0; s < 900; s++) {
            for (int j = 0; j < 1e9 / period; j++) {
                w.controller().tick(++k * period);
                while (w.events().poll() != null) {
                    // not judged here
                }
            }
            for (int i = 0; i < 4; i++) {
                double error =
                        Math.abs(w.controller().soc().cellSoc(i) - sim.pack().cellSoc(i));
                assertThat(error)
                        .as("cell %d at %d s", i + 1, s)
                        .isLessThanOrEqualTo(w.controller().soc().cellSocBound3Sigma(i));
            }
            if (s == 10) {
                first = w.controller().soc().cellSocBound3Sigma(0);
            }
        }
        double last = 0;
        for (int i = 0; i < 4; i++) {
            last = Math.max(last, w.controller().soc().cellSocBound3Sigma(i));
        }
        System.out.printf(
                Locale.ROOT,
                "psoa-lfp first start at SOC %.2f, 15 min in STANDBY: cell 1's bound %.4f at 10 s, the widest %.4f at"
                        + " 15 min%n",
                soc,
                first,
                last);
        assertThat(w.controller().supervisor().state().name()).isEqualTo("STANDBY");
        assertThat(first).as("the start's span").isGreaterThan(0.5);
        if (boundAfter < 1) {
            assertThat(last).as("placed by the rest").isLessThan(boundAfter);
        } else {
            assertThat(last).as("the plateau cannot place it").isGreaterThan(0.5);
        }
    }
}
