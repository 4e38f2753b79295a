package org.qsebms.bms.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qsebms.config.ConfigLoader;
import org.qsebms.hal.Watchdog;
import org.qsebms.hal.bus.GpioInput;
import org.qsebms.hal.bus.GpioOutput;
import org.qsebms.hal.bus.I2cBlockBus;
import org.qsebms.hal.bus.I2cRegisterBus;
import org.qsebms.hal.bus.Pause;
import org.qsebms.hal.bus.SpiBus;
import org.qsebms.hal.emulator.EmulatedBoard;
import org.qsebms.hal.emulator.ManualNanoClock;
import org.qsebms.hal.wiring.BoardPorts;
import org.qsebms.hal.wiring.WiringConfig;
import picocli.CommandLine;

class HalProbeCommandTest {
    private static final Path EXAMPLE = Path.of("../config/examples/pi-4s-ads1115.yaml");
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(HalProbeCommand command, String... args) {
        CommandLine cli = new CommandLine(command);
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    private static Function<WiringConfig, BoardPorts> pack(
            double[] cells, double amps, double[] celsius, java.util.function.Consumer<EmulatedBoard> fault) {
        return wiring -> {
            EmulatedBoard board = new EmulatedBoard(wiring, new ManualNanoClock(), 9);
            board.connectPack(cells, () -> amps, celsius);
            fault.accept(board);
            return board;
        };
    }

    /**
     * The probe's wrapper times conversions on the board's own clock, the one its pause moves. On
     * the wall clock an emulated conversion was polled for before its emulated time had passed
     * whenever the machine was slow, and timed out.
     */
    @Test
    void theProbeTimesConversionsOnTheClockItsPauseMoves() {
        EmulatedBoard board = new EmulatedBoard(
                new ConfigLoader().load(EXAMPLE).hal().pi4j().orElseThrow(), new ManualNanoClock(), 9);
        board.clock().advance(3_600_000_000_000L);
        ProbePorts probe = new ProbePorts(board);

        probe.pause().nanos(2_105_263L);

        assertThat(probe.nanoClock().getAsLong()).isEqualTo(3_600_002_105_263L);
    }

    @Test
    void reportsEveryChipAndOneCalibratedReadingPerChannel() {
        int exit = run(
                new HalProbeCommand(
                        pack(new double[] {3.61, 3.62, 3.63, 3.64}, 2.5, new double[] {21, 22, 23, 24}, b -> {})),
                "--config",
                EXAMPLE.toString());

        assertThat(exit).as(err.toString()).isZero();
        String text = out.toString();
        assertThat(text).contains("scan i2c-1 ADS1115 addresses: 0x48=answers 0x49=answers 0x4A=- 0x4B=-");
        assertThat(text).containsPattern("OK\\s+ADS1115\\s+taps\\s+i2c-1 0x48");
        assertThat(text).containsPattern("OK\\s+MCP3008\\s+ntc\\s+spi0 cs0");
        assertThat(text).containsPattern("cell 4\\s+i2c-1 0x48 AIN3\\s+3\\.6[34]\\d\\d V\\s+OK");
        assertThat(text).containsPattern("cell 1\\s+i2c-1 0x48 AIN0\\s+3\\.6[01]\\d\\d V\\s+OK");
        assertThat(text).containsPattern("current\\s+i2c-1 0x49 AIN0-AIN1\\s+2\\.50\\d\\d A\\s+OK");
        assertThat(text).containsPattern("pack\\s+i2c-1 0x49 AIN2\\s+14\\.5\\d\\d\\d V\\s+OK");
        assertThat(text).containsPattern("temperature 1\\s+spi0 cs0 CH0\\s+2\\d\\.\\d+ degC OK");
        assertThat(text).contains("all chips answer and every channel reads OK");
    }

    @Test
    void missingChipFailsNamingBusAddressAndChannels() {
        int exit = run(
                new HalProbeCommand(pack(
                        new double[] {3.7, 3.7, 3.7, 3.7},
                        0,
                        new double[] {25, 25, 25, 25},
                        b -> b.i2cBus(1).detach(0x49))),
                "--config",
                EXAMPLE.toString());

        assertThat(exit).isEqualTo(1);
        assertThat(out.toString())
                .contains("0x49=MISSING")
                .containsPattern("current\\s+i2c-1 0x49 AIN0-AIN1 .* BUS_ERROR\\s+its chip does not answer");
        assertThat(err.toString()).contains("ADS1115 'shunt' on i2c-1 0x49 does not answer: i2c-1 address 0x49: NACK");
    }

    @Test
    void openThermistorIsReportedByChannel() {
        int exit = run(
                new HalProbeCommand(pack(
                        new double[] {3.7, 3.7, 3.7, 3.7},
                        0,
                        new double[] {25, 25, 25, 25},
                        b -> b.mcp3x08("ntc").inputs().openWire(1, 3.3))),
                "--config",
                EXAMPLE.toString());

        assertThat(exit).isEqualTo(1);
        assertThat(err.toString()).contains("temperature 2 on spi0 cs0 CH1: OPEN_WIRE");
    }

    /** The emulated board, except that SPI bus 0 and every GPIO pin fail to open as they do off a Pi. */
    private static Function<WiringConfig, BoardPorts> withoutSpiAndGpio() {
        return wiring -> {
            EmulatedBoard board = new EmulatedBoard(wiring, new ManualNanoClock(), 9);
            board.connectPack(new double[] {3.7, 3.7, 3.7, 3.7}, () -> 0.0, new double[] {25, 25, 25, 25});
            return new BoardPorts() {
                public I2cRegisterBus i2c(int bus) {
                    return board.i2c(bus);
                }

                public I2cBlockBus i2cBlock(int bus) {
                    return board.i2cBlock(bus);
                }

                public SpiBus spi(int bus, int chipSelect, int clockHz) {
                    throw new IllegalStateException("Failed to open SPI device /dev/spidev" + bus + "." + chipSelect);
                }

                public GpioOutput output(int pin, String purpose) {
                    throw new IllegalStateException("No gpio chip yet initialized!");
                }

                public GpioInput input(int pin, String purpose) {
                    throw new IllegalStateException("No gpio chip yet initialized!");
                }

                public Pause pause() {
                    return board.pause();
                }

                public java.util.function.LongSupplier nanoClock() {
                    return board.nanoClock();
                }

                public Watchdog watchdog(String device) {
                    return board.watchdog(device);
                }

                public void close() {
                    board.close();
                }
            };
        };
    }

    @Test
    void busesThatCannotBeOpenedStillGiveTheWholeTableWithReasonsAndHints(@TempDir Path dev) throws Exception {
        Files.createFile(dev.resolve("i2c-1")); // I2C enabled, no SPI device node, no GPIO chip

        int exit = run(new HalProbeCommand(withoutSpiAndGpio(), dev), "--config", EXAMPLE.toString());

        assertThat(exit).isEqualTo(1);
        String text = out.toString();
        assertThat(text).containsPattern("OK\\s+ADS1115\\s+taps\\s+i2c-1 0x48\\s+answers");
        assertThat(text).containsPattern("OK\\s+ADS1115\\s+shunt\\s+i2c-1 0x49\\s+answers");
        assertThat(text)
                .containsPattern("FAIL\\s+MCP3008\\s+ntc\\s+spi0 cs0 .*Failed to open SPI device /dev/spidev0.0");
        assertThat(text).contains("hint: no /dev/spidev0.0: enable SPI (sudo raspi-config nonint do_spi 0");
        assertThat(text)
                .contains("FAIL GPIO 5, GPIO 6, GPIO 13")
                .contains(": No gpio chip yet initialized!")
                .contains("hint: no /dev/gpiochip*: this is not a Raspberry Pi");
        assertThat(text).containsPattern("cell 4\\s+i2c-1 0x48 AIN3\\s+3\\.70\\d\\d V\\s+OK");
        assertThat(text).containsPattern("temperature 4\\s+spi0 cs0 CH3 .* BUS_ERROR\\s+its chip does not answer");
        assertThat(err.toString())
                .contains("MCP3008 'ntc' on spi0 cs0 does not answer")
                .contains("cannot open GPIO 5, GPIO 6")
                .doesNotContain("temperature 1 on");
    }

    @Test
    void aSilentChipOnAnEnabledBusGetsTheWiringHint(@TempDir Path dev) throws Exception {
        Files.createFile(dev.resolve("i2c-1"));

        int exit = run(
                new HalProbeCommand(
                        pack(
                                new double[] {3.7, 3.7, 3.7, 3.7},
                                0,
                                new double[] {25, 25, 25, 25},
                                b -> b.i2cBus(1).detach(0x48)),
                        dev),
                "--config",
                EXAMPLE.toString());

        assertThat(exit).isEqualTo(1);
        assertThat(out.toString())
                .contains("hint: the chip does not answer on a working bus")
                .contains("'i2cdetect -y 1'");
    }

    @Test
    void withoutTheI2cDeviceNodeTheHintSaysToEnableI2c(@TempDir Path dev) {
        int exit = run(
                new HalProbeCommand(
                        pack(
                                new double[] {3.7, 3.7, 3.7, 3.7},
                                0,
                                new double[] {25, 25, 25, 25},
                                b -> b.i2cBus(1).detach(0x48)),
                        dev),
                "--config",
                EXAMPLE.toString());

        assertThat(exit).isEqualTo(1);
        assertThat(out.toString()).contains("hint: no /dev/i2c-1: enable I2C (sudo raspi-config nonint do_i2c 0");
    }

    @Test
    void emulatedFlagProbesANominalPackWithoutHardware() {
        int exit = run(new HalProbeCommand(), "--config", EXAMPLE.toString(), "--emulated");

        assertThat(exit).as(err.toString()).isZero();
        assertThat(out.toString())
                .contains("(emulated)")
                .containsPattern("cell 1\\s+i2c-1 0x48 AIN0\\s+3\\.70\\d\\d V");
    }

    @Test
    void configurationErrorsExitWithTwoAndTheKeyPath(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, Files.readString(EXAMPLE).replace("input: \"ntc:3\"", "input: \"ntc:9\""));

        int exit = run(new HalProbeCommand(), "--config", bad.toString(), "--emulated");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString())
                .contains("hal.pi4j.temperatures[3].input: channel 9 is outside 0..7 for MCP3008 'ntc' on spi0 cs0");
    }

    @Test
    void simulatedConfigurationWithoutWiringIsRefused(@TempDir Path dir) throws Exception {
        Path sim = dir.resolve("sim.yaml");
        Files.writeString(sim, "pack: {chemistry: psoa-ncm811, seriesCells: 4}\nhal: {backend: simulated}\n");

        assertThat(run(new HalProbeCommand(), "--config", sim.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("hal.pi4j: missing");
    }

    @Test
    void probesABq76952BoardReadingTheChipAndComparingItsProtectionValuesWithoutWriting() {
        int exit = run(new HalProbeCommand(), "--config", "../config/examples/pi-16s-bq76952.yaml", "--emulated");

        assertThat(exit).as(err.toString()).isZero();
        String text = out.toString();
        assertThat(text).contains("BQ76952 on i2c-1 0x08");
        assertThat(text).containsPattern("OK\\s+BQ76952\\s+bq76952\\s+i2c-1 0x08");
        assertThat(text).containsPattern("cell 16\\s+i2c-1 0x08 VC16\\s+3\\.7000 V\\s+OK");
        assertThat(text).containsPattern("temperature 3\\s+i2c-1 0x08 TS3\\s+25\\.0\\d+ degC OK");
        assertThat(text).contains("FET Status 0x00: CHG off, DSG off; ALERT pin idle (high)");
        // a chip at power-on defaults: COV 86 happens to equal the configured value, the delay does not
        assertThat(text).containsPattern("OK\\s+Protections:COV:Threshold\\s+0x9278\\s+86 / 86");
        assertThat(text).containsPattern("DIFF\\s+Protections:COV:Delay\\s+0x9279\\s+74 / 303");
        assertThat(text).contains("bms run writes them at start");
    }
}
