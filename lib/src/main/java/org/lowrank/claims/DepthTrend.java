package org.lowrank.claims;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.lowrank.random.RankDistribution;

/**
 * Statistical test that a rank measure falls with depth: one-sided Welch t-tests of
 * "mean at depth i > mean at depth i+1" for consecutive depths, and one-sided F-tests of
 * "variance at depth i+1 > variance at depth i", each judged at α / (number of pairs) (Bonferroni).
 */
public final class DepthTrend {
    private DepthTrend() {}

    /** One consecutive pair of depths. */
    public record Step(int depthFrom, int depthTo, double meanFrom, double meanTo, double stdFrom, double stdTo,
                       double pMeanFalls, double pStdGrows) {}

    /** All steps and the verdicts at the given family-wise α. */
    public record Result(List<Step> steps, double alpha, boolean meanFalls, boolean stdGrows) {
        /** A line per step. */
        public String describe() {
            StringBuilder sb = new StringBuilder();
            for (Step s : steps) {
                sb.append(String.format(Locale.ROOT, "d %2d->%2d: mean %.3f->%.3f (Welch one-sided p=%.2e), std %.3f->%.3f (F one-sided p=%.2e)%n",
                        s.depthFrom, s.depthTo, s.meanFrom, s.meanTo, s.pMeanFalls, s.stdFrom, s.stdTo, s.pStdGrows));
            }
            sb.append(String.format(Locale.ROOT, "Bonferroni alpha %.3g per step: mean falls at every step = %s, std grows at every step = %s",
                    alpha / Math.max(1, steps.size()), meanFalls, stdGrows));
            return sb.toString();
        }
    }

    /** Tests consecutive depths; {@code samples[i]} are the draws at {@code depths[i]} (increasing depths). */
    public static Result test(int[] depths, RankDistribution[] samples, double alpha) {
        if (depths.length != samples.length || depths.length < 2) {
            throw new IllegalArgumentException("need >= 2 depths with one sample set each, got " + depths.length
                    + " depths and " + samples.length + " sample sets");
        }
        if (!(alpha > 0 && alpha < 1)) throw new IllegalArgumentException("alpha must be in (0, 1), got " + alpha);
        List<Step> steps = new ArrayList<>();
        double perStep = alpha / (depths.length - 1);
        boolean falls = true, grows = true;
        for (int i = 0; i + 1 < depths.length; i++) {
            RankDistribution a = samples[i], b = samples[i + 1];
            double[] x = a.samples(), y = b.samples();
            double pMean = Stats.welchLess(y, x);
            double pStd = Stats.varianceGreater(x, y);
            steps.add(new Step(depths[i], depths[i + 1], a.mean(), b.mean(), a.std(), b.std(), pMean, pStd));
            falls &= pMean < perStep;
            grows &= pStd < perStep;
        }
        return new Result(List.copyOf(steps), alpha, falls, grows);
    }
}
