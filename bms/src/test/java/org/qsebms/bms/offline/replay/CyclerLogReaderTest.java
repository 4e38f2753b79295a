package org.qsebms.bms.offline.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qsebms.estimators.characterization.CellTestLog;

/**
 * Real exports of BioLogic, Arbin, Neware and Maccor cyclers (src/test/resources/cycler, with
 * their provenance and licences in DATASET.md). The expected values are read off the files by
 * eye (the row, the column, the text there), not produced by the reader.
 */
class CyclerLogReaderTest {
    private static final Path DIR = Path.of("src/test/resources/cycler");
    private static final Optional<CyclerFormat> AUTO = Optional.empty();

    private static CyclerLog read(String file, double celsius) {
        return CyclerLogReader.read(DIR.resolve(file), AUTO, celsius);
    }

    @Test
    void bioLogicMptIsRecognisedWithItsUnits() {
        CyclerLog r = read("biologic-cp.mpt", 25);
        CellTestLog log = r.log();

        assertThat(r.format()).isEqualTo(CyclerFormat.BIOLOGIC);
        assertThat(log.size()).isEqualTo(121); // lines 58..178 under the header on line 57 ("Nb header lines : 57")
        // first record: time/s 3.283641917048226E+002, I/mA -9.9888000E+001, <Ewe>/V -3.2463198E+000
        assertThat(log.timeS()[0]).isEqualTo(328.3641917048226);
        assertThat(log.currentA()[0]).isCloseTo(-0.099888, within(1e-12));
        assertThat(log.voltageV()[0]).isEqualTo(-3.2463198);
        assertThat(log.temperatureC()[0]).isEqualTo(25.0);
        assertThat(log.timeS()[log.size() - 1]).isEqualTo(447.3645886986196);
        assertThat(r.describe())
                .contains("as BioLogic EC-Lab text export (.mpt): 121 rows")
                .doesNotContain("Windows-1252")
                .contains("current in mA converted to A")
                .contains("temperature 25.0 °C from --celsius");
    }

    /** EC-Lab writes Windows-1252 ("cm²" as byte 0xB2); this copy had it replaced, so it is put back. */
    @Test
    void windows1252TextIsReadWithANote(@TempDir Path tmp) throws Exception {
        String text = Files.readString(DIR.resolve("biologic-cp.mpt")).replace('\uFFFD', '\u00B2');
        Path file = Files.write(tmp.resolve("cp-1252.mpt"), text.getBytes("windows-1252"));
        CyclerLog r = CyclerLogReader.read(file, AUTO, 25);
        assertThat(r.log().voltageV())
                .containsExactly(read("biologic-cp.mpt", 25).log().voltageV());
        assertThat(r.describe()).contains("text read as Windows-1252 (not UTF-8)");
    }

    @Test
    void withoutATemperatureColumnTheErrorSaysToGiveCelsius() {
        assertThatThrownBy(() -> read("biologic-cp.mpt", Double.NaN))
                .isInstanceOf(LogFormatException.class)
                .hasMessage("biologic-cp.mpt (BioLogic EC-Lab text export (.mpt)) has no temperature column; give the "
                        + "cell's temperature with --celsius (e.g. --celsius 25 for a test in a 25 °C chamber)");
    }

    /**
     * A cycle or step index that is not a number (found by {@link MutatedCyclerLogsTest}) was parsed without a
     * guard and reached the user as a NumberFormatException; it is refused naming the line and column, as a bad
     * current or voltage is.
     */
    @Test
    void aCycleIndexThatIsNotANumberIsRefusedNamingItsLineAndColumn(@TempDir Path tmp) throws Exception {
        List<String> lines =
                new java.util.ArrayList<>(Files.readAllLines(DIR.resolve("arbin-FastCharge_000025_CH8.csv")));
        String[] row = lines.get(2).split(",", -1);
        row[5] = "nan"; // Cycle_Index
        lines.set(2, String.join(",", row));
        Path file = Files.write(tmp.resolve("bad-cycle.csv"), lines);
        assertThatThrownBy(() -> CyclerLogReader.read(file, AUTO, Double.NaN))
                .isInstanceOf(LogFormatException.class)
                .hasMessage("bad-cycle.csv line 3, column 6 (Cycle_Index): 'nan' is not a finite number");
    }

    /** EC-Lab in a decimal-comma locale writes the same file with commas: the same numbers come out. */
    @Test
    void decimalCommasReadAsTheSameNumbers(@TempDir Path tmp) throws Exception {
        String text = new String(Files.readAllBytes(DIR.resolve("biologic-cp.mpt")), "windows-1252");
        int header = text.indexOf("mode\tox/red");
        int data = text.indexOf('\n', header) + 1;
        String comma = text.substring(0, data) + text.substring(data).replace('.', ',');
        Path file = Files.write(tmp.resolve("cp-comma.mpt"), comma.getBytes("windows-1252"));

        CyclerLog r = CyclerLogReader.read(file, AUTO, 25);
        CellTestLog dot = read("biologic-cp.mpt", 25).log();
        assertThat(r.log().timeS()).containsExactly(dot.timeS());
        assertThat(r.log().currentA()).containsExactly(dot.currentA());
        assertThat(r.log().voltageV()).containsExactly(dot.voltageV());
        assertThat(r.describe()).contains("decimal commas");
    }

