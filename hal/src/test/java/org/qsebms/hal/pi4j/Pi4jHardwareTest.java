package org.qsebms.hal.pi4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.qsebms.hal.ContactorId;
import org.qsebms.hal.ads1115.Ads1115DataRate;
import org.qsebms.hal.ads1115.Ads1115Pga;
import org.qsebms.hal.frontend.CellMeasurement;
import org.qsebms.hal.frontend.CurrentTransducer;
import org.qsebms.hal.wiring.AdcInputRef;
import org.qsebms.hal.wiring.Ads1115Spec;
import org.qsebms.hal.wiring.CellTapSpec;
import org.qsebms.hal.wiring.ContactorPins;
import org.qsebms.hal.wiring.CurrentSpec;
import org.qsebms.hal.wiring.WiringConfig;

class Pi4jHardwareTest {
    @Test
    void refusesToStartOnPi4jMockProvidersAndShutsTheContextDown() {
        Context mock = Pi4J.newAutoContext(); // pi4j-plugin-mock is on the test class path
        WiringConfig wiring = WiringConfig.builder()
                .ads1115(List.of(new Ads1115Spec("taps", 1, 0x48, Ads1115Pga.FSR_4_096V, Ads1115DataRate.SPS_128, -1)))
                .mcp3x08(List.of())
                .cellMeasurement(CellMeasurement.TAP_SUBTRACTION)
                .cells(List.of(new CellTapSpec(AdcInputRef.single("taps", 0), 2.0, 1, 0)))
                .packVoltage(Optional.empty())
                .current(new CurrentSpec(
                        new AdcInputRef("taps", 2, 3), CurrentTransducer.shunt(0.001, 50, 0), 1, 0, false, 30, 0))
                .temperatures(List.of())
                .contactors(Map.of(
                        ContactorId.MAIN_NEGATIVE,
                        new ContactorPins(5, 6, true),
                        ContactorId.PRECHARGE,
                        new ContactorPins(13, 19, true),
                        ContactorId.MAIN_POSITIVE,
                        new ContactorPins(26, 21, true)))
                .balancingPins(List.of(12))
                .fanPin(-1)
                .heaterPin(-1)
                .watchdogDevice("")
                .build();

        assertThatThrownBy(() -> Pi4jHardware.open(wiring, mock))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("hal.backend is pi4j but Pi4J selected mock providers")
                .hasMessageContaining("pi4j-plugin-mock must not be on the runtime class path");
        assertThat(mock.isShutdown()).isTrue();
    }
}
