package org.qsebms.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.qsebms.estimators.soc.SocFilterKind;

/** The {@code estimation:} section: which SOC filter the controller runs. */
class EstimationConfigTest {
    private final ConfigLoader loader = new ConfigLoader();

    private static final String MINIMAL = """
            pack:
              id: bench-1
              chemistry: psoa-ncm811
              seriesCells: 4
            """;

    @Test
    void withoutASectionTheDefaultFilterRuns() {
        assertThat(loader.parse(MINIMAL, "test").estimation().socFilter()).isEqualTo(SocFilterKind.DEFAULT);
        assertThat(loader.defaultSimulated().estimation().socFilter()).isEqualTo(SocFilterKind.DEFAULT);
        assertThat(loader.parse(MINIMAL + "estimation: {}\n", "test")
                        .estimation()
                        .socFilter())
                .isEqualTo(SocFilterKind.DEFAULT);
    }

    @Test
    void eitherFilterIsChosenByName() {
        assertThat(loader.parse(MINIMAL + "estimation:\n  socFilter: spkf\n", "test")
                        .estimation()
                        .socFilter())
                .isEqualTo(SocFilterKind.SPKF);
        assertThat(loader.parse(MINIMAL + "estimation:\n  socFilter: EKF\n", "test")
                        .estimation()
                        .socFilter())
                .isEqualTo(SocFilterKind.EKF);
    }

    @Test
    void anUnknownFilterIsRefusedWithTheKeyTheValueAndTheChoices() {
        assertThatThrownBy(() -> loader.parse(MINIMAL + "estimation:\n  socFilter: ukf\n", "test"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("estimation.socFilter: 'ukf' is not a SOC filter")
                .hasMessageContaining("use ekf (extended Kalman filter) or spkf (sigma-point Kalman filter)")
                .hasMessageContaining("remove the key for the default, ekf");
        assertThatThrownBy(() -> loader.parse(MINIMAL + "estimation:\n  socFilter: [ekf, spkf]\n", "test"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("estimation.socFilter: expected a text value");
    }

    @Test
    void theCurrentOffsetStateIsOffUnlessAskedFor() {
        assertThat(loader.parse(MINIMAL, "test").estimation().currentOffsetState())
                .isFalse();
        assertThat(loader.parse(MINIMAL + "estimation:\n  socFilter: spkf\n", "test")
                        .estimation()
                        .currentOffsetState())
                .isFalse();
        assertThat(loader.parse(MINIMAL + "estimation:\n  currentOffsetState: true\n", "test")
                        .estimation())
                .isEqualTo(new EstimationConfig(SocFilterKind.DEFAULT, true));
        assertThatThrownBy(() -> loader.parse(MINIMAL + "estimation:\n  currentOffsetState: yes please\n", "test"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("estimation.currentOffsetState: expected true or false");
    }

    @Test
    void theSelfDischargeLimitHasADefaultAndARange() {
        assertThat(loader.parse(MINIMAL, "test").estimation().selfDischargeLimitPerDay())
                .isEqualTo(EstimationConfig.DEFAULT_SELF_DISCHARGE_LIMIT_PER_DAY);
        assertThat(loader.parse(MINIMAL + "estimation:\n  selfDischargeLimitPerDay: 0.002\n", "test")
                        .estimation()
                        .selfDischargeLimitPerDay())
                .isEqualTo(0.002);
        assertThatThrownBy(() -> loader.parse(MINIMAL + "estimation:\n  selfDischargeLimitPerDay: -0.01\n", "test"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("estimation.selfDischargeLimitPerDay: -0.01 1/day is outside 0.0..1.0");
        assertThatThrownBy(() -> loader.parse(MINIMAL + "estimation:\n  selfDischargeLimitPerDay: 0.5%\n", "test"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("estimation.selfDischargeLimitPerDay: expected a number in 1/day");
    }

    @Test
    void anUnknownKeyInTheSectionIsRefused() {
        assertThatThrownBy(() -> loader.parse(MINIMAL + "estimation:\n  socfilter: spkf\n", "test"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("estimation.socfilter");
    }

    @Test
    void theSectionSurvivesTheCommandLineOverrides() {
        BmsConfig c = loader.parse(MINIMAL + "estimation:\n  socFilter: spkf\n", "test")
                .withPackId("other")
                .withMqttUrl("tcp://127.0.0.1:1884")
                .withPersistenceDirectory("elsewhere")
                .withDashboard(DashboardConfig.OFF);
        assertThat(c.estimation().socFilter()).isEqualTo(SocFilterKind.SPKF);
    }
}
