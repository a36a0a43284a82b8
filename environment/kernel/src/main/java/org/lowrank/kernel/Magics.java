package org.lowrank.kernel;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import jdk.jshell.JShell;

import org.dflib.jjava.jupyter.kernel.display.DisplayData;

/**
 * The line magics: {@code %load FILE.jsh}, {@code %jars GLOB...}, {@code %classpath PATH...} and
 * {@code %maven GROUP:ARTIFACT[:EXT[:CLASSIFIER]]:VERSION...}, as in IJava, and {@code %time} / {@code %%time}
 * (wall and CPU time of the cell) and {@code %vars} (the variables defined). Relative paths are resolved
 * against the kernel's working directory (the notebook's folder when Jupyter starts the kernel).
 */
final class Magics {
    private static final Pattern MAGIC_LINE = Pattern.compile("^\\s*%[A-Za-z].*");
    private static final Pattern TIME_LINE = Pattern.compile("^\\s*%%?time(\\s.*)?$");
    private static final Set<String> NAMES = new TreeSet<>(List.of("classpath", "jars", "load", "maven", "time", "vars"));
    /** Longest value text shown by {@code %vars}. */
    static final int VALUE_WIDTH = 60;

    private final JavaKernel kernel;
    private final MavenResolver maven = new MavenResolver();

    Magics(JavaKernel kernel) {
        this.kernel = kernel;
    }

    /** Whether a cell line is a line magic (Java code never starts a line with {@code %}). */
    static boolean isMagicLine(String line) {
        return MAGIC_LINE.matcher(line).matches();
    }

    /**
     * Whether a cell line is {@code %time [CODE]} or {@code %%time}: CODE, or without it the rest of the cell,
     * runs timed.
     */
    static boolean isTimeLine(String line) {
        return TIME_LINE.matcher(line).matches();
    }

    /** The code on a {@code %time} line after the magic's name (may be empty). */
    static String timeArgument(String line) {
        String s = line.strip();
        s = s.startsWith("%%") ? s.substring(2) : s.substring(1);
        return s.substring("time".length()).strip();
    }

    /** A cell body, run by {@link #time}. */
    interface Body {
        Object run() throws CellError;
    }

    /**
     * Runs {@code body} and prints its wall time and the CPU time the kernel process spent meanwhile (all its
     * threads: the cell's, ND4J's native ones, the garbage collector), also when the body fails.
     */
    Object time(Body body) throws CellError {
        long cpu0 = processCpuNanos();
        long wall0 = System.nanoTime();
        try {
            return body.run();
        } finally {
            long wall = System.nanoTime() - wall0;
            long cpu = processCpuNanos() - cpu0;
            System.out.println("Wall time: " + duration(wall) + ", CPU time: "
                    + (cpu0 < 0 ? "not available" : duration(cpu)) + " (all threads of the kernel)");
        }
    }

    private static long processCpuNanos() {
        java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean
                ? ((com.sun.management.OperatingSystemMXBean) os).getProcessCpuTime() : -1;
    }

    /** {@code 812 ms}, {@code 3.41 s}, {@code 2 min 5.2 s}. */
    static String duration(long nanos) {
        double s = nanos / 1e9;
        if (s < 1) return String.format(java.util.Locale.ROOT, "%.0f ms", nanos / 1e6);
        if (s < 60) return String.format(java.util.Locale.ROOT, "%.2f s", s);
        return String.format(java.util.Locale.ROOT, "%d min %.1f s", (long) (s / 60), s % 60);
    }

    /** {@code %vars}: the session's variables with their type and a short value, as a table. */
    DisplayData vars() {
        JShell shell = kernel.shell();
        List<String[]> rows = new ArrayList<>();
        shell.variables().filter(v -> shell.status(v).isDefined() && !v.name().startsWith("$")).forEach(v -> {
            String value;
            try {
                value = shortValue(shell.varValue(v));
            } catch (RuntimeException e) {
                value = "(not readable: " + e.getClass().getSimpleName() + ")";
            }
            rows.add(new String[] {v.name(), v.typeName(), value});
        });
        if (rows.isEmpty()) return new DisplayData("No variables defined.");
        int[] w = {4, 4};
        for (String[] r : rows) {
            w[0] = Math.max(w[0], r[0].length());
            w[1] = Math.max(w[1], r[1].length());
        }
        StringBuilder text = new StringBuilder();
        StringBuilder html = new StringBuilder("<table><tr><th>name</th><th>type</th><th>value</th></tr>");
        String fmt = "%-" + w[0] + "s  %-" + w[1] + "s  %s%n";
        text.append(String.format(java.util.Locale.ROOT, fmt, "name", "type", "value"));
        for (String[] r : rows) {
            text.append(String.format(java.util.Locale.ROOT, fmt, r[0], r[1], r[2]));
            html.append("<tr><td>").append(escape(r[0])).append("</td><td><code>").append(escape(r[1]))
                    .append("</code></td><td><code>").append(escape(r[2])).append("</code></td></tr>");
        }
        DisplayData data = new DisplayData(text.toString().stripTrailing());
        data.putHTML(html.append("</table>").toString());
        return data;
    }

