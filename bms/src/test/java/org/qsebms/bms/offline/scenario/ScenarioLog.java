package org.qsebms.bms.offline.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** A scenario written inline, run through the real loader and runner (the whole controller), and its event log. */
public record ScenarioLog(List<JsonNode> lines, ScenarioRunner.Result result) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public static ScenarioLog run(String yaml) {
        return run(yaml, null);
    }

    /** As {@link #run(String)}, recording into {@code recordDir} (as {@code --record}; null: no record). */
    public static ScenarioLog run(String yaml, Path recordDir) {
        return run(new ScenarioLoader().parse(yaml, Path.of("."), "inline scenario"), recordDir, (t, p, c) -> {});
    }

    /** Runs a parsed scenario, handing every tick to {@code observer} (the truth a test compares against). */
    public static ScenarioLog run(Scenario sc, ScenarioRunner.TickObserver observer) {
        return run(sc, null, observer);
    }

    private static ScenarioLog run(Scenario sc, Path recordDir, ScenarioRunner.TickObserver observer) {
        List<JsonNode> lines = new ArrayList<>();
        try {
            ScenarioRunner.Result r = new ScenarioRunner()
                    .run(
                            sc,
                            s -> {
                                try {
                                    lines.add(JSON.readTree(s));
                                } catch (Exception e) {
                                    throw new AssertionError("not JSON: " + s, e);
                                }
                            },
                            recordDir,
                            observer);
            return new ScenarioLog(lines, r);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public List<JsonNode> of(String type, Predicate<JsonNode> p) {
        return lines.stream()
                .filter(n -> n.get("type").asText().equals(type) && p.test(n))
                .toList();
    }

    public JsonNode first(String type, Predicate<JsonNode> p) {
        return of(type, p).stream()
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + type + " line matching; log:\n" + dump()));
    }

    public String dump() {
        StringBuilder b = new StringBuilder();
        for (JsonNode n : lines) {
            if (!n.get("type").asText().equals("limits")) {
                b.append(n).append('\n');
            }
        }
        return b.toString();
    }

    /** Time of the first raise of {@code id}, or NaN. */
    public double raised(String id) {
        return of(
                        "fault",
                        n -> n.get("event").asText().equals("raised")
                                && n.get("id").asText().equals(id))
                .stream()
                .mapToDouble(n -> n.get("t").asDouble())
                .findFirst()
                .orElse(Double.NaN);
    }

    public List<String> raisedIds() {
        return of("fault", n -> n.get("event").asText().equals("raised")).stream()
                .map(n -> n.get("id").asText())
                .toList();
    }

    public List<String> mslRaised() {
        return raisedIds().stream().filter(id -> id.endsWith(".MSL")).toList();
    }

    /** Outcomes of the reset commands, in order. */
    public List<Boolean> resets() {
        return of("reset", n -> true).stream()
                .map(n -> n.get("accepted").asBoolean())
                .toList();
    }

    public List<String> statesReached() {
        return of("state", n -> true).stream().map(n -> n.get("to").asText()).toList();
    }

    /** Time the state was first reached at or after {@code fromS}, or NaN. */
    public double reached(String state, double fromS) {
        return of("state", n -> n.get("to").asText().equals(state) && n.get("t").asDouble() >= fromS - 1e-9).stream()
                .mapToDouble(n -> n.get("t").asDouble())
                .findFirst()
                .orElse(Double.NaN);
    }

    /** Whether any contactor is commanded closed at the end of time {@code t} (from the contactor lines). */
    public boolean anyCommandedClosedAfter(double t) {
        java.util.Map<String, Boolean> closed = new java.util.HashMap<>();
        for (JsonNode n : lines) {
            if (n.get("t").asDouble() > t + 1e-9) {
                break;
            }
            if (n.get("type").asText().equals("contactor")) {
                closed.put(
                        n.get("contactor").asText(), n.get("commanded").asText().equals("closed"));
            }
        }
        return closed.containsValue(true);
    }
}
