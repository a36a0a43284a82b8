package org.lowrank.random;

/**
 * A product W_e = W_d ⋯ W_1 of {@code depth} i.i.d. random {@code n}×{@code n} matrices with entries from
 * {@code init}, each scaled by {@code scale} (1 for the paper's Normal(0, I) / Uniform(−1, 1); ρ does not
 * depend on it, the Fuss–Catalan moments use 1/√n).
 */
public record ProductConfig(int n, int depth, Init init, double scale) {
    /** Validates the fields. */
    public ProductConfig {
        if (n < 1) throw new IllegalArgumentException("n must be >= 1, got " + n);
        if (depth < 1) throw new IllegalArgumentException("depth must be >= 1, got " + depth);
        if (init == null) throw new IllegalArgumentException("init must be NORMAL or UNIFORM, got null");
        if (!(scale > 0) || !Double.isFinite(scale)) throw new IllegalArgumentException("scale must be finite and > 0, got " + scale);
    }

    /** Unscaled entries (the paper's random-init figure). */
    public static ProductConfig of(int n, int depth, Init init) {
        return new ProductConfig(n, depth, init, 1.0);
    }

    /** The same product at another depth. */
    public ProductConfig withDepth(int newDepth) {
        return new ProductConfig(n, newDepth, init, scale);
    }
}
