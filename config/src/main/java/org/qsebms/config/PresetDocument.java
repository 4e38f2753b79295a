package org.qsebms.config;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A chemistry preset file as it is on disk: one record component per YAML key, in file order,
 * absent keys {@code null}. {@link PresetCodec} reads and writes it by Jackson databinding, so a
 * key added here is read and written with no change to the codec; {@link PresetCatalog} turns it
 * into the typed {@link ChemistryPreset} (ranges, units, the OCV table). Numbers are in the units
 * the key names; durations are kept as the text written ({@code 300ms}, {@code 2.0s}).
 *
 * @param limits the eight shipped limits by key ({@code cellOverVoltage}, {@code chargeOverCurrentC}, ...)
 * @param supplementary the optional {@code supplementary:} overrides, kept as written
 * @param capacityRange the optional {@code capacityRange:} ({@link CellCapacityRange}), kept as written
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PresetDocument(
        String name,
        String electrolyte,
        String cathode,
        Double anodicLimitVolts,
        PresetCellDocument cell,
        Map<String, PresetLimitDocument> limits,
        JsonNode supplementary,
        JsonNode capacityRange,
        @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> otherKeys) {

    /** Keys the records do not name yet are kept as read, in file order, and written back after the named ones. */
    public PresetDocument {
        otherKeys = otherKeys == null ? new LinkedHashMap<>() : new LinkedHashMap<>(otherKeys);
    }

    /** This preset with another name. */
    public PresetDocument withName(String newName) {
        return new PresetDocument(
                newName, electrolyte, cathode, anodicLimitVolts, cell, limits, supplementary, capacityRange, otherKeys);
    }

    /** This preset with another cell section (electrolyte, cathode and limits kept). */
    public PresetDocument withCell(PresetCellDocument newCell) {
        return new PresetDocument(
                name, electrolyte, cathode, anodicLimitVolts, newCell, limits, supplementary, capacityRange, otherKeys);
    }
}
