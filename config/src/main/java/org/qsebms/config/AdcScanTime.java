package org.qsebms.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.qsebms.hal.wiring.AdcInputRef;
import org.qsebms.hal.wiring.Ads1115Spec;
import org.qsebms.hal.wiring.CellTapSpec;
import org.qsebms.hal.wiring.Mcp3x08Spec;
import org.qsebms.hal.wiring.NtcSpec;
import org.qsebms.hal.wiring.WiringConfig;

/**
 * Each tick converts every configured input once; an ADS1115 converts its inputs one after another,
 * each in 1/DR, an MCP3x08 each in one 24-clock SPI transfer (the chips convert side by side). A chip whose inputs take the whole loop period or
 * more can never finish a tick in time, whatever the machine: every tick would overrun and
 * LOOP_OVERRUN would blame the machine's load. Such a wiring is refused at load, naming the chip,
 * its data rate, its inputs and the period.
 */
final class AdcScanTime {
    /** One MCP3x08 conversion is one SPI transfer of 3 bytes: start, mode, sample and 12..10 bits. */
    private static final long MCP_CLOCKS_PER_TRANSFER = 24;

    private AdcScanTime() {}

    static void requireFitsThePeriod(WiringConfig w, Duration period) {
        List<AdcInputRef> inputs = new ArrayList<>();
        for (CellTapSpec c : w.cells()) {
            inputs.add(c.input());
        }
        w.packVoltage().ifPresent(p -> inputs.add(p.input()));
        inputs.add(w.current().input());
        for (NtcSpec t : w.temperatures()) {
            inputs.add(t.input());
        }
        Map<String, Integer> perChip = new LinkedHashMap<>();
        for (AdcInputRef in : inputs) {
            perChip.merge(in.chip(), 1, Integer::sum);
        }
        List<Mcp3x08Spec> mcps = w.mcp3x08();
        for (int i = 0; i < mcps.size(); i++) {
            Mcp3x08Spec m = mcps.get(i);
            int n = perChip.getOrDefault(m.id(), 0);
            long nanos = n * MCP_CLOCKS_PER_TRANSFER * 1_000_000_000L / m.clockHz();
            if (n > 0 && nanos >= period.toNanos()) {
                throw new ConfigException(
                        "hal.pi4j.mcp3x08[" + i + "].clockHz",
                        String.format(
                                Locale.ROOT,
                                "%s '%s' reads its %d inputs one after another every tick, %d x %d SPI clocks at %d "
                                        + "Hz = %.1f ms, which does not fit loop.period (%d ms): every tick would "
                                        + "overrun; raise clockHz, move inputs to another chip, or lengthen loop.period",
                                m.model(),
                                m.id(),
                                n,
                                n,
                                MCP_CLOCKS_PER_TRANSFER,
                                m.clockHz(),
                                nanos / 1e6,
                                period.toMillis()));
            }
        }
        List<Ads1115Spec> chips = w.ads1115();
        for (int i = 0; i < chips.size(); i++) {
            Ads1115Spec a = chips.get(i);
            int n = perChip.getOrDefault(a.id(), 0);
            long nanos = n * a.dataRate().conversionNanos();
            if (n > 0 && nanos >= period.toNanos()) {
                throw new ConfigException(
                        "hal.pi4j.ads1115[" + i + "].dataRate",
                        String.format(
                                Locale.ROOT,
                                "ADS1115 '%s' converts its %d inputs one after another every tick, %d x %.1f ms = %.1f "
                                        + "ms at %d SPS, which does not fit loop.period (%d ms): every tick would "
                                        + "overrun; raise dataRate (860 SPS takes %.1f ms for %d), move inputs to "
                                        + "another chip, or lengthen loop.period",
                                a.id(),
                                n,
                                n,
                                a.dataRate().conversionNanos() / 1e6,
                                nanos / 1e6,
                                a.dataRate().samplesPerSecond(),
                                period.toMillis(),
                                n * 1e3 / 860,
                                n));
            }
        }
    }
}
