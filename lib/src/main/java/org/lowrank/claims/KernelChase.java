package org.lowrank.claims;

import java.util.ArrayList;
import java.util.List;

import org.lowrank.random.Draws;
import org.lowrank.random.GramKernel;
import org.lowrank.random.RandomNetConfig;
import org.lowrank.random.RandomNetworks;
import org.lowrank.random.RankDistribution;

/**
 * Notebook 13's driver for chasing the C2b ReLU mismatch: ρ(K) of random nets over depth for several candidate
 * setups (widths, input counts, kernels), each compared with the paper's peak locations. Variant i at depth index k
 * draws from seed {@code seed + 1000·i + k}.
 *
 * @param depths depths, ascending
 * @param draws  random nets per (variant, depth), ≥ 2
 * @param seed   master seed
 */
public record KernelChase(int[] depths, int draws, long seed) {
    public KernelChase {
        if (depths == null || depths.length < 2) throw new IllegalArgumentException("depths must hold at least 2 depths, got "
                + (depths == null ? "null" : java.util.Arrays.toString(depths)));
        if (draws < 2) throw new IllegalArgumentException("draws = " + draws + ": must be at least 2");
        depths = depths.clone();
    }

    /** A candidate setup: the net (its depth is replaced by each of {@code depths}) and the kernel. */
    public record Variant(String name, RandomNetConfig net, GramKernel kernel) {
        public Variant {
            if (name == null || net == null || kernel == null) throw new IllegalArgumentException("name, net and kernel must not be null");
        }
    }

    /** One variant's samples: ρ per depth and the mean pairwise output cosine per depth (mean over draws). */
    public record Row(Variant variant, int[] depths, RankDistribution[] rho, double[] meanCosine) {
        /** KDE peak location of ρ per depth (on [0, 3], as notebook 02 reads its peaks). */
        public double[] peaks() {
            double[] p = new double[rho.length];
            for (int i = 0; i < p.length; i++) p[i] = rho[i].kdePeak(0, 3, 3001).location();
            return p;
        }

        /** Sample standard deviation of ρ per depth. */
        public double[] stds() {
            double[] s = new double[rho.length];
            for (int i = 0; i < s.length; i++) s[i] = rho[i].std();
            return s;
        }

        /** Largest |our peak − paper's peak| over depths. */
        public double maxGap(double[] paperPeaks) {
            if (paperPeaks.length != rho.length)
                throw new IllegalArgumentException("paperPeaks has " + paperPeaks.length + " values; allowed: one per depth (" + rho.length + ")");
            double[] p = peaks();
            double g = 0;
            for (int i = 0; i < p.length; i++) g = Math.max(g, Math.abs(p[i] - paperPeaks[i]));
            return g;
        }

        /** Welch/F depth-trend tests (mean falls, spread grows at every step) at Bonferroni level {@code alpha}. */
        public DepthTrend.Result trend(double alpha) {
            return DepthTrend.test(depths, rho, alpha);
        }
    }

    /** Samples every variant at every depth. */
    public List<Row> run(List<Variant> variants) {
        List<Row> rows = new ArrayList<>();
        for (int v = 0; v < variants.size(); v++) {
            Variant var = variants.get(v);
            RankDistribution[] rho = new RankDistribution[depths.length];
            double[] cos = new double[depths.length];
            for (int k = 0; k < depths.length; k++) {
                RandomNetConfig c = var.net().withDepth(depths[k]);
                // one embedding per draw gives both numbers (the draws of RandomNetworks.gramRanks with the same seed)
                double[][] both = Draws.sampleObjects(draws, seed + 1000L * v + k, double[][]::new, (i, rng) -> {
                    double[] phi = RandomNetworks.embedding(c, rng);
                    return new double[] {RandomNetworks.kernelEffectiveRank(phi, c.numInputs(), c.outputDim(), var.kernel()),
                            RandomNetworks.meanPairwiseCosine(phi, c.numInputs(), c.outputDim())};
                });
                rho[k] = new RankDistribution(java.util.Arrays.stream(both).mapToDouble(x -> x[0]).toArray());
                cos[k] = java.util.Arrays.stream(both).mapToDouble(x -> x[1]).average().orElseThrow();
            }
            rows.add(new Row(var, depths.clone(), rho, cos));
        }
        return rows;
    }

    /**
     * The infinite-width prediction of the mean output cosine of a bias-free ReLU net with {@code relus} ReLU layers on
     * inputs with correlation 0: the normalized arc-cosine kernel map of Cho and Saul (2009),
     * {@code c ↦ (√(1−c²) + (π − arccos c)·c)/π}, applied {@code relus} times from c = 0. It does not depend on the
     * width, the number of inputs or the weight scale.
     */
    public static double arcCosineCorrelation(int relus) {
        if (relus < 0) throw new IllegalArgumentException("relus = " + relus + ": must be ≥ 0");
        double c = 0;
        for (int i = 0; i < relus; i++) c = Math.min(1.0, (Math.sqrt(Math.max(0, 1 - c * c)) + (Math.PI - Math.acos(c)) * c) / Math.PI);
        return c;
    }
}
