package org.qsebms.bms.hil;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

/** The shipped example configurations the driver-level tests run, found from wherever the build runs them. */
public final class ExampleBoard {
    private ExampleBoard() {}

    /** {@code config/examples/pi-4s-ads1115.yaml}: ADS1115 taps and shunt, an MCP3008 for the NTCs, GPIO contactors. */
    public static Path pi4sAds1115() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.exists(p.resolve("config/examples/pi-4s-ads1115.yaml"))) {
            p = p.getParent();
        }
        assertThat(p).isNotNull();
        return p.resolve("config/examples/pi-4s-ads1115.yaml");
    }
}
