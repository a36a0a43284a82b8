package org.lowrank.claims;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

import org.apache.commons.math3.stat.descriptive.moment.Variance;
import org.lowrank.train.CnnExperiment.Run;
import org.lowrank.train.EpochMetrics;

/**
 * Statistics over the runs of notebook 09's C9 experiment ({@link org.lowrank.train.CnnExperiment}), per depth.
 *
 * <p>The design is paired: seed s gives every depth the same batch order, and the plain and expanded runs of a
 * seed are one pair. An expanded depth is compared with the plain net by a paired t-test on the per-seed
 * differences, one-sided in the paper's direction ({@link Metric#paperDirection}), Holm–Bonferroni across the
 * expanded depths of the family.
 */
public final class CnnRuns {
    private CnnRuns() {}

    /** Family-wise level of the verdicts. */
    public static final double ALPHA = 0.05;

    /** What the paper predicts for an expanded net relative to the plain one. */
    public enum Direction {
        /** expanded − plain &lt; 0 */
        LOWER,
        /** expanded − plain &gt; 0 */
        HIGHER
    }

    /**
     * A per-run quantity compared between an expanded and the plain net, with the paper's direction (project-page
     * figure: train 0.92 → 0.88, test 0.57 → 0.61; mechanism: lower effective rank of the embeddings).
     */
    public enum Metric {
        /** Final train accuracy: lower (paper −0.04). */
        TRAIN_ACCURACY("train acc", Direction.LOWER, Run::trainAccuracy),
        /** Final test accuracy: higher (paper +0.04). */
        TEST_ACCURACY("test acc", Direction.HIGHER, Run::testAccuracy),
        /** Train − test gap: smaller (paper −0.08). */
        GAP("gap", Direction.LOWER, Run::gap),
        /** Final ρ(K) of the penultimate embeddings: lower. */
        RHO("final rho(K)", Direction.LOWER, Run::rhoK),
        /** What training did to ρ(K), final − initial: lower (separates the effect of training from the init's). */
        RHO_CHANGE("rho(K) final - init", Direction.LOWER, Run::rhoChange);

        private final String label;
        private final Direction paperDirection;
        private final ToDoubleFunction<Run> value;

        Metric(String label, Direction d, ToDoubleFunction<Run> value) {
            this.label = label;
            this.paperDirection = d;
            this.value = value;
        }

        /** Short name for tables. */
        public String label() { return label; }
        /** The paper's direction, expanded vs plain. */
        public Direction paperDirection() { return paperDirection; }
        /** This metric of one run. */
        public double of(Run r) { return value.applyAsDouble(r); }
    }

    /**
     * One expanded depth against the plain net on one metric.
     *
     * @param depth       the expanded depth
     * @param metric      the metric
     * @param difference  mean and 95% t-interval of the per-seed differences expanded − plain
     * @param pPaper      one-sided paired t-test p-value in the paper's direction
     * @param pPaperHolm  {@code pPaper} Holm-adjusted across the family's depths
     * @param pOpposite   one-sided p-value in the opposite direction, Holm-adjusted the same way
     * @param pairs       seeds with both runs
     */
    public record Comparison(int depth, Metric metric, Stats.MeanCi difference, double pPaper, double pPaperHolm,
                             double pOpposite, int pairs) {
        /** The paper's direction holds at family-wise level {@link #ALPHA}. */
        public boolean asPaper() { return pPaperHolm < ALPHA; }
        /** The opposite direction holds at family-wise level {@link #ALPHA}. */
        public boolean opposite() { return pOpposite < ALPHA; }

        /** "as the paper", "opposite to the paper" or "not significant". */
        public String verdict() {
            return asPaper() ? "as the paper" : opposite() ? "opposite to the paper" : "not significant";
        }

        @Override public String toString() {
            return String.format(Locale.ROOT, "d=%d %s %+.3f [%+.3f, %+.3f] (paper: %s; paired t, n=%d, Holm p = %.2g; other way p = %.2g): %s",
                    depth, metric.label(), difference.mean(), difference.lo(), difference.hi(),
                    metric.paperDirection() == Direction.LOWER ? "lower" : "higher", pairs, pPaperHolm, pOpposite, verdict());
        }
    }

