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
                .contains("[POR]")
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
}
