package org.qsebms.hal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CurrentSignTest {
    @Test
    void chargingCurrentIsPositiveAndDischargingNegative() {
        assertThat(CurrentSign.CHARGE * 2.0).isPositive();
        assertThat(CurrentSign.DISCHARGE * 2.0).isNegative();
        assertThat(CurrentSign.isCharging(1.0, 0.05)).isTrue();
        assertThat(CurrentSign.isDischarging(1.0, 0.05)).isFalse();
        assertThat(CurrentSign.isDischarging(-1.0, 0.05)).isTrue();
        assertThat(CurrentSign.isCharging(0.01, 0.05)).isFalse();
    }
}
