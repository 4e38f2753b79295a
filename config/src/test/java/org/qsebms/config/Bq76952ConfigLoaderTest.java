package org.qsebms.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.qsebms.hal.ContactorId;
import org.qsebms.hal.bq76952.Bq76952Wiring;

class Bq76952ConfigLoaderTest {
    private static final Path EXAMPLE = Path.of("examples/pi-16s-bq76952.yaml");
    private final ConfigLoader loader = new ConfigLoader();

    private BmsConfig parseExampleWith(String from, String to) throws Exception {
        String text = Files.readString(EXAMPLE);
        assertThat(text).contains(from);
        return loader.parse(text.replace(from, to), "test.yaml");
    }

    @Test
    void loadsTheSixteenSeriesExampleWithLimitsFromThePresetAndMarginsFromTheFile() {
        BmsConfig config = loader.load(EXAMPLE);

        Bq76952Wiring w = config.hal().bq76952().orElseThrow();
        assertThat(config.hal().pi4j()).isEmpty();
        assertThat(w.address()).isEqualTo(0x08);
        assertThat(w.cellInputs()).hasSize(16).startsWith(1, 2).endsWith(16);
        assertThat(w.tsPins()).containsExactly(1, 2, 3);
        assertThat(w.fetsAs()).isEqualTo(ContactorId.MAIN_NEGATIVE);
        assertThat(w.contactors()).containsOnlyKeys(ContactorId.PRECHARGE, ContactorId.MAIN_POSITIVE);
        assertThat(w.alertPin()).isEqualTo(17);
        assertThat(w.limits().cellOverVolts()).isEqualTo(4.30);
        assertThat(w.limits().chargeAmps()).isEqualTo(2.0); // 1 C of 2 Ah
        assertThat(w.limits().dischargeAmps()).isEqualTo(6.0); // 3 C
        assertThat(w.margins().shortCircuitDelay()).isEqualTo(Duration.ofNanos(60_000));
        assertThat(w.plan().setting("Protections:COV:Threshold").value()).isEqualTo(86); // 4.3516 V
        assertThat(w.plan().setting("Protections:SCD:Threshold").meaning()).isEqualTo("125 mV = 25 A");
    }

    @Test
    void aLimitTheChipCannotHoldIsRejectedAtLoadWithTheKeyPath() throws Exception {
        // a 50 mOhm shunt puts the 2.5 A OCC at 125 mV, beyond the chip's 124 mV
        assertThatThrownBy(() -> parseExampleWith("shuntOhms: 0.005 ", "shuntOhms: 0.05 "))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("hal.bq76952")
                .hasMessageContaining("OCC threshold would be");
    }

    @Test
    void cellInputsMustMatchTheSeriesCountAndRise() throws Exception {
        assertThatThrownBy(() -> parseExampleWith("cellInputs: [1, 2, 3,", "cellInputs: [1, 3, 2,"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("hal.bq76952.cellInputs[2]");
        assertThatThrownBy(() -> parseExampleWith("cellInputs: [1, 2, 3,", "cellInputs: [2, 3,"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("15 inputs but pack.seriesCells is 16");
    }

    @Test
    void theFetContactorMayNotAlsoHaveGpioPins() throws Exception {
        assertThatThrownBy(() -> parseExampleWith("fetsAs: mainNegative", "fetsAs: precharge"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("hal.bq76952.contactors.precharge")
                .hasMessageContaining("is the chip's FETs");
    }

    @Test
    void bothAdcAndChipSectionsAreRejected() throws Exception {
        assertThatThrownBy(() -> parseExampleWith("  bq76952:\n", "  pi4j: {}\n  bq76952:\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("keep one");
    }

    @Test
    void aBadMarginIsRejectedWithItsPath() throws Exception {
        assertThatThrownBy(() -> parseExampleWith("shortCircuitDelay: 60us", "shortCircuitDelay: 2ms"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("hal.bq76952.margins.shortCircuitDelay");
    }

    /**
     * The chip counts its host watchdog in whole seconds: 400 ms rounded to 0 and quietly turned
     * it off (found by the check23i helper, 2026-12-06); 1500 ms would have become 2 s.
     */
    @Test
    void aHostWatchdogDelayTheChipCannotCountIsRejected() throws Exception {
        for (String delay : new String[] {"400ms", "1500ms"}) {
            assertThatThrownBy(() -> parseExampleWith("hostWatchdogDelay: 5s", "hostWatchdogDelay: " + delay))
                    .as(delay)
                    .isInstanceOf(ConfigException.class)
                    .hasMessageContaining("hal.bq76952.margins")
                    .hasMessageContaining("hostWatchdogDelay " + delay)
                    .hasMessageContaining("whole seconds");
        }
        parseExampleWith("hostWatchdogDelay: 5s", "hostWatchdogDelay: 0s");
        parseExampleWith("hostWatchdogDelay: 5s", "hostWatchdogDelay: 1s");
    }
}
