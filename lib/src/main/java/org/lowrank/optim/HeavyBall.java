package org.lowrank.optim;

/**
 * Heavy-ball (Polyak) momentum, as torch {@code SGD(momentum=μ, dampening=0, nesterov=False)}:
 * {@code b = μ·b + g; p -= lr·b}. ND4J ships only Nesterov momentum.
 */
public final class HeavyBall extends MomentumRule {
    private static final long serialVersionUID = 1L;

    public HeavyBall(double lr, double momentum) {
        super(lr, momentum, "momentum");
    }

    @Override public String name() { return "Momentum"; }
    @Override public HeavyBall withLearningRate(double lr) { return new HeavyBall(lr, momentum); }

    @Override
    public void update(double[] param, double[] grad, double[] b, int rows, int cols, int t) {
        for (int i = 0; i < grad.length; i++) {
            b[i] = momentum * b[i] + grad[i];
            grad[i] = lr * b[i];
        }
    }
}
