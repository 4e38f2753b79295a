package org.qsebms.bms.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qsebms.bms.runtime.ControllerAssembly;
import org.qsebms.bms.runtime.SimulatedPackSetup;
import org.qsebms.bms.sim.SimulatedHardware;
import org.qsebms.bms.snapshot.PackSample;
import org.qsebms.config.BmsConfig;

/**
 * {@code hal.currentSensor} reaches the SOC filter the controller runs: on the built-in simulated
 * pack, through the real assembly, the published {@code socBound3Sigma} after the same two hours
 * of the default profile is smaller for a better-rated current sensor than for the default rating,
 * and larger for a worse one.
 */
class CurrentSensorRatingInControllerTest {
    /**
     * Two hours at the default 100 ms period, into the default profile's first cycle: long enough
     * for the sensor's share to show beside the model's (the bound's larger part on this pack).
     */
    private static final int TICKS = 72_000;

    @TempDir
    Path dir;

    @Test
    void theConfiguredRatingSetsThePublishedBound() throws IOException {
        double tight =
                publishedBoundAfterTwoHours("  currentSensor: {offsetLimitAmps: 0.005, gainErrorLimit: 0.003}\n");
        double defaults = publishedBoundAfterTwoHours("");
        double loose = publishedBoundAfterTwoHours("  currentSensor: {offsetLimitAmps: 0.5, gainErrorLimit: 0.1}\n");
        System.out.printf(
                Locale.ROOT,
                "socBound3Sigma after 2 h: tight %.5f, default %.5f, loose %.5f%n",
                tight,
                defaults,
                loose);
        assertThat(tight).isLessThan(defaults);
        assertThat(defaults).isLessThan(loose);
    }

    /** The last published {@code socBound3Sigma} after {@link #TICKS} ticks with the given lines under {@code hal:}. */
    private double publishedBoundAfterTwoHours(String halLines) throws IOException {
        BmsConfig cfg = DefaultSimulatedConfig.load(dir, "psoa-ncm811", halLines);
        SimulatedHardware sim = SimulatedPackSetup.createDefault(cfg);
        ControllerAssembly.Wiring w = ControllerAssembly.build(cfg, sim.hardware(), sim.pack(), () -> 0L);
        w.requests().requestClose();
        PackSample sample = new PackSample(4, 4);
        double bound = Double.NaN;
        long period = cfg.loop().period().toNanos();
        long now = 0;
        for (int i = 0; i < TICKS; i++) {
            now += period;
            w.controller().tick(now);
            while (w.ring().poll(sample)) {
                bound = sample.socBound3Sigma;
            }
            while (w.events().poll() != null) {
                // state-change events
            }
        }
        assertThat(bound).as("a bound was published").isFinite();
        return bound;
    }
}
