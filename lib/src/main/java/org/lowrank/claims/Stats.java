package org.lowrank.claims;

import java.util.Arrays;

import org.apache.commons.math3.distribution.FDistribution;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.stat.StatUtils;
import org.apache.commons.math3.stat.inference.TTest;
import org.apache.commons.math3.stat.inference.WilcoxonSignedRankTest;

/**
 * The statistical tests behind the notebooks' claim checks, in one place (Commons Math underneath). One-sided
 * p-values come from the two-sided ones: p/2 when the sample points the hypothesised way, else 1 − p/2.
 */
public final class Stats {
    private Stats() {}

    /** Welch's t statistic for mean(a) − mean(b) (unequal variances). */
    public static double welchT(double[] a, double[] b) {
        requireTwo("a", a);
        requireTwo("b", b);
        return new TTest().t(a, b);
    }

    /** Two-sided p-value of Welch's t-test of mean(a) = mean(b). */
    public static double welchTwoSided(double[] a, double[] b) {
        requireTwo("a", a);
        requireTwo("b", b);
        return new TTest().tTest(a, b);
    }

    /** One-sided Welch p-value for mean(a) &lt; mean(b). */
    public static double welchLess(double[] a, double[] b) {
        return oneSided(welchTwoSided(a, b), welchT(a, b) < 0);
    }

    /** One-sided F-test p-value for var(b) &gt; var(a). */
    public static double varianceGreater(double[] a, double[] b) {
        requireTwo("a", a);
        requireTwo("b", b);
        double f = StatUtils.variance(b) / StatUtils.variance(a);
        return 1 - new FDistribution(b.length - 1, a.length - 1).cumulativeProbability(f);
    }

    /** One-sided paired t-test p-value for mean(x − y) &gt; 0 (x[i] and y[i] are one pair). */
    public static double pairedGreater(double[] x, double[] y) {
        requirePairs(x, y);
        return oneSided(new TTest().pairedTTest(x, y), StatUtils.mean(x) > StatUtils.mean(y));
    }

    /**
     * One-sided Wilcoxon signed-rank p-value for x[i] &gt; y[i] typically (exact distribution up to 30 pairs,
     * normal approximation above, as Commons Math allows).
     */
    public static double wilcoxonGreater(double[] x, double[] y) {
        requirePairs(x, y);
        double p = new WilcoxonSignedRankTest().wilcoxonSignedRankTest(x, y, x.length <= 30);
        return oneSided(p, StatUtils.mean(x) > StatUtils.mean(y));
    }

    /** One-sided paired t-test p-value for mean(x − y) &lt; 0 (x[i] and y[i] are one pair). */
    public static double pairedLess(double[] x, double[] y) {
        requirePairs(x, y);
        return oneSided(new TTest().pairedTTest(x, y), StatUtils.mean(x) < StatUtils.mean(y));
    }

    /** Two-sided paired t-test p-value for mean(x − y) = 0. */
    public static double pairedTwoSided(double[] x, double[] y) {
        requirePairs(x, y);
        return new TTest().pairedTTest(x, y);
    }

    /**
     * Holm–Bonferroni adjusted p-values, in the input's order: reject hypothesis i at family-wise level α when
     * {@code adjusted[i] <= α}. Commons Math has no multiple-comparison correction, hence this step-down loop.
     */
    public static double[] holm(double[] p) {
        if (p == null || p.length == 0) throw new IllegalArgumentException("p has no values; allowed: >= 1 p-value");
        for (int i = 0; i < p.length; i++)
            if (!(p[i] >= 0 && p[i] <= 1))
                throw new IllegalArgumentException("p[" + i + "] = " + p[i] + "; allowed: a p-value in [0, 1]");
        Integer[] order = new Integer[p.length];
        for (int i = 0; i < p.length; i++) order[i] = i;
        Arrays.sort(order, (a, b) -> Double.compare(p[a], p[b]));
        double[] adjusted = new double[p.length];
        double running = 0;
        for (int k = 0; k < p.length; k++) {
            int i = order[k];
            running = Math.max(running, Math.min(1, (p.length - k) * p[i]));
            adjusted[i] = running;
        }
        return adjusted;
    }

    /** A sample mean with its two-sided 95% Student-t confidence interval, and how many values were NaN. */
    public record MeanCi(double mean, double lo, double hi, int n, int nanCount) {
        /** Half the interval's width (what an error bar shows). */
        public double halfWidth() { return (hi - lo) / 2; }

        @Override public String toString() {
            return String.format(java.util.Locale.ROOT, "%.3f ± %.3f (n=%d%s)", mean, halfWidth(), n,
                    nanCount > 0 ? ", " + nanCount + " NaN" : "");
        }
    }

    /**
     * Mean and 95% t-interval of the finite values of {@code x}; NaN values are counted, not silently dropped
     * (they are reported in {@link MeanCi#nanCount()}). One finite value gives a zero-width interval.
     */
    public static MeanCi meanCi95(double[] x) {
        if (x == null || x.length == 0) throw new IllegalArgumentException("x has no values; allowed: >= 1 value");
        double[] finite = Arrays.stream(x).filter(v -> !Double.isNaN(v)).toArray();
        int nan = x.length - finite.length;
        if (finite.length == 0) return new MeanCi(Double.NaN, Double.NaN, Double.NaN, 0, nan);
        double mean = StatUtils.mean(finite);
        if (finite.length == 1) return new MeanCi(mean, mean, mean, 1, nan);
        double se = Math.sqrt(StatUtils.variance(finite) / finite.length);
        double t = new TDistribution(finite.length - 1).inverseCumulativeProbability(0.975);
        return new MeanCi(mean, mean - t * se, mean + t * se, finite.length, nan);
    }

    private static double oneSided(double pTwoSided, boolean pointsTheHypothesisedWay) {
        return pointsTheHypothesisedWay ? pTwoSided / 2 : 1 - pTwoSided / 2;
    }

    private static void requireTwo(String name, double[] x) {
        if (x == null || x.length < 2)
            throw new IllegalArgumentException(name + " has " + (x == null ? "no" : x.length) + " values; allowed: >= 2");
    }

    private static void requirePairs(double[] x, double[] y) {
        requireTwo("x", x);
        requireTwo("y", y);
        if (x.length != y.length)
            throw new IllegalArgumentException("x has " + x.length + " values, y " + y.length + "; allowed: the same number (pairs)");
    }
}
