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
 * channel's own liveness check can find it, and at rest that is the 10 min window of faults.md 209.
 * A user would expect a cell beyond its over-temperature MSL to open the pack within minutes, not
 * after ten. The bound: the pack in FAULT (any MSL) within the over-temperature's debounce + one
 * period of the cell passing 60 °C. Measured before the fix (2026-12-03): `TEMPERATURE_STUCK` from the
 * 600 s window at 609.75 s on 4, 8, 16 and 24 cells of both chemistries, 552 s after the cell passed
 * the MSL. Now the thermistors' relative liveness check ({@code FrozenAmongNoisyChannels}) finds the
 * freeze itself; healthy packs resting or under load, one cell far warmer than the others, raise no
 * {@code TEMPERATURE_STUCK}.
 */
class FrozenThermistorHidingAnOverTemperatureScenarioTest {

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
        assertThat(log.raised("TEMPERATURE_STUCK.MSL")).as(log.dump()).isBetween(10.0, crossed);
    }

    /**
     * Live thermistors are never taken for frozen: healthy packs resting with the contactors closed or under
     * a 1 C pulsed discharge for 15 min, at 0, 10, 25 and 45 °C, with one cell set 35 °C warmer than the others
     * at the start (its NTC code moves fewer codes per °C there, so its reading repeats more often while it cools).
     */
    @ParameterizedTest
    @CsvSource({
        "psoa-ncm811, 4, 25, idle, false",
        "psoa-lfp, 24, 25, idle, false",
        "psoa-ncm811, 16, 0, pulses, false",
        "le-ncm811, 8, 45, idle, false",
        "psoa-lfp, 8, 25, pulses, true",
        "psoa-ncm811, 24, 10, idle, true"
    })
    void liveThermistorsAreNeverTakenForFrozen(String chemistry, int cells, int ambient, String load, boolean hotCell) {
        String loadLine = load.equals("pulses")
                ? "load: {type: pulses, highAmps: -2.0, high: 20s, lowAmps: 0.0, low: 10s}\n"
                : "load: {type: idle}\n";
        String faults = hotCell
                ? String.format(
                        Locale.ROOT,
                        "faults:%n  - {at: 0ms, type: cellTemperature, cell: 2, celsius: %d}%n",
                        ambient + 35)
                : "";
        ScenarioLog log = ScenarioLog.run(String.format(
                        Locale.ROOT,
                        "pack: {chemistry: %s, seriesCells: %d, capacityAh: 2.0}%nloop: {period: 250ms}%n"
                                + "initial: {soc: 0.6, ambientCelsius: %d}%n",
                        chemistry,
                        cells,
                        ambient)
                + loadLine + faults + "duration: 15min\n");
        assertThat(log.raised("TEMPERATURE_STUCK.MSL")).as(log.dump()).isNaN();
    }
}
