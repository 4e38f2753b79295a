package org.qsebms.bms.protection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import org.junit.jupiter.api.Test;
import org.qsebms.bms.hil.ExampleBoard;
import org.qsebms.config.BmsConfig;
import org.qsebms.config.ConfigLoader;
import org.qsebms.estimators.model.EcmParameters;
import org.qsebms.estimators.model.LithiumInterface;

/**
 * The cells' predicted move (fix23bu, fix23ca) when a cell's temperature is not a number at a sample (its thermistor's
 * reading lost: PackMeasurement maps every cell to a thermistor whatever its status): the SOC behind a reading that
 * changed then is not known, so the move is not judged and the cell is restarted at the next sample that has a
 * temperature (SensorPlausibility); from there the model judges it again. Before, a NaN taken at a change stayed in the cell's SOC range, so a
 * reading frozen after it was never judged by the while-flowing window again, whatever the charge.
 */
class PredictedCellMoveTest {
    private static final double DT = 0.1;

    private static EcmParameters ncmCell() throws Exception {
        BmsConfig cfg = new ConfigLoader().parse(Files.readString(ExampleBoard.pi4sAds1115()), "pi-4s-ads1115.yaml");
        EcmParameters nominal = cfg.chemistry().cell();
        return nominal.scaled(
                cfg.pack().capacityAh() / nominal.capacityAh(),
                nominal.capacityAh() / cfg.pack().capacityAh());
    }

    /** Seconds of {@code amps} until cell 0's predicted move passes the threshold, or NaN within {@code limit} s. */
    private static double secondsToBeyond(PredictedCellMove move, double amps, double celsius, double limit) {
        for (double s = DT; s <= limit; s += DT) {
            move.advance(amps, DT);
            if (move.beyondResolution(0, amps, true, celsius)) {
                return s;
            }
        }
        return Double.NaN;
    }

    @Test
    void aChangeTakenWhileTheTemperatureIsNotANumberIsJudgedOnceItIsBack() throws Exception {
        EcmParameters cell = ncmCell();
        double amps = -cell.capacityAh(); // 1C discharge
        PredictedCellMove known = new PredictedCellMove(cell, 0.0, LithiumInterface.NONE, 0.001, 0.002, 2.0, 1);
        known.advance(amps, DT);
        known.restart(0, 3.70, amps, 25.0);
        double withTemperature = secondsToBeyond(known, amps, 25.0, 600);
        assertThat(withTemperature)
                .as("seconds to a judged move, temperature known")
                .isBetween(1.0, 120.0);

        PredictedCellMove lost = new PredictedCellMove(cell, 0.0, LithiumInterface.NONE, 0.001, 0.002, 2.0, 1);
        lost.advance(amps, DT);
        lost.restart(0, 3.70, amps, Double.NaN);
        assertThat(lost.movedVolts(0, amps, true, Double.NaN))
                .as("no verdict without a temperature")
                .isZero();
        assertThat(lost.awaitsRestart(0))
                .as("waits for a sample with a temperature")
                .isTrue();
        lost.advance(amps, DT);
        assertThat(lost.movedVolts(0, amps, true, 25.0))
                .as("no verdict before its restart")
                .isZero();
        lost.restart(0, 3.70, amps, 25.0); // as SensorPlausibility does at the next sample with a temperature
        assertThat(lost.awaitsRestart(0)).isFalse();
        double afterLoss = secondsToBeyond(lost, amps, 25.0, 3600);
        assertThat(afterLoss)
                .as("seconds to a judged move, the SOC at the change not known")
                .isFinite()
                .isCloseTo(withTemperature, within(1.0));
    }
}
