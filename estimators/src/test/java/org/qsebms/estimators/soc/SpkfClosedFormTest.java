package org.qsebms.estimators.soc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.qsebms.estimators.model.EcmParameters;
import org.qsebms.estimators.model.EquivalentCircuitCell;
import org.qsebms.estimators.model.OcvDoubt;
import org.qsebms.estimators.model.TemperatureSpan;
import org.qsebms.estimators.model.TopKneeChargeExcess;

/**
 * {@link SpkfSocEstimator} computes the central-difference sigma-point filter in closed form (the
 * model is linear but for the OCV and the offset's products); {@link PointwiseSpkfSocEstimator} is
 * the same filter written point by point, as it was before. Both must give the same SOC, bound,
 * parameters, RC volts, offset, voltage sigma, covariance and rejections to rounding, over long
 * runs with every adaptation, the offset state on and off, two-temperature resistance tables, a
 * flat OCV, temperatures inside and outside the characterised span, hysteresis, the top knee's excess under a
 * sustained charge ({@link TopKneeChargeConsider}), varying steps,
 * outliers (rejected and re-learnt), restarts, bleed charge and a learnt capacity.
 */
class SpkfClosedFormTest {
    /**
     * Relative difference allowed (absolute below 1; the covariance relative to its states' sigmas):
     * rounding, carried through a few thousand steps of feedback, is far below it (about 1e-13 for
     * SOC, measured), and so is it below any figure the filter reports.
     */
    private static final double TOLERANCE = 1e-9;

    static Stream<Arguments> cases() {
        EkfAdaptation[] adaptations = {
            EkfAdaptation.OFF, EkfAdaptation.resistance(), EkfAdaptation.resistanceAndCapacity(),
        };
        return Stream.of(1L, 2L)
                .flatMap(seed -> Stream.of(adaptations)
                        .flatMap(a -> Stream.of(a, a.withCurrentOffset(CurrentOffsetDoubt.piCurrentChannel())))
                        .flatMap(a -> Stream.of("ncm", "tables", "lfp", "slow", "slow-state", "topknee")
                                .map(cell -> Arguments.of(seed, a, cell))));
    }

    private static EcmParameters cell(String name) {
        return switch (name) {
            case "ncm" ->
                TestCells.ncmCell()
                        .withOcvDoubt(OcvDoubt.of(new double[] {0, 0.3, 0.7, 1}, new double[] {0.030, 0.008, 0.015}));
            case "slow", "slow-state" ->
                TestCells.ncmCellWithTablesAtTwoTemperatures()
                        .withSlowPolarisation(new org.qsebms.estimators.model.SlowPolarisation(
                                600, new double[] {0, 0.3, 0.6, 1}, new double[] {0.04, 0.02, 0.01}));
            case "topknee" -> TestCells.ncmCell().withTopKneeChargeExcess(new TopKneeChargeExcess(0.03, 0.0));
            case "tables" ->
                TestCells.ncmCellWithTablesAtTwoTemperatures().withCharacterisedCelsius(new TemperatureSpan(10, 30));
            default ->
                EcmParameters.builder()
                        .capacityAh(2.0)
                        .r0Ohms(0.03)
                        .r1Ohms(0.01)
                        .tau1Seconds(10)
                        .r2Ohms(0.01)
                        .tau2Seconds(200)
                        .activationEnergyJPerMol(20_000)
                        .ocv(TestCells.flatLfp())
                        .build();
        };
    }

