package org.qsebms.hal.bq76952;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.qsebms.hal.HardwareTrip;

/**
 * A BQ76952 that resets while running (brown-out, ESD, its own watchdog, a stray RESET) comes back
 * on its power-on defaults. The driver reads Battery Status every refresh, reports the chip as off
 * its plan, and writes the plan again.
 */
class Bq76952ResetRecoveryTest {

    private static void assertOnPlan(Bq76952Rig rig) {
        for (Bq76952Setting s : rig.plan().settings()) {
            assertThat(rig.emulator.dataMemory(s.address(), s.bytes()))
                    .as("%s (0x%04X)", s.name(), s.address())
                    .isEqualTo(s.value());
        }
        assertThat(rig.emulator.inConfigUpdate()).isFalse();
    }

    @Test
    void aChipConfiguredAtStartIsOnItsPlan() {
        Bq76952Rig rig = new Bq76952Rig(false).configured();
        var status = new Bq76952SafetyStatus(rig.chip, null, rig.plan());

        assertThat(status.refresh()).isTrue();

        assertThat(status.tripped(HardwareTrip.CONFIGURATION_LOST)).isFalse();
        assertThat(status.describe()).contains("Battery Status 0x0000").doesNotContain("POR");
    }

    @ParameterizedTest(name = "FET_EN at power-on {0}")
    @ValueSource(booleans = {true, false})
    void aBrownOutIsReportedOnceAndThePlanIsWrittenAgain(boolean fetsEnabledAtPowerOn) {
        Bq76952Rig rig = new Bq76952Rig(false).configured();
        var status = new Bq76952SafetyStatus(rig.chip, null, rig.plan());
        status.refresh();
        long enabledA =
                rig.plan().setting("Settings:Protection:Enabled Protections A").value();

        rig.emulator.brownOut(fetsEnabledAtPowerOn);
        assertThat(rig.emulator.dataMemory(0x9261, 1))
                .as("Enabled Protections A on its default")
                .isNotEqualTo(enabledA);
        status.refresh();

        assertThat(status.tripped(HardwareTrip.CONFIGURATION_LOST)).isTrue();
        assertThat(status.describe())
                .contains("[POR SLEEP_EN]")
                .contains("power-on defaults")
                .contains(
                        "written again and read back (" + rig.plan().settings().size() + " values)");
        assertOnPlan(rig);
        assertThat(rig.emulator.chargeFetOn() || rig.emulator.dischargeFetOn())
                .as("the FETs stay off until the controller closes them")
                .isFalse();

        status.refresh();
        assertThat(status.tripped(HardwareTrip.CONFIGURATION_LOST))
                .as("the plan is back: the cause is gone")
                .isFalse();
    }

    @Test
    void aResetSubcommandFromElsewhereIsCaughtTheSameWay() {
        Bq76952Rig rig = new Bq76952Rig(false).configured();
        var status = new Bq76952SafetyStatus(rig.chip, null, rig.plan());

        rig.chip.subcommand(Bq76952Commands.RESET);
        status.refresh();

        assertThat(status.tripped(HardwareTrip.CONFIGURATION_LOST)).isTrue();
        assertOnPlan(rig);
    }

    @Test
    void configUpdateTheDriverDidNotAskForIsLeftAndReported() {
        Bq76952Rig rig = new Bq76952Rig(false).configured();
        var status = new Bq76952SafetyStatus(rig.chip, null, rig.plan());

        rig.chip.subcommand(Bq76952Commands.SET_CFGUPDATE); // not through the driver's own entry
        assertThat(rig.emulator.inConfigUpdate()).isTrue();
        status.refresh();

        assertThat(status.tripped(HardwareTrip.CONFIGURATION_LOST)).isTrue();
        assertThat(status.describe()).contains("CONFIG_UPDATE not asked for");
        assertOnPlan(rig);
    }

    @Test
    void aWriteThatDoesNotReadBackIsReportedAndTriedAgainUntilItDoes() {
        Bq76952Rig rig = new Bq76952Rig(false).configured();
        var status = new Bq76952SafetyStatus(rig.chip, null, rig.plan());
        rig.emulator.brownOut(false);
        rig.emulator.corruptNextWrite(0x9278, 0x01);

        status.refresh();
        assertThat(status.tripped(HardwareTrip.CONFIGURATION_LOST)).isTrue();
        assertThat(status.describe())
                .contains("failed, tried again next tick")
                .contains("Protections:COV:Threshold (0x9278)");
        assertThat(rig.emulator.dataMemory(0x9278, 1))
                .isNotEqualTo(rig.plan().setting("Protections:COV:Threshold").value());

        status.refresh();
        assertThat(status.tripped(HardwareTrip.CONFIGURATION_LOST))
                .as("POR was cleared by the first write; the failed read-back is still the cause")
                .isTrue();
        assertThat(status.describe()).contains("written again and read back");
        assertOnPlan(rig);

        status.refresh();
        assertThat(status.tripped(HardwareTrip.CONFIGURATION_LOST)).isFalse();
    }

    @Test
    void withoutAPlanTheResetIsOnlyReportedAndStaysReported() {
        Bq76952Rig rig = new Bq76952Rig(false).configured();
        var probe = new Bq76952SafetyStatus(rig.chip, null, null);
        rig.emulator.brownOut(true);

        probe.refresh();
        probe.refresh();

        assertThat(probe.tripped(HardwareTrip.CONFIGURATION_LOST)).isTrue();
        assertThat(probe.describe()).contains("not written again: this run only reads the chip");
        assertThat(rig.emulator.dataMemory(0x9261, 1))
                .isNotEqualTo(rig.plan()
                        .setting("Settings:Protection:Enabled Protections A")
                        .value());
    }

    /**
     * On its defaults the chip enters SLEEP at rest and turns its CHG FET off there: the driver
     * disallows SLEEP at start, and a chip found allowing it again gets it disallowed.
     */
    @Test
    void sleepIsDisallowedAtStartAndWhenFoundAllowedAgain() {
        Bq76952Rig rig = new Bq76952Rig(false).configured();
        var status = new Bq76952SafetyStatus(rig.chip, null, rig.plan());
        assertThat(rig.chip.readDirectU2(Bq76952Commands.BATTERY_STATUS) & Bq76952Commands.BATTERY_STATUS_SLEEP_EN)
                .as("SLEEP_EN after start-up")
                .isZero();
        for (int i = 0; i < 300; i++) { // 30 s at rest, the host talking every 100 ms
            rig.clock.advance(100_000_000L);
            status.refresh();
            assertThat(status.tripped(HardwareTrip.CONFIGURATION_LOST)).isFalse();
        }
        assertThat(rig.emulator.sleeping()).as("30 s at rest, SLEEP disallowed").isFalse();
        assertThat(rig.emulator.chargeFetOn()).isTrue();

        rig.chip.subcommand(0x0099); // SLEEP_ENABLE, not from the driver
        rig.clock.advance(2_000_000_000L);
        assertThat(rig.emulator.sleeping())
                .as("the emulator sleeps at rest once allowed")
                .isTrue();
        assertThat(rig.emulator.chargeFetOn()).as("CHG FET off in SLEEP").isFalse();
        status.refresh();

        assertThat(status.tripped(HardwareTrip.CONFIGURATION_LOST)).isTrue();
        assertThat(status.describe()).contains("[SLEEP_EN]");
        assertThat(rig.emulator.sleeping()).isFalse();
        status.refresh();
        assertThat(status.tripped(HardwareTrip.CONFIGURATION_LOST)).isFalse();
    }
}
