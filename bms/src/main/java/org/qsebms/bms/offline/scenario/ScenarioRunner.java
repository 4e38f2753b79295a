package org.qsebms.bms.offline.scenario;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.qsebms.bms.control.PackController;
import org.qsebms.bms.control.PackLinks;
import org.qsebms.bms.loop.ControlLoop;
import org.qsebms.bms.protection.FaultEvent;
import org.qsebms.bms.record.ClosedCycle;
import org.qsebms.bms.record.CycleRecord;
import org.qsebms.bms.record.CycleRules;
import org.qsebms.bms.record.ScheduledDiagnostic;
import org.qsebms.bms.runtime.ControllerAssembly;
import org.qsebms.bms.runtime.SimulatedPackSetup;
import org.qsebms.bms.sim.SimulatedHardware;
import org.qsebms.bms.sim.SimulatedPack;
import org.qsebms.bms.snapshot.ControllerEvent;
import org.qsebms.bms.snapshot.SoftShortAvailability;
import org.qsebms.config.BmsConfig;
import org.qsebms.estimators.health.CellHealthTracker;
import org.qsebms.estimators.health.UsableCapacity;
import org.qsebms.estimators.health.UsableCapacityMeter;
import org.qsebms.hal.ContactorId;
import org.qsebms.hal.PackHardware;
import org.qsebms.hal.SensorStatus;

/**
 * Runs the whole controller (the same {@link ControllerAssembly} as {@code bms run}) on the
 * simulated pack, faster than real time: a simulated clock advances one loop period per tick and
 * {@link ControlLoop#tickOnce} runs each tick with the loop's last-resort handler. Timed actions
 * are applied before the first tick at or after their time. Every event is written as one JSON
 * line (format in docs/scenarios.md).
 */
public final class ScenarioRunner {
    private final ObjectMapper json = new ObjectMapper();
    /** The charge the simulated pack truly delivered (its own current, not the sensor's), Ah, charge positive. */
    private double trueNetAh;
    /** ...at the usable-capacity meter's last full mark, and at the last tick the pack was discharging. */
    private double trueAtFullAh = Double.NaN;

    private double trueAtLastDischargeAh = Double.NaN;
    private SimulatedPack runPack;
    /** Processor time each tick takes per active loopOverrun injection (none: ticks are instantaneous). */
    private final List<Long> tickCosts = new ArrayList<>();
    /** Active tickException injections: while any is, every tick throws inside the controller. */
    private int tickThrows;
    /** The injections active on each target, so overlapping ones combine (fresh for each run). */
    private ActiveInjections active = new ActiveInjections();
    /** The loop period of the present run (s). */
    private double periodS;
    /**
     * The time of the tick whose timeline actions are being applied: their lines carry it, with the time asked for
     * as {@code at} when it differs (check23r: a reset line said 5.8 s and its answer 5.85 s).
     */
    private double appliedAtS;

    private final long[] loopClock = new long[1];

    /**
     * What the run ended with.
     *
     * @param currentOffsetPeakRatio the largest disagreement over its margin the cells' check of a small steady
     *                               reading's counted charge found ({@code Protection#currentOffsetPeakRatio})
     */
    public record Result(
            long ticks,
            double simulatedS,
            long wallMillis,
            String finalState,
            boolean tripped,
            double currentOffsetPeakRatio) {}

    private record Timed(double atS, int order, String label, Runnable action) {}

    /**
     * A usable-capacity line: the measurement (or why a discharge was not measured) beside the charge
     * the simulated pack truly delivered from the same full mark to its last discharging tick, and
     * its weakest cell's capacity.
     */
    private ObjectNode usableLine(double t, ControllerEvent.UsableCapacityChange u) {
        ObjectNode n = line(t, "usableCapacity").put("note", u.measured() == null ? u.voidedReason() : "");
        UsableCapacity m = u.measured();
        if (m != null) {
            n.put("capacityAh", round(m.ampHours(), 4))
                    .put("dischargeC", round(m.meanDischargeC(), 3))
                    .put("celsius", round(m.meanCelsius(), 2))
                    .put("simDeliveredAh", round(trueAtFullAh - trueAtLastDischargeAh, 4));
        }
        double weakest = Double.POSITIVE_INFINITY;
        for (int i = 0; i < runPack.cellCount(); i++) {
            weakest = Math.min(weakest, runPack.cellCapacityAh(i));
        }
        return n.put("simWeakestCellCapacityAh", round(weakest, 4));
    }

