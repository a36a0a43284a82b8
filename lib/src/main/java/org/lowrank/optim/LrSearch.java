package org.lowrank.optim;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleUnaryOperator;

/**
 * The one learning-rate selection rule of the lib, used by the small-net sweep ({@code experiment.LrSweep}) and the
 * CNN sweep ({@code train.CnnExperiment#sweepLearningRates}). A configuration's rates are scored by a caller-supplied
 * score, lower is better (a training loss, a validation error); a NaN or infinite score means the run diverged.
 *
 * <p>The rule:
 * <ol>
 *   <li>score every rate of the grid (at least two distinct positive rates);</li>
 *   <li>the best rate is the lowest score; on a tie the <em>smaller</em> rate wins (further from divergence);</li>
 *   <li>if the best rate is the largest rate tried, try the next one up (the largest × the grid's top ratio); if it is
 *       the smallest, try the next one down (the smallest ÷ the grid's bottom ratio); if every rate diverged, try the
 *       next one down too;</li>
 *   <li>repeat step 3 at most {@code maxExtensions} times per configuration; a diverged or worse neighbour on each side
 *       makes the best rate interior and ends the search;</li>
 *   <li>if every rate tried diverged, {@link #result} throws {@link AllDivergedException} naming the configuration and
 *       the rates; if the best is still at an edge after the last extension, the {@link Result} says so
 *       ({@link Outcome#LOW_EDGE} / {@link Outcome#HIGH_EDGE}) instead of pretending it is interior.</li>
 * </ol>
 * Many configurations are searched together ({@link #run(List, double[], int, BatchScorer)}): each round collects
 * every configuration's pending rates into one batch, so a caller can score them in parallel. The rule is
 * deterministic: the same scores give the same choices, whatever the order a batch is scored in.
 */
public final class LrSearch {
    /** Default bound on grid extensions per configuration. */
    public static final int DEFAULT_EXTENSIONS = 3;

    /** One scored rate. */
    public record Point(double lr, double score) {
        /** A NaN or infinite score: the run diverged. */
        public boolean diverged() { return !Double.isFinite(score); }
    }

    /** Where the chosen rate sits among the rates tried. */
    public enum Outcome {
        /** A worse (or diverged) rate on each side. */
        INTERIOR,
        /** Still the smallest rate tried after the last allowed extension. */
        LOW_EDGE,
        /** Still the largest rate tried after the last allowed extension. */
        HIGH_EDGE
    }

    /**
     * The outcome of a search for one configuration.
     *
     * @param configuration what was tuned (for messages)
     * @param points        every rate tried with its score, ascending in rate
     * @param best          index of the chosen rate in {@code points}
     * @param outcome       whether the choice is interior
     * @param extensions    rates added beyond the initial grid
     * @param maxExtensions the bound on {@code extensions}
     */
    public record Result(String configuration, List<Point> points, int best, Outcome outcome, int extensions, int maxExtensions) {
        /** Copies. */
        public Result {
            points = List.copyOf(points);
        }

        /** The chosen rate. */
        public double lr() { return points.get(best).lr(); }

        /** The chosen rate's score. */
        public double score() { return points.get(best).score(); }

        /** Whether the chosen rate has a worse (or diverged) rate tried on each side. */
        public boolean interior() { return outcome == Outcome.INTERIOR; }

        /** The rates tried, ascending. */
        public double[] rates() { return points.stream().mapToDouble(Point::lr).toArray(); }

        /** The scores, in the order of {@link #rates()}. */
        public double[] scores() { return points.stream().mapToDouble(Point::score).toArray(); }

        /** A note on the grid: empty when interior without extensions, else what was extended and whether it helped. */
        public String note() {
            String ext = extensions == 0 ? "" : "grid extended by " + extensions + " rate" + (extensions == 1 ? "" : "s");
            return switch (outcome) {
                case INTERIOR -> ext;
                case LOW_EDGE -> (ext.isEmpty() ? "" : ext + "; ") + "best is still the SMALLEST rate tried (limit "
                        + maxExtensions + " extensions): not interior";
                case HIGH_EDGE -> (ext.isEmpty() ? "" : ext + "; ") + "best is still the LARGEST rate tried (limit "
                        + maxExtensions + " extensions): not interior";
            };
        }
    }

    /** Thrown when every rate tried for a configuration diverged. */
    public static final class AllDivergedException extends IllegalStateException {
        private final String configuration;
        private final double[] rates;

        AllDivergedException(String configuration, double[] rates) {
            super("learning-rate search for " + configuration + ": every rate tried diverged " + Arrays.toString(rates)
                    + "; pass a grid with smaller rates");
            this.configuration = configuration;
            this.rates = rates.clone();
        }

        /** The configuration that could not be tuned. */
        public String configuration() { return configuration; }

        /** The rates tried, ascending. */
        public double[] rates() { return rates.clone(); }
    }

    /** A rate to score for configuration number {@code configuration}. */
    public record Probe(int configuration, double lr) { }

    /** Scores a batch of probes (lower is better; NaN or ±∞ = diverged), one score per probe, in probe order. */
    @FunctionalInterface
    public interface BatchScorer {
        double[] score(List<Probe> probes);
    }

    private final String configuration;
    private final double upFactor, downFactor;
    private final int maxExtensions;
    private final int gridSize;
    private final List<Point> points = new ArrayList<>();
    private double[] pending;

