package org.qsebms.bms.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.qsebms.bms.runtime.ConsoleStatusLine;
import org.qsebms.bms.snapshot.PackSample;
import org.qsebms.bms.supervisor.SupervisorState;

/** The legend of the status line in 'run --help' and the README shows what the BMS really prints. */
class StatusLineLegendTest {
    private static String example() {
        PackSample s = new PackSample(4, 4);
        s.state = SupervisorState.NORMAL;
        s.packVolts = 14.80;
        s.packAmps = -1.0;
        s.minCellVolts = 3.698;
        s.maxCellVolts = 3.702;
        s.maxCelsius = 25.0;
        s.packSoc = 0.5;
        s.mainNegativeClosed = true;
        s.mainPositiveClosed = true;
        return ConsoleStatusLine.format(s);
    }

    @Test
    void runHelpShowsARealStatusLineAndExplainsTheContactorLetters() {
        StringWriter out = new StringWriter();
        var cl = BmsCommand.commandLine();
        cl.setOut(new PrintWriter(out, true));
        assertThat(cl.execute("run", "--help")).isZero();

        assertThat(out.toString())
                .contains("  " + example() + "\n")
                .contains("N main negative")
                .contains("P precharge")
                .contains("+ main positive")
                .contains("NP- = precharging")
                .contains("TRIPPED");
    }

    @Test
    void readmeShowsTheSameLineAndTheSameLegend() throws Exception {
        String readme = Files.readString(Path.of("../README.md"));
        assertThat(readme)
                .contains("   " + example() + "\n")
                .contains("`N` main negative")
                .contains("`NP-` precharging");
    }

    @Test
    void precharging() {
        PackSample s = new PackSample(4, 4);
        s.state = SupervisorState.PRECHARGE;
        s.mainNegativeClosed = true;
        s.prechargeClosed = true;
        assertThat(ConsoleStatusLine.format(s)).endsWith("contactors NP-");
    }
}
