package org.qsebms.bms.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.qsebms.bms.persistence.PersistedState;
import org.qsebms.config.BmsConfig;
import org.qsebms.config.ConfigLoader;
import org.qsebms.estimators.health.HealthState;
import org.qsebms.estimators.soc.SocState;

/** How a persisted SOC's doubt grows between its save and a restart ({@link RestartSocDoubt}). */
class RestartSocDoubtTest {
    private static final long SAVED = 1_764_000_000_000L;
    private static final long HOUR = 3_600_000L;
    /** A 10 s save interval, 6 A the most current, a 2 Ah pack, 0.5 % a day. */
    private final RestartSocDoubt doubt = new RestartSocDoubt(10, 6, 2, 0.005);

    private static PersistedState saved(boolean atStop, double... sigma) {
        double[] soc = new double[sigma.length];
        java.util.Arrays.fill(soc, 0.5);
        return PersistedState.builder(new SocState(soc, sigma, atStop), HealthState.nominal(sigma.length, 2.0, 0.035))
                .savedEpochMillis(SAVED)
                .build();
    }

    @Test
    void aSaveAtAStopGrowsOnlyBySelfDischargeOverTheTimeOff() {
        RestartSocDoubt.Restored r = doubt.widen(saved(true, 0.01, 0.02), SAVED + 48 * HOUR);
        // two days at up to 0.5 % a day: a limit of 1 %, sigma 1 % / sqrt(3), in quadrature
        double leak = 0.01 / Math.sqrt(3);
        assertThat(r.soc().cellSocSigma()[0]).isCloseTo(Math.hypot(0.01, leak), within(1e-12));
        assertThat(r.soc().cellSocSigma()[1]).isCloseTo(Math.hypot(0.02, leak), within(1e-12));
        assertThat(r.restedSeconds()).isEqualTo(48 * 3600.0);
        assertThat(r.offSeconds()).isEqualTo(48 * 3600.0);
        assertThat(r.soc().cellSoc()).containsExactly(0.5, 0.5);
    }

    @Test
    void aSaveWhileRunningAlsoDoubtsTheChargeOfOneIntervalAtTheMostCurrent() {
        RestartSocDoubt.Restored running = doubt.widen(saved(false, 0.01), SAVED + 60_000);
        RestartSocDoubt.Restored stopped = doubt.widen(saved(true, 0.01), SAVED + 60_000);
        // 6 A for 10 s of a 2 Ah pack: 0.83 % at most
        double afterSave = 6 * 10 / 3600.0 / 2;
        double leak = 0.005 * 60 / 86_400.0;
        assertThat(running.soc().cellSocSigma()[0])
                .isCloseTo(Math.sqrt(0.01 * 0.01 + (afterSave * afterSave + leak * leak) / 3), within(1e-12))
                .isGreaterThan(stopped.soc().cellSocSigma()[0]);
        // the cells rested from the crash, at most one interval after the save
        assertThat(running.restedSeconds()).isEqualTo(50.0);
        assertThat(stopped.restedSeconds()).isEqualTo(60.0);
    }

    @Test
    void aPreviousGenerationCountsAsSavedWhileRunningAndDoubtsOneIntervalMore() {
        // the newest save was lost: the pack may have run through it, whatever the older one says
        RestartSocDoubt.Restored previous = doubt.widen(saved(true, 0.01), SAVED + 60_000, 1);
        double afterSaves = 2 * 6 * 10 / 3600.0 / 2;
        double leak = 0.005 * 60 / 86_400.0;
        assertThat(previous.soc().cellSocSigma()[0])
                .isCloseTo(Math.sqrt(0.01 * 0.01 + (afterSaves * afterSaves + leak * leak) / 3), within(1e-12));
        assertThat(previous.soc().atStop()).isFalse();
        assertThat(previous.restedSeconds()).isEqualTo(40.0);
    }

    @Test
    void theDoubtGrowsWithTheTimeOff() {
        double last = 0;
        for (long hours : new long[] {0, 1, 24, 24 * 7, 24 * 30}) {
            double s =
                    doubt.widen(saved(true, 0.01), SAVED + hours * HOUR).soc().cellSocSigma()[0];
            assertThat(s).as("%d h off", hours).isGreaterThanOrEqualTo(last);
            last = s;
        }
        // a month off: 15 % at most, sigma 8.7 %: past what the filter's start doubt would say only after months
        assertThat(last).isCloseTo(Math.hypot(0.01, 0.15 / Math.sqrt(3)), within(1e-12));
    }

    @Test
    void anUnknownTimeOffGivesEveryCellTheStartDoubt() {
        // a clock that says the save is in the future (a Pi without a real-time clock before its time is set)
        RestartSocDoubt.Restored back = doubt.widen(saved(true, 0.01, 0.01), SAVED - HOUR);
        assertThat(back.soc().cellSocSigma()).containsOnly(Double.NaN);
        assertThat(back.restedSeconds()).isNaN();
        assertThat(back.soc().cellSoc()).containsExactly(0.5, 0.5);
        // no time saved (an implausible one falls back to 0 when the file is read)
        PersistedState noTime = PersistedState.builder(
                        new SocState(new double[] {0.5}, new double[] {0.01}, true), HealthState.nominal(1, 2.0, 0.035))
                .build();
        assertThat(doubt.widen(noTime, SAVED).soc().cellSocSigma()).containsOnly(Double.NaN);
    }

    @Test
    void anUnknownDoubtStaysUnknown() {
        RestartSocDoubt.Restored r = doubt.widen(saved(true, Double.NaN, 0.01), SAVED + HOUR);
        assertThat(r.soc().cellSocSigma()[0]).isNaN();
        assertThat(r.soc().cellSocSigma()[1]).isGreaterThan(0.01);
    }

    @Test
    void theLimitsComeFromTheConfiguration() {
        BmsConfig cfg = new ConfigLoader().defaultSimulated();
        RestartSocDoubt d = RestartSocDoubt.of(cfg);
        assertThat(d.saveIntervalSeconds())
                .isEqualTo(cfg.persistence().interval().toMillis() / 1000.0);
        assertThat(d.mostAmps())
                .isEqualTo(Math.max(
                        Math.abs(cfg.limits().chargeOverCurrent().msl()),
                        Math.abs(cfg.limits().dischargeOverCurrent().msl())))
                .isPositive();
        assertThat(d.packCapacityAh()).isEqualTo(cfg.pack().capacityAh());
        assertThat(d.selfDischargeLimitPerDay()).isEqualTo(cfg.estimation().selfDischargeLimitPerDay());
    }
}
