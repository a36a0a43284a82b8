package org.lowrank.claims;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.lowrank.experiment.RunResult;

/**
 * Depth comparisons over seeds for notebooks 06 and 07, paired by seed: a run's seed draws its target, data and
 * init, so the runs of one seed at two depths (or under two inits) differ only in depth (or init). Every family of
 * tests is Holm–Bonferroni corrected ({@link Stats#holm}); the t-tests are Commons Math's ({@link Stats}).
 */
public final class PairedDepths {
    private PairedDepths() {}

    /** Family-wise significance level. */
    public static final double ALPHA = 0.05;

    /** The alternative hypothesis of a one-sided comparison: the value is below or above the reference's. */
    public enum Direction { BELOW, ABOVE }

    /**
     * The values of {@code f} for the runs of {@code arm} at {@code depth}, in seed order.
     *
     * @throws IllegalArgumentException if two of those runs share a seed (they would not pair)
     */
    public static double[] perSeed(List<RunResult> runs, Predicate<RunResult> arm, int depth, ToDoubleFunction<RunResult> f) {
        List<RunResult> rs = runs.stream().filter(r -> arm.test(r) && r.depth() == depth).sorted(Comparator.comparingLong(RunResult::seed)).toList();
        for (int i = 1; i < rs.size(); i++) {
            if (rs.get(i).seed() == rs.get(i - 1).seed()) {
                throw new IllegalArgumentException("runs at depth " + depth + " share seed " + rs.get(i).seed() + "; allowed: one run per seed");
            }
        }
        return rs.stream().mapToDouble(f).toArray();
    }

    /** Mean of the values with its 95% interval (NaN values counted). */
    public static Stats.MeanCi meanCi(List<RunResult> runs, Predicate<RunResult> arm, int depth, ToDoubleFunction<RunResult> f) {
        return Stats.meanCi95(perSeed(runs, arm, depth, f));
    }

    /**
     * One one-sided paired comparison of a family.
     *
     * @param arm      the arm's name
     * @param depth    the depth tested
     * @param refDepth the reference depth
     * @param value    values at {@code depth}
     * @param ref      values at {@code refDepth}
     * @param p        one-sided paired t-test p-value
     * @param pHolm    Holm-adjusted over the family
     */
    public record Comparison(String arm, int depth, int refDepth, Stats.MeanCi value, Stats.MeanCi ref, double p, double pHolm) {
        /** Significant at {@value PairedDepths#ALPHA} after Holm (a NaN p-value, e.g. from NaN values, is not). */
        public boolean significant() { return pHolm < ALPHA; }

        /** "d=4: 2.036 ± 0.020 (n=5), Holm p=7.8e-05". */
        public String describe() {
            return String.format(Locale.ROOT, "d=%d: %s, Holm p=%.2g", depth, value, pHolm);
        }
    }

    /**
     * For every arm (in map order) and every depth other than {@code refDepth}: a one-sided paired t-test of
     * "{@code f} at that depth is {@code dir} its value at {@code refDepth}", Holm-corrected across all of them.
     */
    public static List<Comparison> versusDepth(List<RunResult> runs, Map<String, Predicate<RunResult>> arms, int[] depths, int refDepth,
                                               ToDoubleFunction<RunResult> f, Direction dir) {
        if (Arrays.stream(depths).noneMatch(d -> d == refDepth)) {
            throw new IllegalArgumentException("refDepth = " + refDepth + " is not among depths " + Arrays.toString(depths));
        }
        List<String> names = new ArrayList<>();
        List<double[][]> pairs = new ArrayList<>();
        List<Integer> ds = new ArrayList<>();
        for (Map.Entry<String, Predicate<RunResult>> e : arms.entrySet()) {
            double[] ref = perSeed(runs, e.getValue(), refDepth, f);
            for (int d : depths) {
                if (d == refDepth) continue;
                names.add(e.getKey());
                ds.add(d);
                pairs.add(new double[][] {perSeed(runs, e.getValue(), d, f), ref});
            }
        }
        return family(names, ds, refDepth, pairs, dir);
    }

    /**
     * At every depth: one-sided paired t-test of "{@code f} of arm {@code a} is {@code dir} that of arm {@code b}" (pairs
     * by seed), Holm-corrected across the depths. The comparisons' {@code refDepth} is their own depth.
     */
    public static List<Comparison> versusArm(List<RunResult> runs, String name, Predicate<RunResult> a, Predicate<RunResult> b, int[] depths,
                                             ToDoubleFunction<RunResult> f, Direction dir) {
        List<String> names = new ArrayList<>();
        List<double[][]> pairs = new ArrayList<>();
        List<Integer> ds = new ArrayList<>();
        for (int d : depths) {
            names.add(name);
            ds.add(d);
            pairs.add(new double[][] {perSeed(runs, a, d, f), perSeed(runs, b, d, f)});
        }
        return family(names, ds, -1, pairs, dir);
    }

