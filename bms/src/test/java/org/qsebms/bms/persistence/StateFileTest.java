package org.qsebms.bms.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qsebms.estimators.health.HealthState;
import org.qsebms.estimators.health.UsableCapacity;
import org.qsebms.estimators.soc.SocState;

class StateFileTest {
    @TempDir
    Path dir;

    static PersistedState sample(long seq) {
        return PersistedState.builder(
                        new SocState(
                                new double[] {0.5, 0.51, 0.49, 0.123456789012345},
                                new double[] {0.01, 0.0123456789, Double.NaN, 0.2},
                                true),
                        new HealthState(
                                new double[] {2.0, 1.98, 2.01, 2.0},
                                PersistedState.nans(4),
                                new double[] {0.035, 0.036, 0.034, 0.035},
                                new double[4],
                                PersistedState.nans(4),
                                PersistedState.nans(4),
                                new int[4],
                                0.97,
                                List.of()))
                .sequence(seq)
                .savedEpochMillis(1_764_000_000_000L + seq)
                .cycleCount(7)
                .ahThroughput(31.25)
                .faultLog(List.of(new FaultLogEntry(
                        1_764_000_000_000L,
                        101,
                        "CELL_OVER_VOLTAGE.MSL",
                        true,
                        "cell 3: cellVoltage 4.320 V above limit 4.300 V for 300 ms; a;b")))
                .build();
    }

    private final PersistedState defaults = PersistedState.defaults(4, 2.0, 0.035);

    static PersistedState withHealth(long seq) {
        PersistedState s = sample(seq);
        return PersistedState.builder(
                        s.soc(),
                        new HealthState(
                                s.capacityAh(),
                                new double[] {0.021, Double.NaN, 0.02, 0.0199},
                                s.resistanceOhm(),
                                new double[] {0.0005, 0.0006, 0.0004, 0.0005},
                                new double[] {10.2, 10.1, 10.25, 10.0},
                                new double[] {0.0031, Double.NaN, 0.0029, 0.003},
                                new int[] {12, 0, 12, 11},
                                0.991,
                                List.of(
                                        new HealthState.HistoryPoint(1.0, 20417.25, 0.035, 0.0005),
                                        new HealthState.HistoryPoint(2.04, 20417.5, 0.0351, 0.0006))))
                .sequence(s.sequence())
                .savedEpochMillis(s.savedEpochMillis())
                .cycleCount(s.cycleCount())
                .ahThroughput(s.ahThroughput())
                .faultLog(s.faultLog())
                .usableCapacity(new UsableCapacity(1.8123, 0.6012, 27.5, 1_764_000_123_456L))
                .build();
    }

    @Test
    void roundTripsHealthWithUnknownsAndTheResistanceHistory() throws IOException {
        StateFile f = new StateFile(dir.resolve("s.txt"));
        f.write(withHealth(43));
        StateFile.Loaded l = f.load(4, defaults);
        assertThat(l.warning()).isNull();
        assertThat(l.state()).isEqualTo(withHealth(43));
        assertThat(l.state().resistanceHistory()).hasSize(2);
        assertThat(Files.readString(dir.resolve("s.txt")))
                .contains("resistance=2.04;20417.5;0.0351;6.0E-4\n")
                .contains("capacitySigmaAh=0.021,NaN,0.02,0.0199\n")
                .contains("closedCycles=12,0,12,11\n")
                .contains("usableCapacity=1.8123;0.6012;27.5;1764000123456\n");
    }

    /**
     * Removes the previous generation a write keeps, so a test of what makes one file unusable sees that file alone
     * (StateGenerationsTest covers the two together).
     */
    static void onlyThisGeneration(Path p) throws IOException {
        Files.delete(p.resolveSibling(p.getFileName() + StateFile.PREVIOUS_SUFFIX));
    }

    /** Writes {@code body} followed by its correct crc32 line, as a file edited by hand would need. */
    private static void writeWithChecksum(Path file, String body) throws IOException {
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(body.getBytes(StandardCharsets.UTF_8));
        Files.writeString(file, body + String.format("crc32=%08x\n", crc.getValue()));
    }

