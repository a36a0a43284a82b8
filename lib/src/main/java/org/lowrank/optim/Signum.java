package org.lowrank.optim;

/**
 * Signum (Bernstein et al. 2018): sign of the momentum, {@code m = β·m + (1−β)·g; p -= lr·sign(m)};
 * β = 0 is signSGD. Like Adam without its moment averaging, it is not rotation invariant (docs/reproduction-notes.md §7).
 */
public final class Signum extends MomentumRule {
    private static final long serialVersionUID = 1L;

    public Signum(double lr, double beta) {
        super(lr, beta, "beta");
    }

    @Override public String name() { return "Signum"; }
    @Override public Signum withLearningRate(double lr) { return new Signum(lr, momentum); }

    @Override
    public void update(double[] param, double[] grad, double[] m, int rows, int cols, int t) {
        for (int i = 0; i < grad.length; i++) {
            m[i] = momentum * m[i] + (1 - momentum) * grad[i];
            grad[i] = lr * Math.signum(m[i]);
        }
    }
}
