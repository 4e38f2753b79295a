package org.qsebms.bms;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The packages of {@code bms} depend on each other one way only: the import graph of the main
 * sources has no cycle. A cycle makes two packages one unit of change; the snapshot package sits
 * below control, telemetry and persistence so that none of them needs another.
 */
class PackageCyclesTest {
    private static final Pattern PACKAGE = Pattern.compile("^package org\\.qsebms\\.bms\\.([a-z]+)", Pattern.MULTILINE);
    private static final Pattern IMPORT =
            Pattern.compile("^import (?:static )?org\\.qsebms\\.bms\\.([a-z]+)\\.", Pattern.MULTILINE);

    @Test
    void bmsPackagesHaveNoImportCycle() throws IOException {
        Map<String, Set<String>> graph = importGraph(Path.of("src/main/java/org/qsebms/bms"));
        assertThat(graph).as("packages found").containsKeys("control", "telemetry", "persistence", "snapshot", "sim");
        assertThat(findCycle(graph)).as("an import cycle between bms packages").isEmpty();
    }

    @Test
    void theCycleFinderFindsACycle() {
        Map<String, Set<String>> graph = new TreeMap<>();
        graph.put("a", Set.of("b"));
        graph.put("b", Set.of("c"));
        graph.put("c", Set.of("a"));
        graph.put("d", Set.of("a"));
        assertThat(findCycle(graph)).containsExactly("a", "b", "c", "a");
    }

    static Map<String, Set<String>> importGraph(Path root) throws IOException {
        Map<String, Set<String>> graph = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".java"))::iterator) {
                String src = Files.readString(f);
                Matcher pkg = PACKAGE.matcher(src);
                if (!pkg.find()) {
                    continue;
                }
                Set<String> deps = graph.computeIfAbsent(pkg.group(1), k -> new TreeSet<>());
                Matcher imp = IMPORT.matcher(src);
                while (imp.find()) {
                    if (!imp.group(1).equals(pkg.group(1))) {
                        deps.add(imp.group(1));
                    }
                }
            }
        }
        return graph;
    }

    /** The first cycle found by depth-first search, as the path that closes it; empty when there is none. */
    static List<String> findCycle(Map<String, Set<String>> graph) {
        Map<String, Integer> state = new HashMap<>(); // 1 on the path, 2 done
        for (String start : graph.keySet()) {
            Deque<String> path = new ArrayDeque<>();
            List<String> cycle = visit(start, graph, state, path);
            if (!cycle.isEmpty()) {
                return cycle;
            }
        }
        return List.of();
    }

    private static List<String> visit(
            String node, Map<String, Set<String>> graph, Map<String, Integer> state, Deque<String> path) {
        Integer s = state.get(node);
        if (s != null && s == 2) {
            return List.of();
        }
        if (s != null && s == 1) {
            List<String> cycle = new ArrayList<>();
            boolean in = false;
            for (String p : (Iterable<String>) path::descendingIterator) {
                in |= p.equals(node);
                if (in) {
                    cycle.add(p);
                }
            }
            cycle.add(node);
            return cycle;
        }
        state.put(node, 1);
        path.push(node);
        for (String next : graph.getOrDefault(node, Set.of())) {
            List<String> cycle = visit(next, graph, state, path);
            if (!cycle.isEmpty()) {
                return cycle;
            }
        }
        path.pop();
        state.put(node, 2);
        return List.of();
    }
}
