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

    /**
     * One scale of the C9 experiment on Fashion-MNIST, written once for the notebook and for {@code make reproduce}
     * ({@code reproduce.OverparameterizedCnnsSweep}): data, CNN, recipe, seeds and the learning-rate sweep.
     *
     * @param trainPerClass      training images per class ({@code balancedSubset(trainPerClass, 1)} of the training split)
     * @param testPerClass       test images per class ({@code balancedSubset(testPerClass, 2)} of the test split)
     * @param channels           the CNN's four conv widths
     * @param hidden             its penultimate dense width
     * @param epochs             epochs of every run (LR ×0.1 at 1/3 and 2/3 of them)
     * @param batchSize          training batch
     * @param weightDecay        weight decay on all parameters
     * @param rhoSamples         test images whose embeddings give ρ(K)
     * @param depths             factors per layer of the models, 1 (plain) first
     * @param seeds              evaluation seeds
     * @param lrGrid             the learning-rate sweep's initial grid
     * @param validationFraction share of each class the sweep holds out ({@link org.lowrank.train.CnnLrSweep.Split}, seed {@value #SPLIT_SEED})
     * @param sweepEpochs        epochs of each sweep trial
     * @param sweepSeed          seed of every sweep trial (not an evaluation seed)
     * @param maxExtensions      the sweep's bound on grid extensions per depth
     */
    public record Setup(int trainPerClass, int testPerClass, int[] channels, int hidden, int epochs, int batchSize, double weightDecay,
                        int rhoSamples, int[] depths, long[] seeds, double[] lrGrid, double validationFraction, int sweepEpochs,
                        long sweepSeed, int maxExtensions) {
        /** Seed of the sweep's train / validation split. */
        public static final long SPLIT_SEED = 11;
        /** Seed of the training subset. */
        public static final long TRAIN_SUBSET_SEED = 1;
        /** Seed of the test subset. */
        public static final long TEST_SUBSET_SEED = 2;

        /** Validates and copies. */
        public Setup {
            if (trainPerClass < 2 || testPerClass < 1 || hidden < 1 || epochs < 1 || batchSize < 1 || rhoSamples < 2 || sweepEpochs < 1 || maxExtensions < 0) {
                throw new IllegalArgumentException("need trainPerClass >= 2, testPerClass, hidden, epochs, batchSize, sweepEpochs >= 1, rhoSamples >= 2,"
                        + " maxExtensions >= 0; got trainPerClass=" + trainPerClass + " testPerClass=" + testPerClass + " hidden=" + hidden
                        + " epochs=" + epochs + " batchSize=" + batchSize + " rhoSamples=" + rhoSamples + " sweepEpochs=" + sweepEpochs
                        + " maxExtensions=" + maxExtensions);
            }
            if (channels == null || channels.length != 4) throw new IllegalArgumentException("channels must have 4 entries, got " + Arrays.toString(channels));
            if (depths == null || depths.length < 2 || depths[0] != 1) throw new IllegalArgumentException("depths must start with 1 (plain) and have an expanded depth, got " + Arrays.toString(depths));
            if (seeds == null || seeds.length < 2) throw new IllegalArgumentException("seeds must have >= 2 entries, got " + Arrays.toString(seeds));
            for (long s : seeds) if (s == sweepSeed) throw new IllegalArgumentException("sweepSeed " + sweepSeed + " is an evaluation seed " + Arrays.toString(seeds));
            if (lrGrid == null || lrGrid.length < 2) throw new IllegalArgumentException("lrGrid must have >= 2 rates, got " + Arrays.toString(lrGrid));
            if (!(weightDecay >= 0)) throw new IllegalArgumentException("weightDecay must be >= 0, got " + weightDecay);
            channels = channels == null ? null : channels.clone();
            depths = depths.clone();
            seeds = seeds.clone();
            lrGrid = lrGrid.clone();
        }

        /**
         * The CPU "medium" scale (committed results, {@code results/medium/09_overparameterized_cnns/}): 100 training
         * images per class (1,000), 1,000 test images, 40 epochs of batch 32 (1,240 iterations), the quick scale's CNN
         * (channels 16-32-32-64, hidden 64, batch norm), weight decay 5e-4, ρ(K) on 500 test images, depths 1, 2, 4,
         * seeds 1–5; LR sweep on {0.3, 0.1, 0.03, 0.01} (extended up to 3 times), 20 epochs on 800 / 200 images
         * (20 % held out), seed 6. Chosen by a pilot (docs/scale.md; plain CNN, LR 0.1, seed 1): 2,000 images and
         * 20 epochs gave train 0.933, test 0.845 (gap 0.088, not clearly over-fitting); 1,000 images and 30 epochs
         * train 0.978, test 0.842 (gap 0.136); 40 epochs train 0.989, test 0.840 (gap 0.149).
         */
        public static Setup medium() {
            return new Setup(100, 100, new int[] {16, 32, 32, 64}, 64, 40, 32, 5e-4, 500, new int[] {1, 2, 4},
                    new long[] {1, 2, 3, 4, 5}, new double[] {0.3, 0.1, 0.03, 0.01}, 0.2, 20, 6, org.lowrank.optim.LrSearch.DEFAULT_EXTENSIONS);
        }

        @Override public int[] channels() { return channels.clone(); }
        @Override public int[] depths() { return depths.clone(); }
        @Override public long[] seeds() { return seeds.clone(); }
        @Override public double[] lrGrid() { return lrGrid.clone(); }

        /** The expanded depths (all but the plain one). */
        public int[] expandedDepths() { return Arrays.copyOfRange(depths, 1, depths.length); }

        /** The training images: {@code trainPerClass} of each class of Fashion-MNIST's training split. */
        public org.lowrank.data.ImageDataset train() {
            return org.lowrank.data.FashionMnist.load(org.lowrank.data.FashionMnist.Split.TRAIN).balancedSubset(trainPerClass, TRAIN_SUBSET_SEED);
        }

        /** The test images: {@code testPerClass} of each class of Fashion-MNIST's test split. */
        public org.lowrank.data.ImageDataset test() {
            return org.lowrank.data.FashionMnist.load(org.lowrank.data.FashionMnist.Split.TEST).balancedSubset(testPerClass, TEST_SUBSET_SEED);
        }

        /** The recipe for images shaped like {@code train}'s (no augmentation; progress {@code progress}). */
        public org.lowrank.train.CnnExperiment.Settings settings(org.lowrank.data.ImageDataset train, org.lowrank.train.Progress progress) {
            org.lowrank.train.SmallCnn cnn = org.lowrank.train.SmallCnn.forData(train, channels, hidden).withBatchNorm(true);
            return org.lowrank.train.CnnExperiment.Settings.of(cnn, epochs, batchSize).withWeightDecay(weightDecay)
                    .withRhoSamples(rhoSamples).withProgress(progress);
        }

        /** The learning-rate sweep's train / validation split of {@code train}. */
        public org.lowrank.train.CnnLrSweep.Split split(org.lowrank.data.ImageDataset train) {
            return org.lowrank.train.CnnLrSweep.Split.of(train, validationFraction, SPLIT_SEED);
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "Fashion-MNIST %d train / %d test images, CNN %s hidden %d + BN, %d epochs of batch %d, weight decay %s,"
                    + " rho(K) on %d test images, depths %s, seeds %s; LR sweep %s, %d epochs, %.0f %% held out, seed %d",
                    10 * trainPerClass, 10 * testPerClass, Arrays.toString(channels), hidden, epochs, batchSize, weightDecay, rhoSamples,
                    Arrays.toString(depths), Arrays.toString(seeds), Arrays.toString(lrGrid), sweepEpochs, 100 * validationFraction, sweepSeed);
        }
    }

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