    /** A health line: the tracker's estimates per cell beside the simulated truth (capacity). */
    private ObjectNode healthLine(double t, CellHealthTracker h, SimulatedPack pack) {
        ObjectNode n = line(t, "health")
                .put("equivalentFullCycles", round(h.equivalentFullCycles(), 3))
                .put("seiState", h.seiState());
        ArrayNode cap = n.putArray("capacityAh");
        ArrayNode sigma = n.putArray("capacitySigmaAh");
        ArrayNode truth = n.putArray("simCapacityAh");
        ArrayNode r0 = n.putArray("r0At25Ohm");
        ArrayNode sei = n.putArray("seiOhm");
        ArrayNode ce = n.putArray("coulombicEfficiency");
        for (int i = 0; i < h.cellCount(); i++) {
            cap.add(round(h.capacityAh(i), 4));
            sigma.add(round(h.capacitySigmaAh(i), 4));
            truth.add(round(pack.cellCapacityAh(i), 4));
            r0.add(round(h.r0At25Ohms(i), 6));
            sei.add(round(h.seiOhms(i), 6));
            double c = h.coulombicEfficiency(i);
            if (Double.isFinite(c)) {
                ce.add(round(c, 5));
            } else {
                ce.addNull();
            }
        }
        double li = h.lithiumInventoryFraction();
        if (Double.isFinite(li)) {
            n.put("lithiumInventoryFraction", round(li, 4));
        } else {
            n.putNull("lithiumInventoryFraction");
        }
        return n;
    }

    /** Sees the simulated pack's truth and the controller after every tick (tests: the random-scenario oracle). */
    @FunctionalInterface
    public interface TickObserver {
        void afterTick(double seconds, SimulatedPack pack, PackController controller);
    }

    public Result run(Scenario sc, Consumer<String> out) {
        return run(sc, out, (t, p, c) -> {});
    }

    /** As {@link #run(Scenario, Consumer)}, calling {@code observer} after every tick. */
    public Result run(Scenario sc, Consumer<String> out, TickObserver observer) {
        try {
            return run(sc, out, null, observer);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // no record: no file is opened
        }
    }

    /**
     * As {@link #run(Scenario, Consumer)}, writing the per-cycle record to {@code recordDir} (null:
     * none) and a {@code cycle} line per closed cycle with the simulated truth beside it.
     */
    public Result run(Scenario sc, Consumer<String> out, Path recordDir) throws IOException {
        return run(sc, out, recordDir, (t, p, c) -> {});
    }

