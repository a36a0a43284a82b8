package org.lowrank.reproduce;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.lowrank.experiment.ResultsCsv;
import org.lowrank.experiment.RunResult;
import org.lowrank.notebook.Scale;

/**
 * A sweep's committed results, as {@link Reproduce} wrote them to {@code <results>/<scale>/<notebook>/}: the runs of
 * {@code runs.csv} in their canonical order and the sittings of {@code provenance.jsonl}. For notebooks that show
 * larger-scale results beside their live run: {@code SweepResults.load(Path.of("../results"), "06_initialization",
 * Scale.PAPER)}.
 *
 * @param notebook the notebook's file name without extension
 * @param scale    the scale the runs were made at
 * @param runs     every run, in the order the sweep asks for them (empty for a {@link DrawSweep}: see {@link #draws})
 * @param sittings one entry per {@link Reproduce} invocation (resumes, shards and the merge each add one)
 */
public record SweepResults(String notebook, Scale scale, List<RunResult> runs, List<Sitting> sittings) {
    public SweepResults {
        runs = List.copyOf(runs);
        sittings = List.copyOf(sittings);
    }

    /**
     * One invocation's provenance line.
     *
     * @param fields every field of the line, values as text (JSON strings unquoted, numbers and booleans as written)
     */
    public record Sitting(Map<String, String> fields) {
        public Sitting {
            fields = Map.copyOf(fields);
        }

        /** The field's value, or "" when the line has none. */
        public String get(String key) {
            return fields.getOrDefault(key, "");
        }

        /** Seconds this sitting ran. */
        public double wallSeconds() {
            String v = get("wall_s");
            return v.isEmpty() ? 0 : Double.parseDouble(v);
        }

        /** Whether this sitting finished its work (not a shard waiting for others). */
        public boolean complete() {
            return "true".equals(get("complete"));
        }
    }

    /**
     * Loads {@code <results>/<scale>/<notebook>/}. A missing folder or CSV is an {@link IllegalArgumentException}
     * naming the path and the scales that do have results for the notebook.
     */
    public static SweepResults load(Path results, String notebook, Scale scale) {
        Path dir = results.resolve(scale.toString()).resolve(notebook);
        Path csv = dir.resolve("runs.csv");
        boolean drawsOnly = !Files.isRegularFile(csv) && Files.isRegularFile(dir.resolve("draws.csv"));
        if (!Files.isRegularFile(csv) && !drawsOnly) {
            throw new IllegalArgumentException("no results for notebook '" + notebook + "' at scale " + scale + ": " + csv
                    + " does not exist; scales with results: " + available(results, notebook));
        }
        List<Sitting> sittings = new ArrayList<>();
        Path prov = dir.resolve("provenance.jsonl");
        if (Files.isRegularFile(prov)) {
            try {
                for (String line : Files.readAllLines(prov, StandardCharsets.UTF_8)) if (!line.isBlank()) sittings.add(new Sitting(parseLine(line)));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + prov, e);
            }
        }
        return new SweepResults(notebook, scale, drawsOnly ? List.of() : new ArrayList<>(ResultsCsv.read(csv).values()), sittings);
    }

    /**
     * The cells of a {@link DrawSweep}'s {@code draws.csv} (e.g. notebook 02), by key in the sweep's order, each with
     * one value per draw; a missing file is an {@link IllegalArgumentException} naming it.
     */
    public static Map<String, double[]> draws(Path results, String notebook, Scale scale) {
        Path csv = results.resolve(scale.toString()).resolve(notebook).resolve("draws.csv");
        if (!Files.isRegularFile(csv)) {
            throw new IllegalArgumentException("no draws for notebook '" + notebook + "' at scale " + scale + ": " + csv + " does not exist");
        }
        return DrawsCsv.read(csv);
    }

    /** The scales that have a {@code runs.csv} for {@code notebook} under {@code results}. */
    public static List<Scale> available(Path results, String notebook) {
        return Stream.of(Scale.values()).filter(s -> Files.isRegularFile(results.resolve(s.toString()).resolve(notebook).resolve("runs.csv"))
                || Files.isRegularFile(results.resolve(s.toString()).resolve(notebook).resolve("draws.csv"))).toList();
    }

    /** The runs matching {@code where}. */
    public List<RunResult> runs(Predicate<RunResult> where) {
        return runs.stream().filter(where).toList();
    }

    /** The runs of group {@code group} (e.g. {@code c5}; learning-rate sweep runs are {@code lr-c5}). */
    public List<RunResult> group(String group) {
        return runs(r -> r.group().equals(group));
    }

    /** Total wall time over all sittings, in seconds. */
    public double wallSeconds() {
        return sittings.stream().mapToDouble(Sitting::wallSeconds).sum();
    }

    /** Whether the last sitting that wrote {@code runs.csv} (a whole sweep or a merge) finished it. */
    public boolean complete() {
        for (int i = sittings.size() - 1; i >= 0; i--) {
            Sitting s = sittings.get(i);
            if (!s.get("part").startsWith("shard ")) return s.complete();
        }
        return false;
    }

    /** One line for a notebook: scale, runs, wall time, commit, machine. */
    public String label() {
        Sitting last = sittings.isEmpty() ? new Sitting(Map.of()) : sittings.get(sittings.size() - 1);
        String commit = last.get("commit");
        return String.format(Locale.ROOT, "%s scale: %d runs, %.1f min wall in %d sitting(s), %s, commit %s, %s cores, %s",
                scale, runs.size(), wallSeconds() / 60, sittings.size(), complete() ? "complete" : "INCOMPLETE",
                commit.length() > 12 ? commit.substring(0, 12) : commit, last.get("cores"), last.get("jvm"));
    }

    // Reads back the flat one-line objects Reproduce writes (string, number, boolean and null values only).
    private static final Pattern FIELD = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\":\\s*(\"((?:[^\"\\\\]|\\\\.)*)\"|[^,}\\s]+)");

    static Map<String, String> parseLine(String line) {
        Map<String, String> m = new LinkedHashMap<>();
        Matcher x = FIELD.matcher(line);
        while (x.find()) m.put(unescape(x.group(1)), x.group(3) != null ? unescape(x.group(3)) : x.group(2));
        return m;
    }

    private static String unescape(String s) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\\' || i + 1 == s.length()) {
                sb.append(c);
                continue;
            }
            char n = s.charAt(++i);
            if (n == 'u' && i + 4 < s.length()) {
                sb.append((char) Integer.parseInt(s.substring(i + 1, i + 5), 16));
                i += 4;
            } else {
                sb.append(n);
            }
        }
        return sb.toString();
    }
}
