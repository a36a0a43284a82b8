package org.lowrank.optim;

import org.nd4j.linalg.learning.regularization.WeightDecay;

/**
 * AdamW (Loshchilov &amp; Hutter), as torch 1.13 {@code AdamW}: decoupled decay {@code p -= lr·λ·p} plus the
 * Adam step. In DL4J an updater never sees the parameters, so there the decay comes from the regularization
 * {@link #dl4jWeightDecay()} (DL4J's {@code WeightDecay} with {@code applyLR=true}, applied after the updater,
 * is exactly the decoupled form); the fast path applies it here.
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

    /** DL4J regularization giving the decoupled decay: add it with {@code .regularization(List.of(...))}. */
    public WeightDecay dl4jWeightDecay() {
        return new WeightDecay(weightDecay, true);
    }

    @Override public String name() { return "AdamW"; }
    @Override public AdamW withLearningRate(double lr) { return new AdamW(lr, beta1, beta2, eps, weightDecay); }
    @Override protected double[] hyper() { return new double[] {beta1, beta2, eps, weightDecay}; }

    @Override
    public void update(double[] param, double[] grad, double[] s, int rows, int cols, int t) {
        super.update(param, grad, s, rows, cols, t);
        if (param != null && weightDecay != 0) {
            for (int i = 0; i < grad.length; i++) grad[i] += lr * weightDecay * param[i];
        }
    }
}
