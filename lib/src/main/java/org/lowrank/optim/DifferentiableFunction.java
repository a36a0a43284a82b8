package org.lowrank.optim;

/** A scalar function of a parameter vector that also returns its gradient (for L-BFGS and gradient methods). */
@FunctionalInterface
public interface DifferentiableFunction {
    /** Returns f(x) and writes ∇f(x) into {@code gradient} (same length as x). */
    double valueAndGradient(double[] x, double[] gradient);
}
