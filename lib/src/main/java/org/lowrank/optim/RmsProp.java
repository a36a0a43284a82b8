package org.lowrank.optim;

/**
 * RMSProp, as torch 1.13 {@code RMSprop} (no momentum, not centered):
 * {@code v = α·v + (1−α)·g²; p -= lr·g/(√v + ε)}.
 */
public final class RmsProp extends FirstOrder {
    private static final long serialVersionUID = 1L;
    private final double alpha, eps;

    public RmsProp(double lr) {
        this(lr, 0.99, 1e-8);
    }

    public RmsProp(double lr, double alpha, double eps) {
        super(lr);
        this.alpha = require("alpha", alpha, 0, 0.99999999);
        this.eps = require("eps", eps, 0, 1);
    }

    @Override public String name() { return "RMSProp"; }
    @Override public RmsProp withLearningRate(double lr) { return new RmsProp(lr, alpha, eps); }
    @Override public int stateSize(int length) { return length; }
    @Override protected double[] hyper() { return new double[] {alpha, eps}; }

    @Override
    public void update(double[] param, double[] grad, double[] v, int rows, int cols, int t) {
        for (int i = 0; i < grad.length; i++) {
            double g = grad[i];
            v[i] = alpha * v[i] + (1 - alpha) * g * g;
            grad[i] = lr * g / (Math.sqrt(v[i]) + eps);
        }
    }
}