    /** A value's text on one line, at most {@value #VALUE_WIDTH} characters. */
    static String shortValue(String s) {
        if (s == null) return "null";
        String one = s.replaceAll("\\s*\\R\\s*", " ").strip();
        return one.length() <= VALUE_WIDTH ? one : one.substring(0, VALUE_WIDTH - 1) + "\u2026";
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** Magic names, for completion. */
    Set<String> names() {
        return NAMES;
    }

    /** Stops a running {@code %maven}. */
    void interrupt() {
        maven.interrupt();
    }

    /** Runs one magic line; returns its value (always {@code null} for the magics here). */
    Object run(String line) throws CellError {
        List<String> words = split(line.strip().substring(1));
        if (words.isEmpty()) throw error("UndefinedMagicException", "empty magic line: " + line);
        String name = words.get(0);
        List<String> args = words.subList(1, words.size());
        try {
            switch (name) {
                case "load":
                    return load(args);
                case "jars":
                case "classpath":
                    for (String arg : args) addPaths(arg, name);
                    if (args.isEmpty()) throw new IllegalArgumentException("%" + name + " needs at least one path");
                    return null;
                case "vars":
                    if (!args.isEmpty()) throw new IllegalArgumentException("%vars takes no arguments, got " + args);
                    return vars();
                case "maven":
                    if (args.isEmpty()) throw new IllegalArgumentException(
                            "%maven needs coordinates group:artifact:version, got none");
                    List<Path> jars = maven.resolve(args);
                    for (Path jar : jars) kernel.addToClasspath(jar.toString());
                    System.out.println("Added " + jars.size() + " jar(s) for " + String.join(" ", args));
                    return null;
                default:
                    throw error("UndefinedMagicException", "unknown line magic %" + name
                            + "; this kernel has %" + String.join(", %", NAMES));
            }
        } catch (CellError e) {
            throw e;
        } catch (IllegalArgumentException | IOException | IllegalStateException e) {
            throw error("MagicException", "%" + name + ": " + e.getMessage());
        }
    }

    private Object load(List<String> args) throws IOException, CellError {
        if (args.size() != 1) {
            throw new IllegalArgumentException("%load takes one file, got " + args.size() + ": " + args);
        }
        Path file = Path.of(args.get(0));
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no such file: " + file.toAbsolutePath());
        }
        kernel.executeCell(Files.readString(file, StandardCharsets.UTF_8));
        return null;
    }

    private void addPaths(String pattern, String magic) throws IOException {
        List<Path> paths = glob(pattern);
        if (paths.isEmpty()) {
            throw new IllegalArgumentException("nothing matches " + pattern + " (from " + Path.of("").toAbsolutePath() + ")");
        }
        for (Path p : paths) {
            if (magic.equals("jars") && Files.isDirectory(p)) {
                try (Stream<Path> s = Files.list(p)) {
                    for (Path jar : s.filter(x -> x.toString().endsWith(".jar")).sorted().collect(Collectors.toList())) {
                        kernel.addToClasspath(jar.toAbsolutePath().toString());
                    }
                }
            } else {
                kernel.addToClasspath(p.toAbsolutePath().toString());
            }
        }
    }

    /** Files matching a path that may hold glob characters ({@code * ? [ {}}), sorted. */
    static List<Path> glob(String pattern) throws IOException {
        if (!pattern.matches(".*[*?\\[{].*")) {
            Path p = Path.of(pattern);
            return Files.exists(p) ? List.of(p) : List.of();
        }
        // the fixed leading folders of the pattern are where the search starts
        String normalized = pattern.replace('\\', '/');
        int firstGlob = normalized.length();
        for (char c : new char[] {'*', '?', '[', '{'}) {
            int i = normalized.indexOf(c);
            if (i >= 0) firstGlob = Math.min(firstGlob, i);
        }
        int slash = normalized.lastIndexOf('/', firstGlob);
        Path base = slash < 0 ? Path.of("") : Path.of(normalized.substring(0, slash + 1));
        Path absBase = base.toAbsolutePath().normalize();
        String rest = normalized.substring(slash + 1);
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + rest);
        if (!Files.isDirectory(absBase)) return List.of();
        int depth = rest.contains("**") ? Integer.MAX_VALUE : rest.split("/").length;
        try (Stream<Path> s = Files.walk(absBase, depth)) {
            return s.filter(p -> !p.equals(absBase) && matcher.matches(absBase.relativize(p)))
                    .sorted().collect(Collectors.toList());
        }
    }

    /** Splits a magic's arguments on white space; single or double quotes group words. */
    static List<String> split(String text) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        char quote = 0;
        boolean inWord = false;
        for (char c : text.toCharArray()) {
            if (quote != 0) {
                if (c == quote) quote = 0;
                else cur.append(c);
            } else if (c == '"' || c == '\'') {
                quote = c;
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    out.add(cur.toString());
                    cur.setLength(0);
                    inWord = false;
                }
            } else {
                cur.append(c);
                inWord = true;
            }
        }
        if (quote != 0) throw new IllegalArgumentException("unclosed quote " + quote + " in: " + text);
        if (inWord) out.add(cur.toString());
        return out;
    }

    private static CellError error(String ename, String message) {
        return new CellError(ename, message, List.of(ename + ": " + message));
    }
}
