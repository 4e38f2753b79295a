package org.qsebms.bms.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.qsebms.bms.measure.PackMeasurement;
import org.qsebms.bms.runtime.ControllerAssembly;
import org.qsebms.bms.runtime.SimulatedPackSetup;
import org.qsebms.bms.sim.PackLoad;
import org.qsebms.bms.sim.SimulatedHardware;
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

    private record Run(ControllerAssembly.Wiring wiring, List<String> raised) {
    }

    private Run run(double soc, double ambientCelsius, PackLoad load, double seconds) {
        SimulatedHardware sim = SimulatedPackSetup.create(cfg, soc, ambientCelsius, load, 7);
        ControllerAssembly.Wiring w = ControllerAssembly.build(cfg, sim.hardware(), sim.pack(), () -> 1_764_000_000_000L);
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
        assertThat(warmLimit).isEqualTo(rated);
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
        assertThat(r.raised()).noneMatch(id -> id.startsWith("CELL_UNDER_VOLTAGE.RSL") || id.startsWith("CELL_UNDER_VOLTAGE.MSL"));
        assertThat(r.wiring().controller().measurement().minCellVolts)
                .isGreaterThan(cfg.limits().cellUnderVoltage().rsl());
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
