package org.lowrank.optim;

import org.nd4j.linalg.learning.regularization.WeightDecay;

/**
 * Lion (Chen et al. 2023, "Symbolic Discovery of Optimization Algorithms"):
 * {@code c = β1·m + (1−β1)·g; p -= lr·(sign(c) + λ·p); m = β2·m + (1−β2)·g}. A sign method: every coordinate
 * moves by ±lr, which breaks rotational invariance (docs/reproduction-notes.md §7). Decoupled decay λ: the fast path applies it here;
 * in DL4J use {@link #withoutDecay()} as the updater and {@link #dl4jWeightDecay()} as the regularization.
 */
public final class Lion extends FirstOrder {
    private static final long serialVersionUID = 1L;
    private final double beta1, beta2, weightDecay;

    public Lion(double lr) {
        this(lr, 0.9, 0.99, 0);
    }

    public Lion(double lr, double beta1, double beta2, double weightDecay) {
        super(lr);
        this.beta1 = require("beta1", beta1, 0, 1);
        this.beta2 = require("beta2", beta2, 0, 1);
        this.weightDecay = require("weightDecay", weightDecay, 0, 1e6);
    }

    @Override public String name() { return "Lion"; }
    @Override public Lion withLearningRate(double lr) { return new Lion(lr, beta1, beta2, weightDecay); }
    @Override public int stateSize(int length) { return length; }
    @Override protected double[] hyper() { return new double[] {beta1, beta2, weightDecay}; }

    /** The same rule without decay: the DL4J updater to pair with {@link #dl4jWeightDecay()}. */
    public Lion withoutDecay() { return new Lion(lr, beta1, beta2, 0); }

    /** DL4J regularization giving this rule's decoupled decay: add it with {@code .regularization(List.of(...))}. */
    public WeightDecay dl4jWeightDecay() {
        return new WeightDecay(weightDecay, true);
    }

    /** Throws with λ &gt; 0 (see {@link FirstOrder#requireNoDecoupledDecay}). */
    @Override
    protected void requireDl4jCompatible() { requireNoDecoupledDecay(weightDecay); }

    @Override
    public void update(double[] param, double[] grad, double[] m, int rows, int cols, int t) {
        for (int i = 0; i < grad.length; i++) {
            double g = grad[i];
            double c = beta1 * m[i] + (1 - beta1) * g;
            m[i] = beta2 * m[i] + (1 - beta2) * g;
            double d = lr * Math.signum(c);
            if (param != null && weightDecay != 0) d += lr * weightDecay * param[i];
            grad[i] = d;
        }
    }
}
