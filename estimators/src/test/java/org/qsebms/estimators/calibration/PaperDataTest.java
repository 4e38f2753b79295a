package org.qsebms.estimators.calibration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PaperDataTest {

    @Test
    void readsNestedListsAndScalarsOfTheBundledTranscription() {
        PaperData d = PaperData.bundled();
        assertThat(d.numbers("li_li_polarization_mV_vs_current_density.psoa")).containsExactly(16, 17, 23, 31, 41);
        assertThat(d.number("interfacial_resistance_ohm.cycling_100_cycles.le_after"))
                .isEqualTo(369.8);
        assertThat(d.number("cycle_life.li_lfp_2mg_0p5c_long_run.psoa_hours")).isEqualTo(8300);
        assertThat(d.number("ionic_conductivity_mS_per_cm_room_temperature.psoa_with_tda_additive_equal_to_soa"))
                .isEqualTo(0.92);
    }

    /** check23u defect 3: a second document was dropped without a word, its values never read. */
    @Test
    void aSecondDocumentIsRefusedNamingItsLine() {
        assertThatThrownBy(() -> PaperData.parse("a: 1\n---\nb: 2\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("a second YAML document starts at line 2");
    }

    @Test
    void namesTheMissingKeyPath() {
        assertThatThrownBy(() -> PaperData.parse("a:\n  b: 1\n").number("a.c")).hasMessageContaining("a.c");
    }

    @Test
    void flowMappingsNestLikeBlockOnesAndTextIsNotANumber() {
        PaperData d = PaperData.bundled();

        assertThat(d.number("safety_and_mechanics.tga_weight_retention_at_200c_percent.le"))
                .isEqualTo(10);
        assertThat(d.number("anodic_stability_limit_v_vs_li.ptpa")).isEqualTo(5.1);
        assertThatThrownBy(() -> d.number("safety_and_mechanics.psoa_flame"))
                .hasMessageContaining(
                        "safety_and_mechanics.psoa_flame is 'hard to ignite; LE burns rapidly', not a number");
        assertThatThrownBy(() -> d.numbers("li_transference_number.psoa")).hasMessageContaining("not a list");
    }

    @Test
    void badYamlNamesTheLineAndANonNumberInAListNamesItsIndex() {
        assertThatThrownBy(() -> PaperData.parse("a: [1, 2\nb: 3\n")).hasMessageContaining("not valid YAML at line");
        assertThatThrownBy(() -> PaperData.parse("a: [1, x]\n").numbers("a")).hasMessageContaining("a[1] is 'x'");
    }
}
