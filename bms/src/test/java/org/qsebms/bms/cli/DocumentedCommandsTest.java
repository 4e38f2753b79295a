package org.qsebms.bms.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import picocli.CommandLine;

/**
 * Every bms command line shown in README.md and docs/*.md: its command exists ({@code --help}
 * exits 0), and where the line has no placeholders, picocli accepts its options and values as
 * written. A renamed option or command in the code fails here until the docs follow.
 */
class DocumentedCommandsTest {
    /** How the docs start a bms command line; the group is what follows. */
    private static final Pattern LAUNCHER = Pattern.compile(
            "(?:^|[\\s`(])(?:\\./bms-run|java -jar \\S*qse-bms\\.jar|(?<![-\\w/])qse-bms|(?<![-\\w/.])bms) (?=\\S)([^`\\n]*)");

    record Shown(String file, int line, String text) {}

    static List<Shown> shownCommands() throws IOException {
        List<Path> files = new ArrayList<>();
        files.add(Path.of("../README.md"));
        try (Stream<Path> docs = Files.list(Path.of("../docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(files::add);
        }
        Set<String> seen = new LinkedHashSet<>();
        List<Shown> shown = new ArrayList<>();
        for (Path f : files) {
            for (Shown code : codeOf(f)) {
                Matcher m = LAUNCHER.matcher(code.text());
                while (m.find()) {
                    String rest = m.group(1)
                            .split("\\s(?:\\||&&|>|2>|#|;)\\s?|\\)")[0]
                            .trim();
                    rest = rest.startsWith("qse-bms ")
                            ? rest.substring("qse-bms ".length())
                            : rest; // sudo -u qse-bms qse-bms
                    if (!rest.isEmpty() && Character.isLetter(rest.charAt(0)) && seen.add(rest)) {
                        shown.add(new Shown(code.file(), code.line(), rest));
                    }
                }
            }
        }
        return shown;
    }

    /** The code of a markdown file: each line of a fenced block (continuations joined) and each inline code span. */
    private static List<Shown> codeOf(Path f) throws IOException {
        List<String> lines = Files.readAllLines(f);
        List<Shown> code = new ArrayList<>();
        String name = f.getFileName().toString();
        boolean fenced = false;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.trim().startsWith("```")) {
                fenced = !fenced;
                continue;
            }
            if (fenced) {
                int start = i;
                while (line.endsWith("\\") && i + 1 < lines.size()) {
                    line = line.substring(0, line.length() - 1) + " "
                            + lines.get(++i).trim();
                }
                int comment = line.indexOf('#');
                code.add(new Shown(name, start + 1, comment >= 0 ? line.substring(0, comment) : line));
            } else {
                Matcher span = Pattern.compile("`([^`]+)`").matcher(line);
                while (span.find()) {
                    code.add(new Shown(name, i + 1, span.group(1)));
                }
            }
        }
        return code;
    }

    private static List<String> tokens(String text) {
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile("'([^']*)'|\"([^\"]*)\"|(\\S+)").matcher(text);
        while (m.find()) {
            out.add(m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3));
        }
        return out;
    }

    /** The subcommand chain at the start of {@code args}, e.g. [model, report]. */
    private static List<String> chain(List<String> args) {
        List<String> chain = new ArrayList<>();
        CommandLine cl = BmsCommand.commandLine();
        for (String a : args) {
            CommandLine sub = cl.getSubcommands().get(a);
            if (sub == null) {
                break;
            }
            chain.add(a);
            cl = sub;
        }
        return chain;
    }

    private static boolean hasPlaceholder(List<String> args) {
        for (String a : args) {
            String value = a.contains("=") ? a.substring(a.indexOf('=') + 1) : a;
            // FILE, DIR, FILE.csv, PRESET.yaml, HOST, tcp://HOST:PORT, <command>, ..., a|b, [optional], "/" lists
            if (value.equals("/")
                    || value.contains("...")
                    || value.contains("<")
                    || value.contains("|")
                    || value.contains("[")
                    || value.matches("[A-Z][A-Z_]*[A-Z](\\.[a-z]+)?")
                    || value.contains("HOST")
                    || value.contains("PORT")
                    || value.equals("X")
                    || value.equals("N")
                    || value.equals("S")
                    || value.equals("V")) {
                return true;
            }
        }
        return false;
    }

    @Test
    void theDocsShowCommandsAtAll() throws IOException {
        assertThat(shownCommands()).hasSizeGreaterThan(20);
    }

    @TestFactory
    Stream<DynamicTest> everyShownCommandExistsAndItsOptionsParse() throws IOException {
        return shownCommands().stream()
                .map(s -> DynamicTest.dynamicTest(s.file() + ":" + s.line() + " bms " + s.text(), () -> {
                    List<String> args = tokens(s.text());
                    List<String> chain = chain(args);
                    boolean helpOrVersion =
                            args.contains("--help") || args.contains("--version") || args.contains("help");
                    assertThat(chain.isEmpty() && !helpOrVersion)
                            .as("'%s' (%s line %d) starts with no bms command", s.text(), s.file(), s.line())
                            .isFalse();
                    List<String> help = new ArrayList<>(chain);
                    help.add("--help");
                    StringWriter out = new StringWriter();
                    StringWriter err = new StringWriter();
                    CommandLine cl = BmsCommand.commandLine();
                    cl.setOut(new PrintWriter(out, true));
                    cl.setErr(new PrintWriter(err, true));
                    assertThat(cl.execute(help.toArray(String[]::new)))
                            .as(String.join(" ", help) + ": " + err)
                            .isZero();
                    // a bare mention ("bms characterize") or a line with placeholders is checked with --help only
                    if (args.size() > chain.size() && !hasPlaceholder(args)) {
                        try {
                            BmsCommand.commandLine().parseArgs(args.toArray(String[]::new));
                        } catch (CommandLine.ParameterException e) {
                            throw new AssertionError(
                                    "bms " + s.text() + " (" + s.file() + " line " + s.line() + ") does not parse: "
                                            + e.getMessage(),
                                    e);
                        }
                    }
                }));
    }
}