    /** The whole run: the per-cycle record in {@code recordDir} (null: none), {@code observer} after every tick. */
    public Result run(Scenario sc, Consumer<String> out, Path recordDir, TickObserver observer) throws IOException {
        BmsConfig cfg = sc.config();
        SimulatedHardware sim = SimulatedPackSetup.create(
                cfg, sc.initialSoc(), sc.ambient().getFirst().celsius(), sc.load(), sc.seed());
        SimulatedPack pack = sim.pack();
        long[] clock = {0};
        List<ObjectNode> commandLines = new ArrayList<>();
        PackHardware hw = logging(sim.hardware(), commandLines, clock);
        // the plant runs inside the tick: there a tickException injection throws and a loopOverrun one spends time
        org.qsebms.bms.control.Plant plant = t -> {
            if (tickThrows > 0) {
                throw new IllegalStateException("injected: the driver returned garbage");
            }
            pack.advanceTo(t);
            long cost = 0;
            for (long c : tickCosts) {
                cost = Math.max(cost, c);
            }
            loopClock[0] += cost;
        };
        CycleTruth truth = recordDir == null ? null : new CycleTruth(pack);
        CycleRecord record = null;
        if (recordDir != null) {
            record = CycleRecord.open(
                    recordDir,
                    pack.cellCount(),
                    CycleRules.forCapacity(
                            cfg.pack().capacityAh(),
                            cfg.health().usableCapacity().cutoffVolts()),
                    c -> {
                        emit(cycleLine(clock[0] / 1e9, c, truth), out);
                        return true;
                    },
                    rows -> {});
        }
        // a load with obeysLimits: true follows the published limits; the load draws the diagnostic's pulses
        ControllerAssembly.Wiring w = ControllerAssembly.build(
                cfg,
                hw,
                new PackLinks(plant, pack, Optional.of(pack)),
                ControllerAssembly.Channels.forPack(cfg, hw),
                Optional.ofNullable(record),
                () -> clock[0] / 1_000_000L);
        PackController controller = w.controller();
        long period = cfg.loop().period().toNanos();
        ControlLoop loop = new ControlLoop(controller, period, cfg.loop().overrunsToFault(), () -> loopClock[0]);
        tickCosts.clear();
        tickThrows = 0;
        active = new ActiveInjections();
        periodS = period / 1e9;

        long diagnosticRevision = 0;
        List<Timed> timeline = new ArrayList<>();
        for (Scenario.AmbientStep a : sc.ambient().subList(1, sc.ambient().size())) {
            timeline.add(new Timed(a.atS(), 0, null, () -> {
                pack.setAmbientCelsius(a.celsius());
                emit(applied(a.atS(), "ambient").put("celsius", a.celsius()), out);
            }));
        }
        int order = 1;
        for (ScenarioAction a : sc.actions()) {
            addAction(a, order++, timeline, sim, pack, w, out);
        }
        timeline.sort(Comparator.comparingDouble(Timed::atS).thenComparingInt(Timed::order));

        ObjectNode start = line(0, "start")
                .put("scenario", sc.name())
                .put("chemistry", cfg.chemistry().name())
                .put("cells", cfg.pack().seriesCells())
                .put("capacityAh", cfg.pack().capacityAh())
                .put("initialSoc", sc.initialSoc())
                .put("tickS", period / 1e9)
                .put("durationS", sc.durationS());
        SoftShortAvailability softShort =
                SoftShortAvailability.forSeriesCells(cfg.pack().seriesCells());
        start.put("softShortDetection", softShort.state());
        if (!softShort.on()) {
            start.put("softShortDetectionNote", softShort.reason());
        }
        emit(start, out);
        if (sc.closeAtStart()) {
            w.requests().requestClose();
        }
        boolean[] softShortFlagged = new boolean[cfg.pack().seriesCells()];
        boolean[] commanded = new boolean[ContactorId.values().length];
        boolean[] feedback = new boolean[ContactorId.values().length];
        double lastCharge = Double.NaN;
        double lastDischarge = Double.NaN;
        double lastLimitsAt = -1e9;
        long healthRevision = 0;
        trueNetAh = 0;
        trueAtFullAh = Double.NaN;
        trueAtLastDischargeAh = Double.NaN;
        runPack = pack;
        int next = 0;
        // the last tick is the first at or after the duration, so every action up to it is applied and the run covers
        // its whole duration (check23r: at 270 ms an 8 s run ended at 7.83 s and dropped an injection at 7.9 s); the
        // margin keeps a duration that is a whole number of periods from gaining a tick by rounding (0.3 s / 0.1 s)
        long ticks = (long) Math.ceil(sc.durationS() * 1e9 / period - 1e-6);
        long wallStart = System.nanoTime();
        for (long k = 0; k <= ticks; k++) {
            clock[0] = k * period;
            double t = clock[0] / 1e9;
            appliedAtS = t;
            while (next < timeline.size() && timeline.get(next).atS() <= t + 1e-9) {
                timeline.get(next++).action().run();
            }
            loopClock[0] = clock[0];
            loop.runDue(
                    clock[0]); // the simulated grid goes on regardless; an overrun is seen by the loop as it would be
            if (truth != null) {
                truth.afterTick(record.counter().troughRevision());
            }
            ScheduledDiagnostic diagnostic = controller.diagnostic().orElse(null);
            if (diagnostic != null && diagnostic.revision() != diagnosticRevision) {
                diagnosticRevision = diagnostic.revision();
                emit(
                        line(t, "diagnostic")
                                .put("status", diagnostic.status().name().toLowerCase(java.util.Locale.ROOT))
                                .put("message", diagnostic.status().message()),
                        out);
            }
            trueNetAh += pack.packAmps() * period / 1e9 / 3600.0;
            if (pack.packAmps() < 0) {
                trueAtLastDischargeAh = trueNetAh;
            }
            UsableCapacityMeter usable = controller.usableCapacityMeter();
            if (usable.counting() && usable.countedAh() == 0.0) {
                trueAtFullAh = trueNetAh;
            }
            ControllerEvent e;
            while ((e = w.events().poll()) != null) {
                if (!(e instanceof ControllerEvent.CloseOutcome)) { // a command's reply: the close line is CloseRefused
                    emit(event(e), out);
                }
            }
            logSoftShortFlags(t, controller, softShortFlagged, out);
            observer.afterTick(t, pack, controller);
            for (ObjectNode n : commandLines) { // contactor commands in the order they were given
                emit(n, out);
                ContactorId id = ContactorId.valueOf(n.get("contactor").asText());
                commanded[id.ordinal()] = n.get("commanded").asText().equals("closed");
                feedback[id.ordinal()] = n.get("feedback").asText().equals("closed");
            }
            commandLines.clear();
            for (ContactorId id : ContactorId.values()) { // feedback changes without a command
                int i = id.ordinal();
                boolean c = hw.contactor(id).commandedClosed();
                boolean f = hw.contactor(id).feedbackClosed();
                if (c != commanded[i] || f != feedback[i]) {
                    commanded[i] = c;
                    feedback[i] = f;
                    emit(
                            line(t, "contactor")
                                    .put("contactor", id.name())
                                    .put("commanded", c ? "closed" : "open")
                                    .put("feedback", f ? "closed" : "open"),
                            out);
                }
            }
            CellHealthTracker health = controller.healthTracker();
            if (health.revision() != healthRevision) {
                healthRevision = health.revision();
                emit(healthLine(t, health, pack), out);
            }
            double ch = controller.currentLimits().chargeAmps();
            double dis = controller.currentLimits().dischargeAmps();
            if (changed(ch, lastCharge) || changed(dis, lastDischarge) || t - lastLimitsAt >= sc.limitsEveryS()) {
                lastCharge = ch;
                lastDischarge = dis;
                lastLimitsAt = t;
                emit(
                        line(t, "limits")
                                .put("chargeAmps", round(ch, 3))
                                .put("dischargeAmps", round(dis, 3))
                                .put("packAmps", round(controller.measurement().packAmps, 3))
                                .put("minCellVolts", round(controller.measurement().minCellVolts, 4))
                                .put("maxCellVolts", round(controller.measurement().maxCellVolts, 4))
                                .put("maxCelsius", round(controller.measurement().maxCelsius, 2))
                                .put("soc", round(controller.soc().packSoc(), 4)),
                        out);
            }
        }
        if (record != null) {
            truth.afterTick(record.counter().troughRevision() + 1); // the run's end is the end of the cycle in progress
            record.close();
        }
        long wallMs = (System.nanoTime() - wallStart) / 1_000_000L;
        double simS = ticks * period / 1e9;
        Result r = new Result(
                ticks + 1,
                simS,
                wallMs,
                controller.supervisor().state().name(),
                controller.protection().tripped(),
                controller.protection().currentOffsetPeakRatio());
        emit(
                line(simS, "end")
                        .put("state", r.finalState())
                        .put("tripped", r.tripped())
                        .put("ticks", r.ticks())
                        .put("wallMillis", wallMs)
                        .put("speedup", wallMs > 0 ? round(simS * 1000 / wallMs, 1) : 0.0)
                        .put("loopExceptions", loop.exceptions())
                        .put("ahThroughput", round(controller.ahThroughput(), 4)),
                out);
        return r;
    }