    private static List<Comparison> family(List<String> names, List<Integer> depths, int refDepth, List<double[][]> pairs, Direction dir) {
        double[] p = new double[pairs.size()];
        for (int i = 0; i < p.length; i++) {
            double[] x = pairs.get(i)[0], y = pairs.get(i)[1];
            p[i] = dir == Direction.BELOW ? Stats.pairedLess(x, y) : Stats.pairedGreater(x, y);
        }
        // Holm needs p-values in [0, 1]; a NaN p (NaN values) stays NaN and is never significant
        double[] finite = Arrays.stream(p).map(v -> Double.isNaN(v) ? 1 : v).toArray();
        double[] h = Stats.holm(finite);
        List<Comparison> out = new ArrayList<>();
        for (int i = 0; i < p.length; i++) {
            int d = depths.get(i);
            out.add(new Comparison(names.get(i), d, refDepth < 0 ? d : refDepth, Stats.meanCi95(pairs.get(i)[0]), Stats.meanCi95(pairs.get(i)[1]),
                    p[i], Double.isNaN(p[i]) ? Double.NaN : h[i]));
        }
        return out;
    }

    /** The comparisons of {@code arm}, in order. */
    public static List<Comparison> of(List<Comparison> family, String arm) {
        return family.stream().filter(c -> c.arm().equals(arm)).toList();
    }

    /** Whether every comparison of {@code arm} is significant (false if it has none). */
    public static boolean allSignificant(List<Comparison> family, String arm) {
        List<Comparison> cs = of(family, arm);
        return !cs.isEmpty() && cs.stream().allMatch(Comparison::significant);
    }

    /** The reference value and every comparison of {@code arm}, on one line. */
    public static String describe(List<Comparison> family, String arm) {
        List<Comparison> cs = of(family, arm);
        if (cs.isEmpty()) return "(no comparisons for " + arm + ")";
        return String.format(Locale.ROOT, "d=%d: %s; ", cs.get(0).refDepth(), cs.get(0).ref())
                + cs.stream().map(Comparison::describe).collect(Collectors.joining("; "));
    }

    /**
     * One step between consecutive depths.
     *
     * @param pHolm two-sided paired t-test p-value, Holm-adjusted across every arm's steps
     */
    public record Step(String arm, int from, int to, double meanFrom, double meanTo, double pHolm) {
        /** The mean rises from {@code from} to {@code to}. */
        public boolean rises() { return meanTo > meanFrom; }

        /** "d=16->32: 1.763 -> 1.817 (two-sided paired Holm p=0.41, not significant)". */
        public String describe() {
            return String.format(Locale.ROOT, "d=%d->%d: %.3f -> %.3f (two-sided paired Holm p=%.2g, %s)", from, to, meanFrom, meanTo, pHolm,
                    pHolm < ALPHA ? "significant" : "not significant");
        }
    }

    /** Every arm's steps between consecutive depths ({@code depths} ascending), two-sided paired tests, Holm across all. */
    public static List<Step> steps(List<RunResult> runs, Map<String, Predicate<RunResult>> arms, int[] depths, ToDoubleFunction<RunResult> f) {
        List<Step> raw = new ArrayList<>();
        List<Double> p = new ArrayList<>();
        for (Map.Entry<String, Predicate<RunResult>> e : arms.entrySet()) {
            for (int j = 0; j + 1 < depths.length; j++) {
                double[] a = perSeed(runs, e.getValue(), depths[j], f), b = perSeed(runs, e.getValue(), depths[j + 1], f);
                p.add(Stats.pairedTwoSided(b, a));
                raw.add(new Step(e.getKey(), depths[j], depths[j + 1], mean(a), mean(b), Double.NaN));
            }
        }
        double[] h = Stats.holm(p.stream().mapToDouble(v -> Double.isNaN(v) ? 1 : v).toArray());
        List<Step> out = new ArrayList<>();
        for (int i = 0; i < raw.size(); i++) {
            Step s = raw.get(i);
            out.add(new Step(s.arm(), s.from(), s.to(), s.meanFrom(), s.meanTo(), Double.isNaN(p.get(i)) ? Double.NaN : h[i]));
        }
        return out;
    }

    /**
     * Whether {@code f} of {@code arm} is U-shaped in depth: the depth with the lowest mean is interior, its comparison
     * with the first depth in {@code vsFirst} (a {@link #versusDepth} family, direction {@link Direction#BELOW},
     * reference the first depth) is significant, and the last depth is above it (one-sided paired, p &lt; {@value #ALPHA}).
     */
    public static boolean uShaped(List<RunResult> runs, String name, Predicate<RunResult> arm, int[] depths, ToDoubleFunction<RunResult> f,
                                  List<Comparison> vsFirst) {
        double[] m = Arrays.stream(depths).mapToDouble(d -> mean(perSeed(runs, arm, d, f))).toArray();
        int b = IntStream.range(0, m.length).reduce((i, j) -> m[j] < m[i] ? j : i).orElseThrow();
        if (b == 0 || b == m.length - 1) return false;
        boolean belowFirst = of(vsFirst, name).stream().anyMatch(c -> c.depth() == depths[b] && c.significant());
        return belowFirst && Stats.pairedGreater(perSeed(runs, arm, depths[m.length - 1], f), perSeed(runs, arm, depths[b], f)) < ALPHA;
    }

    /** Mean of the non-NaN values (NaN if none). */
    public static double mean(double[] v) {
        return Arrays.stream(v).filter(x -> !Double.isNaN(x)).average().orElse(Double.NaN);
    }
}
