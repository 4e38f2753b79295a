package org.qsebms.bms.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qsebms.bms.measure.PackMeasurement;
import org.qsebms.bms.runtime.ControllerAssembly;
import org.qsebms.bms.runtime.SimulatedPackSetup;
import org.qsebms.bms.sim.PackLoad;
import org.qsebms.bms.sim.SimulatedHardware;
import org.qsebms.bms.snapshot.ControllerEvent;
import org.qsebms.bms.supervisor.SupervisorState;
import org.qsebms.config.BmsConfig;
import org.qsebms.config.ConfigLoader;

/**
 * The estimators' state of function derates the published limits in the running controller: cold
 * charging is held by the fitted interfacial law, and a cooperative load that draws what is
 * published never pushes a nearly empty pack into an under-voltage warning.
 */
class StateOfFunctionInLoopTest {
    private final BmsConfig cfg = new ConfigLoader().defaultSimulated();

    private record Run(ControllerAssembly.Wiring wiring, List<String> raised) {}

    private Run run(double soc, double ambientCelsius, PackLoad load, double seconds) {
        return run(cfg, soc, ambientCelsius, load, seconds);
    }

    private static Run run(BmsConfig cfg, double soc, double ambientCelsius, PackLoad load, double seconds) {
        SimulatedHardware sim = SimulatedPackSetup.create(cfg, soc, ambientCelsius, load, 7);
        ControllerAssembly.Wiring w =
                // the simulated load follows the published limits, as BmsRuntime wires it
                ControllerAssembly.build(
                        cfg, sim.hardware(), PackLinks.followingLimits(sim.pack()), () -> 1_764_000_000_000L);
        w.requests().requestClose();
        List<String> raised = new ArrayList<>();
        long period = cfg.loop().period().toNanos();
        for (long k = 1; k <= (long) (seconds * 1e9 / period); k++) {
            w.controller().tick(k * period);
            ControllerEvent e;
            while ((e = w.events().poll()) != null) {
                if (e instanceof ControllerEvent.FaultEdge f && f.fault().raised()) {
                    raised.add(f.fault().id());
                }
            }
        }
        return new Run(w, raised);
    }

    @Test
    void coldChargeLimitKeepsTheInterfacialOverpotentialAtItsRatedValue() {
        double rated = cfg.limits().chargeOverCurrent().rsl();
        Run warm = run(0.5, 30, PackLoad.IDLE, 5);
        Run cold = run(0.5, 12, PackLoad.IDLE, 5);
        assertThat(cold.wiring().controller().supervisor().state()).isEqualTo(SupervisorState.NORMAL);
        double warmLimit = warm.wiring().controller().currentLimits().chargeAmps();
        double coldLimit = cold.wiring().controller().currentLimits().chargeAmps();
        double f = cfg.chemistry().cell().resistanceFactor(12);
        // warm: the RSL less its hysteresis, the most ever published (issue 23, check23g)
        assertThat(warmLimit).isEqualTo(cfg.limits().chargeOverCurrent().rslInsideByHysteresis());
        // 12 °C is above the charge MOL (10 °C): no protection taper, only the interfacial bound rated / f(T)
        assertThat(coldLimit).isCloseTo(rated / f, within(0.02 * rated));
        assertThat(coldLimit).isLessThan(0.75 * rated);
    }

    @Test
    void aLoadThatDrawsWhatIsPublishedNeverReachesTheUnderVoltageWarning() {
        // a cooperative load asking for 3 C from a nearly empty pack: it gets the published limit
        PackLoad greedy = (t, p, connected) -> -3.0 * cfg.pack().capacityAh();
        Run r = run(0.06, 25, greedy, 120);
        double discharge = r.wiring().controller().currentLimits().dischargeAmps();
        assertThat(discharge).isLessThan(cfg.limits().dischargeOverCurrent().rsl());
        assertThat(r.raised())
                .noneMatch(id -> id.startsWith("CELL_UNDER_VOLTAGE.RSL") || id.startsWith("CELL_UNDER_VOLTAGE.MSL"));
        assertThat(r.wiring().controller().measurement().minCellVolts)
                .isGreaterThan(cfg.limits().cellUnderVoltage().rsl());
        // still connected: the limits, not a trip, kept it clear; at the SOC_LOW RSL the published discharge
        // limit is 0 A, so the load stops before the (reachable) SOC_LOW MSL at 0.00
        assertThat(r.wiring().controller().supervisor().state()).isEqualTo(SupervisorState.NORMAL);
        assertThat(r.raised()).doesNotContain("SOC_LOW.MSL");
        double lowestSoc = java.util.stream.IntStream.range(0, cfg.pack().seriesCells())
                .mapToDouble(i -> r.wiring().controller().soc().cellSoc(i))
                .min()
                .orElseThrow();
        if (lowestSoc > 0.01) {
            assertThat(r.wiring().controller().measurement().packAmps).isLessThan(-0.1);
        } else {
            assertThat(discharge).isZero();
        }
    }

