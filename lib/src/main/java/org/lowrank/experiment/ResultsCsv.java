package org.lowrank.experiment;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An append-only CSV of {@link RunResult}s: header once, one flushed line per finished run. Opening an existing
 * file keeps its complete rows and cuts a trailing partial line (a run killed mid-write), so a killed sweep resumes
 * cleanly.
 */
public final class ResultsCsv implements AutoCloseable {
    private final Path path;
    private final Writer out;

    /** Opens (creating with a header, or repairing a torn last line) the CSV at {@code path}. */
    public ResultsCsv(Path path) {
        this.path = path;
        try {
            Path parent = path.toAbsolutePath().getParent();
            if (parent != null) Files.createDirectories(parent);
            if (Files.exists(path) && Files.size(path) > 0) {
                repair(path);
                String first = Files.newBufferedReader(path, StandardCharsets.UTF_8).readLine();
                if (!RunResult.HEADER.equals(first)) {
                    throw new IllegalArgumentException("path " + path + " is not a results CSV (header '" + first + "')");
                }
                out = Files.newBufferedWriter(path, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
            } else {
                out = Files.newBufferedWriter(path, StandardCharsets.UTF_8);
                out.write(RunResult.HEADER + "\n");
                out.flush();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open results CSV " + path, e);
        }
    }

    private static void repair(Path path) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(path.toFile(), "rw")) {
            long len = f.length();
            long pos = len - 1;
            f.seek(pos);
            if (f.read() == '\n') return;
            while (pos > 0) { // find the last newline and cut after it
                f.seek(--pos);
                if (f.read() == '\n') break;
            }
            f.setLength(pos <= 0 ? 0 : pos + 1);
        }
    }

    /** The file. */
    public Path path() {
        return path;
    }

    /** Appends one row and flushes it to the file. */
    public synchronized void append(RunResult r) {
        try {
            out.write(r.toCsv() + "\n");
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to " + path, e);
        }
    }

    /** All complete rows of a results CSV by key (later rows win); empty when the file does not exist. */
    public static Map<String, RunResult> read(Path path) {
        Map<String, RunResult> m = new LinkedHashMap<>();
        if (!Files.exists(path)) return m;
        try {
            List<String> lines = Files.readAllLines(path, StandardCharsets.UTF_8);
            for (int i = 1; i < lines.size(); i++) {
                String line = lines.get(i);
                if (line.isBlank() || line.split(",", -1).length != RunResult.FIELDS) continue;
                RunResult r = RunResult.fromCsv(line);
                m.put(r.key(), r);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
        return m;
    }

    /**
     * Rewrites {@code path} (atomically: a sibling temporary file moved over it) so that the rows whose keys are in
     * {@code keys} come last, in that order; every other row keeps its place. Rows are moved as written, byte for byte.
     */
    static void orderRows(Path path, List<String> keys) {
        try {
            List<String> lines = Files.readAllLines(path, StandardCharsets.UTF_8);
            Map<String, String> moved = new LinkedHashMap<>();
            java.util.Set<String> wanted = new java.util.HashSet<>(keys);
            List<String> out = new java.util.ArrayList<>();
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                String key = i == 0 || line.isBlank() ? null : RunResult.fromCsv(line).key();
                if (key != null && wanted.contains(key)) moved.put(key, line);
                else out.add(line);
            }
            for (String k : keys) if (moved.containsKey(k)) out.add(moved.get(k));
            Path tmp = path.resolveSibling(path.getFileName() + ".tmp");
            Files.write(tmp, out, StandardCharsets.UTF_8);
            Files.move(tmp, path, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot reorder " + path, e);
        }
    }

    /**
     * Writes {@code results} to {@code path} (header, then one row per result in the given order), atomically: a
     * sibling temporary file moved over it. This is how a sweep's finished CSV is written, whether it ran in one
     * process, in shards (the merge) or on Spark, so that all three give the same file apart from {@code seconds}.
     */
    public static void writeCanonical(Path path, List<RunResult> results) {
        List<String> lines = new java.util.ArrayList<>(results.size() + 1);
        lines.add(RunResult.HEADER);
        java.util.Set<String> keys = new java.util.HashSet<>();
        for (RunResult r : results) {
            if (!keys.add(r.key())) throw new IllegalArgumentException("results hold key " + r.key() + " twice");
            lines.add(r.toCsv());
        }
        try {
            Path parent = path.toAbsolutePath().getParent();
            if (parent != null) Files.createDirectories(parent);
            Path tmp = path.resolveSibling(path.getFileName() + ".tmp");
            Files.write(tmp, lines, StandardCharsets.UTF_8);
            Files.move(tmp, path, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + path, e);
        }
    }

    /**
     * The lines of a results CSV with the {@code seconds} column (wall time, the one field that differs between two
     * executions of the same seeded runs) emptied: two sweeps computed the same numbers exactly when these are equal.
     */
    public static List<String> withoutTimings(Path path) {
        try {
            List<String> out = new java.util.ArrayList<>();
            for (String line : Files.readAllLines(path, StandardCharsets.UTF_8)) {
                int cut = line.lastIndexOf(',');
                out.add(line.startsWith("key,") || cut < 0 ? line : line.substring(0, cut + 1));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
