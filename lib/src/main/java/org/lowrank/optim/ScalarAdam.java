package org.lowrank.optim;

/**
 * Adam with one shared scalar second moment per tensor: per-coordinate first moment {@code m}, but
 * {@code v = β2·v + (1−β2)·mean(g²)} is a single number, so the step {@code lr·m̂/(√v̂ + ε)} is the momentum
 * direction rescaled, which keeps GD's rotational invariance (docs/reproduction-notes.md §7).
 *
 * <p>Fast path only: DL4J hands an updater one block spanning several tensors, so the scalar would be shared per
 * block, not per tensor; {@link #instantiate} throws instead.
 */
public final class ScalarAdam extends Adam {
    private static final long serialVersionUID = 1L;

    public ScalarAdam(double lr) {
        this(lr, 0.9, 0.999, 1e-8);
    }

    public ScalarAdam(double lr, double beta1, double beta2, double eps) {
        super(lr, beta1, beta2, eps);
    }

    @Override public String name() { return "ScalarAdam"; }
    @Override public ScalarAdam withLearningRate(double lr) { return new ScalarAdam(lr, beta1, beta2, eps); }
    @Override public int stateSize(int length) { return length + 1; }

    @Override
    protected void requireDl4jCompatible() {
        throw new UnsupportedOperationException("ScalarAdam keeps one second moment per tensor, but DL4J gives an updater "
                + "one gradient block spanning several tensors (the scalar would be per block); use it on the fast path "
                + "(org.lowrank.experiment), or Adam under DL4J");
    }

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
