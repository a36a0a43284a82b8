package org.lowrank.sensing;

/**
 * A deep matrix factorization {@code W = W_N⋯W_1} trained by full-batch gradient descent. The factors map
 * n → h → … → h → n with hidden width {@code h = round(width·n)} (all n×n at width 1).
 *
 * @param depth       number of factors N, 1..16 (N = 1 is plain gradient descent on W)
 * @param initScale   scale s: {@link FactorInit#GAUSSIAN} factors have i.i.d. N(0, s²/fan_in) entries (square: spectral
 *                    norm ≈ 2s; the end-to-end map keeps E‖W x‖² = s^{2N}‖x‖² at every width); small init is what
 *                    makes the implicit bias appear. Must be in (0, 1]
 * @param stepSize    learning rate in units of {@code 1/(N·L)}, L the loss's smoothness constant
 *                    ({@link SensingProblem#operatorNorm()}): the end-to-end step is then about stepSize/L
 * @param maxSteps    gradient steps at most, ≥ 1
 * @param lossTol     stop once the loss falls below {@code lossTol · (1/2m)‖y‖²}, ≥ 0 (the data loss; weight decay
 *                    is not counted)
 * @param recordEvery record the loss, error and ρ of W every this many steps (and at the end), ≥ 1
 * @param residual    factors are {@code I + W_i} (identity skip around every factor) instead of {@code W_i}; needs width 1
 * @param width       hidden width factor, {@code round(width·n) ≥ 1}; finite and &gt; 0
 * @param init        how the factors are drawn; {@link FactorInit#ORTHOGONAL} uses a (semi-)orthogonal matrix with
 *                    the Gaussian draw's expected Frobenius norm {@code s·√fan_out}
 * @param weightDecay λ ≥ 0 (0: none)
 * @param decayOn     what the decay penalizes (ignored when λ = 0)
 */
public record FactorizationConfig(int depth, double initScale, double stepSize, int maxSteps, double lossTol, int recordEvery,
                                  boolean residual, double width, FactorInit init, double weightDecay, DecayTarget decayOn) {
    /** A plain (non-residual) factorization. */
    public FactorizationConfig(int depth, double initScale, double stepSize, int maxSteps, double lossTol, int recordEvery) {
        this(depth, initScale, stepSize, maxSteps, lossTol, recordEvery, false);
    }

    /** Square factors, Gaussian init, no weight decay. */
    public FactorizationConfig(int depth, double initScale, double stepSize, int maxSteps, double lossTol, int recordEvery,
                               boolean residual) {
        this(depth, initScale, stepSize, maxSteps, lossTol, recordEvery, residual, 1.0, FactorInit.GAUSSIAN, 0.0, DecayTarget.FACTORS);
    }

    public FactorizationConfig {
        if (depth < 1 || depth > 16) throw new IllegalArgumentException("depth = " + depth + ": must lie in 1..16");
        if (!(initScale > 0 && initScale <= 1)) throw new IllegalArgumentException("initScale = " + initScale + ": must lie in (0, 1]");
        if (!(stepSize > 0 && stepSize <= 2)) throw new IllegalArgumentException("stepSize = " + stepSize + ": must lie in (0, 2]");
        if (maxSteps < 1) throw new IllegalArgumentException("maxSteps = " + maxSteps + ": must be at least 1");
        if (!(lossTol >= 0)) throw new IllegalArgumentException("lossTol = " + lossTol + ": must be ≥ 0");
        if (recordEvery < 1) throw new IllegalArgumentException("recordEvery = " + recordEvery + ": must be at least 1");
        if (!(width > 0) || Double.isInfinite(width)) throw new IllegalArgumentException("width = " + width + ": must be finite and > 0");
        if (residual && width != 1.0)
            throw new IllegalArgumentException("width = " + width + " with residual = true: identity skips need square factors (width 1)");
        if (init == null) throw new IllegalArgumentException("init is null: must be GAUSSIAN or ORTHOGONAL");
        if (!(weightDecay >= 0) || Double.isInfinite(weightDecay))
            throw new IllegalArgumentException("weightDecay = " + weightDecay + ": must be finite and ≥ 0");
        if (decayOn == null) throw new IllegalArgumentException("decayOn is null: must be FACTORS or PRODUCT");
    }

    /** Hidden width h for an n×n target: {@code round(width·n)}, at least 1. */
    public int hidden(int n) {
        return Math.max(1, (int) Math.round(width * n));
    }

    /** The same configuration with or without identity skips. */
    public FactorizationConfig withResidual(boolean r) {
        return new FactorizationConfig(depth, initScale, stepSize, maxSteps, lossTol, recordEvery, r, width, init, weightDecay, decayOn);
    }

    /** The same configuration at another depth. */
    public FactorizationConfig withDepth(int d) {
        return new FactorizationConfig(d, initScale, stepSize, maxSteps, lossTol, recordEvery, residual, width, init, weightDecay, decayOn);
    }

    /** The same configuration with hidden width {@code round(w·n)}. */
    public FactorizationConfig withWidth(double w) {
        return new FactorizationConfig(depth, initScale, stepSize, maxSteps, lossTol, recordEvery, residual, w, init, weightDecay, decayOn);
    }

    /** The same configuration with another factor init. */
    public FactorizationConfig withInit(FactorInit i) {
        return new FactorizationConfig(depth, initScale, stepSize, maxSteps, lossTol, recordEvery, residual, width, i, weightDecay, decayOn);
    }

    /** The same configuration with weight decay λ on {@code target}. */
    public FactorizationConfig withWeightDecay(double lambda, DecayTarget target) {
        return new FactorizationConfig(depth, initScale, stepSize, maxSteps, lossTol, recordEvery, residual, width, init, lambda, target);
    }

    /** The same configuration with another init scale. */
    public FactorizationConfig withInitScale(double s) {
        return new FactorizationConfig(depth, s, stepSize, maxSteps, lossTol, recordEvery, residual, width, init, weightDecay, decayOn);
    }
}