    /**
     * A cycle line: the record's figures per cell beside the simulated truth over the same span (the
     * charge each cell truly took and gave, its capacity and lithium reserve at the cycle's end).
     */
    private ObjectNode cycleLine(double t, ClosedCycle c, CycleTruth truth) {
        ObjectNode n = line(t, c.end == org.qsebms.bms.record.CycleEnd.CHECKPOINT ? "checkpoint" : "cycle")
                .put("cycle", c.cycle)
                .put("end", c.end.word())
                .put("startS", round(c.startMillis / 1000.0, 3))
                .put("endS", round(c.endMillis / 1000.0, 3));
        ArrayNode ch = n.putArray("chargeAh");
        ArrayNode dis = n.putArray("dischargeAh");
        ArrayNode simCh = n.putArray("simChargeAh");
        ArrayNode simDis = n.putArray("simDischargeAh");
        ArrayNode simCap = n.putArray("simCapacityAh");
        ArrayNode simLi = n.putArray("simLithiumReserveAh");
        for (int i = 0; i < c.cellCount(); i++) {
            ch.add(round(c.chargeAh[i], 6));
            dis.add(round(c.dischargeAh[i], 6));
            simCh.add(round(truth.chargedAh(i), 6));
            simDis.add(round(truth.dischargedAh(i), 6));
            simCap.add(round(truth.capacityAh(i), 6));
            simLi.add(round(truth.lithiumReserveAh(i), 6));
        }
        if (c.end == org.qsebms.bms.record.CycleEnd.CHECKPOINT) {
            ArrayNode ocv = n.putArray("ocvVolts");
            ArrayNode soc = n.putArray("soc");
            ArrayNode r0 = n.putArray("r0At25Ohm");
            ArrayNode sei = n.putArray("seiAt25Ohm");
            ArrayNode simSoc = n.putArray("simSoc");
            for (int i = 0; i < c.cellCount(); i++) {
                simSoc.add(round(runPack.cellSoc(i), 4));
                ocv.add(round(c.ocvVolts[i], 5));
                soc.add(round(c.socFraction[i], 4));
                r0.add(round(c.r0At25Ohms[i], 7));
                sei.add(round(c.seiAt25Ohms[i], 7));
            }
            return n; // a checkpoint is no cycle: the truth's cycle span goes on
        }
        truth.closed();
        return n;
    }

