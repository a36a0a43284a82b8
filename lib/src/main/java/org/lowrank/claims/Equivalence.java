package org.lowrank.claims;

import java.util.Arrays;
import java.util.Locale;

import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.stat.StatUtils;

/**
 * Equivalence of two means within a margin: Schuirmann's two one-sided tests (TOST), each a Welch t-test from
 * {@link Stats}. "Equivalent" means |mean(a) − mean(b)| &lt; margin is supported at level α (p = the larger of the two
 * one-sided p-values). Unlike "the observed gap is below a threshold", this cannot pass by luck when the true gap sits
 * at the threshold, and it reports its power against the observed gap. Commons Math has no TOST, hence this class.
 */
public final class Equivalence {
    private Equivalence() {}

    /**
     * One TOST.
     *
     * @param gap    mean(a) − mean(b)
     * @param se     its standard error (Welch)
     * @param margin the equivalence margin
     * @param p      TOST p-value: the larger of the one-sided Welch p-values of gap &lt; margin and gap &gt; −margin
     * @param power  approximate power (normal approximation) at level {@code alpha} if the true gap were the observed one
     */
    public record Result(double gap, double se, double margin, double p, double power, double alpha) {
        /** Whether equivalence is supported at level α. */
        public boolean equivalent() {
            return p < alpha;
        }

        /** How many standard errors the observed gap lies inside the margin (negative: outside). */
        public double seInsideMargin() {
            return (margin - Math.abs(gap)) / se;
        }

        /** One line: gap ± se, margin, p, power. */
        public String describe() {
            return String.format(Locale.ROOT, "gap %.3f (s.e. %.4f, %.1f s.e. inside the margin %.2f), TOST p=%.2g, power %.3f",
                    gap, se, seInsideMargin(), margin, p, power);
        }
    }

    /** TOST of |mean(a) − mean(b)| &lt; margin at level {@code alpha}. */
    public static Result tost(double[] a, double[] b, double margin, double alpha) {
        if (!(margin > 0)) throw new IllegalArgumentException("margin = " + margin + "; allowed: > 0");
        if (!(alpha > 0 && alpha < 0.5)) throw new IllegalArgumentException("alpha = " + alpha + "; allowed: (0, 0.5)");
        double pBelow = Stats.welchLess(shift(a, -margin), b);   // mean(a) − margin < mean(b): gap < margin
        double pAbove = Stats.welchLess(shift(b, -margin), a);   // mean(b) − margin < mean(a): gap > −margin
        double gap = StatUtils.mean(a) - StatUtils.mean(b);
        double se = Math.sqrt(StatUtils.variance(a) / a.length + StatUtils.variance(b) / b.length);
        NormalDistribution z = new NormalDistribution();
        double zAlpha = z.inverseCumulativeProbability(1 - alpha);
        double power = se == 0 ? (Math.abs(gap) < margin ? 1 : 0)
                : Math.max(0, z.cumulativeProbability((margin - gap) / se - zAlpha) + z.cumulativeProbability((margin + gap) / se - zAlpha) - 1);
        return new Result(gap, se, margin, Math.max(pBelow, pAbove), power, alpha);
    }

    private static double[] shift(double[] x, double by) {
        return Arrays.stream(x).map(v -> v + by).toArray();
    }
}
