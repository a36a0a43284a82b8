package org.lowrank.sensing;

/**
 * A deep matrix factorization {@code W = W_N⋯W_1} (n×n factors) trained by full-batch gradient descent.
 *
 * @param depth       number of factors N, 1..16 (N = 1 is plain gradient descent on W)
 * @param initScale   each factor starts with i.i.d. N(0, (initScale/√n)²) entries (spectral norm ≈ 2·initScale); small
 *                    init is what makes the implicit bias appear. Must be in (0, 1]
 * @param stepSize    learning rate in units of {@code 1/(N·L)}, L the loss's smoothness constant
 *                    ({@link SensingProblem#operatorNorm()}): the end-to-end step is then about stepSize/L
 * @param maxSteps    gradient steps at most, ≥ 1
 * @param lossTol     stop once the loss falls below {@code lossTol · (1/2m)‖y‖²}, ≥ 0
 * @param recordEvery record the loss, error and ρ of W every this many steps (and at the end), ≥ 1
 * @param residual    factors are {@code I + W_i} (identity skip around every factor) instead of {@code W_i}
 */
public record FactorizationConfig(int depth, double initScale, double stepSize, int maxSteps, double lossTol, int recordEvery,
                                  boolean residual) {
    /** A plain (non-residual) factorization. */
    public FactorizationConfig(int depth, double initScale, double stepSize, int maxSteps, double lossTol, int recordEvery) {
        this(depth, initScale, stepSize, maxSteps, lossTol, recordEvery, false);
    }

    public FactorizationConfig {
        if (depth < 1 || depth > 16) throw new IllegalArgumentException("depth = " + depth + ": must lie in 1..16");
        if (!(initScale > 0 && initScale <= 1)) throw new IllegalArgumentException("initScale = " + initScale + ": must lie in (0, 1]");
        if (!(stepSize > 0 && stepSize <= 2)) throw new IllegalArgumentException("stepSize = " + stepSize + ": must lie in (0, 2]");
        if (maxSteps < 1) throw new IllegalArgumentException("maxSteps = " + maxSteps + ": must be at least 1");
        if (!(lossTol >= 0)) throw new IllegalArgumentException("lossTol = " + lossTol + ": must be ≥ 0");
        if (recordEvery < 1) throw new IllegalArgumentException("recordEvery = " + recordEvery + ": must be at least 1");
    }

    /** The same configuration with or without identity skips. */
    public FactorizationConfig withResidual(boolean r) {
        return new FactorizationConfig(depth, initScale, stepSize, maxSteps, lossTol, recordEvery, r);
    }

    /** The same configuration at another depth. */
    public FactorizationConfig withDepth(int d) {
        return new FactorizationConfig(d, initScale, stepSize, maxSteps, lossTol, recordEvery, residual);
    }
}
