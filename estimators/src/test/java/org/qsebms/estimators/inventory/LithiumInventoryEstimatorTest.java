package org.qsebms.estimators.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LithiumInventoryEstimatorTest {
    @Test
    void efficiencyAndCyclesToDepletionFollowTheLithiumLostPerCycle() {
        // 2 Ah cell, N/P 1.5: 1 Ah of excess lithium; each cycle returns 99.5 % of the charge
        LithiumInventoryEstimator inventory = new LithiumInventoryEstimator(2.0, 1.5, 0.2);
        for (int cycle = 0; cycle < 10; cycle++) {
            for (int s = 0; s < 3600; s++) {
                inventory.update(-1.99, 1.0);
            }
            for (int s = 0; s < 3600; s++) {
                inventory.update(2.0, 1.0);
            }
            inventory.closeCycle();
        }
        assertThat(inventory.coulombicEfficiency()).isCloseTo(0.995, within(1e-9));
        assertThat(inventory.excessLithiumAh()).isCloseTo(1.0 - 10 * 0.01, within(1e-9));
        assertThat(inventory.cyclesToDepletion()).isCloseTo(90, within(1e-6));
        assertThat(inventory.closedCycles()).isEqualTo(10);
    }

    @Test
    void noLossMeansNoDepletion() {
        LithiumInventoryEstimator inventory = new LithiumInventoryEstimator(2.0, 1.2, 0.5);
        inventory.update(-1, 3600);
        inventory.update(1, 3600);
        inventory.closeCycle();
        assertThat(inventory.cyclesToDepletion()).isInfinite();
    }
}
