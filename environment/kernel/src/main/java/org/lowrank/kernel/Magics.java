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

/**
 * The line magics: {@code %load FILE.jsh}, {@code %jars GLOB...}, {@code %classpath PATH...} and
 * {@code %maven GROUP:ARTIFACT[:EXT[:CLASSIFIER]]:VERSION...}, as in IJava. Relative paths are resolved
 * against the kernel's working directory (the notebook's folder when Jupyter starts the kernel).
 */
final class Magics {
    private static final Pattern MAGIC_LINE = Pattern.compile("^\\s*%[A-Za-z].*");
    private static final Set<String> NAMES = new TreeSet<>(List.of("classpath", "jars", "load", "maven"));

    private final JavaKernel kernel;
    private final MavenResolver maven = new MavenResolver();

    Magics(JavaKernel kernel) {
        this.kernel = kernel;
    }

    /** Whether a cell line is a line magic (Java code never starts a line with {@code %}). */
    static boolean isMagicLine(String line) {
        return MAGIC_LINE.matcher(line).matches();
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
