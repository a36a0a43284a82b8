package org.lowrank.random;

import java.util.random.RandomGenerator;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.QRDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.lowrank.rank.RankMetrics;

/**
 * Products of random matrices in plain row-major {@code double[]}.
 *
 * <p>Why not ND4J INDArrays: for the 16–64-sized matrices of the paper's random-net figures, ND4J's per-op
 * overhead (INDArray allocation, op dispatch: several µs per op) exceeds the arithmetic. Matrices live in
 * plain Java arrays, products go to the library's one GEMM ({@link org.lowrank.linalg.Gemm}; measured against
 * OpenBLAS through JavaCPP in {@code bench/README.md}), singular values to LAPACK dgesvd (see {@code RankMetrics}). Timings against
 * numpy: the {@code rank} benchmark.
 */
public final class RandomMatrices {
    private RandomMatrices() {}

    /** C = A·B for row-major A (m×k) and B (k×n). */
    public static double[] multiply(double[] a, double[] b, int m, int k, int n) {
        if (a.length != m * k || b.length != k * n) {
            throw new IllegalArgumentException("shapes do not match: a has " + a.length + " values for " + m + "x" + k
                    + ", b has " + b.length + " for " + k + "x" + n);
        }
        return org.lowrank.linalg.Gemm.multiply(a, b, m, k, n);
    }

    /** {@code len} i.i.d. standard normal values from {@code r}. */
    public static double[] gaussian(RandomGenerator r, int len) {
        double[] a = new double[len];
        for (int i = 0; i < len; i++) a[i] = r.nextGaussian();
        return a;
    }

    /** A Haar-random orthogonal n×n matrix (QR of a Gaussian with the sign fix), row-major. */
    public static double[] haarOrthogonal(RandomGenerator r, int n) {
        double[][] g = new double[n][n];
        for (double[] row : g) for (int j = 0; j < n; j++) row[j] = r.nextGaussian();
        QRDecomposition qr = new QRDecomposition(new Array2DRowRealMatrix(g, false));
        RealMatrix q = qr.getQ(), rr = qr.getR();
        double[] out = new double[n * n];
        for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) out[i * n + j] = q.getEntry(i, j) * Math.signum(rr.getEntry(j, j) == 0 ? 1 : rr.getEntry(j, j));
        return out;
    }

    /** A random rows×cols matrix (row-major) with i.i.d. entries from {@code init}, times {@code scale}. */
    public static double[] random(int rows, int cols, Init init, double scale, RandomGenerator rng) {
        double[] a = new double[rows * cols];
        init.fill(a, scale, rng);
        return a;
    }

    /**
     * W_e = W_d ⋯ W_1 (row-major n×n) of {@code config.depth()} fresh i.i.d. matrices, drawn in the order
     * W_1, W_2, … from {@code rng}.
     */
    public static double[] product(ProductConfig config, RandomGenerator rng) {
        int n = config.n();
        double[] p = random(n, n, config.init(), config.scale(), rng);
        for (int l = 1; l < config.depth(); l++) {
            double[] w = random(n, n, config.init(), config.scale(), rng);
            p = multiply(w, p, n, n, n);
        }
        return p;
    }

    /** ρ(W_e) of one random product. */
    public static double productEffectiveRank(ProductConfig config, RandomGenerator rng) {
        int n = config.n();
        return RankMetrics.effectiveRankOfSpectrum(RankMetrics.singularValuesRowMajor(product(config, rng), n, n));
    }

    /** ρ(W_e) of {@code draws} random products, in parallel, deterministic in {@code seed}. */
    public static RankDistribution productRanks(ProductConfig config, int draws, long seed) {
        return new RankDistribution(Draws.sample(draws, seed, rng -> productEffectiveRank(config, rng)));
    }

    /** Singular values (descending) of one random product. */
    public static double[] productSingularValues(ProductConfig config, RandomGenerator rng) {
        int n = config.n();
        return RankMetrics.singularValuesRowMajor(product(config, rng), n, n);
    }
}
