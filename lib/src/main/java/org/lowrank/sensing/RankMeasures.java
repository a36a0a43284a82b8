package org.lowrank.sensing;

import org.lowrank.random.Draws;
import org.lowrank.random.Init;
import org.lowrank.random.ProductConfig;
import org.lowrank.random.RandomMatrices;
import org.lowrank.rank.RankMetrics;

/**
 * Several rank measures of the same matrices (random products, or any given matrix), for comparing the paper's ρ with the alternatives a reviewer
 * asks about: stable rank ‖W‖_F²/‖W‖₂², the nuclear norm over the spectral norm ‖W‖_* / ‖W‖₂ (both scale-free), and the
 * numerical rank at a relative tolerance.
 */
public final class RankMeasures {
    private RankMeasures() {}

    /** Names of the columns of {@link #ofRandomProducts}. */
    public static final String[] NAMES = {"rho", "stable rank", "nuclear / spectral", "numerical rank"};

    /**
     * For {@code draws} products of {@code depth} i.i.d. n×n matrices with entries from {@code init} (deterministic in
     * {@code seed}): rows {@code {ρ, stable rank, ‖W‖_* / ‖W‖₂, numerical rank at relTol}}.
     */
    public static double[][] ofRandomProducts(int n, int depth, Init init, int draws, double relTol, long seed) {
        if (draws < 1) throw new IllegalArgumentException("draws = " + draws + ": must be at least 1");
        if (!(relTol > 0 && relTol < 1)) throw new IllegalArgumentException("relTol = " + relTol + ": must lie in (0, 1)");
        ProductConfig cfg = new ProductConfig(n, depth, init, 1.0 / Math.sqrt(n));
        return Draws.sampleObjects(draws, seed, double[][]::new, (i, rng) -> {
            double[] s = RandomMatrices.productSingularValues(cfg, rng);
            return ofSpectrum(s, relTol);
        });
    }

    /**
     * {@code {ρ, stable rank, ‖W‖_* / ‖W‖₂, numerical rank at relTol}} of the matrix with singular values {@code s}
     * (descending, as {@link RankMetrics} returns them); the columns of {@link #NAMES}.
     */
    public static double[] ofSpectrum(double[] s, double relTol) {
        if (s == null || s.length == 0) throw new IllegalArgumentException("s is null or empty: need at least one singular value");
        if (!(relTol > 0 && relTol < 1)) throw new IllegalArgumentException("relTol = " + relTol + ": must lie in (0, 1)");
        return new double[] {RankMetrics.effectiveRankOfSpectrum(s), RankMetrics.stableRankOfSpectrum(s),
                s[0] == 0 ? 0.0 : RankMetrics.nuclearNormOfSpectrum(s) / s[0], RankMetrics.numericalRankOfSpectrum(s, relTol)};
    }

    /** {@link #ofSpectrum} of a rows×cols matrix stored row-major in {@code data} (not modified). */
    public static double[] ofMatrix(double[] data, int rows, int cols, double relTol) {
        return ofSpectrum(RankMetrics.singularValuesRowMajor(data, rows, cols), relTol);
    }
}
