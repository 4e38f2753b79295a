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
        EstimationConfig estimation) {

    /** Without an {@code estimation:} section: the default SOC filter. */
    public BmsConfig(
            PackConfig pack,
            ChemistryPreset chemistry,
            ProtectionLimits limits,
            LoopConfig loop,
            HalConfig hal,
            MqttConfig mqtt,
            PersistenceConfig persistence,
            HealthConfig health,
            DashboardConfig dashboard,
            SupplementaryLimits supplementary) {
        this(
                pack,
                chemistry,
                limits,
                loop,
                hal,
                mqtt,
                persistence,
                health,
                dashboard,
                supplementary,
                EstimationConfig.DEFAULTS);
    }

    /** Without a {@code supplementary:} section: the preset's supplementary thresholds. */
    public BmsConfig(
            PackConfig pack,
            ChemistryPreset chemistry,
            ProtectionLimits limits,
            LoopConfig loop,
            HalConfig hal,
            MqttConfig mqtt,
            PersistenceConfig persistence,
            HealthConfig health,
            DashboardConfig dashboard) {
        this(pack, chemistry, limits, loop, hal, mqtt, persistence, health, dashboard, chemistry.supplementary());
    }

    /** Without a {@code dashboard:} section: the dashboard is off. */
    public BmsConfig(
            PackConfig pack,
            ChemistryPreset chemistry,
            ProtectionLimits limits,
            LoopConfig loop,
            HalConfig hal,
            MqttConfig mqtt,
            PersistenceConfig persistence,
            HealthConfig health) {
        this(pack, chemistry, limits, loop, hal, mqtt, persistence, health, DashboardConfig.OFF);
    }

    /** Without a {@code health:} section: the preset's values, the default end-of-life multiple, full discharges between the MOLs. */
    public BmsConfig(
            PackConfig pack,
            ChemistryPreset chemistry,
            ProtectionLimits limits,
            LoopConfig loop,
            HalConfig hal,
            MqttConfig mqtt,
            PersistenceConfig persistence) {
        this(pack, chemistry, limits, loop, hal, mqtt, persistence, HealthConfig.of(chemistry, limits));
    }

    public BmsConfig withMqttUrl(String url) {
        return new BmsConfig(
                pack,
                chemistry,
                limits,
                loop,
                hal,
                mqtt.withUrl(url),
                persistence,
                health,
                dashboard,
                supplementary,
                estimation);
    }

    public BmsConfig withMqtt(MqttConfig newMqtt) {
        return new BmsConfig(
                pack, chemistry, limits, loop, hal, newMqtt, persistence, health, dashboard, supplementary, estimation);
    }

    public BmsConfig withPackId(String id) {
        return new BmsConfig(
                new PackConfig(id, pack.chemistry(), pack.seriesCells(), pack.capacityAh()),
                chemistry,
                limits,
                loop,
                hal,
                mqtt,
                persistence,
                health,
                dashboard,
                supplementary,
                estimation);
    }

    public BmsConfig withPersistenceDirectory(String dir) {
        return new BmsConfig(
                pack,
                chemistry,
                limits,
                loop,
                hal,
                mqtt,
                new PersistenceConfig(dir, persistence.interval()),
                health,
                dashboard,
                supplementary,
                estimation);
    }

    public BmsConfig withDashboard(DashboardConfig newDashboard) {
        return new BmsConfig(
                pack, chemistry, limits, loop, hal, mqtt, persistence, health, newDashboard, supplementary, estimation);
    }
}
