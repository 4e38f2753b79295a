package org.qsebms.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.qsebms.hal.ContactorId;
import org.qsebms.hal.ads1115.Ads1115DataRate;
import org.qsebms.hal.ads1115.Ads1115Pga;
import org.qsebms.hal.frontend.CellMeasurement;
import org.qsebms.hal.frontend.Thermistor;
import org.qsebms.hal.mcp3208.Mcp3x08Model;
import org.qsebms.hal.wiring.AdcInputRef;
import org.qsebms.hal.wiring.WiringConfig;

class WiringConfigLoaderTest {
    private static final Path EXAMPLE = Path.of("examples/pi-4s-ads1115.yaml");
    private final ConfigLoader loader = new ConfigLoader();

    private static String example() throws Exception {
        return Files.readString(EXAMPLE);
    }

    private BmsConfig parseExampleWith(String from, String to) throws Exception {
        String text = example();
        assertThat(text).contains(from);
        return loader.parse(text.replace(from, to), "test.yaml");
    }

    @Test
    void aBleedResistorOutsideItsRangeIsRejectedWithTheKeyPath() throws Exception {
        assertThatThrownBy(() -> parseExampleWith("balancingResistorOhms: 33", "balancingResistorOhms: 0"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("hal.pi4j.balancingResistorOhms");
        BmsConfig own = parseExampleWith("balancingResistorOhms: 33", "balancingResistorOhms: 47");
        assertThat(own.hal().pi4j().orElseThrow().balancingResistorOhms()).isEqualTo(47.0);
    }

    @Test
    void loadsTheFourSeriesAds1115Example() {
        BmsConfig config = loader.load(EXAMPLE);

        assertThat(config.hal().backend()).isEqualTo(HalBackend.PI4J);
        WiringConfig w = config.hal().pi4j().orElseThrow();
        assertThat(w.ads1115()).hasSize(2);
        assertThat(w.ads1115().get(0).address()).isEqualTo(0x48);
        assertThat(w.ads1115().get(1).address()).isEqualTo(0x49);
        assertThat(w.ads1115().get(0).pga()).isEqualTo(Ads1115Pga.FSR_2_048V);
        assertThat(w.ads1115().get(0).dataRate()).isEqualTo(Ads1115DataRate.SPS_475);
        assertThat(w.mcp3x08().get(0).model()).isEqualTo(Mcp3x08Model.MCP3008);
        assertThat(w.cellMeasurement()).isEqualTo(CellMeasurement.TAP_SUBTRACTION);
        assertThat(w.cells()).hasSize(4);
        assertThat(w.balancingResistorOhms()).isEqualTo(33.0);
        assertThat(w.cells().get(3).dividerRatio()).isEqualTo(10.09);
        assertThat(w.current().input()).isEqualTo(new AdcInputRef("shunt", 0, 1));
        assertThat(w.current().transducer().voltsPerAmp()).isEqualTo(0.05);
        assertThat(w.temperatures().get(0).thermistor()).isInstanceOf(Thermistor.Beta.class);
        assertThat(w.temperatures().get(3).thermistor()).isInstanceOf(Thermistor.SteinhartHart.class);
        assertThat(w.contactors().get(ContactorId.PRECHARGE).coilPin()).isEqualTo(13);
        assertThat(w.balancingPins()).containsExactly(12, 16, 20, 25);
        assertThat(w.fanPin()).isEqualTo(18);
        assertThat(w.heaterPin()).isEqualTo(-1);
        assertThat(w.watchdogDevice()).isEqualTo("/dev/watchdog");
    }

    /**
     * {@code stuckAfterConversions} turned identical ADC codes into a sensor MSL, which a quiet converter at rest gives
     * on a healthy pack (issue 23, fix23bo): a value other than 0 is refused at load, naming the key, why and the fix.
     */
    @Test
    void aRepeatedCodeRuleIsRefusedWithTheReasonAndTheFix() throws Exception {
        String key = "balancingResistorOhms: 33";
        assertThatThrownBy(() -> parseExampleWith(key, key + "\n    stuckAfterConversions: 200"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("hal.pi4j.stuckAfterConversions: identical ADC codes in a row are no longer")
                .hasMessageContaining("repeats its code for minutes on a healthy pack at rest")
                .hasMessageContaining("CELL_VOLTAGE_STUCK")
                .hasMessageContaining("Remove the key (or set it to 0)");
        BmsConfig off = parseExampleWith(key, key + "\n    stuckAfterConversions: 0");
        assertThat(off.hal().pi4j()).isPresent();
    }

    @Test
    void existingConfigurationsWithoutPi4jKeepWorking() {
        BmsConfig config = loader.defaultSimulated();
        assertThat(config.hal()).isEqualTo(new HalConfig(HalBackend.SIMULATED));
    }

    @Test
    void pi4jBackendWithoutWiringIsRejected() {
        assertThatThrownBy(() -> loader.parse(
                        "pack: {chemistry: psoa-ncm811, seriesCells: 4}\nhal: {backend: pi4j}\n", "t.yaml"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("hal.pi4j: is required when hal.backend is pi4j")
                .hasMessageContaining("config/examples/pi-4s-ads1115.yaml");
    }

    @Test
    void channelBeyondTheMcp3008IsRejectedWithTheFix() throws Exception {
        assertThatThrownBy(() -> parseExampleWith("input: \"ntc:3\"", "input: \"ntc:9\""))
                .hasMessage("hal.pi4j.temperatures[3].input: channel 9 is outside 0..7 for MCP3008 'ntc' on spi0 cs0; "
                        + "use 0..7 or an MCP3208");
    }

    /**
     * Found by an independent check (check23i, 2026-12-06): an NTC on the spare AIN3 of the "shunt"
     * ADS1115 (full scale 2.048 V) with its divider still fed from 3.3 V loaded, and a cell at -10
     * degC or an open thermistor read 14.1 degC with status OK.
     */
    @Test
    void anNtcWhoseSupplyIsAboveItsAdcsFullScaleIsRejectedWithTheFix() throws Exception {
        assertThatThrownBy(() -> parseExampleWith("input: \"ntc:3\"", "input: \"shunt:3\""))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("hal.pi4j.temperatures[3].supplyVolts: the NTC divider on shunt:3 is supplied "
                        + "at 3.3 V, above the full scale of ADS1115 'shunt' (pga 2.048 V)")
                .hasMessageContaining("neither the temperature nor an open wire can be read")
                .hasMessageContaining("raise that ADC's full scale to at least 3.3 V");
        String example = example();
        assertThat(example).contains("        supplyVolts: 3.3\n");
        BmsConfig fits = loader.parse(
                example.replace("input: \"ntc:3\"", "input: \"shunt:3\"")
                        .replace("        supplyVolts: 3.3\n", "        supplyVolts: 2.0\n"),
                "pi-4s-ads1115.yaml");
        assertThat(fits.hal()
                        .pi4j()
                        .orElseThrow()
                        .temperatures()
                        .get(3)
                        .divider()
                        .supplyVolts())
                .as("a divider inside the full scale loads")
                .isEqualTo(2.0);
    }

    /**
     * Issue 23, check23o: a current channel that cannot read up to the short-circuit level could never judge a short
     * one (its ADC at the rail reads "this much or more", short of the level). The example's INA240A2 on an ADS1115
     * pair at 2.048 V reads +-40.96 A; with a gain of 200 it reads +-10.24 A, short of 2 x the 6 A discharge MSL.
     */
    @Test
    void aCurrentChannelThatCannotReachTheShortCircuitLevelIsRejectedWithTheFix() throws Exception {
        assertThatThrownBy(() -> parseExampleWith("amplifierGain: 50", "amplifierGain: 200"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("hal.pi4j.current: the current channel shunt:0-1 reads -10.2..10.2 A (ADC"
                        + " -2.048..2.048 V, zero 0.000 V, 0.2000 V/A), short of the short-circuit level 12.0 A")
                .hasMessageContaining("choose a smaller shunt or amplifier gain");
        BmsConfig fits = parseExampleWith("amplifierGain: 50", "amplifierGain: 100");
        assertThat(fits.hal().pi4j().orElseThrow().current().transducer().voltsPerAmp())
                .as("+-20.5 A reaches the 12 A level and loads")
                .isCloseTo(0.1, org.assertj.core.data.Offset.offset(1e-12));
    }

    @Test
    void ads1115AddressOutsideItsStrapsIsRejected() throws Exception {
        assertThatThrownBy(() -> parseExampleWith("address: 0x49", "address: 0x50"))
                .hasMessage("hal.pi4j.ads1115[1].address: 0x50 is outside 0x48..0x4B; use a value in that range");
    }

    @Test
    void duplicateAddressOnTheSameBusIsRejected() throws Exception {
        assertThatThrownBy(() -> parseExampleWith("address: 0x49", "address: 0x48"))
                .hasMessageContaining("hal.pi4j.ads1115[1].address: 0x48 on i2c-1 is already used by ADS1115 'taps'");
    }

    @Test
    void unsupportedDifferentialPairIsRejected() throws Exception {
        assertThatThrownBy(() -> parseExampleWith("input: \"shunt:0-1\"", "input: \"shunt:1-2\""))
                .hasMessageContaining("hal.pi4j.current.input: 1-2 on ADS1115 'shunt' on i2c-1 0x49")
                .hasMessageContaining("pairs 0-1, 0-3, 1-3, 2-3");
    }

    @Test
    void invalidDataRateAndPgaAreRejectedWithTheAllowedValues() throws Exception {
        assertThatThrownBy(() -> parseExampleWith("dataRate: 475       # samples", "dataRate: 500       # samples"))
                .hasMessageContaining("hal.pi4j.ads1115[0].dataRate: 500 SPS is not an ADS1115 data rate; use 8, 16");
        assertThatThrownBy(() -> parseExampleWith("pga: 2.048          # full", "pga: 3.0          # full"))
                .hasMessageContaining("hal.pi4j.ads1115[0].pga: 3.0 V is not an ADS1115 full-scale range");
    }

    @Test
    void channelUsedTwiceIsRejected() throws Exception {
        assertThatThrownBy(() -> parseExampleWith("input: \"shunt:2\"", "input: \"taps:3\""))
                .hasMessageContaining(
                        "hal.pi4j.packVoltage.input: channel 3 of chip 'taps' is already used by hal.pi4j.cells[3].input");
    }

    @Test
    void gpioUsedTwiceIsRejected() throws Exception {
        assertThatThrownBy(() -> parseExampleWith("fanPin: 18", "fanPin: 26"))
                .hasMessage("hal.pi4j.fanPin: GPIO 26 is already used by hal.pi4j.contactors.mainPositive.coilPin; "
                        + "give each function its own pin");
    }

    @Test
    void gpioOfTheSpiBusIsRejected() throws Exception {
        assertThatThrownBy(() -> parseExampleWith("fanPin: 18", "fanPin: 10"))
                .hasMessageContaining("hal.pi4j.fanPin: GPIO 10 is already used by SPI0");
    }

    @Test
    void tapCountMustMatchTheSeriesCells() throws Exception {
        assertThatThrownBy(() -> parseExampleWith("seriesCells: 4", "seriesCells: 5"))
                .hasMessageContaining("hal.pi4j.cells: 4 entries but pack.seriesCells is 5");
    }

    @Test
    void currentNeedsExactlyOneTransducer() throws Exception {
        assertThatThrownBy(() -> parseExampleWith(
                        "shuntOhms: 0.001",
                        "hallSensitivityVoltsPerAmp: 0.04\n      hallZeroVolts: 2.5\n      shuntOhms: 0.001"))
                .hasMessageContaining("hal.pi4j.current: give either shuntOhms")
                .hasMessageContaining("not both");
    }

    @Test
    void unknownChipIsRejectedListingTheKnownOnes() throws Exception {
        assertThatThrownBy(() -> parseExampleWith("input: \"taps:0\"", "input: \"tapz:0\""))
                .hasMessageContaining(
                        "hal.pi4j.cells[0].input: chip 'tapz' is not configured; known chips are [taps, shunt]");
    }
}
