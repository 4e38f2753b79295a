package org.qsebms.bms.cli;

import com.pi4j.Pi4J;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import org.qsebms.hal.bq76952.Bq76952;
import org.qsebms.hal.bq76952.Bq76952BoardFactory;
import org.qsebms.hal.bq76952.Bq76952Commands;
import org.qsebms.hal.bq76952.Bq76952Setting;
import org.qsebms.hal.bq76952.Bq76952Wiring;
import org.qsebms.hal.bus.BusException;
import org.qsebms.hal.emulator.EmulatedBq76952Board;
import org.qsebms.hal.emulator.ManualNanoClock;
import org.qsebms.hal.pi4j.Pi4jBoardPorts;
import org.qsebms.hal.wiring.BoardPorts;
import org.qsebms.hal.wiring.BoardProbe;
import org.qsebms.hal.wiring.ProbeReport;

/**
 * {@code bms hal probe} for a {@code hal.bq76952} board: reads the chip without writing to it
 * (DEVICE_NUMBER, every cell, CC2, stack, thermistors, FET and Safety Status, ALERT pin) and
 * compares each protection value in the chip with what {@code bms run} would write.
 */
final class Bq76952ProbeRun {
    private Bq76952ProbeRun() {}

    static int run(Bq76952Wiring wiring, Path config, boolean emulated, PrintWriter out, PrintWriter err) {
        BoardPorts ports;
        try {
            ports = emulated ? nominal(wiring) : new Pi4jBoardPorts(Pi4J.newAutoContext());
        } catch (IllegalStateException e) {
            err.println(e.getMessage());
            return 1;
        }
        out.println("qse-bms hal probe: " + config + (emulated ? " (emulated)" : "") + ", BQ76952 on i2c-"
                + wiring.bus()
                + String.format(" 0x%02X", wiring.address()) + (wiring.crc() ? " with CRC" : ""));
        try {
            var built = Bq76952BoardFactory.build(wiring, ports, false);
            ProbeReport report = BoardProbe.probe(built.board());
            HalProbeCommand.print(report, out);
            if (!report.chips().get(0).answered()) {
                err.println("probe found: " + String.join("; ", report.failures()));
                return 1;
            }
            Bq76952 chip = built.chip();
            int fets = chip.readDirectU1(Bq76952Commands.FET_STATUS);
            built.safety().refresh();
            out.println(String.format(
                    Locale.ROOT,
                    "FET Status 0x%02X: CHG %s, DSG %s; ALERT pin %s",
                    fets,
                    (fets & Bq76952Commands.FET_STATUS_CHG) != 0 ? "on" : "off",
                    (fets & Bq76952Commands.FET_STATUS_DSG) != 0 ? "on" : "off",
                    wiring.alertPin() < 0
                            ? "not wired"
                            : built.safety().alertAsserted() ? "asserted (low)" : "idle (high)"));
            out.println(built.safety().describe());
            out.println("protection settings (chip now / what bms run writes):");
            int differ = 0;
            for (Bq76952Setting s : wiring.plan().settings()) {
                long found = chip.readDataMemory(s.address(), s.bytes());
                boolean same = found == s.value();
                differ += same ? 0 : 1;
                out.println(String.format(
                        Locale.ROOT,
                        "  %-4s %-44s 0x%04X %10d / %-10d %s",
                        same ? "OK" : "DIFF",
                        s.name(),
                        s.address(),
                        found,
                        s.value(),
                        s.meaning()));
            }
            out.println(
                    differ == 0
                            ? "the chip holds every configured protection value"
                            : differ
                                    + " value(s) differ: bms run writes them at start and refuses to run if one does not "
                                    + "read back");
            if (!report.allOk()) {
                err.println("probe found " + report.failures().size() + " problem(s):");
                report.failures().forEach(f -> err.println("  " + f));
                return 1;
            }
            out.println("the chip answers and every channel reads OK");
            return 0;
        } catch (BusException | IllegalStateException e) {
            err.println("probe failed: " + e.getMessage());
            return 1;
        } finally {
            ports.close();
        }
    }

    /** A chip with power-on defaults on a nominal 3.70 V / 0 A / 25 degC pack. */
    private static EmulatedBq76952Board nominal(Bq76952Wiring wiring) {
        var board =
                new EmulatedBq76952Board(wiring, new ManualNanoClock(), EmulatedBq76952Board.DEFAULT_WATCHDOG_NANOS);
        double[] cells = new double[wiring.cellInputs().size()];
        java.util.Arrays.fill(cells, 3.70);
        board.connectPack(cells, () -> 0.0, new double[] {25, 25, 25});
        return board;
    }
}
