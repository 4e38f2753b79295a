package org.qsebms.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

class ShippedPresetsTest {
    static final java.util.List<String> NAMES = PresetCatalog.SHIPPED;

    @ParameterizedTest
    @FieldSource("NAMES")
    void everyShippedPresetLoadsWithItsElectrolytesAnodicLimit(String name) {
        ChemistryPreset p = new PresetCatalog().load(name);

        assertThat(p.name()).isEqualTo(name);
        double expected = switch (p.electrolyte()) {
            case "PSOA" -> 5.6;
            case "PTPA" -> 5.1;
            case "LE" -> 4.5;
            default -> throw new AssertionError(p.electrolyte());
        };
        assertThat(p.limits().anodicLimitVolts()).isEqualTo(expected);
        assertThat(p.cell().capacityAh()).isBetween(1.0, 3.0);
        assertThat(p.limits().cellOverVoltage().msl()).isLessThan(expected);
    }
}
