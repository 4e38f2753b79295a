package org.qsebms.benchmarks;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.qsebms.config.PresetCatalog;
import org.qsebms.estimators.calibration.PaperCalibration;
import org.qsebms.estimators.calibration.PaperData;
import org.qsebms.estimators.model.Cathode;
import org.qsebms.estimators.model.CellGeometry;
import org.qsebms.estimators.model.Electrolyte;
import org.qsebms.estimators.model.QseCell;
import org.qsebms.estimators.model.QseCellParameters;

/**
 * One step of the QSE cell model (Li||LFP lab cell, PSOA, 1 s step) under a 0.5 C current that
 * reverses every 4096 steps, with the thermal state moving every step. Target: >= 10 M
 * steps/s on one core and no allocation ({@code -prof gc}).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class CellModelStepBenchmark {
    private QseCell cell;
    private double amps;
    private int step;

    @Setup(Level.Trial)
    public void setUp() {
        var model = PaperCalibration.calibrate(PaperData.bundled());
        var ocv = new PresetCatalog().load("psoa-lfp").cell().ocv();
        QseCellParameters p =
                QseCellParameters.of(model.laws(Electrolyte.PSOA), Cathode.LFP, CellGeometry.labCell(2.0, 50.0), ocv);
        cell = new QseCell(p, 0.5, 25.0);
        amps = 0.5 * p.oneCAmps();
    }

    @Benchmark
    public double step() {
        int s = step++;
        cell.step((s & 4096) == 0 ? amps : -amps, 1.0);
        if ((s & 0xFFFF) == 0) {
            cell.setSoc(0.5);
        }
        return cell.terminalVolts();
    }
}
