package org.qsebms.bms.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.qsebms.config.BmsConfig;
import org.qsebms.config.ConfigLoader;
import org.qsebms.estimators.health.LimitWindowSettings;
import org.qsebms.estimators.health.UsableCapacitySettings;
import org.qsebms.estimators.model.EcmParameters;

/**
 * The capacity ends' tolerances ({@code health.usableCapacity.fullToleranceVolts}, {@code cutoffToleranceVolts},
 * {@code emptyToleranceVolts}) reach the usable-capacity meter and the limit windows the controller builds, and their
 * defaults are the ones those two had before the keys existed.
 */
class CapacityEndTolerancesTest {
    private static final String PACK = """
            pack:
              id: bench-1
              chemistry: psoa-ncm811
              seriesCells: 4
            """;

    @Test
    void theDefaultsAreTheMetersAndTheWindowsOwn() {
        BmsConfig cfg = new ConfigLoader().parse(PACK + "health: {capacityLimitWindows: true}\n", "test");
        LimitWindowSettings windows = windows(cfg);
        LimitWindowSettings built = LimitWindowSettings.at(
                cfg.health().usableCapacity().chargeVolts(),
                cfg.health().usableCapacity().cutoffVolts(),
                cfg.health().usableCapacity().taperC());
        assertThat(windows).isEqualTo(built);
        UsableCapacitySettings meter = ControllerAssembly.usableCapacitySettings(cfg);
        UsableCapacitySettings defaults = UsableCapacitySettings.defaults(
                        cfg.pack().capacityAh(),
                        cfg.health().usableCapacity().chargeVolts(),
                        cfg.health().usableCapacity().cutoffVolts())
                .toBuilder()
                .taperAmps(cfg.health().usableCapacity().taperC() * cfg.pack().capacityAh())
                .build();
        assertThat(meter).isEqualTo(defaults);
    }

    @Test
    void theUsersTolerancesReachTheMeterAndTheWindows() {
        BmsConfig cfg = new ConfigLoader()
                .parse(
                        PACK + "health:\n  capacityLimitWindows: true\n  usableCapacity: {chargeVolts: 4.15,"
                                + " fullToleranceVolts: 0.02, cutoffToleranceVolts: 0.01, emptyToleranceVolts: 0.03}\n",
                        "test");
        LimitWindowSettings windows = windows(cfg);
        assertThat(windows.fullToleranceVolts()).isEqualTo(0.02);
        assertThat(windows.emptyToleranceVolts()).isEqualTo(0.03);
        UsableCapacitySettings meter = ControllerAssembly.usableCapacitySettings(cfg);
        assertThat(meter.fullVolts()).isCloseTo(4.13, org.assertj.core.api.Assertions.within(1e-12));
        assertThat(meter.cutoffToleranceVolts()).isEqualTo(0.01);
    }

    private static LimitWindowSettings windows(BmsConfig cfg) {
        EcmParameters cell = cfg.chemistry().cell();
        return ControllerAssembly.healthSettings(cfg, cell).limitWindows();
    }
}
