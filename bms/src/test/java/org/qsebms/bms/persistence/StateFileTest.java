package org.qsebms.bms.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateFileTest {
    @TempDir
    Path dir;

    static PersistedState sample(long seq) {
        return new PersistedState(seq, 1_764_000_000_000L + seq, new double[] {0.5, 0.51, 0.49, 0.123456789012345},
                new double[] {2.0, 1.98, 2.01, 2.0}, new double[] {0.035, 0.036, 0.034, 0.035}, new double[4], 7, 31.25,
                0.97, List.of(new FaultLogEntry(1_764_000_000_000L, 101, "CELL_OVER_VOLTAGE.MSL", true,
                        "cell 3: cellVoltage 4.320 V above limit 4.300 V for 300 ms; a;b")));
    }

    private final PersistedState defaults = PersistedState.defaults(4, 2.0, 0.035);

    @Test
    void roundTripsEveryFieldExactly() throws IOException {
        StateFile f = new StateFile(dir.resolve("s.txt"));
        f.write(sample(42));
        StateFile.Loaded l = f.load(4, defaults);
        assertThat(l.restored()).isTrue();
        assertThat(l.warning()).isNull();
        assertThat(l.state()).isEqualTo(sample(42));
        assertThat(Files.exists(dir.resolve("s.txt.tmp"))).isFalse();
        assertThat(Files.readString(dir.resolve("s.txt"))).contains("cellSoc=0.5,0.51,0.49,0.123456789012345\n")
                .containsPattern("\ncrc32=[0-9a-f]{8}\n$");
    }

    @Test
    void aMissingFileGivesDefaultsAndAWarning() {
        StateFile.Loaded l = new StateFile(dir.resolve("none.txt")).load(4, defaults);
        assertThat(l.restored()).isFalse();
        assertThat(l.state()).isEqualTo(defaults);
        assertThat(l.warning()).startsWith("no persisted state at ").endsWith(
                "(first start?): starting with safe defaults, SOC from the open-circuit voltage");
    }

    @Test
    void aFlippedByteIsCaughtByTheChecksum() throws IOException {
        Path p = dir.resolve("s.txt");
        new StateFile(p).write(sample(1));
        byte[] b = Files.readAllBytes(p);
        int i = new String(b, StandardCharsets.UTF_8).indexOf("0.51");
        b[i + 3] = '7';
        Files.write(p, b);
        StateFile.Loaded l = new StateFile(p).load(4, defaults);
        assertThat(l.restored()).isFalse();
        assertThat(l.state()).isEqualTo(defaults);
        assertThat(l.warning()).contains("is corrupt (checksum mismatch: file says").contains("safe defaults")
                .endsWith("It is replaced at the next save");
    }

    @Test
    void aTruncatedFileIsCorruptNotACrash() throws IOException {
        Path p = dir.resolve("s.txt");
        new StateFile(p).write(sample(1));
        byte[] b = Files.readAllBytes(p);
        for (int len : new int[] {0, 1, 10, b.length / 2, b.length - 3, b.length - 1}) {
            Files.write(p, java.util.Arrays.copyOf(b, len));
            StateFile.Loaded l = new StateFile(p).load(4, defaults);
            assertThat(l.restored()).as("length " + len).isFalse();
            assertThat(l.warning()).as("length " + len).contains("is corrupt");
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
        StateFile.Loaded l = new StateFile(p).load(16, PersistedState.defaults(16, 2.0, 0.035));
        assertThat(l.restored()).isFalse();
        assertThat(l.warning()).contains("is for 4 cells but the pack has 16").contains("delete the file if the pack was rebuilt");
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
