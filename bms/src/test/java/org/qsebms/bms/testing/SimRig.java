package org.qsebms.bms.testing;

import java.util.ArrayList;
import java.util.List;
import org.qsebms.bms.control.PackController;
import org.qsebms.bms.control.Plant;
import org.qsebms.bms.runtime.ControllerAssembly;
import org.qsebms.bms.runtime.SimulatedPackSetup;
import org.qsebms.bms.sim.PackLoad;
import org.qsebms.bms.sim.SimulatedHardware;
import org.qsebms.bms.sim.SimulatedPack;
import org.qsebms.bms.snapshot.ControllerEvent;
import org.qsebms.bms.supervisor.SupervisorState;
import org.qsebms.config.BmsConfig;
import org.qsebms.config.ConfigLoader;
import org.qsebms.hal.ContactorId;
import org.qsebms.hal.PackHardware;

/**
 * The whole controller on the simulated pack, driven tick by tick from a test-owned clock.
 * {@link #plantHook} runs inside the tick (before sensing), so tests can make a tick slow or throw.
 */
public final class SimRig {
    public static final long TICK = 100_000_000L;

    public final BmsConfig cfg;
    public final SimulatedHardware sim;
    public final SimulatedPack pack;
    public final PackHardware hw;
    public final ControllerAssembly.Wiring wiring;
    public final PackController controller;
    public final List<ControllerEvent> events = new ArrayList<>();
    /** The test's nano clock. */
    public long now;

    public Runnable plantHook = () -> {};
    /** Every contactor command that changed the coil state, in order, as {@code MAIN_NEGATIVE+} (close) or {@code -} (open). */
    public final List<String> commands = new ArrayList<>();
    /** When not NaN, the DC-link voltage the controller reads instead of the simulated one. */
    public double linkVoltsOverride = Double.NaN;
    /** Contactors whose auxiliary feedback never reports closed (broken feedback or coil). */
    public final java.util.EnumSet<ContactorId> feedbackStuckOpen = java.util.EnumSet.noneOf(ContactorId.class);

    /** Link voltage seen at the moment each contactor was commanded closed. */
    public final java.util.Map<ContactorId, Double> linkAtClose = new java.util.EnumMap<>(ContactorId.class);

    public SimRig(PackLoad load) {
        this(new ConfigLoader().defaultSimulated(), 0.5, load);
    }

    public SimRig(BmsConfig cfg, double soc, PackLoad load) {
        this(cfg, soc, load, () -> 0L);
    }

    /** A rig whose controller reads {@code epochMillis} as its wall clock (fault log time stamps). */
    public SimRig(BmsConfig cfg, double soc, PackLoad load, java.util.function.LongSupplier epochMillis) {
        this.cfg = cfg;
        this.sim = SimulatedPackSetup.create(cfg, soc, 25.0, load, 42);
        this.pack = sim.pack();
        this.hw = recording(sim.hardware());
        Plant plant = t -> {
            plantHook.run();
            pack.advanceTo(t);
        };
        this.wiring = ControllerAssembly.build(cfg, hw, plant, epochMillis);
        this.controller = wiring.controller();
    }

    private PackHardware recording(PackHardware base) {
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
                    if (c.commandedClosed() != closed) {
                        commands.add(id + (closed ? "+" : "-"));
                        if (closed) {
                            linkAtClose.put(id, pack.linkVolts());
                        }
                    }
                    c.command(closed);
                }

                @Override
                public boolean commandedClosed() {
                    return c.commandedClosed();
                }

                @Override
                public boolean feedbackClosed() {
                    return !feedbackStuckOpen.contains(id) && c.feedbackClosed();
                }
            });
        }
        org.qsebms.hal.PackVoltageSensor pv = base.packVoltage();
        org.qsebms.hal.PackVoltageSensor link = new org.qsebms.hal.PackVoltageSensor() {
            @Override
            public double readPackVolts() {
                return pv.readPackVolts();
            }

            @Override
            public org.qsebms.hal.SensorStatus lastStatus() {
                return pv.lastStatus();
            }

            @Override
            public double readLinkVolts() {
                return Double.isNaN(linkVoltsOverride) ? pv.readLinkVolts() : linkVoltsOverride;
            }
        };
        return new PackHardware(
                base.cellVoltages(),
                link,
                base.current(),
                base.temperatures(),
                wrapped,
                base.balancing(),
                base.watchdog(),
                null);
    }

    public void tick() {
        now += TICK;
        controller.tick(now);
        drain();
    }

    public void ticks(int n) {
        for (int i = 0; i < n; i++) {
            tick();
        }
    }

    /** Ticks until {@code state} is reached or {@code maxTicks} pass; returns the ticks taken, or -1. */
    public int tickUntil(SupervisorState state, int maxTicks) {
        for (int i = 1; i <= maxTicks; i++) {
            tick();
            if (state() == state) {
                return i;
            }
        }
        return -1;
    }

    public void drain() {
        ControllerEvent e;
        while ((e = wiring.events().poll()) != null) {
            events.add(e);
        }
    }

    public SupervisorState state() {
        return controller.supervisor().state();
    }

    public boolean commanded(ContactorId id) {
        return hw.contactor(id).commandedClosed();
    }

    public boolean anyClosed() {
        for (ContactorId id : ContactorId.values()) {
            if (hw.contactor(id).feedbackClosed()) {
                return true;
            }
        }
        return false;
    }

    /** Closes the contactors (through precharge) and returns once NORMAL is reached. */
    public void connect() {
        wiring.requests().requestClose();
        if (tickUntil(SupervisorState.NORMAL, 100) < 0) {
            throw new AssertionError("did not reach NORMAL; state " + state() + ", events " + events);
        }
    }

    public List<String> raisedFaultIds() {
        List<String> out = new ArrayList<>();
        for (ControllerEvent e : events) {
            if (e instanceof ControllerEvent.FaultEdge f && f.fault().raised()) {
                out.add(f.fault().id());
            }
        }
        return out;
    }

    /** The reasons of every raise of {@code code} (a fault code's name) so far. */
    public List<String> raisedReasons(String code) {
        List<String> out = new ArrayList<>();
        for (ControllerEvent e : events) {
            if (e instanceof ControllerEvent.FaultEdge f
                    && f.fault().raised()
                    && f.fault().code().name().equals(code)) {
                out.add(f.fault().reason());
            }
        }
        return out;
    }
}
