package org.qsebms.bms.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Where the real measured cell data lives (the Panasonic, A123 and NASA logs of the project's
 * {@code shared/data}): {@code -Dqsebms.data=DIR}, else {@code $QSE_BMS_DATA}, else a
 * {@code shared/data} folder in the working directory or above it. As a JUnit condition
 * ({@code @ExtendWith(RealData.class)}) it skips each test of a class, with the way to give the
 * data as the reason, instead of aborting the class (which surefire reports as 0 tests).
 */
public final class RealData implements ExecutionCondition {
    public static final String PROPERTY = "qsebms.data";
    public static final String ENVIRONMENT = "QSE_BMS_DATA";
    private static final String MARKER = "panasonic_18650pf_nca";

    /** The data folder, if one is given or found. */
    public static Optional<Path> find() {
        String given = System.getProperty(PROPERTY);
        if (given == null || given.isBlank()) {
            given = System.getenv(ENVIRONMENT);
        }
        if (given != null && !given.isBlank()) {
            Path dir = Path.of(given).toAbsolutePath();
            return Files.isDirectory(dir.resolve(MARKER)) ? Optional.of(dir) : Optional.empty();
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path candidate = p.resolve("shared").resolve("data");
            if (Files.isDirectory(candidate.resolve(MARKER))) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** Why a real-data test is skipped and how to give it its data. */
    public static String missing() {
        String given = System.getProperty(PROPERTY, System.getenv(ENVIRONMENT));
        String where = given != null && !given.isBlank()
                ? given + " (from -D" + PROPERTY + " or $" + ENVIRONMENT + ") has no " + MARKER + "/ folder"
                : "no shared/data above " + Path.of("").toAbsolutePath();
        return "real cell data not found: " + where + "; give the folder with panasonic_18650pf_nca/, a123_lfp_plett/ "
                + "and nasa_pcoe_aging_18650/ as ./mvnw verify -D" + PROPERTY + "=DIR or " + ENVIRONMENT
                + "=DIR (README.md, 'Tests on real data')";
    }

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (context.getTestMethod().isEmpty()) {
            return ConditionEvaluationResult.enabled("each test is checked on its own");
        }
        return find().isPresent()
                ? ConditionEvaluationResult.enabled("real data at " + find().get())
                : ConditionEvaluationResult.disabled(missing());
    }
}
