package org.qsebms.bms.hil;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.qsebms.bms.sim.Bq76952Simulation;
import org.qsebms.bms.snapshot.ControllerEvent;
import org.qsebms.bms.supervisor.SupervisorState;
import org.qsebms.hal.ContactorId;
import org.qsebms.hal.bq76952.Bq76952Setting;
import org.qsebms.hal.emulator.Bq76952Emulator;

/**
 * Hardware in the loop on config/examples/pi-16s-bq76952.yaml: the whole controller on the
 * simulated 16-series pack through the BQ76952 driver and its register-level emulator. The
 * controller is frozen by no longer calling its tick (a blocked loop thread) while the pack, the
 * chip and the Pi's watchdog keep running on the same clock.
 */
class Bq76952HilTest {
    private static final long MS = Bq76952HilRig.MS;

    private static double maxCell(Bq76952Simulation sim) {
        double max = 0;
        for (int i = 0; i < sim.pack().cellCount(); i++) {
            max = Math.max(max, sim.pack().cellVolts(i));
        }
        return max;
    }

    private static Bq76952Setting setting(Bq76952HilRig r, String name) {
        return r.cfg().hal().bq76952().orElseThrow().plan().setting(name);
    }

    @Test
    void controllerClosesTheChipFetsAndMeasuresEveryCellThroughTheDriver() throws Exception {
        Bq76952HilRig r = Bq76952HilRig.of("fanPin: 18", "fanPin: 18", 0.5, 15_000 * MS);
        r.closeAndRun(600);
        List<ControllerEvent.FaultEdge> raised = r.faultEdges();

        assertThat(r.w().controller().supervisor().state())
                .as("faults %s", raised)
                .isEqualTo(SupervisorState.NORMAL);
        assertThat(raised)
                .as("no fault in 60 s of normal running, stuck checks included")
                .isEmpty();
        assertThat(r.sim().board().conducts(ContactorId.MAIN_NEGATIVE)).isTrue();
        assertThat(r.sim().board().chip().sleeping())
                .as("60 s at rest: the chip kept out of SLEEP, where its CHG FET would be off")
                .isFalse();
        var m = r.w().controller().measurement();
        for (int c = 0; c < 16; c++) {
            assertThat(m.cellVolts[c])
                    .as("cell %d", c + 1)
                    .isCloseTo(r.sim().pack().cellVolts(c), offset(0.006));
        }
        assertThat(m.packVolts).isCloseTo(r.sim().pack().stackVolts(), offset(0.03));
    }

    @Test
    void frozenControllerChargingAtOneCChipOpensItsChargeFetWithinTheCovDelay() throws Exception {
        // host watchdog off and the Linux watchdog out of reach: only COV is left to act
        Bq76952HilRig r = Bq76952HilRig.of("hostWatchdogDelay: 5s", "hostWatchdogDelay: 0s", 0.93, Long.MAX_VALUE / 4);
        long now = r.closeAndRun(300);
        assertThat(r.w().controller().supervisor().state()).isEqualTo(SupervisorState.NORMAL);
        double covVolts = setting(r, "Protections:COV:Threshold").value() * 0.0506;
        long covDelay = setting(r, "Protections:COV:Delay").value() * 3_300_000L;
        double oneC = r.cfg().pack().capacityAh();

        // freeze: no more ticks; a runaway charger keeps pushing 1 C
        r.sim().pack().forceAmps(oneC);
        long step = MS;
        long crossed = -1;
        long opened = -1;
        double vAtCross = 0;
        double maxSlope = 0;
        double maxSeen = 0;
        double prev = maxCell(r.sim());
        for (long t = 0; t < 4 * 3600_000 * MS && opened < 0; t += step) {
            now += step;
            r.sim().advanceTo(now);
            double v = maxCell(r.sim());
            maxSlope = Math.max(maxSlope, (v - prev) / (step / 1e9));
            prev = v;
            maxSeen = Math.max(maxSeen, v);
            if (crossed < 0 && v >= covVolts) {
                crossed = now;
                vAtCross = v;
            }
            if (!r.sim().board().chip().chargeFetOn()) {
                opened = now;
            }
        }

        assertThat(crossed).as("a cell reached the chip's COV %.4f V", covVolts).isPositive();
        assertThat(opened).as("the chip opened its charge FET").isPositive();
        assertThat(opened - crossed).isBetween(covDelay, covDelay + 2 * step);
        assertThat(maxSeen)
                .as("overshoot beyond COV bounded by the slope over the delay")
                .isLessThanOrEqualTo(vAtCross + maxSlope * (covDelay + 2 * step) / 1e9 + 1e-6);
        assertThat(r.sim().board().chip().trips(Bq76952Emulator.Check.COV)).isEqualTo(1);
        for (int i = 0; i < 100; i++) {
            now += 10 * MS;
            r.sim().advanceTo(now);
            assertThat(r.sim().pack().packAmps()).isZero();
        }

        // the controller wakes: the chip's trip is a latched fault, the supervisor is in FAULT
        now = r.run(now, 3);
        assertThat(r.faultEdges()).anySatisfy(f -> {
            assertThat(f.fault().code().name()).isEqualTo("HW_CELL_OVER_VOLTAGE");
            assertThat(f.fault().raised()).isTrue();
            assertThat(f.fault().reason()).contains("COV");
        });
        assertThat(r.w().controller().supervisor().state()).isEqualTo(SupervisorState.FAULT);
    }

