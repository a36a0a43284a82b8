package org.lowrank.sensing;

import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.stat.descriptive.DescriptiveStatistics;
import org.apache.commons.math3.stat.inference.TTest;

/** Seed-paired statistics for the sensing notebooks (Commons Math underneath). */
public final class PairedStats {
    private PairedStats() {}

    /** {@code {mean, half-width}} of a two-sided 95% Student-t confidence interval (half-width 0 for one value). */
    public static double[] meanCi95(double[] values) {
        if (values == null || values.length == 0) throw new IllegalArgumentException("values must be non-empty");
        DescriptiveStatistics s = new DescriptiveStatistics(values);
        if (values.length == 1) return new double[] {s.getMean(), 0.0};
        double t = new TDistribution(values.length - 1).inverseCumulativeProbability(0.975);
        return new double[] {s.getMean(), t * s.getStandardDeviation() / Math.sqrt(values.length)};
    }

    /**
     * One-sided paired t-test p-value for {@code mean(a − b) < 0}, with a[i] and b[i] from the same seed
     * (Commons Math's two-sided {@link TTest#pairedTTest} halved in the right direction). 1 when all differences are 0.
     */
    public static double pairedLess(double[] a, double[] b) {
        if (a == null || b == null || a.length != b.length || a.length < 2)
            throw new IllegalArgumentException("a and b must be paired samples of equal length ≥ 2, got "
                    + (a == null ? "null" : a.length) + " and " + (b == null ? "null" : b.length));
        double meanDiff = 0;
        boolean allEqual = true;
        for (int i = 0; i < a.length; i++) {
            meanDiff += a[i] - b[i];
            allEqual &= a[i] == b[i];
        }
        if (allEqual) return 1.0;
        double p2 = new TTest().pairedTTest(a, b);
        return meanDiff < 0 ? p2 / 2 : 1 - p2 / 2;
    }

    /** Holm–Bonferroni: which of the p-values are rejected at family-wise level {@code alpha}. */
    public static boolean[] holm(double[] p, double alpha) {
        if (p == null) throw new IllegalArgumentException("p must not be null");
        if (!(alpha > 0 && alpha < 1)) throw new IllegalArgumentException("alpha = " + alpha + ": must lie in (0, 1)");
        Integer[] order = new Integer[p.length];
        for (int i = 0; i < p.length; i++) order[i] = i;
        java.util.Arrays.sort(order, (x, y) -> Double.compare(p[x], p[y]));
        boolean[] reject = new boolean[p.length];
        for (int k = 0; k < p.length; k++) {
            int i = order[k];
            if (!(p[i] <= alpha / (p.length - k))) break;
            reject[i] = true;
        }
        return reject;
    }

    /** Natural logs of the values (errors compared on a log scale: they span decades). */
    public static double[] log(double[] values) {
        double[] r = new double[values.length];
        for (int i = 0; i < r.length; i++) r[i] = Math.log(values[i]);
        return r;
    }
}
