package org.lowrank.claims;

import org.apache.commons.math3.distribution.FDistribution;
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
