package org.qsebms.bms.hil;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.qsebms.bms.control.PackLinks;
import org.qsebms.bms.runtime.ControllerAssembly;
import org.qsebms.bms.runtime.SimulatedPackSetup;
import org.qsebms.bms.sim.Bq76952Simulation;
import org.qsebms.bms.sim.PackLoad;
import org.qsebms.bms.sim.SimulatedPack;
import org.qsebms.bms.snapshot.ControllerEvent;
import org.qsebms.config.BmsConfig;
import org.qsebms.config.ConfigLoader;

/**
 * One run of a quiet BQ76952 pack under a steady current, through its driver and register-level emulator:
 * config/examples/pi-16s-bq76952.yaml with its chemistry and capacity replaced, a healthy pack at 50 % SOC and 25 °C,
 * the contactors asked to close at 120 s and {@code amps} drawn while closed, the thermistors without noise, the
 * current with its 20 mA and the cells with {@code cellMillivolts} of noise (0: whole mV codes only).
 *
 * @param chemistry the preset replacing psoa-ncm811
 * @param ah the pack's capacity replacing 2.0 Ah
 * @param initialSoc the healthy pack's SOC at the start
 * @param load the charger or load while the contactors are closed (a steady current, or one that holds a cell: {@link
 *     HeldCellLoad})
 * @param cellMillivolts the emulator's cell noise (mV)
 * @param freezeCellAtSeconds when cell input 2's voltage register freezes (NaN: never)
 */
record QuietBq76952Run(
        String chemistry,
        double ah,
        double initialSoc,
        PackLoad load,
        double cellMillivolts,
        double freezeCellAtSeconds) {
    /** A steady {@code amps} (A, discharge negative) while the contactors are closed, from 50 % SOC. */
    QuietBq76952Run(String chemistry, double ah, double amps, double cellMillivolts, double freezeCellAtSeconds) {
        this(chemistry, ah, 0.5, new SteadyLoad(amps), cellMillivolts, freezeCellAtSeconds);
    }

    /** A steady current while the contactors are closed (A, discharge negative). */
    record SteadyLoad(double amps) implements PackLoad {
        @Override
        public double demandAmps(double seconds, SimulatedPack pack, boolean connected) {
            return connected ? amps : 0.0;
        }

        @Override
        public String toString() {
            return String.format("%.2f A from 120 s", amps);
        }
    }

    private static final long MS = 1_000_000L;
    private static final long CLOSE_AT = 120_000 * MS;
    private static final int FROZEN_INPUT = 2;

    /** The first time (s) of each fault and level raised, with its first reason, in a run of {@code seconds}. */
    Map<String, String> firstRaised(double seconds) throws Exception {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.exists(p.resolve("config/examples/pi-16s-bq76952.yaml"))) {
            p = p.getParent();
        }
        assertThat(p).as("repository root with config/examples").isNotNull();
        String text = Files.readString(p.resolve("config/examples/pi-16s-bq76952.yaml"));
        assertThat(text).contains("chemistry: psoa-ncm811").contains("capacityAh: 2.0");
        text = text.replace("chemistry: psoa-ncm811", "chemistry: " + chemistry)
                .replace("capacityAh: 2.0", "capacityAh: " + ah);
        BmsConfig cfg = new ConfigLoader().parse(text, "pi-16s-bq76952.yaml");
        var pack = SimulatedPackSetup.createPack(cfg, initialSoc, 25.0, load, 11);
        var sim = new Bq76952Simulation(pack, cfg.hal().bq76952().orElseThrow(), 15_000 * MS);
        sim.board().chip().noise(cellMillivolts, 0.020, 0.0, 19);
        var w = ControllerAssembly.build(cfg, sim.hardware(), PackLinks.followingLimits(sim), () -> 0L);
        long freezeAt = Double.isNaN(freezeCellAtSeconds) ? -1 : Math.round(freezeCellAtSeconds * 1e9);
        Map<String, String> first = new LinkedHashMap<>();
        long period = cfg.loop().period().toNanos();
        for (long now = period; now <= Math.round(seconds * 1e9); now += period) {
            if (now == CLOSE_AT) {
                w.requests().requestClose();
            }
            if (now == freezeAt) {
                sim.board().chip().freezeCellRegister(FROZEN_INPUT);
            }
            w.controller().tick(now);
            ControllerEvent e;
            while ((e = w.events().poll()) != null) {
                if (e instanceof ControllerEvent.FaultEdge fe && fe.fault().raised()) {
                    first.putIfAbsent(
                            fe.fault().code().name() + "." + fe.fault().level(),
                            now / 1e9 + " s: " + fe.fault().reason());
                }
            }
        }
        System.out.printf(
                "QUIET bq76952 %s %.1f Ah from %.0f %% SOC, %s, cells %.0f mV noise, cell input 2 frozen at %.0f s,"
                        + " %.0f s: %s%n",
                chemistry, ah, 100 * initialSoc, load, cellMillivolts, freezeCellAtSeconds, seconds, first);
        return first;
    }
}
