package org.qsebms.estimators.calibration;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import org.qsebms.estimators.model.Electrolyte;
import org.qsebms.estimators.model.ElectrolyteLaws;

/** The outcome of {@link PaperCalibration#calibrate}: one calibration per electrolyte. */
public record CalibratedModel(Map<Electrolyte, ElectrolyteCalibration> byElectrolyte) {

    public CalibratedModel {
        byElectrolyte = Collections.unmodifiableMap(new EnumMap<>(byElectrolyte));
    }

    public ElectrolyteCalibration calibration(Electrolyte e) {
        ElectrolyteCalibration c = byElectrolyte.get(e);
        if (c == null) {
            throw new IllegalArgumentException("no calibration for " + e);
        }
        return c;
    }

    public ElectrolyteLaws laws(Electrolyte e) {
        return calibration(e).laws();
    }
}