    /** Wraps the contactors so every coil change is logged in order, with the feedback read right after it. */
    private PackHardware logging(PackHardware base, List<ObjectNode> lines, long[] clock) {
        java.util.Map<ContactorId, org.qsebms.hal.Contactor> wrapped = new java.util.EnumMap<>(ContactorId.class);
        for (ContactorId id : ContactorId.values()) {
            org.qsebms.hal.Contactor c = base.contactor(id);
            wrapped.put(id, new org.qsebms.hal.Contactor() {
                @Override
                public ContactorId id() {
                    return id;
                }

                @Override
                public void command(boolean closed) {
                    boolean change = c.commandedClosed() != closed;
                    c.command(closed);
                    if (change) {
                        lines.add(line(clock[0] / 1e9, "contactor")
                                .put("contactor", id.name())
                                .put("commanded", closed ? "closed" : "open")
                                .put("feedback", c.feedbackClosed() ? "closed" : "open"));
                    }
                }

                @Override
                public boolean commandedClosed() {
                    return c.commandedClosed();
                }

                @Override
                public boolean feedbackClosed() {
                    return c.feedbackClosed();
                }
            });
        }
        return new PackHardware(
                base.cellVoltages(),
                base.packVoltage(),
                base.current(),
                base.temperatures(),
                wrapped,
                base.balancing(),
                base.watchdog(),
                null);
    }

    /**
     * Whether a tick falls while an injection from {@code atS} for {@code forS} is active: the actions due at or
     * before a tick's time run before it, so the begin is first seen by the tick at or after {@code atS} and the end
     * by the tick at or after {@code atS + forS}.
     */
    private boolean sampled(double atS, double forS) {
        return Math.ceil(atS / periodS - 1e-9) < Math.ceil((atS + forS) / periodS - 1e-9);
    }

