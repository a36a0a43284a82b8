package org.lowrank.reproduce;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import org.lowrank.notebook.Scale;

/**
 * The table of {@code results/README.md}: one row per notebook and scale that has a {@code runs.csv}, from its
 * provenance. {@code ResultsIndex [RESULTS_DIR]} prints it (Markdown).
 */
public final class ResultsIndex {
    private ResultsIndex() {}

    /** The Markdown table for every sweep under {@code results}. */
    public static String table(Path results) {
        StringBuilder sb = new StringBuilder("| notebook | scale | runs (cells) | complete | wall time | sittings | cores / threads | load (start → end) | commit | CSV |\n"
                + "|---|---|---|---|---|---|---|---|---|---|\n");
        for (Scale scale : Scale.values()) {
            Path dir = results.resolve(scale.toString());
            if (!Files.isDirectory(dir)) continue;
            List<String> notebooks = new ArrayList<>();
            try (Stream<Path> s = Files.list(dir)) {
                s.filter(p -> Files.isRegularFile(p.resolve("runs.csv")) || Files.isRegularFile(p.resolve("draws.csv"))).map(p -> p.getFileName().toString()).sorted().forEach(notebooks::add);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list " + dir, e);
            }
            for (String nb : notebooks) {
                SweepResults r = SweepResults.load(results, nb, scale);
                List<SweepResults.Sitting> ss = r.sittings();
                SweepResults.Sitting first = ss.isEmpty() ? new SweepResults.Sitting(java.util.Map.of()) : ss.get(0);
                SweepResults.Sitting last = ss.isEmpty() ? first : ss.get(ss.size() - 1);
                String commit = last.get("commit");
                boolean draws = !Files.isRegularFile(dir.resolve(nb).resolve("runs.csv"));
                String count = draws ? "(" + SweepResults.draws(results, nb, scale).size() + ")" : Integer.toString(r.runs().size());
                String file = draws ? "draws.csv" : "runs.csv";
                sb.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %d | %s / %s | %s → %s | `%s` | `%s/%s/%s` |%n", nb, scale,
                        count, r.complete() ? "yes" : "**no** (resumable)", minutes(r.wallSeconds()), ss.size(),
                        last.get("cores"), last.get("threads"), load(first.get("load_start")), load(last.get("load_end")),
                        commit.length() > 10 ? commit.substring(0, 10) + (commit.endsWith("+dirty") ? "+dirty" : "") : commit, scale, nb, file));
            }
        }
        return sb.toString();
    }

    private static String minutes(double seconds) {
        return seconds < 60 ? String.format(Locale.ROOT, "%.0f s", seconds) : String.format(Locale.ROOT, "%.1f min", seconds / 60);
    }

    private static String load(String v) {
        try {
            return String.format(Locale.ROOT, "%.1f", Double.parseDouble(v));
        } catch (NumberFormatException e) {
            return "?";
        }
    }

    /** Prints the table for {@code args[0]} (default {@code results}). */
    public static void main(String[] args) {
        System.out.print(table(Path.of(args.length > 0 ? args[0] : "results")));
    }
}
