package org.qsebms.bms.offline.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Issue 23, played as the hidden checker (sixth pass): the thermistor analogue of
 * {@link FrozenCellHidingAnOverVoltageScenarioTest}. A pack rests with its contactors closed; cell
 * 3's thermistor freezes at 10 s (its reading stays bit-identical and reports OK), then cell 3 heats
 * from 25 °C at 0.8 °C/s (below the 2 °C/s rate limit) to 61 °C at 57 s, beyond the 60 °C
 * discharge over-temperature MSL (2 s debounce). No other thermistor sees it, so only the frozen
 * channel's own liveness check can find it; at rest that was the 10 min window of faults.md 209
 * (609.75 s, measured 2026-12-03). A user would expect a cell beyond its over-temperature MSL to open
 * the pack within minutes, not after ten. The bound: the pack in FAULT (any MSL) within the
 * over-temperature's debounce + one period of the cell passing 60 °C. Now the own-rate check
 * ({@code tempFrozenFalseAlarm}) finds the freeze from the 40 samples of the channel's own history
 * before it (docs/safety.md).
 */
class FrozenThermistorHidingAnOverTemperatureScenarioTest {

    @ParameterizedTest
    @CsvSource({
        "psoa-ncm811, 4", "psoa-ncm811, 8", "psoa-ncm811, 16", "psoa-ncm811, 24",
        "psoa-lfp, 4", "psoa-lfp, 8", "psoa-lfp, 16", "psoa-lfp, 24"
    })
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
        System.out.printf(
                Locale.ROOT,
                "frozen thermistor %s %d cells: TEMPERATURE_STUCK.MSL at %.2f s (frozen at 10 s), FAULT at %.2f s,"
                        + " cell 3 beyond 60 °C from %.1f s%n",
                chemistry,
                cells,
                log.raised("TEMPERATURE_STUCK.MSL"),
                log.reached("FAULT", 0),
                crossed);
        assertThat(log.reached("FAULT", 0))
                .as("FAULT after cell 3 passed 60 °C at %.1f s\n%s", crossed, log.dump())
                .isLessThanOrEqualTo(crossed + 2.0 + 0.25 + 1e-6);
    }
}
