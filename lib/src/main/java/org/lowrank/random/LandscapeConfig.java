package org.lowrank.random;

/**
 * The rank-landscape experiment of claim C1 (docs/reproduction-notes.md §3 C1). The paper's size, grid and direction
 * normalisation are not known; these fields are the choices, kept in one place:
 * n×n weights ({@code n}; default we use 2, so that max ρ = ln 2 fits the paper's 0–1 z-axis),
 * a {@code grid}×{@code grid} grid of (α, β) over [−extent, extent]² (paper: [−2, 2]),
 * directions with i.i.d. N(0, 1) entries scaled per block to the Frobenius norm of the weight they perturb
 * ({@code layerNormalized}, as filter normalisation in Li et al. 2018) or to unit Frobenius norm,
 * the low-ρ threshold {@code lowFraction}·ln n (claim check: 0.5), and {@code draws} independent
 * (W_1, W_2, directions) draws.
 */
public record LandscapeConfig(int n, int grid, double extent, boolean layerNormalized, double lowFraction, int draws) {
    /** Validates the fields. */
    public LandscapeConfig {
        if (n < 2) throw new IllegalArgumentException("n must be >= 2, got " + n);
        if (grid < 2) throw new IllegalArgumentException("grid must be >= 2, got " + grid);
        if (!(extent > 0) || !Double.isFinite(extent)) throw new IllegalArgumentException("extent must be finite and > 0, got " + extent);
        if (!(lowFraction > 0 && lowFraction < 1)) throw new IllegalArgumentException("lowFraction must be in (0, 1), got " + lowFraction);
        if (draws < 1) throw new IllegalArgumentException("draws must be >= 1, got " + draws);
    }

    /** Our defaults: 2×2, [−2, 2]², layer-normalised directions, threshold 0.5·ln n. */
    public static LandscapeConfig defaults(int grid, int draws) {
        return new LandscapeConfig(2, grid, 2.0, true, 0.5, draws);
    }

    /** The threshold under which ρ counts as low: lowFraction·ln n. */
    public double threshold() {
        return lowFraction * Math.log(n);
    }
}
