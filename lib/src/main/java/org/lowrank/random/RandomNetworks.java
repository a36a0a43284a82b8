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

    /**
     * ρ of {@code kernel} of one random net's embedding of its N random inputs (same draws as
     * {@link #gramEffectiveRank(RandomNetConfig, RandomGenerator)}; the config's own {@code cosine} flag is ignored,
     * the kernel decides). {@link GramKernel#PLAIN} equals that method for a config with {@code cosine = false}.
     */
    public static double gramEffectiveRank(RandomNetConfig c, GramKernel kernel, RandomGenerator rng) {
        return kernelEffectiveRank(embedding(c, rng), c.numInputs(), c.outputDim(), kernel);
    }

    /** ρ of {@code kernel} over {@code draws} random nets, in parallel, deterministic in {@code seed}. */
    public static RankDistribution gramRanks(RandomNetConfig c, GramKernel kernel, int draws, long seed) {
        return new RankDistribution(Draws.sample(draws, seed, rng -> gramEffectiveRank(c, kernel, rng)));
    }

    /** ρ of {@code kernel} of a row-major embedding {@code phi} (rows inputs × cols features; not modified). */
    public static double kernelEffectiveRank(double[] phi, int rows, int cols, GramKernel kernel) {
        if (kernel == null) throw new IllegalArgumentException("kernel is null: must be one of " + java.util.Arrays.toString(GramKernel.values()));
        for (double v : phi) {
            if (!Double.isFinite(v)) throw new ArithmeticException("embedding overflowed (" + v + "); use fanInScaled=true");
        }
        double[] k = phi;
        if (kernel.centred()) {
            k = phi.clone();
            for (int j = 0; j < cols; j++) {
                double mean = 0;
                for (int i = 0; i < rows; i++) mean += k[i * cols + j];
                mean /= rows;
                for (int i = 0; i < rows; i++) k[i * cols + j] -= mean;
            }
        }
        return RankMetrics.gramEffectiveRankRowMajor(k, rows, cols, kernel.cosine());
    }

    /**
     * Mean cosine similarity between the embeddings of distinct inputs (the off-diagonal mean of the cosine kernel)
     * of a row-major embedding: how close a net has mapped all its inputs to one direction (a zero row counts 0).
     */
    public static double meanPairwiseCosine(double[] phi, int rows, int cols) {
        if (rows < 2) throw new IllegalArgumentException("rows = " + rows + ": need at least 2 inputs for a pairwise cosine");
        double[] norm = new double[rows];
        for (int i = 0; i < rows; i++) {
            double ss = 0;
            for (int j = 0; j < cols; j++) ss += phi[i * cols + j] * phi[i * cols + j];
            norm[i] = Math.sqrt(ss);
        }
        double sum = 0;
        for (int a = 0; a < rows; a++)
            for (int b = a + 1; b < rows; b++) {
                double dot = 0;
                for (int j = 0; j < cols; j++) dot += phi[a * cols + j] * phi[b * cols + j];
                sum += norm[a] == 0 || norm[b] == 0 ? 0 : dot / (norm[a] * norm[b]);
            }
        return sum / (rows * (rows - 1) / 2.0);
    }
}
