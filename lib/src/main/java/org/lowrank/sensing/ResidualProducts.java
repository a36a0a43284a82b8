package org.lowrank.sensing;

import java.util.random.RandomGenerator;

import org.lowrank.random.Draws;
import org.lowrank.random.Init;
import org.lowrank.random.RandomMatrices;
import org.lowrank.rank.RankMetrics;

/**
 * Effective rank of random products with and without identity skips. Factors {@code W_i} are n×n with i.i.d.
 * {@code N(0, σ²/n)} entries (spectral norm ≈ 2σ). Plain: {@code W_d⋯W_1} (ρ does not depend on σ). Residual with
 * interval k: blocks of k consecutive factors each get a skip, {@code ∏_b (I + W_{bk}⋯W_{(b−1)k+1})}, the last
 * block possibly shorter (interval 1 is {@code ∏(I + W_i)}, the official library's residual interval semantics).
 */
public final class ResidualProducts {
    private ResidualProducts() {}

    /** The product of one draw, row-major n×n. */
    public static double[] product(int n, int depth, double sigma, boolean residual, int interval, RandomGenerator rng) {
        if (n < 1) throw new IllegalArgumentException("n = " + n + ": must be at least 1");
        if (depth < 1) throw new IllegalArgumentException("depth = " + depth + ": must be at least 1");
        if (!(sigma > 0) || !Double.isFinite(sigma)) throw new IllegalArgumentException("sigma = " + sigma + ": must be finite and > 0");
        if (interval < 1) throw new IllegalArgumentException("interval = " + interval + ": must be at least 1");
        double scale = sigma / Math.sqrt(n);
        double[] total = Mat.identity(n);
        for (int start = 0; start < depth; start += residual ? interval : depth) {
            int len = residual ? Math.min(interval, depth - start) : depth;
            double[] block = RandomMatrices.random(n, n, Init.NORMAL, scale, rng);
            for (int l = 1; l < len; l++) block = RandomMatrices.multiply(RandomMatrices.random(n, n, Init.NORMAL, scale, rng), block, n, n, n);
            if (residual) for (int i = 0; i < n; i++) block[i * n + i] += 1.0;
            total = RandomMatrices.multiply(block, total, n, n, n);
        }
        return total;
    }

    /** ρ of {@code draws} independent products, deterministic in {@code seed}. */
    public static double[] rho(int n, int depth, double sigma, boolean residual, int interval, int draws, long seed) {
        if (draws < 1) throw new IllegalArgumentException("draws = " + draws + ": must be at least 1");
        product(n, depth, sigma, residual, interval, new java.util.SplittableRandom(0)); // validates the arguments once
        return Draws.sample(draws, seed, rng -> RankMetrics.effectiveRankOfSpectrum(
                RankMetrics.singularValuesRowMajor(product(n, depth, sigma, residual, interval, rng), n, n)));
    }
}