    /**
     * Starts a search over {@code grid} (any order; at least two distinct positive finite rates).
     *
     * @throws IllegalArgumentException for a bad grid or a negative {@code maxExtensions}
     */
    public LrSearch(String configuration, double[] grid, int maxExtensions) {
        if (grid == null || grid.length < 2) {
            throw new IllegalArgumentException("grid must hold at least 2 learning rates (the ratio of neighbours sets the extension step), got "
                    + Arrays.toString(grid));
        }
        if (maxExtensions < 0) throw new IllegalArgumentException("maxExtensions must be >= 0, got " + maxExtensions);
        double[] g = grid.clone();
        Arrays.sort(g);
        for (int i = 0; i < g.length; i++) {
            if (!(g[i] > 0) || !Double.isFinite(g[i]) || (i > 0 && g[i] == g[i - 1])) {
                throw new IllegalArgumentException("grid must hold distinct positive finite rates, got " + Arrays.toString(grid));
            }
        }
        this.configuration = configuration;
        this.upFactor = g[g.length - 1] / g[g.length - 2];
        this.downFactor = g[1] / g[0];
        this.maxExtensions = maxExtensions;
        this.gridSize = g.length;
        this.pending = g;
    }

    /** The rates to score next (empty once the search is done). */
    public double[] pending() { return pending.clone(); }

    /** Whether no rate is pending. */
    public boolean done() { return pending.length == 0; }

    /**
     * Records the scores of the pending rates ({@code scores[i]} for {@code pending()[i]}) and decides what to try next.
     *
     * @throws IllegalArgumentException if the number of scores does not match
     */
    public void record(double[] scores) {
        if (scores == null || scores.length != pending.length) {
            throw new IllegalArgumentException("expected " + pending.length + " scores for " + Arrays.toString(pending) + ", got "
                    + (scores == null ? "null" : Arrays.toString(scores)));
        }
        for (int i = 0; i < scores.length; i++) points.add(new Point(pending[i], scores[i]));
        points.sort(Comparator.comparingDouble(Point::lr));
        pending = next();
    }

    private double[] next() {
        if (points.size() - gridSize >= maxExtensions) return new double[0];
        int b = bestIndex(points);
        double lo = points.get(0).lr(), hi = points.get(points.size() - 1).lr();
        if (b < 0 || b == 0) return new double[] {lo / downFactor};
        if (b == points.size() - 1) return new double[] {hi * upFactor};
        return new double[0];
    }

    /**
     * The outcome once {@link #done()}.
     *
     * @throws IllegalStateException        if rates are still pending
     * @throws AllDivergedException if every rate tried diverged
     */
    public Result result() {
        if (!done()) throw new IllegalStateException("search for " + configuration + " still has pending rates " + Arrays.toString(pending));
        return select(configuration, points, points.size() - gridSize, maxExtensions);
    }

    /**
     * Applies the rule's choice (step 2) and edge verdict to rates already scored, without extending.
     *
     * @throws AllDivergedException     if every point diverged
     * @throws IllegalArgumentException if there are no points
     */
    public static Result select(String configuration, List<Point> points) {
        return select(configuration, points, 0, 0);
    }

    /**
     * {@link #select(String, List)} for points that include {@code extensions} rates added by a search bounded by
     * {@code maxExtensions} (reported in the {@link Result}).
     */
    public static Result select(String configuration, List<Point> points, int extensions, int maxExtensions) {
        if (points == null || points.isEmpty()) throw new IllegalArgumentException("points must be non-empty for " + configuration);
        List<Point> sorted = new ArrayList<>(points);
        sorted.sort(Comparator.comparingDouble(Point::lr));
        int b = bestIndex(sorted);
        if (b < 0) throw new AllDivergedException(configuration, sorted.stream().mapToDouble(Point::lr).toArray());
        Outcome o = b == 0 ? Outcome.LOW_EDGE : b == sorted.size() - 1 ? Outcome.HIGH_EDGE : Outcome.INTERIOR;
        return new Result(configuration, sorted, b, o, extensions, maxExtensions);
    }

    /** Lowest finite score, ties to the smaller rate (points ascending); -1 if all diverged. */
    private static int bestIndex(List<Point> sorted) {
        int b = -1;
        for (int i = 0; i < sorted.size(); i++) {
            Point p = sorted.get(i);
            if (!p.diverged() && (b < 0 || p.score() < sorted.get(b).score())) b = i;
        }
        return b;
    }

    /**
     * Searches every configuration (names for messages) from {@code grid}: each round scores all pending rates of all
     * configurations in one {@code scorer} call.
     *
     * @throws AllDivergedException for the first configuration (in list order) whose every rate diverged
     */
    public static List<Result> run(List<String> configurations, double[] grid, int maxExtensions, BatchScorer scorer) {
        List<LrSearch> searches = new ArrayList<>();
        for (String c : configurations) searches.add(new LrSearch(c, grid, maxExtensions));
        while (searches.stream().anyMatch(s -> !s.done())) {
            List<Probe> probes = new ArrayList<>();
            for (int k = 0; k < searches.size(); k++) for (double lr : searches.get(k).pending) probes.add(new Probe(k, lr));
            double[] scores = scorer.score(probes);
            if (scores == null || scores.length != probes.size()) {
                throw new IllegalStateException("scorer returned " + (scores == null ? "null" : scores.length + " scores") + " for "
                        + probes.size() + " probes");
            }
            int o = 0;
            for (LrSearch s : searches) {
                int n = s.pending.length;
                if (n == 0) continue;
                s.record(Arrays.copyOfRange(scores, o, o + n));
                o += n;
            }
        }
        return searches.stream().map(LrSearch::result).toList();
    }

    /** Searches one configuration, scoring one rate at a time. */
    public static Result run(String configuration, double[] grid, int maxExtensions, DoubleUnaryOperator score) {
        return run(List.of(configuration), grid, maxExtensions,
                probes -> probes.stream().mapToDouble(p -> score.applyAsDouble(p.lr())).toArray()).get(0);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "LrSearch[%s, %d points, pending %s]", configuration, points.size(), Arrays.toString(pending));
    }
}