    /** An injection of a state on {@code key} that sets it when it is the first active one. */
    private Runnable firstBegins(String key, Runnable set) {
        return () -> {
            if (active.begin(key)) {
                set.run();
            }
        };
    }

    /** The end of an injection of a state on {@code key} that clears it when it was the last active one. */
    private Runnable lastEnds(String key, Runnable clear) {
        return () -> {
            if (active.end(key)) {
                clear.run();
            }
        };
    }

    /** A cell's soft-short resistance from the conductance of its active shorts (none: an open circuit). */
    private static double ohms(double siemens) {
        return siemens > 0 ? 1.0 / siemens : Double.POSITIVE_INFINITY;
    }

    private static boolean changed(double now, double last) {
        return Double.isNaN(last) || Math.abs(now - last) > Math.max(0.1, 0.05 * Math.abs(last));
    }

    private void addAction(
            ScenarioAction a,
            int order,
            List<Timed> timeline,
            SimulatedHardware sim,
            SimulatedPack pack,
            ControllerAssembly.Wiring w,
            Consumer<String> out) {
        Runnable begin;
        Runnable end = null;
        switch (a) {
            // overlapping injections on one target combine, and one's end never ends another (ActiveInjections)
            case ScenarioAction.CellOverVoltage c -> {
                String key = "cellVolts:" + c.cell();
                begin = () -> pack.driveCellVoltage(c.cell(), active.add(key, c.volts()));
                end = () -> pack.driveCellVoltage(c.cell(), active.remove(key, c.volts()));
            }
            case ScenarioAction.SoftShort c -> {
                // shorts across one cell are resistors in parallel: their conductances add
                String key = "softShortSiemens:" + c.cell();
                begin = () -> pack.setSoftShort(c.cell(), 1.0 / active.add(key, 1.0 / c.ohms()));
                end = () -> pack.setSoftShort(c.cell(), ohms(active.remove(key, 1.0 / c.ohms())));
            }
            case ScenarioAction.CellSensor c -> { // a freeze and a status fault are separate states
                String key = "cellSensor:" + c.cell() + ":" + c.status();
                begin = firstBegins(key, () -> sim.injectCellSensorFault(c.cell(), c.status()));
                end = lastEnds(key, () -> sim.endCellSensorFault(c.cell(), c.status()));
            }
            case ScenarioAction.TemperatureSensor c -> {
                String key = "temperatureSensor:" + c.channel() + ":" + c.status();
                begin = firstBegins(key, () -> sim.injectTemperatureSensorFault(c.channel(), c.status()));
                end = lastEnds(key, () -> sim.endTemperatureSensorFault(c.channel(), c.status()));
            }
            case ScenarioAction.CurrentSensor c -> {
                String key = "currentSensor:" + c.status();
                begin = firstBegins(key, () -> sim.injectCurrentSensorFault(c.status()));
                end = lastEnds(key, () -> sim.endCurrentSensorFault(c.status()));
            }
            case ScenarioAction.CurrentOffset c -> {
                begin = () -> sim.injectCurrentOffset(active.add("currentOffset", c.amps()));
                end = () -> sim.injectCurrentOffset(active.remove("currentOffset", c.amps()));
            }
            case ScenarioAction.PackVoltageSensor c -> {
                if (Double.isNaN(
                        c.volts())) { // a bus error and an offset are separate faults: one never ends the other
                    begin = firstBegins("packVoltsStatus", () -> sim.injectPackVoltageStatus(SensorStatus.BUS_ERROR));
                    end = lastEnds("packVoltsStatus", () -> sim.injectPackVoltageStatus(SensorStatus.OK));
                } else {
                    begin = () -> sim.injectPackVoltageOffset(active.add("packVoltsOffset", c.volts()));
                    end = () -> sim.injectPackVoltageOffset(active.remove("packVoltsOffset", c.volts()));
                }
            }
            case ScenarioAction.ContactorWeld c -> {
                String key = "weld:" + c.contactor();
                begin = firstBegins(key, () -> pack.setWelded(c.contactor(), true));
                end = lastEnds(key, () -> pack.setWelded(c.contactor(), false));
            }
            case ScenarioAction.ContactorFailsToClose c -> {
                String key = "failsToClose:" + c.contactor();
                begin = firstBegins(key, () -> pack.setFailsToClose(c.contactor(), true));
                end = lastEnds(key, () -> pack.setFailsToClose(c.contactor(), false));
            }
            case ScenarioAction.PrechargeFailure c -> {
                begin = firstBegins("prechargeOpen", () -> pack.setPrechargeOpenCircuit(true));
                end = lastEnds("prechargeOpen", () -> pack.setPrechargeOpenCircuit(false));
            }
            case ScenarioAction.ForceCurrent c -> {
                double[] token = {c.amps()}; // the newest active force is the one in effect
                begin = () -> pack.forceAmps(active.push("forceAmps", token));
                end = () -> pack.forceAmps(active.pop("forceAmps", token));
            }
            case ScenarioAction.CellTemperature c -> begin = () -> pack.setCellCelsius(c.cell(), c.celsius());
            case ScenarioAction.LoopOverrun c -> {
                Long cost = (long) (c.tickS() * 1e9);
                begin = () -> tickCosts.add(cost);
                end = () -> tickCosts.remove(cost);
            }
            case ScenarioAction.TickException c -> {
                begin = () -> tickThrows++;
                end = () -> tickThrows--;
            }
            case ScenarioAction.BrokerOutage c -> {
                // `bms simulate` runs without a broker; the outage is logged to show the control is unaffected.
                begin = () -> emit(applied(c.atS(), "broker").put("connected", false), out);
                end = () -> emit(applied(c.atS() + c.forS(), "broker").put("connected", true), out);
            }
            case ScenarioAction.Command c ->
                begin = switch (c.type()) {
                    case "open" -> () -> w.requests().requestOpen();
                    case "close" -> () -> w.requests().requestClose();
                    case "reset" -> () -> w.requests().requestReset();
                    case "serviceReset" ->
                        () -> {
                            if (!w.requests()
                                    .requestServiceReset()) { // the queue is full: answered at once, not queued
                                emit(
                                        applied(c.atS(), "reset")
                                                .put("command", "serviceReset")
                                                .put("accepted", false)
                                                .put("reason", w.requests().serviceResetQueueFull()),
                                        out);
                            }
                        };
                    default -> throw new IllegalArgumentException("unknown command " + c.type());
                };
        }
        boolean command = a instanceof ScenarioAction.Command;
        Runnable logged = () -> {
            ObjectNode n =
                    applied(a.atS(), command ? "command" : "inject").put(command ? "command" : "fault", a.type());
            describe(a, n);
            emit(n, out);
            begin.run();
        };
        timeline.add(new Timed(a.atS(), order, a.type(), logged));
        if (end != null && Double.isFinite(a.forS())) {
            Runnable finish = end;
            Runnable loggedEnd = () -> {
                ObjectNode n = applied(a.atS() + a.forS(), "inject")
                        .put("fault", a.type())
                        .put("phase", "end");
                describe(a, n);
                if (!sampled(a.atS(), a.forS())) {
                    n.put(
                            "note",
                            "began and ended between two ticks (loop period " + Math.round(periodS * 1000)
                                    + " ms): no sample saw it; make it last a period or more");
                }
                emit(n, out);
                finish.run();
            };
            timeline.add(new Timed(a.atS() + a.forS(), order, a.type(), loggedEnd));
        }
    }

