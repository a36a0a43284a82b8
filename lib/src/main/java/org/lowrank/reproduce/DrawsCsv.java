package org.lowrank.reproduce;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The CSV of a {@link DrawSweep}: header {@value #HEADER}, then one line per cell, {@code key,count,v1 v2 ... vn}
 * (values as {@link Double#toString}, exact). A cell is one line, appended and flushed when it is done, so a killed
 * sweep keeps every finished cell; a torn last line is cut on open.
 */
public final class DrawsCsv implements AutoCloseable {
    /** The header line. */
    public static final String HEADER = "cell,count,values";

    private final Writer out;

    /** Opens {@code path} for appending (creating it with the header, or cutting a torn last line). */
    public DrawsCsv(Path path) {
        try {
            Files.createDirectories(path.toAbsolutePath().getParent());
            if (Files.exists(path) && Files.size(path) > 0) {
                cutTornLine(path);
                out = Files.newBufferedWriter(path, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
            } else {
                out = Files.newBufferedWriter(path, StandardCharsets.UTF_8);
                out.write(HEADER + "\n");
                out.flush();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open " + path, e);
        }
    }

    private static void cutTornLine(Path path) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(path.toFile(), "rw")) {
            long pos = f.length() - 1;
            f.seek(pos);
            if (f.read() == '\n') return;
            while (pos > 0) {
                f.seek(--pos);
                if (f.read() == '\n') break;
            }
            f.setLength(pos <= 0 ? 0 : pos + 1);
        }
    }

    /** The line of one cell (no newline). */
    static String line(String key, double[] values) {
        StringBuilder sb = new StringBuilder(key).append(',').append(values.length).append(',');
        for (int i = 0; i < values.length; i++) sb.append(i == 0 ? "" : " ").append(values[i]);
        return sb.toString();
    }

    /** Appends one cell and flushes it. */
    public synchronized void append(String key, double[] values) {
        try {
            out.write(line(key, values) + "\n");
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every complete cell of {@code path} by key (empty when the file does not exist). */
    public static Map<String, double[]> read(Path path) {
        Map<String, double[]> m = new LinkedHashMap<>();
        if (!Files.exists(path)) return m;
        try {
            List<String> lines = Files.readAllLines(path, StandardCharsets.UTF_8);
            for (int i = 1; i < lines.size(); i++) {
                String[] f = lines.get(i).split(",", 3);
                if (f.length != 3) continue;
                String[] v = f[2].isEmpty() ? new String[0] : f[2].split(" ");
                if (v.length != Integer.parseInt(f[1])) continue; // torn
                double[] d = new double[v.length];
                for (int j = 0; j < v.length; j++) d[j] = Double.parseDouble(v[j]);
                m.put(f[0], d);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
        return m;
    }

    /** Writes {@code cells} (in order) to {@code path} atomically. */
    public static void writeCanonical(Path path, Map<String, double[]> cells) {
        List<String> lines = new ArrayList<>();
        lines.add(HEADER);
        cells.forEach((k, v) -> lines.add(line(k, v)));
        try {
            Files.createDirectories(path.toAbsolutePath().getParent());
            Path tmp = path.resolveSibling(path.getFileName() + ".tmp");
            Files.write(tmp, lines, StandardCharsets.UTF_8);
            Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + path, e);
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
