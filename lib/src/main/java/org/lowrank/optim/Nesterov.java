package org.lowrank.optim;

/**
 * Nesterov momentum, as torch {@code SGD(momentum=μ, nesterov=True)}: {@code b = μ·b + g; p -= lr·(g + μ·b)}.
 * (ND4J's {@code Nesterovs} uses the Sutskever form with the learning rate inside the buffer; the trajectories
 * differ once lr changes, so this one follows torch.)
 */
public final class Nesterov extends MomentumRule {
    private static final long serialVersionUID = 1L;

    public Nesterov(double lr, double momentum) {
        super(lr, momentum, "momentum");
    }

    @Override public String name() { return "Nesterov"; }
    @Override public Nesterov withLearningRate(double lr) { return new Nesterov(lr, momentum); }

    @Override
    public void update(double[] param, double[] grad, double[] b, int rows, int cols, int t) {
        for (int i = 0; i < grad.length; i++) {
            b[i] = momentum * b[i] + grad[i];
            grad[i] = lr * (grad[i] + momentum * b[i]);
        }
    }
}
