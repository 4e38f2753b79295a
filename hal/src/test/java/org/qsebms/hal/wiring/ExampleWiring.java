package org.qsebms.hal.wiring;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.qsebms.hal.ContactorId;
import org.qsebms.hal.ads1115.Ads1115DataRate;
import org.qsebms.hal.ads1115.Ads1115Pga;
import org.qsebms.hal.frontend.CellMeasurement;
import org.qsebms.hal.frontend.CurrentTransducer;
import org.qsebms.hal.frontend.NtcDivider;
import org.qsebms.hal.frontend.Thermistor;
import org.qsebms.hal.mcp3208.Mcp3x08Model;

/** The wiring of config/examples/pi-4s-ads1115.yaml, built in code. */
final class ExampleWiring {
    private ExampleWiring() {}

    static WiringConfig fourSeries() {
        List<CellTapSpec> cells = new ArrayList<>();
        double[] ratios = {2.0, 4.0, 6.0, 6.0};
        for (int i = 0; i < 4; i++) {
            cells.add(new CellTapSpec(AdcInputRef.single("taps", i), ratios[i], 1.0, 0.0));
        }
        List<NtcSpec> ntcs = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            ntcs.add(new NtcSpec(
                    AdcInputRef.single("ntc", i),
                    new Thermistor.Beta(10_000, 25, 3435),
                    new NtcDivider(10_000, 3.3, true),
                    1.0,
                    0.0));
        }
        return WiringConfig.builder()
                .ads1115(List.of(
                        new Ads1115Spec("taps", 1, 0x48, Ads1115Pga.FSR_4_096V, Ads1115DataRate.SPS_128, -1),
                        new Ads1115Spec("shunt", 1, 0x49, Ads1115Pga.FSR_2_048V, Ads1115DataRate.SPS_128, -1)))
                .mcp3x08(List.of(new Mcp3x08Spec("ntc", Mcp3x08Model.MCP3008, 0, 0, 3.3, 1_000_000)))
                .cellMeasurement(CellMeasurement.TAP_SUBTRACTION)
                .cells(cells)
                .packVoltage(Optional.of(new PackVoltageSpec(AdcInputRef.single("shunt", 2), 11.0, 1.0, 0.0, 20.0)))
                .current(new CurrentSpec(
                        new AdcInputRef("shunt", 0, 1),
                        CurrentTransducer.shunt(0.001, 50, 0.0),
                        1.0,
                        0.0,
                        false,
                        30,
                        0))
                .temperatures(ntcs)
                .contactors(Map.of(
                        ContactorId.MAIN_NEGATIVE,
                        new ContactorPins(5, 6, true),
                        ContactorId.PRECHARGE,
                        new ContactorPins(13, 19, true),
                        ContactorId.MAIN_POSITIVE,
                        new ContactorPins(26, 21, true)))
                .balancingPins(List.of(12, 16, 20, 25))
                .fanPin(18)
                .heaterPin(-1)
                .watchdogDevice("")
                .build();
    }
}
