package org.lowrank.optim;

/**
 * A first-order rule with one momentum buffer per coordinate and one coefficient (heavy ball, Nesterov, Signum):
 * the shared state size, validation and hyper-parameters; subclasses give the step.
 */
public abstract class MomentumRule extends FirstOrder {
    private static final long serialVersionUID = 1L;

    /** The momentum coefficient (μ or β). */
    protected final double momentum;

    /** @param coefficientName the coefficient's name in the subclass's API, for error messages */
    protected MomentumRule(double lr, double momentum, String coefficientName) {
        super(lr);
        this.momentum = require(coefficientName, momentum, 0, 0.999999);
    }

    @Override public int stateSize(int length) { return length; }
    @Override protected double[] hyper() { return new double[] {momentum}; }
}