    @Test
    void frozenControllerShortCircuitAtTwentyCChipOpensWithinTheScdDelay() throws Exception {
        Bq76952HilRig r = Bq76952HilRig.of("fanPin: 18", "fanPin: 18", 0.5, 15_000 * MS);
        long now = r.closeAndRun(300);
        assertThat(r.w().controller().supervisor().state()).isEqualTo(SupervisorState.NORMAL);
        long scdDelay = (setting(r, "Protections:SCD:Delay").value() - 1) * 15_000L;
        double twentyC = 20 * r.cfg().pack().capacityAh();

        r.sim().pack().forceAmps(-twentyC);
        long step = 1_000; // 1 us resolves the 15 us steps of the SCD delay
        long start = now;
        long opened = -1;
        for (int i = 0; i < 2_000 && opened < 0; i++) {
            now += step;
            r.sim().advanceTo(now);
            if (!r.sim().board().chip().dischargeFetOn()) {
                opened = now;
            }
        }

        assertThat(opened).as("the chip opened its discharge FET").isPositive();
        // onset is the first step that sees the short (start + 1 us)
        assertThat(opened - start).isBetween(scdDelay, scdDelay + 2 * step);
        assertThat(r.sim().board().chip().trips(Bq76952Emulator.Check.SCD)).isEqualTo(1);
        now += step;
        r.sim().advanceTo(now);
        assertThat(r.sim().pack().packAmps()).isZero();
        now += r.period();
        r.w().controller().tick(now);
        assertThat(r.faultEdges())
                .anySatisfy(f -> assertThat(f.fault().code().name()).isEqualTo("HW_SHORT_CIRCUIT"));
    }

    @Test
    void frozenControllerTheChipsHostWatchdogOpensItsFetsAfterItsDelay() throws Exception {
        Bq76952HilRig r = Bq76952HilRig.of("fanPin: 18", "fanPin: 18", 0.5, Long.MAX_VALUE / 4);
        long now = r.closeAndRun(300);
        long frozenAt = now;
        long hwd = setting(r, "Protections:HWD:Delay").value() * 1_000_000_000L;

        long opened = -1;
        for (int i = 0; i < 10_000 && opened < 0; i++) {
            now += MS;
            r.sim().advanceTo(now);
            if (!r.sim().board().conducts(ContactorId.MAIN_NEGATIVE)) {
                opened = now;
            }
        }

        // the last bus transaction was inside the last tick, up to one period before the freeze
        assertThat(opened - frozenAt).isBetween(hwd - r.period(), hwd + 2 * MS);
    }

