package org.qsebms.bms.softshort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.qsebms.estimators.soc.SocFilter;
import org.qsebms.estimators.soc.SocState;

/**
 * The soft-short detector's own SOC filter (docs/safety.md, "A leak-following SOC filter for the drift cue"): built
 * beside the published one in the default configuration, its current-offset state follows a shorted cell's leak while
 * the published filter has no such state, it takes a persisted SOC as the published one does, and with
 * {@code estimation.currentOffsetState: true} (the published filter has the state) there is none.
 */
class LeakFollowingSocFilterTest {
    private static String yaml(boolean currentOffsetState) {
        return "pack: {chemistry: psoa-ncm811, seriesCells: 4, capacityAh: 2.0}\n"
                + "initial: {soc: 0.5, ambientCelsius: 25, close: true}\nload: {type: cycling}\nseed: 1\n"
                + "estimation: {currentOffsetState: " + currentOffsetState + "}\n";
    }

    @Test
    void theDetectorsOwnFilterFollowsTheShortedCellsLeakAndThePublishedOneHasNoOffset() {
        SoftShortRun run = new SoftShortRun(yaml(false));
        SocFilter own = run.controller.softShortSoc().orElseThrow();
        assertThat(own).isNotSameAs(run.controller.soc());
        run.shortCell(2, 150);
        run.runTo(3.5);
        double othersMedian =
                median(own.cellCurrentOffsetAmps(0), own.cellCurrentOffsetAmps(1), own.cellCurrentOffsetAmps(3));
        assertThat(own.cellCurrentOffsetAmps(2) - othersMedian)
                .as("the shorted cell's offset against the others' median (A), true leak %.4f A", run.trueLeakAmps())
                .isGreaterThan(0.5 * run.trueLeakAmps());
        SocFilter published = (SocFilter) run.controller.soc();
        for (int i = 0; i < 4; i++) {
            assertThat(published.cellCurrentOffsetAmps(i))
                    .as("published filter's offset, cell %d", i + 1)
                    .isZero();
        }
    }

    @Test
    void aPersistedSocGoesIntoBothFilters() {
        SoftShortRun run = new SoftShortRun(yaml(false));
        double[] soc = {0.61, 0.62, 0.63, 0.64};
        assertThat(run.controller.importSocState(new SocState(soc))).isEqualTo(4);
        SocFilter own = run.controller.softShortSoc().orElseThrow();
        for (int i = 0; i < 4; i++) {
            assertThat(run.controller.soc().cellSoc(i)).isCloseTo(soc[i], within(1e-12));
            assertThat(own.cellSoc(i)).isCloseTo(soc[i], within(1e-12));
        }
    }

    @Test
    void withTheStateInThePublishedFilterNoSecondFilterRuns() {
        SoftShortRun run = new SoftShortRun(yaml(true));
        assertThat(run.controller.softShortSoc()).isEmpty();
    }

    private static double median(double a, double b, double c) {
        return Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
    }
}
