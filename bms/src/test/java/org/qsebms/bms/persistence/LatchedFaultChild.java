package org.qsebms.bms.persistence;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.locks.LockSupport;
import org.qsebms.bms.loop.ControlLoop;
import org.qsebms.bms.runtime.ControllerAssembly;
import org.qsebms.bms.runtime.SimulatedPackSetup;
import org.qsebms.bms.runtime.StatePersistence;
import org.qsebms.bms.sim.SimulatedHardware;
import org.qsebms.bms.sim.SimulatedPack;
import org.qsebms.config.BmsConfig;
import org.qsebms.config.ConfigLoader;
import org.qsebms.hal.ContactorId;

/**
 * A child BMS for the crash test: the real controller, state persistence and control-loop thread
 * on the simulated pack, asked to close the contactors at start. {@code trip DIR}: every tick
 * takes 150 ms of a 100 ms period until LOOP_OVERRUN latches and is in the state file, then says
 * "latched" and waits to be killed. {@code restart DIR [reset]}: starts on the same state dir,
 * optionally sends a reset after 2 s and a close after 3 s, and prints its state and whether a
 * contactor is closed every 250 ms for 4 s (8 s with the reset).
 */
public final class LatchedFaultChild {
    private LatchedFaultChild() {}

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[1]);
        BmsConfig cfg = new ConfigLoader().defaultSimulated().withPersistenceDirectory(dir.toString());
        SimulatedHardware sim = SimulatedPackSetup.create(cfg, 0.6, 25, org.qsebms.bms.sim.PackLoad.IDLE, 42);
        SimulatedPack pack = sim.pack();
        boolean trip = args[0].equals("trip");
        volatile_slow[0] = false;
        ControllerAssembly.Wiring w = ControllerAssembly.build(
                cfg,
                sim.hardware(),
                t -> {
                    pack.advanceTo(t);
                    if (volatile_slow[0]) {
                        LockSupport.parkNanos(
                                150_000_000L); // the machine is overloaded: every tick misses its deadline
                    }
                },
                System::currentTimeMillis);
        PersistenceWriter writer = StatePersistence.restoreAndStart(cfg, w.controller());
        ControlLoop loop = new ControlLoop(
                w.controller(), cfg.loop().period().toNanos(), cfg.loop().overrunsToFault(), System::nanoTime);
        w.requests().requestClose();
        loop.start();
        Path file = dir.resolve(StatePersistence.FILE_NAME);
        if (trip) {
            while (!w.controller().supervisor().state().name().equals("NORMAL")) {
                Thread.sleep(20);
            }
            volatile_slow[0] = true;
            while (!(Files.exists(file) && Files.readString(file).contains("latchedFaults=LOOP_OVERRUN.MSL"))) {
                Thread.sleep(20);
            }
            System.out.println("latched state=" + w.controller().supervisor().state());
            System.out.flush();
            Thread.sleep(60_000); // killed here
            return;
        }
        boolean reset = args.length > 2 && args[2].equals("reset");
        long start = System.nanoTime();
        boolean resetSent = false;
        boolean closeSent = false;
        long runNanos = reset ? 8_000_000_000L : 4_000_000_000L;
        while (System.nanoTime() - start < runNanos) {
            long ms = (System.nanoTime() - start) / 1_000_000;
            if (reset && !resetSent && ms >= 2000) {
                w.requests().requestReset();
                resetSent = true;
            }
            if (reset && !closeSent && ms >= 3000) {
                w.requests().requestClose();
                closeSent = true;
            }
            boolean anyClosed = false;
            for (ContactorId id : ContactorId.values()) {
                anyClosed |= pack.contactsClosedNow(id);
            }
            System.out.println(
                    "t=" + ms + " state=" + w.controller().supervisor().state() + " anyClosed=" + anyClosed);
            Thread.sleep(250);
        }
        System.out.flush();
        Runtime.getRuntime().halt(0);
    }

    private static final boolean[] volatile_slow = new boolean[1];
}
