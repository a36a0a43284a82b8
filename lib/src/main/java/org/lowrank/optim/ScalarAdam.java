package org.lowrank.optim;

/**
 * Adam with one shared scalar second moment per tensor: per-coordinate first moment {@code m}, but
 * {@code v = β2·v + (1−β2)·mean(g²)} is a single number, so the step {@code lr·m̂/(√v̂ + ε)} is the momentum
 * direction rescaled, which keeps GD's rotational invariance (docs/reproduction-notes.md §7).
 */
public final class ScalarAdam extends FirstOrder {
    private static final long serialVersionUID = 1L;
    private final double beta1, beta2, eps;

    public ScalarAdam(double lr) {
        this(lr, 0.9, 0.999, 1e-8);
    }

    public ScalarAdam(double lr, double beta1, double beta2, double eps) {
        super(lr);
        this.beta1 = require("beta1", beta1, 0, 0.999999);
        this.beta2 = require("beta2", beta2, 0, 0.99999999);
        this.eps = require("eps", eps, 0, 1);
    }

    @Override public String name() { return "ScalarAdam"; }
    @Override public ScalarAdam withLearningRate(double lr) { return new ScalarAdam(lr, beta1, beta2, eps); }
    @Override public int stateSize(int length) { return length + 1; }
    @Override protected double[] hyper() { return new double[] {beta1, beta2, eps}; }

    @Override
    public void update(double[] param, double[] grad, double[] s, int rows, int cols, int t) {
        int n = grad.length;
        double sq = 0;
        for (double g : grad) sq += g * g;
        double v = s[n] = beta2 * s[n] + (1 - beta2) * sq / n;
        double bc1 = 1 - Math.pow(beta1, t), sbc2 = Math.sqrt(1 - Math.pow(beta2, t));
        double scale = lr / bc1 / (Math.sqrt(v) / sbc2 + eps);
        for (int i = 0; i < n; i++) {
            s[i] = beta1 * s[i] + (1 - beta1) * grad[i];
            grad[i] = scale * s[i];
        }
    }
}
