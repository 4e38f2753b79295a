package org.qsebms.bms;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What runs on the Pi (the controller: every {@code bms} package outside {@code offline}) never
 * depends on an offline tool ({@code org.qsebms.bms.offline.*}: replay, characterize, model
 * report/calibrate/simulate, the scenario runner, the fleet soak, the cycle report). The one
 * exception is the launcher {@code cli/BmsCommand}, which lists the offline commands beside
 * {@code run} and {@code hal probe}.
 */
class OfflineSplitTest {
    private static final Pattern PACKAGE = Pattern.compile("^package (org\\.qsebms\\.bms[\\w.]*);", Pattern.MULTILINE);
    private static final Pattern OFFLINE_REFERENCE = Pattern.compile("\\borg\\.qsebms\\.bms\\.offline\\.[\\w.]+");
    private static final Set<String> LAUNCHERS = Set.of("org.qsebms.bms.cli.BmsCommand");

    @Test
    void controllerPackagesImportNoOfflinePackage() throws IOException {
        Path root = Path.of("src/main/java/org/qsebms/bms");
        assertThat(packages(root))
                .as("packages found")
                .contains(
                        "org.qsebms.bms.control",
                        "org.qsebms.bms.loop",
                        "org.qsebms.bms.cli",
                        "org.qsebms.bms.offline.replay",
                        "org.qsebms.bms.offline.scenario",
                        "org.qsebms.bms.offline.soak",
                        "org.qsebms.bms.offline.cli");
        assertThat(controllerToOffline(root))
                .as("controller classes that use an offline package")
                .isEmpty();
    }

    @Test
    void theCheckFindsAControllerClassThatUsesAnOfflineOne(@TempDir Path dir) throws IOException {
        Files.writeString(
                dir.resolve("A.java"),
                "package org.qsebms.bms.control;\nimport org.qsebms.bms.offline.replay.LogReplay;\nclass A {}\n");
        Files.writeString(
                dir.resolve("B.java"),
                "package org.qsebms.bms.offline.cli;\nimport org.qsebms.bms.control.PackController;\nclass B {}\n");
        Files.writeString(
                dir.resolve("C.java"),
                "package org.qsebms.bms.loop;\nclass C { Object o = new org.qsebms.bms.offline.soak.FleetSoak(); }\n");
        assertThat(controllerToOffline(dir))
                .containsExactly(
                        "org.qsebms.bms.control.A -> org.qsebms.bms.offline.replay.LogReplay",
                        "org.qsebms.bms.loop.C -> org.qsebms.bms.offline.soak.FleetSoak");
    }

    private static Set<String> packages(Path root) throws IOException {
        Set<String> found = new TreeSet<>();
        for (Path f : javaFiles(root)) {
            Matcher pkg = PACKAGE.matcher(Files.readString(f));
            if (pkg.find()) {
                found.add(pkg.group(1));
            }
        }
        return found;
    }

    /** "controller class -> offline name" for every reference from outside offline into it. */
    static List<String> controllerToOffline(Path root) throws IOException {
        Set<String> found = new TreeSet<>();
        for (Path f : javaFiles(root)) {
            String src = Files.readString(f);
            Matcher pkg = PACKAGE.matcher(src);
            if (!pkg.find() || pkg.group(1).startsWith("org.qsebms.bms.offline")) {
                continue;
            }
            String type = pkg.group(1) + "." + f.getFileName().toString().replace(".java", "");
            if (LAUNCHERS.contains(type)) {
                continue;
            }
            Matcher ref = OFFLINE_REFERENCE.matcher(src);
            while (ref.find()) {
                found.add(type + " -> " + ref.group());
            }
        }
        return List.copyOf(found);
    }

    private static List<Path> javaFiles(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        }
    }
}
