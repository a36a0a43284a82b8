package org.lowrank.optim;

/** Plain (full-batch) gradient descent: {@code p -= lr·g} (torch {@code SGD}, momentum 0). */
public final class Sgd extends FirstOrder {
    private static final long serialVersionUID = 1L;

    public Sgd(double lr) {
        super(lr);
    }

    @Override public String name() { return "SGD"; }
    @Override public Sgd withLearningRate(double lr) { return new Sgd(lr); }
    @Override public int stateSize(int length) { return 0; }
    @Override protected double[] hyper() { return new double[0]; }

    @Override
    public void update(double[] param, double[] grad, double[] state, int rows, int cols, int t) {
        for (int i = 0; i < grad.length; i++) grad[i] *= lr;
    }
}
