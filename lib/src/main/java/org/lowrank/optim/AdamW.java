package org.lowrank.optim;

import org.nd4j.linalg.learning.regularization.WeightDecay;

/**
 * AdamW (Loshchilov &amp; Hutter), as torch 1.13 {@code AdamW}: decoupled decay {@code p -= lr·λ·p} plus the
 * Adam step. The fast path applies the decay here; in DL4J (whose updaters never see the parameters) use
 * {@link #withoutDecay()} as the updater and {@link #dl4jWeightDecay()} as the regularization.
 */
public final class AdamW extends Adam {
    private static final long serialVersionUID = 1L;
    private final double weightDecay;

    public AdamW(double lr, double weightDecay) {
        this(lr, 0.9, 0.999, 1e-8, weightDecay);
    }

    public AdamW(double lr, double beta1, double beta2, double eps, double weightDecay) {
        super(lr, beta1, beta2, eps);
        this.weightDecay = require("weightDecay", weightDecay, 0, 1e6);
    }

    /** The decoupled decay coefficient λ. */
    public double weightDecay() {
        return weightDecay;
    }

    @Override public String name() { return "AdamW"; }
    @Override public AdamW withLearningRate(double lr) { return new AdamW(lr, beta1, beta2, eps, weightDecay); }
    @Override protected double[] hyper() { return new double[] {beta1, beta2, eps, weightDecay}; }

    /** The same rule without decay: the DL4J updater to pair with {@link #dl4jWeightDecay()}. */
    public AdamW withoutDecay() { return new AdamW(lr, beta1, beta2, eps, 0); }

    /** DL4J regularization giving this rule's decoupled decay: add it with {@code .regularization(List.of(...))}. */
    public WeightDecay dl4jWeightDecay() {
        return new WeightDecay(weightDecay, true);
    }

    /** Throws with λ &gt; 0 (see {@link FirstOrder#requireNoDecoupledDecay}). */
    @Override
    protected void requireDl4jCompatible() { requireNoDecoupledDecay(weightDecay); }

    @Override
    public void update(double[] param, double[] grad, double[] s, int rows, int cols, int t) {
        super.update(param, grad, s, rows, cols, t);
        if (param != null && weightDecay != 0) {
            for (int i = 0; i < grad.length; i++) grad[i] += lr * weightDecay * param[i];
        }
    }
}
