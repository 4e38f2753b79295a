package org.qsebms.config;

/** The whole validated configuration: one immutable value built at start-up. */
public record BmsConfig(
        PackConfig pack,
        ChemistryPreset chemistry,
        ProtectionLimits limits,
        LoopConfig loop,
        HalConfig hal,
        MqttConfig mqtt,
        PersistenceConfig persistence,
        HealthConfig health,
        DashboardConfig dashboard,
        SupplementaryLimits supplementary,
        EstimationConfig estimation,
        BalancingConfig balancing) {

    /** A copy with another broker URL. */
    public BmsConfig withMqttUrl(String url) {
        return toBuilder().mqtt(mqtt.withUrl(url)).build();
    }

    public BmsConfig withMqtt(MqttConfig newMqtt) {
        return toBuilder().mqtt(newMqtt).build();
    }

    public BmsConfig withPackId(String id) {
        return toBuilder()
                .pack(new PackConfig(id, pack.chemistry(), pack.seriesCells(), pack.capacityAh()))
                .build();
    }

    public BmsConfig withPersistenceDirectory(String dir) {
        return toBuilder()
                .persistence(new PersistenceConfig(dir, persistence.interval()))
                .build();
    }

    public BmsConfig withDashboard(DashboardConfig newDashboard) {
        return toBuilder().dashboard(newDashboard).build();
    }

    /**
     * A builder: pack, chemistry, limits, loop, hal, mqtt and persistence must be set; the health
     * settings default to {@link HealthConfig#of} the chemistry and limits, the dashboard to
     * {@link DashboardConfig#OFF}, the supplementary limits to the chemistry's and the estimation
     * to {@link EstimationConfig#DEFAULTS} and the balancing to {@link BalancingConfig#of} the limits.
     */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this configuration, to change some sections by name. */
    public Builder toBuilder() {
        return builder()
                .pack(pack)
                .chemistry(chemistry)
                .limits(limits)
                .loop(loop)
                .hal(hal)
                .mqtt(mqtt)
                .persistence(persistence)
                .health(health)
                .dashboard(dashboard)
                .supplementary(supplementary)
                .estimation(estimation)
                .balancing(balancing);
    }

    /** Named setters for the sections of {@link BmsConfig}. */
    public static final class Builder {
        private PackConfig pack;
        private ChemistryPreset chemistry;
        private ProtectionLimits limits;
        private LoopConfig loop;
        private HalConfig hal;
        private MqttConfig mqtt;
        private PersistenceConfig persistence;
        private HealthConfig health;
        private DashboardConfig dashboard;
        private SupplementaryLimits supplementary;
        private EstimationConfig estimation;
        private BalancingConfig balancing;

        private Builder() {}

        public Builder pack(PackConfig v) {
            pack = v;
            return this;
        }

        public Builder chemistry(ChemistryPreset v) {
            chemistry = v;
            return this;
        }

        public Builder limits(ProtectionLimits v) {
            limits = v;
            return this;
        }

        public Builder loop(LoopConfig v) {
            loop = v;
            return this;
        }

        public Builder hal(HalConfig v) {
            hal = v;
            return this;
        }

        public Builder mqtt(MqttConfig v) {
            mqtt = v;
            return this;
        }

        public Builder persistence(PersistenceConfig v) {
            persistence = v;
            return this;
        }

        public Builder health(HealthConfig v) {
            health = v;
            return this;
        }

        public Builder dashboard(DashboardConfig v) {
            dashboard = v;
            return this;
        }

        public Builder supplementary(SupplementaryLimits v) {
            supplementary = v;
            return this;
        }

        public Builder estimation(EstimationConfig v) {
            estimation = v;
            return this;
        }

        public Builder balancing(BalancingConfig v) {
            balancing = v;
            return this;
        }

        public BmsConfig build() {
            requireSet(pack, "pack");
            requireSet(chemistry, "chemistry");
            requireSet(limits, "limits");
            requireSet(loop, "loop");
            requireSet(hal, "hal");
            requireSet(mqtt, "mqtt");
            requireSet(persistence, "persistence");
            return new BmsConfig(
                    pack,
                    chemistry,
                    limits,
                    loop,
                    hal,
                    mqtt,
                    persistence,
                    health != null ? health : HealthConfig.of(chemistry, limits),
                    dashboard != null ? dashboard : DashboardConfig.OFF,
                    supplementary != null ? supplementary : chemistry.supplementary(),
                    estimation != null ? estimation : EstimationConfig.DEFAULTS,
                    balancing != null ? balancing : BalancingConfig.of(limits));
        }

        private static void requireSet(Object value, String name) {
            if (value == null) {
                throw new IllegalArgumentException(name + " is not set");
            }
        }
    }
}
