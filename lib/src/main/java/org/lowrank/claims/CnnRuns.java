package org.lowrank.claims;

import java.util.List;
import java.util.function.ToDoubleFunction;

import org.apache.commons.math3.stat.descriptive.moment.Variance;
import org.lowrank.train.CnnExperiment.Run;
import org.lowrank.train.EpochMetrics;

/** Statistics over the runs of notebook 09's C9 experiment ({@link org.lowrank.train.CnnExperiment}), per depth. */
public final class CnnRuns {
    private CnnRuns() {}

    /**
     * An expanded model against the plain one (depth 1), means over seeds.
     *
     * @param depth       the expanded model's depth
     * @param dTrain      train accuracy, expanded − plain
     * @param dTest       test accuracy, expanded − plain
     * @param dGap        train − test gap, expanded − plain
     * @param dRho        ρ(K), expanded − plain
     * @param welchT      Welch's t on test accuracy, expanded vs plain
     * @param welchP      its two-sided p-value
     * @param runsPerModel runs of the expanded model
     */
    public record VsPlain(int depth, double dTrain, double dTest, double dGap, double dRho, double welchT, double welchP,
                          int runsPerModel) { }

    /**
     * One model's final numbers over its seeds.
     *
     * @param depth     factors per layer (1: plain)
     * @param trainMean mean final train accuracy; {@code trainStd} its sample standard deviation
     * @param testMean  mean final test accuracy; {@code testStd} its sample standard deviation
     * @param gapMean   mean train − test gap
     * @param rhoMean   mean final ρ(K)
     */
    public record Model(int depth, double trainMean, double trainStd, double testMean, double testStd, double gapMean,
                        double rhoMean) {
        /** "mean ± std" of train accuracy, 3 decimals. */
        public String train() { return String.format(java.util.Locale.ROOT, "%.3f ± %.3f", trainMean, trainStd); }
        /** "mean ± std" of test accuracy, 3 decimals. */
        public String test() { return String.format(java.util.Locale.ROOT, "%.3f ± %.3f", testMean, testStd); }
    }

    /** The final numbers of the model with {@code depth}. */
    public static Model model(List<Run> runs, int depth) {
        return new Model(depth, mean(runs, depth, Run::trainAccuracy), std(runs, depth, Run::trainAccuracy),
                mean(runs, depth, Run::testAccuracy), std(runs, depth, Run::testAccuracy), mean(runs, depth, Run::gap),
                mean(runs, depth, Run::rhoK));
    }

    /** Compares depth {@code depth} with the plain model (depth 1). */
    public static VsPlain vsPlain(List<Run> runs, int depth) {
        return new VsPlain(depth,
                mean(runs, depth, Run::trainAccuracy) - mean(runs, 1, Run::trainAccuracy),
                mean(runs, depth, Run::testAccuracy) - mean(runs, 1, Run::testAccuracy),
                mean(runs, depth, Run::gap) - mean(runs, 1, Run::gap),
                mean(runs, depth, Run::rhoK) - mean(runs, 1, Run::rhoK),
                welchT(runs, depth, 1), welchP(runs, depth, 1), testAccuracies(runs, depth).length);
    }

    /** Test accuracies of the runs with {@code depth}, in run order. */
    public static double[] testAccuracies(List<Run> runs, int depth) {
        return values(runs, depth, Run::testAccuracy);
    }

    /** Two-sided p-value of Welch's t-test on test accuracy, depth {@code a} vs {@code b} (≥ 2 runs each). */
    public static double welchP(List<Run> runs, int a, int b) {
        return Stats.welchTwoSided(testAccuracies(runs, a), testAccuracies(runs, b));
    }

    /** Welch's t statistic on test accuracy, depth {@code a} vs {@code b}. */
    public static double welchT(List<Run> runs, int a, int b) {
        return Stats.welchT(testAccuracies(runs, a), testAccuracies(runs, b));
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

    /** Mean per-epoch curve of a metric over the runs of {@code depth}. */
    public static double[] meanCurve(List<Run> runs, int depth, ToDoubleFunction<EpochMetrics> f) {
        List<Run> rs = runs.stream().filter(r -> r.depth() == depth).toList();
        int n = rs.stream().mapToInt(r -> r.history().size()).min().orElse(0);
        double[] c = new double[n];
        for (int e = 0; e < n; e++) {
            final int ee = e;
            c[e] = rs.stream().mapToDouble(r -> f.applyAsDouble(r.history().get(ee))).average().orElse(Double.NaN);
        }
        return c;
    }

    /** Mean ρ(K) per epoch over the runs of {@code depth}. */
    public static double[] meanRhoCurve(List<Run> runs, int depth) {
        List<Run> rs = runs.stream().filter(r -> r.depth() == depth).toList();
        int n = rs.stream().mapToInt(r -> r.rhoPerEpoch().length).min().orElse(0);
        double[] c = new double[n];
        for (int e = 0; e < n; e++) {
            final int ee = e;
            c[e] = rs.stream().mapToDouble(r -> r.rhoPerEpoch()[ee]).average().orElse(Double.NaN);
        }
        return c;
    }

    private static double[] values(List<Run> runs, int depth, ToDoubleFunction<Run> f) {
        return runs.stream().filter(r -> r.depth() == depth).mapToDouble(f).toArray();
    }
}