    /**
     * A characterised cell (an equivalent-circuit preset, simulated as such) whose resistances
     * quadruple towards empty, as the Panasonic cell's do: the controller's filter and state of
     * function use the preset's table, so the published discharge limit near empty is lower than
     * for the same cell without one, and a load that takes it still stays clear of the
     * under-voltage warning.
     */
    @Test
    void aCellWhoseResistanceRisesTowardsEmptyGetsALowerLimitAndStaysClearOfUnderVoltage(@TempDir Path dir)
            throws IOException {
        String table = """
                  resistanceVsSoc:
                    soc: [0.0, 0.1, 0.3, 1.0]
                    factor: [4.0, 2.0, 1.0, 1.0]
                    slowFactor: [3.0, 1.6, 1.0, 1.0]
                """;
        BmsConfig flat = configWithPreset(dir.resolve("flat.yaml"), "");
        BmsConfig rising = configWithPreset(dir.resolve("rising.yaml"), table);
        PackLoad greedy = (t, p, connected) -> -3.0 * rising.pack().capacityAh();
        Run withTable = run(rising, 0.03, 25, greedy, 60);
        Run withoutTable = run(flat, 0.03, 25, PackLoad.IDLE, 5);
        Run withTableIdle = run(rising, 0.03, 25, PackLoad.IDLE, 5);
        System.out.println("discharge limit at 3 % SOC: "
                + withoutTable.wiring().controller().currentLimits().dischargeAmps() + " A without the table, "
                + withTableIdle.wiring().controller().currentLimits().dischargeAmps() + " A with it");
        assertThat(withTableIdle.wiring().controller().currentLimits().dischargeAmps())
                .isLessThan(
                        0.8 * withoutTable.wiring().controller().currentLimits().dischargeAmps());
        assertThat(withTable.raised())
                .noneMatch(id -> id.startsWith("CELL_UNDER_VOLTAGE.RSL") || id.startsWith("CELL_UNDER_VOLTAGE.MSL"));
        assertThat(withTable.wiring().controller().measurement().minCellVolts)
                .isGreaterThan(rising.limits().cellUnderVoltage().rsl());
        assertThat(withTable.wiring().controller().supervisor().state()).isEqualTo(SupervisorState.NORMAL);
        double lowestSoc = java.util.stream.IntStream.range(0, rising.pack().seriesCells())
                .mapToDouble(i -> withTable.wiring().controller().soc().cellSoc(i))
                .min()
                .orElseThrow();
        var socLow = rising.supplementary().socLow();
        if (lowestSoc > socLow.rsl() + socLow.hysteresis()) {
            assertThat(withTable.wiring().controller().measurement().packAmps).isLessThan(-0.1);
        } else if (withTable.wiring().controller().currentLimits().dischargeAmps() > 0) {
            // not yet at the floor: the load still draws
            assertThat(lowestSoc).isGreaterThan(socLow.rsl());
            assertThat(withTable.wiring().controller().measurement().packAmps).isLessThan(-0.1);
        } else { // at the SOC_LOW RSL the published discharge limit is 0 A, held until the SOC is back by the
            // floor's hysteresis (a hair above the RSL at rest is not enough): the load stops before the MSL
            assertThat(withTable.wiring().controller().measurement().packAmps).isGreaterThan(-0.1);
        }
    }

    /** psoa-ncm811's cell as a generic (non-QSE) preset, so the simulator runs its equivalent circuit. */
    private static BmsConfig configWithPreset(Path file, String table) throws IOException {
        String base;
        try (InputStream in =
                StateOfFunctionInLoopTest.class.getClassLoader().getResourceAsStream("presets/psoa-ncm811.yaml")) {
            base = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        // a generic cell of about ten times the QSE pouch's resistance
        String preset = base.replace("electrolyte: PSOA", "electrolyte: generic-liquid")
                .replace("r0Ohms: 0.002464", "r0Ohms: 0.020")
                .replace("r1Ohms: 0.009633", "r1Ohms: 0.030")
                .replace("r2Ohms: 0.02952", "r2Ohms: 0.040")
                .replace("bulkOhms: 0.002464", "bulkOhms: 0.020")
                .replace("  npRatio: 6.85\n", "  npRatio: 6.85\n" + table);
        Files.writeString(file, preset);
        return new ConfigLoader().parse("""
                pack:
                  id: table-test
                  chemistry: %s
                  seriesCells: 4
                """.formatted(file.toAbsolutePath()), "test");
    }

    @Test
    void fewerThermistorsThanCellsGiveEachCellTheNearestOne() {
        PackMeasurement m = new PackMeasurement(4, 2);
        m.cellCelsius[0] = 10;
        m.cellCelsius[1] = 30;
        m.computeExtremes();
        assertThat(m.celsiusAtCell).containsExactly(10.0, 10.0, 30.0, 30.0);
    }
}
