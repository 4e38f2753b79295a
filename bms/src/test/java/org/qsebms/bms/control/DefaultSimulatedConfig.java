package org.qsebms.bms.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.qsebms.config.BmsConfig;
import org.qsebms.config.ConfigLoader;

/** The built-in configuration of {@code bms run --simulated}, with another chemistry and lines added under hal:. */
final class DefaultSimulatedConfig {
    private DefaultSimulatedConfig() {}

    /** Loads the variant from a file written in {@code dir}, as a user's file is loaded. */
    static BmsConfig load(Path dir, String chemistry, String halLines) throws IOException {
        return load(dir, chemistry, halLines, "");
    }

    /** As {@link #load(Path, String, String)}, with {@code sections} (whole top-level sections) appended. */
    static BmsConfig load(Path dir, String chemistry, String halLines, String sections) throws IOException {
        String text;
        try (InputStream in = ConfigLoader.class.getClassLoader().getResourceAsStream("default-simulated.yaml")) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String configured = text.replace("chemistry: psoa-ncm811", "chemistry: " + chemistry)
                        .replace("hal:\n  backend: simulated\n", "hal:\n  backend: simulated\n" + halLines)
                + sections;
        assertThat(configured).contains("chemistry: " + chemistry).contains("backend: simulated\n" + halLines);
        return new ConfigLoader().load(Files.writeString(Files.createTempFile(dir, "bms", ".yaml"), configured));
    }
}
