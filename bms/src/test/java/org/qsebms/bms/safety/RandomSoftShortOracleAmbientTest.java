package org.qsebms.bms.safety;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * {@code -Doracle.softShortAmbient=LO..HI} (issue 23, fix23ag): without it every seed generates the scenario it
 * generated before the option existed (the hash below was taken on main at 39fb392d over seeds 1-32000 of both
 * interactions); with it only the ambient changes, drawn in the range; a malformed value is refused saying what to
 * write.
 */
class RandomSoftShortOracleAmbientTest {
    /** Seeds 1-32000, rests and cycling, hashed on main at 39fb392d, before the option. */
    private static final long SEEDS_1_TO_32000_AT_39FB392D = -2634050876428044148L;

    @Test
    void withoutTheOptionEverySeedGeneratesTheScenarioItDidBefore() {
        long h = 17;
        for (long s = 1; s <= 32000; s++) {
            h = h * 31
                    + RandomSoftShortOracleTest.scenario(s, false, null).yaml().hashCode();
            h = h * 31
                    + RandomSoftShortOracleTest.scenario(s, true, null).yaml().hashCode();
        }
        assertThat(h).isEqualTo(SEEDS_1_TO_32000_AT_39FB392D);
        assertThat(RandomSoftShortOracleTest.scenario(30482, false, null).yaml())
                .isEqualTo("""
                        name: soft-short oracle seed 30482
                        pack: {chemistry: ptpa-ncm811, seriesCells: 6, capacityAh: 2.5}
                        loop: {period: 500ms}
                        initial: {soc: 0.614, ambientCelsius: 25, close: true}
                        load: {type: pulses, highAmps: -2.85, high: 33min, lowAmps: 0.0, low: 20h}
                        faults:
                          - {at: 60s, type: softShort, cell: 1, ohms: 294}
                        duration: 183min
                        limitsEvery: 30min
                        seed: 30482
                        """);
    }

    @Test
    void withARangeOnlyTheAmbientChangesAndItLiesInTheRange() {
        SoftShortAmbientRange cold = SoftShortAmbientRange.parse("-15..0");
        double lowest = Double.MAX_VALUE;
        double highest = -Double.MAX_VALUE;
        for (long s = 1; s <= 2000; s++) {
            for (boolean cycling : new boolean[] {false, true}) {
                String before =
                        RandomSoftShortOracleTest.scenario(s, cycling, null).yaml();
                String after =
                        RandomSoftShortOracleTest.scenario(s, cycling, cold).yaml();
                double ambient = Double.parseDouble(after.replaceAll("(?s).*ambientCelsius: (-?[0-9.]+),.*", "$1"));
                assertThat(ambient).isBetween(-15.0, 0.0);
                assertThat(after.replace(
                                String.format(java.util.Locale.ROOT, "ambientCelsius: %.1f,", ambient),
                                "ambientCelsius: 25,"))
                        .as("seed %d, cycling %s: only the ambient differs", s, cycling)
                        .isEqualTo(before);
                lowest = Math.min(lowest, ambient);
                highest = Math.max(highest, ambient);
            }
        }
        assertThat(lowest).as("the draws span the range").isLessThan(-14.5);
        assertThat(highest).as("the draws span the range").isGreaterThan(-0.5);
        assertThat(RandomSoftShortOracleTest.scenario(30482, false, cold).yaml())
                .isEqualTo(
                        RandomSoftShortOracleTest.scenario(30482, false, cold).yaml());
    }

    @Test
    void aMalformedRangeIsRefusedSayingWhatToWrite() {
        assertThat(SoftShortAmbientRange.parse("-15..-5")).isEqualTo(new SoftShortAmbientRange(-15, -5));
        assertThat(SoftShortAmbientRange.parse("40..55")).isEqualTo(new SoftShortAmbientRange(40, 55));
        assertThat(SoftShortAmbientRange.parse(" 2.5 .. 7.5 ")).isEqualTo(new SoftShortAmbientRange(2.5, 7.5));
        for (String bad : new String[] {"-15-5", "0-10", "cold", "-15..", "5..0", "-80..0", "", "1..2..3"}) {
            assertThatThrownBy(() -> SoftShortAmbientRange.parse(bad))
                    .as("'%s'", bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("-Doracle.softShortAmbient")
                    .hasMessageContaining("-Doracle.softShortAmbient=-15..0");
        }
    }
}