    /**
     * Each expanded depth against the plain net (depth 1) on {@code metric}, paired by seed, Holm–Bonferroni across
     * {@code expandedDepths}.
     *
     * @throws IllegalArgumentException if a depth has fewer than 2 seeds paired with the plain net, a value is NaN,
     *                                  or {@code expandedDepths} is empty or contains 1
     */
    public static List<Comparison> vsPlain(List<Run> runs, int[] expandedDepths, Metric metric) {
        if (expandedDepths == null || expandedDepths.length == 0)
            throw new IllegalArgumentException("expandedDepths has no values; allowed: >= 1 depth > 1");
        double[] pPaper = new double[expandedDepths.length], pOpp = new double[expandedDepths.length];
        List<double[][]> pairs = new ArrayList<>();
        for (int i = 0; i < expandedDepths.length; i++) {
            int d = expandedDepths[i];
            if (d <= 1) throw new IllegalArgumentException("expandedDepths contains " + d + "; allowed: depths > 1 (1 is the plain net)");
            double[][] xy = paired(runs, d, 1, metric);
            pairs.add(xy);
            boolean lower = metric.paperDirection() == Direction.LOWER;
            pPaper[i] = lower ? Stats.pairedLess(xy[0], xy[1]) : Stats.pairedGreater(xy[0], xy[1]);
            pOpp[i] = lower ? Stats.pairedGreater(xy[0], xy[1]) : Stats.pairedLess(xy[0], xy[1]);
        }
        double[] holm = Stats.holm(pPaper), holmOpp = Stats.holm(pOpp);
        List<Comparison> out = new ArrayList<>();
        for (int i = 0; i < expandedDepths.length; i++) {
            double[][] xy = pairs.get(i);
            double[] diff = new double[xy[0].length];
            for (int k = 0; k < diff.length; k++) diff[k] = xy[0][k] - xy[1][k];
            out.add(new Comparison(expandedDepths[i], metric, Stats.meanCi95(diff), pPaper[i], holm[i], holmOpp[i], diff.length));
        }
        return out;
    }

    /**
     * The values of {@code metric} for depths {@code a} and {@code b} over the seeds both have, in seed order:
     * {@code [0]} depth a, {@code [1]} depth b.
     *
     * @throws IllegalArgumentException if fewer than 2 seeds pair up or a value is NaN
     */
    public static double[][] paired(List<Run> runs, int a, int b, Metric metric) {
        long[] seeds = runs.stream().filter(r -> r.depth() == a).mapToLong(Run::seed).sorted().distinct()
                .filter(s -> runs.stream().anyMatch(r -> r.depth() == b && r.seed() == s)).toArray();
        if (seeds.length < 2)
            throw new IllegalArgumentException("depths " + a + " and " + b + " share " + seeds.length + " seed(s); allowed: >= 2 for a paired test");
        double[][] xy = new double[2][seeds.length];
        for (int k = 0; k < seeds.length; k++) {
            xy[0][k] = metric.of(run(runs, a, seeds[k]));
            xy[1][k] = metric.of(run(runs, b, seeds[k]));
            if (Double.isNaN(xy[0][k]) || Double.isNaN(xy[1][k]))
                throw new IllegalArgumentException(metric.label() + " is NaN for seed " + seeds[k] + " (depth " + a + " or " + b
                        + "); allowed: finite values (rho(K) is NaN when fewer than 2 embeddings are non-zero)");
        }
        return xy;
    }

    private static Run run(List<Run> runs, int depth, long seed) {
        return runs.stream().filter(r -> r.depth() == depth && r.seed() == seed).findFirst().orElseThrow();
    }

