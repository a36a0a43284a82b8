package org.lowrank.claims;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.apache.commons.math3.stat.descriptive.DescriptiveStatistics;
import org.lowrank.random.LandscapeConfig;

/**
 * Notebook 01's claim checks (C1), on the low-ρ fractions of many draws' slices ({@code RankLandscape.lowFractions}):
 * the same rules for the notebook's live draws and for its committed larger-scale draws.
 */
public final class RankLandscapeChecks {
    private RankLandscapeChecks() {}

    /** The one-sided level of C1's paired test. */
    public static final double ALPHA = 0.01;

    /**
     * C1 over draws: two layers have the larger low-ρ fraction (mean larger and paired one-sided Wilcoxon p &lt; 0.01).
     *
     * @param oneLayer  the one-layer fraction of each draw's slice
     * @param twoLayer  the two-layer fraction of the same draws
     * @param twoLarger draws whose two-layer fraction is the larger
     * @param p         paired one-sided Wilcoxon signed-rank p-value (two layers larger)
     */
    public record C1(DescriptiveStatistics oneLayer, DescriptiveStatistics twoLayer, int twoLarger, double p) {
        /** Number of draws. */
        public int draws() {
            return (int) oneLayer.getN();
        }

        /** Whether C1 holds: mean two-layer fraction larger and p &lt; {@value #ALPHA}. */
        public boolean holds() {
            return twoLayer.getMean() > oneLayer.getMean() && p < ALPHA;
        }

        /** The check line. */
        public List<ReportLine> lines() {
            return List.of(ReportLine.check("C1: low-rho region larger for two layers", holds(),
                    String.format(Locale.ROOT, "mean fraction %.3f (two) vs %.3f (one), larger in %d/%d draws, one-sided Wilcoxon p = %.1e < 0.01",
                            twoLayer.getMean(), oneLayer.getMean(), twoLarger, draws(), p)));
        }
    }

    /** C1 on {@code fractions[0]} (one layer) and {@code fractions[1]} (two layers), one value per draw each. */
    public static C1 c1(double[][] fractions) {
        requirePaired(fractions);
        int twoLarger = 0;
        for (int i = 0; i < fractions[0].length; i++) if (fractions[1][i] > fractions[0][i]) twoLarger++;
        return new C1(new DescriptiveStatistics(fractions[0]), new DescriptiveStatistics(fractions[1]), twoLarger,
                Stats.wilcoxonGreater(fractions[1], fractions[0]));
    }

    /**
     * The finding for one alternative setup ({@code alt}'s size and direction normalization): two layers still have the
     * larger low-ρ fraction (mean larger and paired one-sided Wilcoxon p &lt; 0.01); reported, not asserted.
     */
    public static ReportLine alternative(LandscapeConfig alt, double[][] fractions) {
        requirePaired(fractions);
        double one = Arrays.stream(fractions[0]).average().orElse(Double.NaN), two = Arrays.stream(fractions[1]).average().orElse(Double.NaN);
        double p = Stats.wilcoxonGreater(fractions[1], fractions[0]);
        return ReportLine.finding("C1 with n=" + alt.n() + (alt.layerNormalized() ? ", layer-normalized" : ", unit-norm") + " directions: two layers larger",
                two > one && p < ALPHA,
                String.format(Locale.ROOT, "mean low-rho fraction %.4f (two layers) vs %.4f (one layer), %d draws, one-sided Wilcoxon p = %.1e",
                        two, one, alt.draws(), p));
    }

    private static void requirePaired(double[][] fractions) {
        if (fractions == null || fractions.length != 2 || fractions[0].length != fractions[1].length || fractions[0].length < 2)
            throw new IllegalArgumentException("fractions must be two rows (one layer, two layers) of equal length >= 2, got "
                    + (fractions == null ? "null" : fractions.length + " rows"
                    + (fractions.length == 2 ? " of lengths " + fractions[0].length + " and " + fractions[1].length : "")));
    }
}
