package org.qsebms.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;

/**
 * The {@code cell:} section of a preset file as it is on disk (see {@link PresetDocument}): the
 * equivalent-circuit parameters and their optional temperature and SOC dependence. Keys and units:
 * docs/configuration.md, "Chemistry presets".
 *
 * @param tau1 the fast RC time constant as written ({@code 2.0s})
 * @param tau2 the slow RC time constant as written ({@code 60.0s})
 * @param ocvTable a shipped OCV table resource or a CSV path (relative to the preset file's directory)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PresetCellDocument(
        Double capacityAh,
        Double r0Ohms,
        Double r1Ohms,
        String tau1,
        Double r2Ohms,
        String tau2,
        Double activationEnergyJPerMol,
        String activationEnergySource,
        Span characterisedTemperatureSpan,
        String ocvTable,
        Span ocvTemperatureSpan,
        Hysteresis hysteresis,
        ResistanceVsSoc resistanceVsSoc,
        TimeConstants timeConstantsVsTemperature,
        Double bulkOhms,
        Double npRatio) {

    /** A temperature span {@code {minCelsius, maxCelsius}}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Span(Double minCelsius, Double maxCelsius) {}

    /** OCV hysteresis {@code {magnitudeVolts, ratePerSoc}}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Hysteresis(Double magnitudeVolts, Double ratePerSoc) {}

    /** One resistance-vs-SOC table; {@code celsius} only when it is one of several, per temperature. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ResistanceTable(Double celsius, double[] soc, double[] factor, double[] slowFactor) {}

    /**
     * The {@code resistanceVsSoc} key: one table that holds at every temperature (written as a
     * mapping) or one table per temperature (written as a list).
     */
    public record ResistanceVsSoc(List<ResistanceTable> tables) {
        /** Reads a mapping or a list (the codec's reader accepts a single value as a one-element list). */
        @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
        public ResistanceVsSoc {
            tables = List.copyOf(tables);
        }

        /** A single table without a temperature is written as a mapping, otherwise a list. */
        @JsonValue
        Object onDisk() {
            return tables.size() == 1 && tables.get(0).celsius() == null ? tables.get(0) : tables;
        }
    }

    /** The {@code timeConstantsVsTemperature} key: both RC time constants at each test temperature. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record TimeConstants(double[] celsius, double[] tau1Seconds, double[] tau2Seconds) {}
}
