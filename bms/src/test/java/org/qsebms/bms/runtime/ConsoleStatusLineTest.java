package org.qsebms.bms.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.qsebms.bms.snapshot.PackSample;
import org.qsebms.bms.supervisor.SupervisorState;

class ConsoleStatusLineTest {
    private static PackSample sample() {
        PackSample s = new PackSample(4, 4);
        s.state = SupervisorState.NORMAL;
        s.packVolts = 15.2;
        s.packAmps = -1.5;
        s.minCellVolts = 3.79;
        s.maxCellVolts = 3.81;
        s.maxCelsius = 26.4;
        s.packSoc = 0.512;
        s.mainNegativeClosed = true;
        s.mainPositiveClosed = true;
        return s;
    }

    @Test
    void showsTheStateOfHealthOnceTheTrackerHasLearntACapacity() {
        PackSample s = sample();
        assertThat(ConsoleStatusLine.format(s))
                .doesNotContain("SOH")
                .contains("SOC  51.2 %")
                .endsWith("contactors N-+");
        s.healthKnown = true;
        s.soh = 1.0;
        assertThat(ConsoleStatusLine.format(s)).contains("SOH 100.0 % (nominal)");
        s.soh = 0.9731;
        s.capacityWindows = 2;
        assertThat(ConsoleStatusLine.format(s)).contains("| SOH  97.3 % |").doesNotContain("usable");
        // once a discharge from full to the cutoff was measured
        s.usableSoh = 0.8038;
        s.usableCapacityC = 0.601;
        assertThat(ConsoleStatusLine.format(s)).contains("| SOH  97.3 % | usable  80.4 % at 0.60 C |");
    }
}
