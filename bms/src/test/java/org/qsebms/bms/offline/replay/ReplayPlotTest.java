package org.qsebms.bms.offline.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplayPlotTest {
    @Test
    void theTimeAxisUnitFollowsTheLogsLength() {
        assertThat(ReplayPlot.TimeUnit.forSpan(80 * 60).name()).isEqualTo("min"); // an 80 min drive cycle
        assertThat(ReplayPlot.TimeUnit.forSpan(54 * 3600).name()).isEqualTo("h"); // a C/20 test
        assertThat(ReplayPlot.TimeUnit.forSpan(30 * 86400).name()).isEqualTo("days");
    }

    /** The band, the reference and the estimate are all drawn: their colours are in the picture. */
    @Test
    void drawsTheBoundAsABandWithReferenceAndEstimateVisible(@TempDir Path tmp) throws Exception {
        int n = 600;
        double[] t = new double[n];
        double[] est = new double[n];
        double[] bound = new double[n];
        double[] ref = new double[n];
        double[] nan = new double[n];
        for (int i = 0; i < n; i++) {
            t[i] = i * 10;
            ref[i] = 1 - 0.8 * i / n;
            est[i] = ref[i] + 0.01;
            bound[i] = 0.06;
            nan[i] = Double.NaN;
        }
        ReplayTrace trace = new ReplayTrace(t, est, bound, nan, nan, nan, ref);
        Path png = tmp.resolve("replay.png");
        ReplayPlot.write(trace, "test", png);

        BufferedImage img = ImageIO.read(png.toFile());
        assertThat(count(img, 0xc6dbef)).as("band pixels").isGreaterThan(5000);
        assertThat(count(img, 0xff7f0e)).as("reference pixels").isGreaterThan(200);
        assertThat(count(img, 0x1f77b4)).as("estimate pixels").isGreaterThan(200);
    }

    private static int count(BufferedImage img, int rgb) {
        int c = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                if ((img.getRGB(x, y) & 0xffffff) == rgb) {
                    c++;
                }
            }
        }
        return c;
    }
}
