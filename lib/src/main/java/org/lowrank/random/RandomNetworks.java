package org.lowrank.random;

import java.util.random.RandomGenerator;

import org.lowrank.rank.RankMetrics;

/** Random bias-free deep nets (see {@link RandomNetConfig}) and the effective rank of their embeddings. */
public final class RandomNetworks {
    private RandomNetworks() {}

    /**
     * The output embedding φ(X) (row-major, numInputs × outputDim) of one random net on one random input batch.
     * Draw order from {@code rng}: the inputs X (N × inputDim, standard normal), then W_1, …, W_d.
     */
    public static double[] embedding(RandomNetConfig c, RandomGenerator rng) {
        int[] sizes = c.layerSizes();
        int n = c.numInputs();
        double[] h = new double[n * c.inputDim()];
        Init.NORMAL.fill(h, 1.0, rng);
        for (int l = 0; l < c.depth(); l++) {
            int in = sizes[l], out = sizes[l + 1];
            double scale = c.fanInScaled() ? 1.0 / Math.sqrt(in) : 1.0;
            double[] w = RandomMatrices.random(in, out, c.init(), scale, rng); // x ↦ x·W, W is in×out
            h = RandomMatrices.multiply(h, w, n, in, out);
            if (l < c.depth() - 1) c.activation().applyInPlace(h);
        }
        return h;
    }

    /** ρ(K), K = φφᵀ, of one random net's embedding of its N random inputs. */
    public static double gramEffectiveRank(RandomNetConfig c, RandomGenerator rng) {
        double[] phi = embedding(c, rng);
        for (double v : phi) {
            if (!Double.isFinite(v)) {
                throw new ArithmeticException("embedding overflowed (" + v + ") for " + c + "; use fanInScaled=true");
            }
        }
        return RankMetrics.gramEffectiveRankRowMajor(phi, c.numInputs(), c.outputDim(), c.cosine());
    }

    /** ρ(K) over {@code draws} random nets, in parallel, deterministic in {@code seed}. */
    public static RankDistribution gramRanks(RandomNetConfig c, int draws, long seed) {
        return new RankDistribution(Draws.sample(draws, seed, rng -> gramEffectiveRank(c, rng)));
    }
}
