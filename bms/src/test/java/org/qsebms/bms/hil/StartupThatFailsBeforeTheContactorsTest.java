package org.qsebms.bms.hil;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import org.junit.jupiter.api.Test;
import org.qsebms.bms.control.PackLinks;
import org.qsebms.bms.runtime.ControllerAssembly;
import org.qsebms.bms.runtime.SimulatedPackSetup;
import org.qsebms.bms.sim.DriverLevelSimulation;
import org.qsebms.bms.supervisor.SupervisorState;
import org.qsebms.config.BmsConfig;
import org.qsebms.config.ConfigLoader;
import org.qsebms.hal.ContactorId;
import org.qsebms.hal.bus.SpiBus;
import org.qsebms.hal.emulator.ForwardingPorts;
import org.qsebms.hal.wiring.BoardPorts;
import org.qsebms.hal.wiring.PackHardwareFactory;

/**
 * Issue 23, independent check check23o (2026-12-06): config/examples/pi-4s-ads1115.yaml. A process that dies in NORMAL leaves
 * its coil GPIOs driven high (check23l: a line keeps its level when its process dies). The next start
 * (Pi4jHardware.open -> PackHardwareFactory.build) opens every ADC bus first and makes the contactors - whose
 * constructor drives the coil low - last; if opening a bus throws (here the SPI device of the MCP3008, as Pi4J does
 * when /dev/spidev0.0 cannot be opened), the start fails before any coil line is touched, and the pack stays
 * connected with no BMS running.
 */
class StartupThatFailsBeforeTheContactorsTest {

    /** The emulated board's ports, except that no SPI device can be opened. */
    private static final class SpiFailingPorts extends ForwardingPorts {
        SpiFailingPorts(BoardPorts board) {
            super(board);
        }

        @Override
        public SpiBus spi(int bus, int chipSelect, int clockHz) {
            throw new IllegalStateException("could not open SPI " + bus + "." + chipSelect + " (injected, as Pi4J)");
        }
    }

    @Test
    void aStartThatFailsStillLeavesEveryCoilOff() {
        BmsConfig cfg = new ConfigLoader().load(ExampleBoard.pi4sAds1115());
        DriverLevelSimulation sim = new DriverLevelSimulation(
                SimulatedPackSetup.createDefault(cfg).pack(), cfg.hal().pi4j().orElseThrow(), 3);
        ControllerAssembly.Wiring w =
                ControllerAssembly.build(cfg, sim.hardware(), PackLinks.followingLimits(sim), () -> 0L);
        long period = cfg.loop().period().toNanos();
        long now = 0;
        w.requests().requestClose();
        for (int i = 0; i < 60; i++) {
            now += period;
            w.controller().tick(now);
        }
        assertThat(w.controller().supervisor().state()).isEqualTo(SupervisorState.NORMAL);
        // the process dies here with its coils energised; the restart fails while opening the buses
        Throwable failed = catchThrowable(
                () -> PackHardwareFactory.build(cfg.hal().pi4j().orElseThrow(), new SpiFailingPorts(sim.board())));
        assertThat(failed).isNotNull();
        sim.board().clock().advance(1_000_000_000L);
        boolean mainNegative =
                sim.board().contactor(ContactorId.MAIN_NEGATIVE).coil().isHigh();
        boolean mainPositive =
                sim.board().contactor(ContactorId.MAIN_POSITIVE).coil().isHigh();
        assertThat(mainNegative || mainPositive)
                .as(
                        "start-up failed (%s); 1 s later main negative coil high=%s, main positive coil high=%s,"
                                + " contacts closed=%s",
                        failed.getMessage(),
                        mainNegative,
                        mainPositive,
                        sim.board().contactor(ContactorId.MAIN_POSITIVE).mainContactsClosed())
                .isFalse();
    }
}