    @ParameterizedTest
    @MethodSource("cases")
    void closedFormEqualsThePointByPointFilter(long seed, EkfAdaptation given, String cellName) {
        // "slow-state": the slow branch as a state the voltage corrects
        EkfAdaptation adaptation = given.withSlowBranchState(cellName.equals("slow-state"));
        SplittableRandom r = new SplittableRandom(seed);
        EcmParameters params = cell(cellName);
        int cells = 3;
        HysteresisModel hyst = new HysteresisModel(r.nextDouble(0, 0.02), 30);
        SpkfSocEstimator fast = new SpkfSocEstimator(params, hyst, EkfTuning.defaults(), adaptation, cells);
        PointwiseSpkfSocEstimator reference =
                new PointwiseSpkfSocEstimator(params, hyst, EkfTuning.defaults(), adaptation, cells);
        EquivalentCircuitCell[] truth = new EquivalentCircuitCell[cells];
        for (int c = 0; c < cells; c++) {
            truth[c] = new EquivalentCircuitCell(params.scaled(1 + 0.05 * c, 1.1), r.nextDouble(0.1, 0.95), 25);
        }
        double[] volts = new double[cells];
        double[] celsius = {25, r.nextDouble(-5, 45), r.nextDouble(-5, 45)};
        double[] amps = EkfSocEstimatorTest.profile(r, 5000, 8);
        if (cellName.equals("topknee")) {
            // a sustained charge (arms the top knee's term: 5 tau2 = 1000 s), then a dithering hold that still takes
            // charge: the term on, on the hold's charge samples only, then off
            for (int k = 2500; k < 4000; k++) {
                amps[k] = k < 3600 ? 1.5 : (k % 20 < 12 ? 0.4 : -0.3);
            }
        }
        double[] fastCov = new double[25];
        double[] referenceCov = new double[25];
        double worst = 0;
        String worstWhere = "nowhere";
        double worstCovariance = 0;
        String worstCovarianceWhere = "nowhere";
        for (int k = 0; k < amps.length; k++) {
            double dt = k % 500 < 250 ? 1.0 : r.nextDouble(0.05, 2.0);
            for (int c = 0; c < cells; c++) {
                truth[c].step(amps[k], dt);
                double outlier = r.nextInt(150) == 0 ? r.nextDouble(-1.5, 1.5) : 0.0;
                volts[c] = truth[c].terminalVolts() + 0.05 + 0.003 * r.nextGaussian() + outlier;
            }
            if (k % 1000 == 999) {
                celsius[1] = r.nextDouble(-5, 45);
            }
            fast.update(amps[k] + 0.05, volts, celsius, dt);
            reference.update(amps[k] + 0.05, volts, celsius, dt);
            if (k == 2000) {
                double start = r.nextDouble(0.2, 0.8);
                fast.setCellSoc(2, start);
                reference.setCellSoc(2, start);
                fast.setCellCapacityAh(1, 0.95 * params.capacityAh());
                reference.setCellCapacityAh(1, 0.95 * params.capacityAh());
            }
            if (k % 300 == 0) {
                fast.countCellDischargeAh(0, 0.001);
                reference.countCellDischargeAh(0, 0.001);
            }
            for (int c = 0; c < cells; c++) {
                double[] pairs = {
                    fast.cellSoc(c), reference.cellSoc(c),
                    fast.cellSocBound3Sigma(c), reference.cellSocBound3Sigma(c),
                    fast.cellR0Scale(c), reference.cellR0Scale(c),
                    fast.cellCapacityAh(c), reference.cellCapacityAh(c),
                    fast.cellRcVolts(c), reference.cellRcVolts(c),
                    fast.cellCurrentOffsetAmps(c), reference.cellCurrentOffsetAmps(c),
                    fast.cellCurrentOffsetSigmaAmps(c), reference.cellCurrentOffsetSigmaAmps(c),
                    fast.cellVoltageSigmaVolts(c), reference.cellVoltageSigmaVolts(c),
                    fast.cellHysteresis(c), reference.cellHysteresis(c)
                };
                for (int j = 0; j < pairs.length; j += 2) {
                    double d = Math.abs(pairs[j] - pairs[j + 1]) / Math.max(1.0, Math.abs(pairs[j + 1]));
                    if (d > worst) {
                        worst = d;
                        worstWhere = "output " + j / 2 + " of cell " + c + " at step " + k;
                    }
                }
                fast.cellFullCovariance(c, fastCov);
                reference.cellFullCovariance(c, referenceCov);
                for (int row = 0; row < 5; row++) {
                    for (int col = 0; col < 5; col++) {
                        // relative to the two states' sigmas (a frozen state's zero row compares absolutely)
                        double scale = Math.sqrt(referenceCov[6 * row] * referenceCov[6 * col]);
                        double d = Math.abs(fastCov[5 * row + col] - referenceCov[5 * row + col])
                                / Math.max(scale, 1e-300);
                        if (d > worstCovariance) {
                            worstCovariance = d;
                            worstCovarianceWhere = "(" + row + ", " + col + ") of cell " + c + " at step " + k;
                        }
                    }
                }
            }
        }
        System.out.printf(
                Locale.ROOT,
                "closed form against point by point, seed %d, %s, %s: largest difference %.1e (%s), covariance %.1e"
                        + " (%s)%n",
                seed,
                adaptation,
                cellName,
                worst,
                worstWhere,
                worstCovariance,
                worstCovarianceWhere);
        assertThat(worst).as(worstWhere).isLessThanOrEqualTo(TOLERANCE);
        assertThat(worstCovariance).as(worstCovarianceWhere).isLessThanOrEqualTo(TOLERANCE);
        assertThat(fast.rejectedMeasurements())
                .isEqualTo(reference.rejectedMeasurements())
                .isPositive();
    }
}
