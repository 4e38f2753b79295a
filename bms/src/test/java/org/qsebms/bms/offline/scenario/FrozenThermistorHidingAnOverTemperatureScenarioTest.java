package org.qsebms.bms.offline.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Issue 23, played as the hidden checker (sixth pass): the thermistor analogue of
 * {@link FrozenCellHidingAnOverVoltageScenarioTest}. A pack rests with its contactors closed; cell
 * 3's thermistor freezes at 10 s (its reading stays bit-identical and reports OK), then cell 3 heats
 * from 25 °C at 0.8 °C/s (below the 2 °C/s rate limit) to 61 °C at 57 s, beyond the 60 °C
 * discharge over-temperature MSL (2 s debounce). No other thermistor sees it, so only the frozen
 * channel's own liveness check can find it, and at rest that is the 10 min window of faults.md 209.
 * A user would expect a cell beyond its over-temperature MSL to open the pack within minutes, not
 * after ten. The bound: the pack in FAULT (any MSL) within the over-temperature's debounce + one
 * period of the cell passing 60 °C.
 */
class FrozenThermistorHidingAnOverTemperatureScenarioTest {

    @Disabled("defect, measured 2026-12-03: TEMPERATURE_STUCK (the 600 s at-rest window) at 609.75 s on 4, 8, 16"
            + " and 24 cells of psoa-ncm811 and psoa-lfp at 250 ms, 552 s after the cell passed the 60 °C MSL at"
            + " about 57 s; nothing else raised. The relative liveness check of the cell channels (208) is not"
            + " applied to thermistors; not fixed here: as it is it would seldom fire on large packs (estimated,"
            + " not measured: the simulator's 12-bit NTC code, about 40 codes/°C at 25 °C, with 0.1 °C noise"
            + " repeats on about 7 % of samples, so all 23 others change on only about 19 % of samples)")
    @ParameterizedTest
    @CsvSource({"psoa-ncm811, 4", "psoa-ncm811, 8", "psoa-lfp, 16", "psoa-ncm811, 24"})
    void aFrozenThermistorDoesNotHideItsCellsOverTemperatureAtRest(String chemistry, int cells) {
        StringBuilder b = new StringBuilder(String.format(
                Locale.ROOT,
                "pack: {chemistry: %s, seriesCells: %d, capacityAh: 2.0}%nloop: {period: 250ms}%n"
                        + "initial: {soc: 0.5, ambientCelsius: 25}%nfaults:%n"
                        + "  - {at: 10s, type: temperatureSensorStuck, channel: 3}%n",
                chemistry,
                cells));
        double crossed = Double.NaN;
        for (int i = 1; i <= 90; i++) {
            double celsius = 25 + 0.4 * i;
            double at = 12 + 0.5 * i;
            if (Double.isNaN(crossed) && celsius >= 60.0) {
                crossed = at;
            }
            b.append(String.format(
                    Locale.ROOT, "  - {at: %.1fs, type: cellTemperature, cell: 3, celsius: %.1f}%n", at, celsius));
        }
        b.append("duration: 700s\n");
        ScenarioLog log = ScenarioLog.run(b.toString());
        assertThat(log.reached("FAULT", 0))
                .as("FAULT after cell 3 passed 60 °C at %.1f s\n%s", crossed, log.dump())
                .isLessThanOrEqualTo(crossed + 2.0 + 0.25 + 1e-6);
    }
}
