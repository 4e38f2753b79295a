package org.qsebms.config;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.qsebms.estimators.model.LithiumInterface;
import org.qsebms.estimators.model.OcvCurve;
import org.qsebms.estimators.model.OcvDoubt;
import org.qsebms.estimators.model.ResistanceMap;
import org.qsebms.estimators.model.SlowPolarisation;
import org.qsebms.estimators.model.TemperatureSpan;
import org.qsebms.estimators.model.TimeConstantsVsTemperature;
import org.qsebms.estimators.model.TopKneeChargeExcess;
import org.qsebms.estimators.soc.HysteresisModel;

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
        LithiumInterfaceLaw lithiumInterface,
        ResistanceVsSoc resistanceVsSoc,
        TimeConstants timeConstantsVsTemperature,
        OcvSigma ocvSigma,
        SlowPolarisationBranch slowPolarisation,
        TopKneeCharge topKneeChargeExcess,
        Double bulkOhms,
        Double npRatio,
        @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> otherKeys) {

    /** Keys the records do not name yet are kept as read, in file order, and written back after the named ones. */
    public PresetCellDocument {
        otherKeys = otherKeys == null ? new LinkedHashMap<>() : new LinkedHashMap<>(otherKeys);
    }

    /** A temperature span {@code {minCelsius, maxCelsius}}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Span(Double minCelsius, Double maxCelsius) {}

    /** OCV hysteresis {@code {magnitudeVolts, ratePerSoc}}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Hysteresis(Double magnitudeVolts, Double ratePerSoc) {}

    /** The lithium interface's law {@code {tafelVolts, exchangeAmps, ohms}} over the cell's area. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record LithiumInterfaceLaw(Double tafelVolts, Double exchangeAmps, Double ohms) {}

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

    /** One OCV-sigma table ({@code celsius} only when it is one of several, per temperature). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record OcvSigmaTable(Double celsius, double[] socEdges, double[] volts) {}

    /**
     * The {@code ocvSigma} key: the OCV table's sigma per SOC region learnt by {@code bms
     * characterize}; one table for every temperature (written as a mapping) or one per OCV-test
     * temperature (a list).
     */
    public record OcvSigma(List<OcvSigmaTable> tables) {
        @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
        public OcvSigma {
            tables = List.copyOf(tables);
        }

        @JsonValue
        Object onDisk() {
            return tables.size() == 1 && tables.get(0).celsius() == null ? tables.get(0) : tables;
        }
    }

    /**
     * The {@code slowPolarisation} key: a third, slow RC branch learnt by {@code bms characterize}
     * from drive logs ({@code --slow-polarisation-log}): its time constant as written ({@code 1000.0s})
     * and its resistance per SOC region.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SlowPolarisationBranch(String tau, double[] socEdges, double[] ohms) {}

    /**
     * The {@code topKneeChargeExcess} key: the voltage under charge at the top knee beyond the model, learnt by
     * {@code bms characterize} from an OCV test's charge to the top cut-off and the top-off after it: its sigma
     * and the SOC it applies from.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record TopKneeCharge(Double sigmaVolts, Double fromSoc) {}

    /** A builder with every key unset (absent from the file). */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Named setters for the cell section, as {@code bms model calibrate} and {@code bms characterize}
     * fill it. The setters taking model types leave the key out when the model has none of it
     * (a flat resistance map, no time constants per temperature, an unknown span, no hysteresis).
     */
    public static final class Builder {
        private Double capacityAh;
        private Double r0Ohms;
        private Double r1Ohms;
        private String tau1;
        private Double r2Ohms;
        private String tau2;
        private Double activationEnergyJPerMol;
        private String activationEnergySource;
        private Span characterisedTemperatureSpan;
        private String ocvTable;
        private Span ocvTemperatureSpan;
        private Hysteresis hysteresis;
        private LithiumInterfaceLaw lithiumInterface;
        private ResistanceVsSoc resistanceVsSoc;
        private TimeConstants timeConstantsVsTemperature;
        private OcvSigma ocvSigma;
        private SlowPolarisationBranch slowPolarisation;
        private TopKneeCharge topKneeChargeExcess;
        private Double bulkOhms;
        private Double npRatio;
        private Map<String, JsonNode> otherKeys = Map.of();

        private Builder() {}

        public Builder capacityAh(double v) {
            capacityAh = v;
            return this;
        }

        public Builder r0Ohms(double v) {
            r0Ohms = v;
            return this;
        }

        public Builder r1Ohms(double v) {
            r1Ohms = v;
            return this;
        }

        /** The fast time constant, written in seconds ({@code 2.0s}). */
        public Builder tau1Seconds(double seconds) {
            tau1 = seconds + "s";
            return this;
        }

        public Builder r2Ohms(double v) {
            r2Ohms = v;
            return this;
        }

        /** The slow time constant, written in seconds ({@code 60.0s}). */
        public Builder tau2Seconds(double seconds) {
            tau2 = seconds + "s";
            return this;
        }

        public Builder activationEnergyJPerMol(double v) {
            activationEnergyJPerMol = v;
            return this;
        }

        /** A note for the reader: whether the activation energy was fitted or assumed, and from what. */
        public Builder activationEnergySource(String v) {
            activationEnergySource = v;
            return this;
        }

        public Builder characterisedTemperatureSpan(TemperatureSpan span) {
            characterisedTemperatureSpan = span.isKnown() ? new Span(span.minCelsius(), span.maxCelsius()) : null;
            return this;
        }

        public Builder ocvTable(String v) {
            ocvTable = v;
            return this;
        }

        /** The span the OCV table's dU/dT applies over, when {@code ocv} has one. */
        public Builder ocvTemperatureSpan(OcvCurve ocv) {
            ocvTemperatureSpan =
                    ocv.hasEntropicSpan() ? new Span(ocv.entropicMinCelsius(), ocv.entropicMaxCelsius()) : null;
            return this;
        }

        public Builder hysteresis(HysteresisModel h) {
            hysteresis = h.equals(HysteresisModel.NONE) ? null : new Hysteresis(h.magnitudeVolts(), h.ratePerSoc());
            return this;
        }

        /** The lithium interface's law (left out when the cell has none). */
        public Builder lithiumInterface(LithiumInterface law) {
            lithiumInterface = law.equals(LithiumInterface.NONE)
                    ? null
                    : new LithiumInterfaceLaw(law.tafelVolts(), law.exchangeAmps(), law.ohms());
            return this;
        }

        /** One table when the map holds at every temperature, one per temperature otherwise. */
        public Builder resistanceVsSoc(ResistanceMap map) {
            if (map.isFlat()) {
                resistanceVsSoc = null;
                return this;
            }
            List<ResistanceTable> tables = new ArrayList<>();
            for (int i = 0; i < map.tables().size(); i++) {
                var t = map.tables().get(i);
                Double celsius = map.dependsOnTemperature() ? map.celsius()[i] : null;
                tables.add(new ResistanceTable(celsius, t.socFraction(), t.factor(), t.slowFactor()));
            }
            resistanceVsSoc = new ResistanceVsSoc(tables);
            return this;
        }

        public Builder timeConstantsVsTemperature(TimeConstantsVsTemperature t) {
            timeConstantsVsTemperature =
                    t.isEmpty() ? null : new TimeConstants(t.celsius(), t.tau1Seconds(), t.tau2Seconds());
            return this;
        }

        /** The learnt OCV sigma per SOC region (left out when the doubt is the filter's default). */
        public Builder ocvSigma(OcvDoubt doubt) {
            if (doubt.isNone()) {
                ocvSigma = null;
                return this;
            }
            int regions = doubt.regions();
            boolean perTemperature = doubt.celsius().length > 1;
            List<OcvSigmaTable> tables = new ArrayList<>();
            for (int t = 0; t < doubt.celsius().length; t++) {
                tables.add(new OcvSigmaTable(
                        perTemperature ? doubt.celsius()[t] : null,
                        doubt.socEdges(),
                        java.util.Arrays.copyOfRange(doubt.sigmaVolts(), t * regions, (t + 1) * regions)));
            }
            ocvSigma = new OcvSigma(tables);
            return this;
        }

        /** The slow polarisation branch (left out when the model has none). */
        public Builder slowPolarisation(SlowPolarisation slow) {
            slowPolarisation = slow.isNone()
                    ? null
                    : new SlowPolarisationBranch(slow.tauSeconds() + "s", slow.socEdges(), slow.ohms());
            return this;
        }

        /** The top knee's excess under charge (left out when the model has none). */
        public Builder topKneeChargeExcess(TopKneeChargeExcess excess) {
            topKneeChargeExcess = excess.isNone() ? null : new TopKneeCharge(excess.sigmaVolts(), excess.fromSoc());
            return this;
        }

        public Builder bulkOhms(double v) {
            bulkOhms = v;
            return this;
        }

        /** Keys of the cell section the records do not name (kept from a base preset's cell section). */
        public Builder otherKeys(Map<String, JsonNode> keys) {
            otherKeys = keys;
            return this;
        }

        public Builder npRatio(double v) {
            npRatio = Double.isNaN(v) ? null : v;
            return this;
        }

        public PresetCellDocument build() {
            return new PresetCellDocument(
                    capacityAh,
                    r0Ohms,
                    r1Ohms,
                    tau1,
                    r2Ohms,
                    tau2,
                    activationEnergyJPerMol,
                    activationEnergySource,
                    characterisedTemperatureSpan,
                    ocvTable,
                    ocvTemperatureSpan,
                    hysteresis,
                    lithiumInterface,
                    resistanceVsSoc,
                    timeConstantsVsTemperature,
                    ocvSigma,
                    slowPolarisation,
                    topKneeChargeExcess,
                    bulkOhms,
                    npRatio,
                    otherKeys);
        }
    }
}