    @Test
    void frozenControllerTheLinuxWatchdogReleasesTheGpioContactors() throws Exception {
        Bq76952HilRig r = Bq76952HilRig.of("hostWatchdogDelay: 5s", "hostWatchdogDelay: 0s", 0.5, 2_000 * MS);
        long now = r.closeAndRun(300);
        assertThat(r.sim().board().contactor(ContactorId.MAIN_POSITIVE).mainContactsClosed())
                .isTrue();
        long lastFeed = now;

        long released = -1;
        for (int i = 0; i < 5_000 && released < 0; i++) {
            now += MS;
            r.sim().advanceTo(now);
            if (r.sim().board().outputsReleased()) {
                released = now;
            }
        }
        for (int i = 0; i < 30; i++) {
            now += MS;
            r.sim().advanceTo(now);
        }

        assertThat(released - lastFeed).isBetween(2_000 * MS, 2_001 * MS);
        assertThat(r.sim().board().contactor(ContactorId.MAIN_POSITIVE).mainContactsClosed())
                .isFalse();
        assertThat(r.sim().board().contactor(ContactorId.PRECHARGE).mainContactsClosed())
                .isFalse();
        assertThat(r.sim().pack().packAmps()).isZero();
    }

    /**
     * A brown-out on the stack (or the chip's own watchdog) resets the BQ76952 to its power-on
     * defaults while the controller runs: thresholds no longer beyond the MSLs, no host watchdog,
     * no over-current or temperature protection, other measurement units. The controller must
     * notice it at once (a latched fault), put the plan back, and run on it again after a reset.
     */
    @ParameterizedTest(name = "FET_EN at power-on {0}")
    @ValueSource(booleans = {true, false})
    void aChipThatResetsWhileRunningIsALatchedFaultAndGetsItsPlanBack(boolean fetsEnabledAtPowerOn) throws Exception {
        Bq76952HilRig r = Bq76952HilRig.of("fanPin: 18", "fanPin: 18", 0.5, 15_000 * MS);
        long now = r.closeAndRun(300);
        assertThat(r.w().controller().supervisor().state()).isEqualTo(SupervisorState.NORMAL);
        r.faultEdges();
        var plan = r.cfg().hal().bq76952().orElseThrow().plan();
        Bq76952Emulator chip = r.sim().board().chip();

        chip.brownOut(fetsEnabledAtPowerOn);
        assertThat(chip.dataMemory(0x9261, 1))
                .as("the reset put Enabled Protections A back to its default")
                .isNotEqualTo(plan.setting("Settings:Protection:Enabled Protections A")
                        .value());
        now = r.run(now, 3);

        List<ControllerEvent.FaultEdge> raised = r.faultEdges();
        assertThat(raised).as("faults raised after the chip reset").anySatisfy(f -> {
            assertThat(f.fault().code().name()).isEqualTo("HW_CONFIGURATION_LOST");
            assertThat(f.fault().raised()).isTrue();
            assertThat(f.fault().reason()).contains("POR").contains("written again");
        });
        assertThat(r.w().controller().supervisor().state()).isEqualTo(SupervisorState.FAULT);
        for (Bq76952Setting s : plan.settings()) {
            assertThat(chip.dataMemory(s.address(), s.bytes()))
                    .as("%s after the chip's reset", s.name())
                    .isEqualTo(s.value());
        }
        assertThat(chip.inConfigUpdate()).isFalse();

        r.w().requests().requestReset();
        now += r.period();
        r.w().controller().tick(now);
        r.w().requests().requestClose();
        now = r.run(now, 100);
        assertThat(r.w().controller().supervisor().state())
                .as("faults %s", r.faultEdges())
                .isEqualTo(SupervisorState.NORMAL);
        r.sim().pack().forceAmps(-2.0);
        now = r.run(now, 5);
        assertThat(r.w().controller().measurement().packAmps)
                .as("the current is read in the plan's units again")
                .isCloseTo(-2.0, offset(0.1));
    }
}
