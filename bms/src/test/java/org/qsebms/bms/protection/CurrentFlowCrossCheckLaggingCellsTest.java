package org.qsebms.bms.protection;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * How many cells may move less than the cells' cross-check of the current sensor asks without vetoing it (fix23by):
 * {@code floor(currentCrossCheckLaggingFraction x cells)}, always a minority, so the move judged is one most cells
 * made (one cell's step or the balancer bleeding a few cells still cannot raise it).
 */
class CurrentFlowCrossCheckLaggingCellsTest {
    @Test
    void aQuarterOfTheCellsRoundedDownMayLag() {
        assertThat(CurrentFlowCrossCheck.laggingCells(0.25, 1)).isZero();
        assertThat(CurrentFlowCrossCheck.laggingCells(0.25, 3)).isZero();
        assertThat(CurrentFlowCrossCheck.laggingCells(0.25, 4)).isEqualTo(1);
        assertThat(CurrentFlowCrossCheck.laggingCells(0.25, 7)).isEqualTo(1);
        assertThat(CurrentFlowCrossCheck.laggingCells(0.25, 24)).isEqualTo(6);
    }

    @Test
    void neverHalfTheCellsOrMore() {
        assertThat(CurrentFlowCrossCheck.laggingCells(0.49, 2)).isZero();
        assertThat(CurrentFlowCrossCheck.laggingCells(0.49, 4)).isEqualTo(1);
        assertThat(CurrentFlowCrossCheck.laggingCells(0.49, 5)).isEqualTo(2);
        assertThat(CurrentFlowCrossCheck.laggingCells(0, 24)).isZero();
    }
}