    @Test
    void arbinCsvWithItsTemperatureColumnAndBlankStepColumns() {
        CyclerLog r = read("arbin-2017-05-09_test-TC-contact_CH33.csv", Double.NaN);
        CellTestLog log = r.log();

        assertThat(r.format()).isEqualTo(CyclerFormat.ARBIN);
        assertThat(log.size()).isEqualTo(287);
        // 0,0.0,1494377253.17,,,,6.600444793701172,3.298668384552002,...,25.174373626708984
        assertThat(log.timeS()[0]).isZero();
        assertThat(log.currentA()[0]).isEqualTo(6.600444793701172);
        assertThat(log.voltageV()[0]).isEqualTo(3.298668384552002);
        assertThat(log.temperatureC()[0]).isEqualTo(25.174373626708984);
        assertThat(log.timeS()[1]).isEqualTo(0.6929);
        assertThat(r.cycles()).isZero();
        assertThat(r.describe()).contains("temperature from column 'Temperature'");
    }

    @Test
    void arbinAtRestCountsItsCycleAndStep() {
        CyclerLog r = read("arbin-FastCharge_000025_CH8.csv", Double.NaN);
        assertThat(r.format()).isEqualTo(CyclerFormat.ARBIN);
        assertThat(r.log().size()).isEqualTo(248);
        assertThat(r.log().timeS()[0]).isEqualTo(10.0024);
        assertThat(r.log().temperatureC()[0]).isEqualTo(30.109268);
        assertThat(r.cycles()).isEqualTo(1);
        assertThat(r.steps()).isEqualTo(1);
    }

    @Test
    void maccorUnsignedAmpsTakeTheirSignFromTheStateColumnAndDayTimesParse() {
        CyclerLog r = read("maccor_001-first-560-rows.txt", 0);
        CellTestLog log = r.log();

        assertThat(r.format()).isEqualTo(CyclerFormat.MACCOR);
        assertThat(log.size()).isEqualTo(559); // lines 5..563 under the header on line 4
        // line 6: "2  0  1    0d 00:00:5  ...  0.00000  3.46197  R"
        assertThat(log.timeS()[1]).isEqualTo(5.0);
        assertThat(log.voltageV()[1]).isEqualTo(3.46197);
        // line 7, the first D row: TestTime 0d 00:00:5.05000019073486, Amps 0.50401 (a magnitude)
        assertThat(log.timeS()[2]).isCloseTo(5.05000019073486, within(1e-12));
        assertThat(log.currentA()[2]).isEqualTo(-0.50401);
        // line 478, the first C row: 0d 03:16:37.2200012207031, Amps 1.50233
        assertThat(log.timeS()[473]).isCloseTo(3 * 3600 + 16 * 60 + 37.2200012207031, within(1e-9));
        assertThat(log.currentA()[473]).isEqualTo(1.50233);
        assertThat(r.describe()).contains("current sign from the State column");
    }

    @Test
    void maccorAuxTemperatureOfADisconnectedSensorIsRefusedWithTheWayOut() {
        assertThatThrownBy(() -> read("maccor_001-first-560-rows.txt", Double.NaN))
                .isInstanceOf(LogFormatException.class)
                .hasMessage("maccor_001-first-560-rows.txt line 5, column 15 (Aux #1): -2501.71411 °C is not a cell "
                        + "temperature (a disconnected sensor?); give the cell's temperature with --celsius");
    }