    @Test
    void aFileFromBeforeTheHealthTrackerLoadsWithTheHealthDetailsUnknown() throws IOException {
        // the format-1 keys as written before capacitySigmaAh, excessLithiumAh, ... existed
        String body = "# qse-bms persisted state. Do not edit: the crc32 line must match.\nformat=1\nsequence=5\n"
                + "savedEpochMillis=1764000000005\ncells=4\ncellSoc=0.5,0.5,0.5,0.5\ncapacityAh=2.0,2.0,2.0,2.0\n"
                + "resistanceOhm=0.035,0.035,0.035,0.035\nseiResistanceOhm=0.0,0.0,0.0,0.0\ncycleCount=1\n"
                + "ahThroughput=4.0\nlithiumInventoryFraction=1.0\n";
        writeWithChecksum(dir.resolve("old.txt"), body);
        StateFile.Loaded l = new StateFile(dir.resolve("old.txt")).load(4, defaults);
        assertThat(l.restored()).isTrue();
        assertThat(l.state().capacitySigmaAh()).containsOnly(Double.NaN);
        assertThat(l.state().closedCycles()).containsOnly(0);
        assertThat(l.state().resistanceHistory()).isEmpty();
        assertThat(l.state().ahThroughput()).isEqualTo(4.0);
        assertThat(l.state().usableCapacity())
                .as("no usable capacity measured before the meter existed")
                .isNull();
        assertThat(l.state().soc().cellSocSigma())
                .as("no SOC doubt saved before it was persisted: the restored SOC takes the start doubt")
                .containsOnly(Double.NaN);
        assertThat(l.state().soc().atStop())
                .as("a save nobody marked as made at a stop counts as made while running")
                .isFalse();
    }

    @Test
    void aBadUsableCapacityLineIsCorruptionNotACrash() throws IOException {
        Path p = dir.resolve("s.txt");
        new StateFile(p).write(withHealth(3));
        onlyThisGeneration(p);
        String text = Files.readString(p);
        for (String bad : new String[] {
            "usableCapacity=1.8123;0.6012;27.5\n", "usableCapacity=-1;0.6;27.5;1\n", "usableCapacity=x;0.6;27.5;1\n"
        }) {
            String body = text.substring(0, text.lastIndexOf("crc32="))
                    .replace("usableCapacity=1.8123;0.6012;27.5;1764000123456\n", bad);
            writeWithChecksum(p, body);
            StateFile.Loaded l = new StateFile(p).load(4, defaults);
            assertThat(l.restored()).as(bad).isFalse();
            assertThat(l.state()).isEqualTo(defaults);
            assertThat(l.warning()).as(bad).contains("usableCapacity");
        }
    }

    @Test
    void aBadResistanceLineIsCorruptionNotACrash() throws IOException {
        Path p = dir.resolve("s.txt");
        new StateFile(p).write(withHealth(3));
        onlyThisGeneration(p);
        String text = Files.readString(p);
        String body = text.substring(0, text.lastIndexOf("crc32=")).replace("resistance=1.0;", "resistance=1.0;x;");
        writeWithChecksum(p, body);
        StateFile.Loaded l = new StateFile(p).load(4, defaults);
        assertThat(l.restored()).isFalse();
        assertThat(l.state()).isEqualTo(defaults);
        assertThat(l.warning()).contains("resistance entry");
    }

    @Test
    void roundTripsEveryFieldExactly() throws IOException {
        StateFile f = new StateFile(dir.resolve("s.txt"));
        f.write(sample(42));
        StateFile.Loaded l = f.load(4, defaults);
        assertThat(l.restored()).isTrue();
        assertThat(l.previousGeneration()).isFalse();
        assertThat(l.warning()).isNull();
        assertThat(l.state()).isEqualTo(sample(42));
        assertThat(Files.exists(dir.resolve("s.txt.tmp"))).isFalse();
        assertThat(Files.readString(dir.resolve("s.txt")))
                .contains("cellSoc=0.5,0.51,0.49,0.123456789012345\n")
                .contains("cellSocSigma=0.01,0.0123456789,NaN,0.2\nsocAtStop=true\n")
                .containsPattern("\ncrc32=[0-9a-f]{8}\n$");
    }

