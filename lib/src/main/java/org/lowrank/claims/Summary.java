package org.lowrank.claims;

import java.util.List;
import java.util.Locale;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;
import org.apache.commons.math3.stat.descriptive.DescriptiveStatistics;
import org.apache.commons.math3.stat.regression.SimpleRegression;
import org.lowrank.experiment.RunResult;

/** Grouping and statistics over run results for notebooks (Commons Math underneath). */
public final class Summary {
    private Summary() {}

    /** Statistics of {@code value} per {@code key} over the runs matching {@code filter} (NaN values skipped). */
    public static <K extends Comparable<K>> SortedMap<K, DescriptiveStatistics> by(List<RunResult> runs, Predicate<RunResult> filter,
                                                                                Function<RunResult, K> key, ToDoubleFunction<RunResult> value) {
        SortedMap<K, DescriptiveStatistics> m = new TreeMap<>();
        for (RunResult r : runs) {
            if (!filter.test(r)) continue;
            double v = value.applyAsDouble(r);
            DescriptiveStatistics s = m.computeIfAbsent(key.apply(r), k -> new DescriptiveStatistics());
            if (!Double.isNaN(v)) s.addValue(v);
        }
        return m;
    }

    /** Values of {@code value} over the runs matching {@code filter} (NaN skipped). */
    public static double[] values(List<RunResult> runs, Predicate<RunResult> filter, ToDoubleFunction<RunResult> value) {
        return runs.stream().filter(filter).mapToDouble(value).filter(v -> !Double.isNaN(v)).toArray();
    }

    /** "mean ± std" with 3 decimals (std over seeds; "–" when empty). */
    public static String meanStd(DescriptiveStatistics s) {
        if (s == null || s.getN() == 0) return "–";
        return String.format(Locale.ROOT, "%.3f ± %.3f", s.getMean(), s.getN() > 1 ? s.getStandardDeviation() : 0.0);
    }

    /**
     * Least-squares slope of y on x over individual runs, with the two-sided p-value of slope = 0
     * ({@link SimpleRegression#getSignificance()}): {@code {slope, p}}.
     */
    public static double[] slope(List<RunResult> runs, Predicate<RunResult> filter, ToDoubleFunction<RunResult> x,
                                 ToDoubleFunction<RunResult> y) {
        SimpleRegression reg = new SimpleRegression();
        for (RunResult r : runs) {
            if (!filter.test(r)) continue;
            double xv = x.applyAsDouble(r), yv = y.applyAsDouble(r);
            if (Double.isFinite(xv) && Double.isFinite(yv)) reg.addData(xv, yv);
        }
        if (reg.getN() < 3) return new double[] {Double.NaN, Double.NaN};
        return new double[] {reg.getSlope(), reg.getSignificance()};
    }

    /** One-sided Welch t-test p-value for mean(a) &lt; mean(b) (NaN when a sample has fewer than 2 values). */
    public static double pLess(double[] a, double[] b) {
        if (a.length < 2 || b.length < 2) return Double.NaN;
        return Stats.welchLess(a, b);
    }

    /** Whether the means are strictly decreasing along the map's key order. */
    public static <K> boolean strictlyDecreasing(SortedMap<K, DescriptiveStatistics> m) {
        double prev = Double.POSITIVE_INFINITY;
        for (DescriptiveStatistics s : m.values()) {
            if (!(s.getMean() < prev)) return false;
            prev = s.getMean();
        }
        return true;
    }
}