    /**
     * A {@code softShortCell} line each time the detector flags a cell or stops flagging it, with the leak it holds
     * (check23s: with two shorted cells only the first appeared in the log, the alarm naming the highest score only).
     */
    private void logSoftShortFlags(double t, PackController controller, boolean[] flagged, Consumer<String> out) {
        var detector = controller.softShortDetector();
        for (int i = 0; i < flagged.length; i++) {
            boolean now = detector.isFlagged(i);
            if (now != flagged[i]) {
                flagged[i] = now;
                ObjectNode n = line(t, "softShortCell").put("cell", i + 1).put("flagged", now);
                if (now) {
                    n.put("leakMa", round(1000 * detector.leakAmps(i), 1));
                }
                emit(n, out);
            }
        }
    }

    /** A line of an action applied at this tick, asked for at {@code atS} (given as "at" when not the tick's time). */
    private ObjectNode applied(double atS, String type) {
        ObjectNode n = line(appliedAtS, type);
        if (Math.abs(atS - appliedAtS) > 1e-9) {
            n.put("at", atS);
        }
        return n;
    }

    private static void describe(ScenarioAction a, ObjectNode n) {
        switch (a) {
            case ScenarioAction.CellOverVoltage c -> n.put("cell", c.cell() + 1).put("volts", c.volts());
            case ScenarioAction.SoftShort c -> n.put("cell", c.cell() + 1).put("ohms", c.ohms());
            case ScenarioAction.CellSensor c -> n.put("cell", c.cell() + 1);
            case ScenarioAction.TemperatureSensor c -> n.put("channel", c.channel() + 1);
            case ScenarioAction.PackVoltageSensor c -> {
                if (!Double.isNaN(c.volts())) {
                    n.put("volts", c.volts());
                }
            }
            case ScenarioAction.ContactorWeld c ->
                n.put("contactor", c.contactor().name());
            case ScenarioAction.ContactorFailsToClose c ->
                n.put("contactor", c.contactor().name());
            case ScenarioAction.ForceCurrent c -> n.put("amps", c.amps());
            case ScenarioAction.CurrentOffset c -> n.put("amps", c.amps());
            case ScenarioAction.CellTemperature c -> n.put("cell", c.cell() + 1).put("celsius", c.celsius());
            case ScenarioAction.LoopOverrun c -> n.put("tickS", c.tickS());
            default -> {}
        }
        if (Double.isFinite(a.forS()) && a.forS() > 0 && !n.has("phase")) {
            n.put("forS", a.forS());
        }
    }

