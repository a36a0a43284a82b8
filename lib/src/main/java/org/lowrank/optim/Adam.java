package org.lowrank.optim;

/**
 * Adam (Kingma &amp; Ba), as torch 1.13 {@code Adam}: per-coordinate moments
 * {@code m = β1·m + (1−β1)·g, v = β2·v + (1−β2)·g²},
 * {@code p -= lr/(1−β1ᵗ) · m / (√v/√(1−β2ᵗ) + ε)}.
 */
public class Adam extends FirstOrder {
    private static final long serialVersionUID = 1L;
    protected final double beta1, beta2, eps;

    public Adam(double lr) {
        this(lr, 0.9, 0.999, 1e-8);
    }

    public Adam(double lr, double beta1, double beta2, double eps) {
        super(lr);
        this.beta1 = require("beta1", beta1, 0, 0.999999);
        this.beta2 = require("beta2", beta2, 0, 0.99999999);
        this.eps = require("eps", eps, 0, 1);
    }

    @Override public String name() { return "Adam"; }
    @Override public Adam withLearningRate(double lr) { return new Adam(lr, beta1, beta2, eps); }
    @Override public int stateSize(int length) { return 2 * length; }
    @Override protected double[] hyper() { return new double[] {beta1, beta2, eps}; }

    @Override
    public void update(double[] param, double[] grad, double[] s, int rows, int cols, int t) {
        int n = grad.length;
        double bc1 = 1 - Math.pow(beta1, t), sbc2 = Math.sqrt(1 - Math.pow(beta2, t));
        double stepSize = lr / bc1;
        for (int i = 0; i < n; i++) {
            double g = grad[i];
            double m = s[i] = beta1 * s[i] + (1 - beta1) * g;
            double v = s[n + i] = beta2 * s[n + i] + (1 - beta2) * g * g;
            grad[i] = stepSize * m / (Math.sqrt(v) / sbc2 + eps);
        }
    }
}
