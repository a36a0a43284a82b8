package org.lowrank.claims;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.apache.commons.math3.stat.descriptive.DescriptiveStatistics;
import org.lowrank.random.FussCatalan;

/**
 * Notebook 03's claim checks (C8) on products of Gaussian matrices: empirical moments of the squared singular values
 * against the Fuss–Catalan law, and ρ(W_e) − ln n against depth and against the large-n limit c_d. The same rules for
 * the notebook's live draws and for its committed larger-scale draws.
 */
public final class RandomMatrixChecks {
    private RandomMatrixChecks() {}

    /** Moments checked: k = 1 … {@value}; higher ones are shown only (finite-n corrections grow with k and d). */
    public static final int CHECKED_MOMENTS = 3;
    /** Tolerance of ρ − ln n at the largest n against c_d. */
    public static final double LIMIT_TOLERANCE = 0.03;
    /** Tolerance of the finding at n = 16 against c_d. */
    public static final double SMALL_N_TOLERANCE = 0.05;

    /**
     * One moment at one depth: the Fuss–Catalan value, the mean over draws of each draw's empirical moment with its
     * standard error, and the mean's 95% t-interval.
     */
    public record Moment(int d, int k, double exact, double mean, double se, Stats.MeanCi ci) {
        /** (mean − exact) / exact. */
        public double relativeError() {
            return (mean - exact) / exact;
        }

        /** Within the larger of 5% of the exact value and 3 standard errors. */
        public boolean matches() {
            return Math.abs(mean - exact) <= Math.max(0.05 * exact, 3 * se);
        }
    }

    /** Moments k = 1 … kMax at depth d, and whether k = 1 … {@value #CHECKED_MOMENTS} all match. */
    public record Moments(int d, List<Moment> moments) {
        public boolean ok() {
            return moments.stream().filter(m -> m.k() <= CHECKED_MOMENTS).allMatch(Moment::matches);
        }
    }

    /** The moments of {@code lambdas} (one row of squared singular values per draw) of products of depth d. */
    public static Moments moments(int d, double[][] lambdas, int kMax) {
        if (lambdas == null || lambdas.length < 2) throw new IllegalArgumentException("lambdas must have >= 2 draws, got "
                + (lambdas == null ? "null" : lambdas.length));
        if (kMax < 1) throw new IllegalArgumentException("kMax = " + kMax + "; allowed: >= 1");
        double[][] perDraw = Arrays.stream(lambdas).map(l -> FussCatalan.empiricalMoments(l, kMax)).toArray(double[][]::new);
        List<Moment> out = new ArrayList<>();
        for (int k = 1; k <= kMax; k++) {
            final int kk = k;
            double[] values = Arrays.stream(perDraw).mapToDouble(m -> m[kk - 1]).toArray();
            var s = new DescriptiveStatistics(values);
            out.add(new Moment(d, k, FussCatalan.moment(d, k), s.getMean(), s.getStandardDeviation() / Math.sqrt(lambdas.length), Stats.meanCi95(values)));
        }
        return new Moments(d, List.copyOf(out));
    }

    /** One check per depth: moments k = 1 … 3 match the Fuss–Catalan law at size n. */
    public static List<ReportLine> momentChecks(int n, List<Moments> byDepth) {
        return byDepth.stream().map(m -> ReportLine.check("C8: empirical moments k=1..3 match Fuss-Catalan, d=" + m.d(), m.ok(),
                "n = " + n + ", tolerance max(5% relative, 3 standard errors)")).toList();
    }

    /**
     * ρ checks: mean ρ(W_e) − ln n falls monotonically with d at every size; at the largest size {@code n} it is within
     * {@value #LIMIT_TOLERANCE} of c_d at every depth; and (a tested finding) at size 16 within {@value #SMALL_N_TOLERANCE}.
     *
     * @param depths the depths
     * @param gaps   per size (16, 64, n), mean ρ − ln size at each depth
     * @param n      the largest size
     * @param limit  c_d at each depth
     */
    public static List<ReportLine> rhoChecks(int[] depths, Map<Integer, double[]> gaps, int n, double[] limit) {
        if (!gaps.containsKey(16) || !gaps.containsKey(n))
            throw new IllegalArgumentException("gaps must have sizes 16 and n = " + n + ", got " + gaps.keySet());
        if (limit.length != depths.length) throw new IllegalArgumentException("limit must have one value per depth (" + depths.length + "), got " + limit.length);
        List<ReportLine> out = new ArrayList<>();
        for (var e : new TreeMap<>(gaps).entrySet()) {
            double[] g = e.getValue();
            if (g.length != depths.length) throw new IllegalArgumentException("gaps at size " + e.getKey() + " must have one value per depth (" + depths.length + ")");
            boolean falls = true;
            for (int i = 1; i < g.length; i++) falls &= g[i] < g[i - 1];
            out.add(ReportLine.check("C8: rho(W_e) falls monotonically with d, n=" + e.getKey(), falls,
                    Arrays.toString(Arrays.stream(g).map(v -> Math.round(v * 1000) / 1000.0).toArray())));
        }
        boolean near = true;
        StringBuilder nd = new StringBuilder();
        for (int i = 0; i < depths.length; i++) {
            near &= Math.abs(gaps.get(n)[i] - limit[i]) <= LIMIT_TOLERANCE;
            nd.append(String.format(Locale.ROOT, "d=%d %.3f vs %.3f; ", depths[i], gaps.get(n)[i], limit[i]));
        }
        out.add(ReportLine.check("C8: rho(W_e) - ln n at n=" + n + " within " + LIMIT_TOLERANCE + " of the Fuss-Catalan limit", near, nd.toString()));
        double worst16 = 0;
        for (int i = 0; i < depths.length; i++) worst16 = Math.max(worst16, Math.abs(gaps.get(16)[i] - limit[i]));
        out.add(ReportLine.finding("C8: already at n=16, rho(W_e) - ln n within " + SMALL_N_TOLERANCE + " of the large-n limit c_d at every depth",
                worst16 <= SMALL_N_TOLERANCE, String.format(Locale.ROOT, "largest |difference| %.3f over d = %s", worst16, Arrays.toString(depths))));
        return out;
    }
}