    @Test
    void aMissingFileGivesDefaultsAndAWarning() {
        StateFile.Loaded l = new StateFile(dir.resolve("none.txt")).load(4, defaults);
        assertThat(l.restored()).isFalse();
        assertThat(l.state()).isEqualTo(defaults);
        assertThat(l.warning())
                .startsWith("no persisted state at ")
                .endsWith("(first start?): starting with safe defaults, SOC from the open-circuit voltage");
    }

    @Test
    void aFlippedByteIsCaughtByTheChecksum() throws IOException {
        Path p = dir.resolve("s.txt");
        new StateFile(p).write(sample(1));
        onlyThisGeneration(p);
        byte[] b = Files.readAllBytes(p);
        int i = new String(b, StandardCharsets.UTF_8).indexOf("0.51");
        b[i + 3] = '7';
        Files.write(p, b);
        StateFile.Loaded l = new StateFile(p).load(4, defaults);
        assertThat(l.restored()).isFalse();
        assertThat(l.state()).isEqualTo(defaults);
        assertThat(l.warning())
                .contains("is corrupt (checksum mismatch: file says")
                .contains("safe defaults")
                .contains("kept aside as")
                .contains("previous generation " + dir.resolve("s.txt.previous").toAbsolutePath() + " is missing")
                .endsWith("Starting with safe defaults, SOC from the open-circuit voltage");
        assertThat(l.stateUnknown())
                .as("a state was saved and cannot be read: the latches in it are unknown")
                .contains("PERSISTED_STATE_UNKNOWN is latched")
                .contains("send a reset");
    }

    @Test
    void aTruncatedFileIsCorruptNotACrash() throws IOException {
        Path p = dir.resolve("s.txt");
        new StateFile(p).write(sample(1));
        onlyThisGeneration(p);
        byte[] b = Files.readAllBytes(p);
        for (int len : new int[] {0, 1, 10, b.length / 2, b.length - 3, b.length - 1}) {
            Files.write(p, java.util.Arrays.copyOf(b, len));
            StateFile.Loaded l = new StateFile(p).load(4, defaults);
            assertThat(l.restored()).as("length " + len).isFalse();
            assertThat(l.warning()).as("length " + len).contains("is corrupt");
            assertThat(l.stateUnknown()).as("length " + len).isNotNull();
        }
    }

    @Test
    void randomGarbageIsCorruptNotACrash() throws IOException {
        Path p = dir.resolve("s.txt");
        java.util.SplittableRandom r = new java.util.SplittableRandom(7);
        for (int k = 0; k < 200; k++) {
            byte[] b = new byte[r.nextInt(400)];
            for (int i = 0; i < b.length; i++) {
                b[i] = (byte) r.nextInt(256);
            }
            Files.write(p, b);
            StateFile.Loaded l = new StateFile(p).load(4, defaults);
            assertThat(l.restored()).isFalse();
            assertThat(l.state()).isEqualTo(defaults);
        }
    }

    @Test
    void aFileForAnotherPackSizeIsIgnoredWithAnExplanation() throws IOException {
        Path p = dir.resolve("s.txt");
        new StateFile(p).write(sample(1));
        onlyThisGeneration(p);
        StateFile.Loaded l = new StateFile(p).load(16, PersistedState.defaults(16, 2.0, 0.035));
        assertThat(l.restored()).isFalse();
        assertThat(l.warning())
                .contains("is for 4 cells but the pack has 16")
                .contains("kept aside as")
                .contains("if the pack was rebuilt or reconfigured on purpose, check it");
        assertThat(l.stateUnknown()).contains("then send a reset");
    }

    @Test
    void aLeftoverTemporaryFileFromACrashDoesNotMatter() throws IOException {
        Path p = dir.resolve("s.txt");
        new StateFile(p).write(sample(3));
        Files.writeString(dir.resolve("s.txt.tmp"), "half a wri");
        assertThat(new StateFile(p).load(4, defaults).state().sequence()).isEqualTo(3);
        new StateFile(p).write(sample(4));
        assertThat(new StateFile(p).load(4, defaults).state().sequence()).isEqualTo(4);
    }
}
