package org.qsebms.bms.control;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.spi.ToolProvider;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedMethod;

/** The instruction at a recorded frame's bytecode index, read with the JDK's {@code javap}. */
final class Bytecode {
    private static final Map<String, List<String>> LISTINGS = new ConcurrentHashMap<>();

    private Bytecode() {}

    /** Whether the frame stands on a branch to a lower index: a loop's back branch. */
    static boolean isBackwardBranch(RecordedFrame frame) {
        RecordedMethod m = frame.getMethod();
        String instruction =
                instruction(m.getType().getName(), m.getName(), m.getDescriptor(), frame.getBytecodeIndex());
        if (instruction == null) {
            return false;
        }
        String[] p = instruction.trim().split("\\s+");
        boolean branch = p.length == 3 && (p[1].startsWith("if") || p[1].startsWith("goto"));
        return branch && Integer.parseInt(p[2]) < frame.getBytecodeIndex();
    }

    /** The line {@code "<bci>: <opcode> <operands>"} of {@code javap -c -p -s}, or null. */
    static String instruction(String className, String method, String descriptor, int bci) {
        List<String> lines = LISTINGS.computeIfAbsent(className, Bytecode::javap);
        String shownName = method.equals("<init>") ? className : method;
        for (int i = 1; i < lines.size(); i++) {
            if (lines.get(i).trim().equals("descriptor: " + descriptor)
                    && lines.get(i - 1).contains(" " + shownName + "(")) {
                for (int j = i + 1; j < lines.size() && !lines.get(j).isBlank(); j++) {
                    if (lines.get(j).trim().startsWith(bci + ": ")) {
                        return lines.get(j);
                    }
                }
                return null;
            }
        }
        return null;
    }

    private static List<String> javap(String className) {
        ToolProvider javap = ToolProvider.findFirst("javap")
                .orElseThrow(() -> new IllegalStateException("javap is not in this JDK (module jdk.jdeps)"));
        StringWriter out = new StringWriter();
        int rc = javap.run(
                new PrintWriter(out),
                new PrintWriter(new StringWriter()),
                "-c",
                "-p",
                "-s",
                "-cp",
                System.getProperty("java.class.path"),
                className);
        return rc == 0 ? out.toString().lines().toList() : List.of();
    }
}