    @Test
    void maccorWithSignedAmpsAndSecondsKeepsDischargeNegative() {
        CyclerLog r = read("maccor-PredictionDiagnostics_000151_test.052", 25);
        CellTestLog log = r.log();
        assertThat(log.size()).isEqualTo(333); // lines 3..335; line 336 is blank
        // 249791  37  44  769267.2400  14.2500  ...  -4.8400091554  3.86823835  D
        assertThat(log.timeS()[0]).isEqualTo(769267.24);
        assertThat(log.currentA()[0]).isEqualTo(-4.8400091554);
        assertThat(log.voltageV()[0]).isEqualTo(3.86823835);
        assertThat(r.cycles()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void maccorEisExportWithOtherStatesKeepsTheirCurrent() {
        CyclerLog r = read("maccor-4267-66-6519.041", 25);
        assertThat(r.log().size()).isEqualTo(74);
        assertThat(r.log().timeS()[1]).isEqualTo(1.0); // 0d 00:00:01.0000
        assertThat(r.log().voltageV()[0]).isEqualTo(3.90806439);
    }

    @Test
    void newareCumulativeTimePastADayAndSignedCurrent() {
        CyclerLog r = read("neware_uio-first-2600-rows.csv", 20);
        CellTestLog log = r.log();

        assertThat(r.format()).isEqualTo(CyclerFormat.NEWARE);
        assertThat(log.size()).isEqualTo(2600);
        // line 724: 723,1,2,CC DChg,00:00:00,12:00:00,-0.00024865,...
        assertThat(log.timeS()[722]).isEqualTo(12 * 3600.0);
        assertThat(log.currentA()[722]).isEqualTo(-0.00024865);
        // line 2418: ...,CC Chg,00:00:00,36:54:34,0.00024858
        assertThat(log.timeS()[2416]).isEqualTo(36 * 3600 + 54 * 60 + 34.0);
        assertThat(log.currentA()[2416]).isEqualTo(0.00024858);
        assertThat(r.cycles()).isEqualTo(1);
        assertThat(r.steps()).isEqualTo(8);
    }

    @Test
    void newareNestedExportReadsTheRecordRowsUnderTheThirdHeader() {
        CyclerLog r = read("nw_regular_export_ife_example-first-400-lines.csv", Double.NaN);
        CellTestLog log = r.log();

        assertThat(r.format()).isEqualTo(CyclerFormat.NEWARE);
        assertThat(log.size()).isEqualTo(392); // the ",,1" .. ",,392" rows
        // ,,1,00:00:00,00:00:00,0.00000,4.3185,...,T1(?) 26.61
        assertThat(log.voltageV()[0]).isEqualTo(4.3185);
        assertThat(log.temperatureC()[0]).isEqualTo(26.61);
        // ,,392,00:04:14,00:54:15,...
        assertThat(log.timeS()[391]).isEqualTo(54 * 60 + 15.0);
        assertThat(r.cycles()).isEqualTo(1);
        assertThat(r.steps()).isEqualTo(4);
    }

    @Test
    void theQseCsvStillReadsAndCelsiusOverridesItsColumn(@TempDir Path tmp) throws Exception {
        Path f = Files.writeString(
                tmp.resolve("log.csv"), "time_s,current_a,voltage_v,temperature_c\n0,1.5,3.7,24\n1,1.5,3.71,24\n");
        CyclerLog r = CyclerLogReader.read(f, AUTO, Double.NaN);
        assertThat(r.format()).isEqualTo(CyclerFormat.QSE);
        assertThat(r.log().temperatureC()).containsExactly(24, 24);
        assertThat(CyclerLogReader.read(f, AUTO, 30).log().temperatureC()).containsExactly(30, 30);
    }

    @Test
    void unknownAndBinaryFilesAndAWrongFormatSayWhatToDo(@TempDir Path tmp) throws Exception {
        Path other = Files.writeString(tmp.resolve("x.csv"), "a,b,c\n1,2,3\n");
        assertThatThrownBy(() -> CyclerLogReader.read(other, AUTO, 25))
                .isInstanceOf(LogFormatException.class)
                .hasMessageStartingWith(
                        "x.csv: not a cell-log format bms knows (first line: 'a,b,c'); it reads auto, qse, "
                                + "biologic, arbin, neware, maccor");
        Path binary = Files.write(tmp.resolve("x.mpr"), new byte[] {'B', 'I', 'O', 0, 1, 2});
        assertThatThrownBy(() -> CyclerLogReader.read(binary, AUTO, 25))
                .hasMessageContaining("a binary file")
                .hasMessageContaining("export it as text");
        assertThatThrownBy(() -> CyclerLogReader.read(
                        DIR.resolve("arbin-FastCharge_000025_CH8.csv"), Optional.of(CyclerFormat.MACCOR), 25))
                .hasMessageContaining("no Maccor text export column header")
                .hasMessageContaining("is --format maccor right?");
        assertThatThrownBy(() -> CyclerFormat.fromOption("gamry"))
                .hasMessage(
                        "--format: 'gamry' is not a known format; give one of auto, qse, biologic, arbin, neware, maccor");
    }

    @Test
    void timeGoingBackIsNamedWithItsLine(@TempDir Path tmp) throws Exception {
        Path f = Files.writeString(
                tmp.resolve("two-tests.csv"),
                "Data_Point,Test_Time(s),Current(A),Voltage(V),Temperature (C)_1\n1,0,1,3.5,25\n2,10,1,3.6,25\n3,5,1,3.6,25\n",
                StandardCharsets.UTF_8);
        assertThatThrownBy(() -> CyclerLogReader.read(f, AUTO, Double.NaN))
                .hasMessageStartingWith("two-tests.csv line 4, column 2 (Test_Time(s)): 5 goes back in time")
                .hasMessageContaining("Split the file");
    }

    @Test
    void milliampsAndMillivoltsAreConverted(@TempDir Path tmp) throws Exception {
        Path f = Files.writeString(
                tmp.resolve("mA.csv"),
                "Data_Point,Test_Time(s),Current(mA),Voltage(mV),Aux_Temperature_1(C)\n1,0,-250,3650,23.5\n");
        CellTestLog log = CyclerLogReader.read(f, AUTO, Double.NaN).log();
        assertThat(log.currentA()[0]).isEqualTo(-0.25);
        assertThat(log.voltageV()[0]).isEqualTo(3.65);
        assertThat(log.temperatureC()[0]).isEqualTo(23.5);
    }
}