    private ObjectNode event(ControllerEvent e) {
        double t = e.nanos() / 1e9;
        return switch (e) {
            case ControllerEvent.FaultEdge f -> fault(t, f.fault());
            case ControllerEvent.StateChange s ->
                line(t, "state")
                        .put("from", s.from().name())
                        .put("to", s.to().name())
                        .put("reason", s.reason());
            case ControllerEvent.CloseRefused r ->
                line(t, "close").put("accepted", false).put("reason", r.reason());
            case ControllerEvent.SocRestoreRefused r ->
                line(t, "socRestore").put("refused", true).put("reason", r.reason());
            case ControllerEvent.CurrentZeroRating r ->
                line(t, "currentZero").put("beyondRating", r.beyond()).put("reason", r.reason());
            case ControllerEvent.CloseOutcome r ->
                line(t, "closeOutcome").put("accepted", r.accepted()).put("reason", r.reason());
            case ControllerEvent.ResetOutcome r ->
                line(t, "reset")
                        .put("command", r.service() ? "serviceReset" : "reset")
                        .put("accepted", r.accepted())
                        .put("reason", r.reason());
            case ControllerEvent.UsableCapacityChange u -> usableLine(t, u);
        };
    }

    private ObjectNode fault(double t, FaultEvent f) {
        return line(t, "fault")
                .put("event", f.raised() ? "raised" : "cleared")
                .put("id", f.id())
                .put("code", f.code().number())
                .put("severity", f.level().name())
                .put("latched", f.latched())
                .put("reason", f.reason());
    }

    private ObjectNode line(double t, String type) {
        ObjectNode n = json.createObjectNode();
        n.put("t", round(t, 3));
        n.put("type", type);
        return n;
    }

    private static void emit(ObjectNode n, Consumer<String> out) {
        out.accept(n.toString());
    }

    private static double round(double v, int digits) {
        if (!Double.isFinite(v)) {
            return v;
        }
        double f = Math.pow(10, digits);
        return Math.round(v * f) / f;
    }
}
