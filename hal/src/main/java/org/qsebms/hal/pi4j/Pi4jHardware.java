package org.qsebms.hal.pi4j;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import org.qsebms.hal.bq76952.Bq76952BoardFactory;
import org.qsebms.hal.bq76952.Bq76952Wiring;
import org.qsebms.hal.wiring.Board;
import org.qsebms.hal.wiring.BoardProbe;
import org.qsebms.hal.wiring.PackHardwareFactory;
import org.qsebms.hal.wiring.WiringConfig;

/**
 * Start-up of the {@code pi4j} backend: a Pi4J context with real providers only, the board
 * built from the wiring, and the fail-fast self-test (every chip answers, every channel reads
 * OK once). On any failure the context is shut down and the exception names what to fix.
 */
public final class Pi4jHardware {
    private Pi4jHardware() {}

    /** Opens the Pi's hardware for {@code wiring}, with Pi4J's auto-detected providers. */
    public static Board open(WiringConfig wiring) {
        return open(wiring, Pi4J.newAutoContext());
    }

    /**
     * Opens a Pi wired to a BQ76952: configures the chip (refusing a protection value that does not
     * read back), then runs the self-test.
     */
    public static Board open(Bq76952Wiring wiring) {
        Context pi4j = Pi4J.newAutoContext();
        Pi4jBoardPorts ports;
        try {
            ports = new Pi4jBoardPorts(pi4j);
        } catch (RuntimeException e) {
            pi4j.shutdown();
            throw e;
        }
        try {
            Board board = Bq76952BoardFactory.build(wiring, ports).board();
            BoardProbe.selfTest(board);
            return board;
        } catch (RuntimeException e) {
            ports.close();
            throw e;
        }
    }

    /**
     * @throws IllegalStateException when Pi4J runs on mock providers or the self-test fails
     */
    public static Board open(WiringConfig wiring, Context pi4j) {
        Pi4jBoardPorts ports;
        try {
            ports = new Pi4jBoardPorts(pi4j);
        } catch (RuntimeException e) {
            pi4j.shutdown();
            throw e;
        }
        Board board = null;
        try {
            board = PackHardwareFactory.build(wiring, ports);
            BoardProbe.selfTest(board);
            return board;
        } catch (RuntimeException e) {
            try {
                if (board != null) {
                    board.close();
                } else {
                    ports.close();
                }
            } catch (Exception closing) {
                e.addSuppressed(closing);
            }
            throw e;
        }
    }
}