    /**
     * One model's final numbers over its seeds.
     *
     * @param depth factors per layer (1: plain)
     * @param train mean and 95% t-interval of final train accuracy
     * @param test  the same for final test accuracy
     * @param gap   the same for the train − test gap
     * @param rho   the same for final ρ(K) (NaN values counted)
     * @param rhoInit the same for ρ(K) before training
     */
    public record Model(int depth, Stats.MeanCi train, Stats.MeanCi test, Stats.MeanCi gap, Stats.MeanCi rho, Stats.MeanCi rhoInit) { }

    /** The final numbers of the model with {@code depth}. */
    public static Model model(List<Run> runs, int depth) {
        return new Model(depth, ci(runs, depth, Run::trainAccuracy), ci(runs, depth, Run::testAccuracy), ci(runs, depth, Run::gap),
                ci(runs, depth, Run::rhoK), ci(runs, depth, Run::rhoInit));
    }

    private static Stats.MeanCi ci(List<Run> runs, int depth, ToDoubleFunction<Run> f) {
        double[] v = values(runs, depth, f);
        if (v.length == 0) throw new IllegalArgumentException("no runs of depth " + depth);
        return Stats.meanCi95(v);
    }

    /** Mean of a per-run quantity over the runs of {@code depth} (NaN when there are none). */
    public static double mean(List<Run> runs, int depth, ToDoubleFunction<Run> f) {
        return runs.stream().filter(r -> r.depth() == depth).mapToDouble(f).average().orElse(Double.NaN);
    }

    /** Sample standard deviation of a per-run quantity over the runs of {@code depth} (NaN below 2 runs). */
    public static double std(List<Run> runs, int depth, ToDoubleFunction<Run> f) {
        double[] v = values(runs, depth, f);
        return v.length < 2 ? Double.NaN : Math.sqrt(new Variance().evaluate(v));
    }

    /**
     * A per-epoch metric of the runs of {@code depth}: {@code [epoch - 1][run]}, the runs in seed order, epochs up to
     * the shortest history (the shape {@code Plots.addMeanCi} takes).
     */
    public static double[][] curves(List<Run> runs, int depth, ToDoubleFunction<EpochMetrics> f) {
        List<Run> rs = bySeed(runs, depth);
        int n = rs.stream().mapToInt(r -> r.history().size()).min().orElse(0);
        double[][] c = new double[n][rs.size()];
        for (int e = 0; e < n; e++) for (int k = 0; k < rs.size(); k++) c[e][k] = f.applyAsDouble(rs.get(k).history().get(e));
        return c;
    }

    /** ρ(K) of the runs of {@code depth}: {@code [epoch][run]}, row 0 before training, runs in seed order. */
    public static double[][] rhoCurves(List<Run> runs, int depth) {
        List<Run> rs = bySeed(runs, depth);
        int n = rs.stream().mapToInt(r -> r.rhoPerEpoch().length).min().orElse(0);
        double[][] c = new double[n + 1][rs.size()];
        for (int k = 0; k < rs.size(); k++) {
            c[0][k] = rs.get(k).rhoInit();
            for (int e = 0; e < n; e++) c[e + 1][k] = rs.get(k).rhoPerEpoch()[e];
        }
        return c;
    }

    /** Mean per-epoch curve of a metric over the runs of {@code depth}. */
    public static double[] meanCurve(List<Run> runs, int depth, ToDoubleFunction<EpochMetrics> f) {
        return Arrays.stream(curves(runs, depth, f)).mapToDouble(row -> Arrays.stream(row).average().orElse(Double.NaN)).toArray();
    }

    private static List<Run> bySeed(List<Run> runs, int depth) {
        return runs.stream().filter(r -> r.depth() == depth).sorted(java.util.Comparator.comparingLong(Run::seed)).toList();
    }

    private static double[] values(List<Run> runs, int depth, ToDoubleFunction<Run> f) {
        return bySeed(runs, depth).stream().mapToDouble(f).toArray();
    }
}
