package org.lowrank.experiment;

/**
 * Which optimizer a run uses, with its learning rate (σ₀ for CMA-ES and random search); the other
 * hyper-parameters are the defaults of {@link Optimizer}.
 *
 * @param optimizer the optimizer
 * @param lr        learning rate or initial step size
 */
public record OptimizerSpec(Optimizer optimizer, double lr) implements java.io.Serializable {
    public OptimizerSpec {
        if (optimizer == null) throw new IllegalArgumentException("optimizer is null; allowed: one of " + java.util.Arrays.toString(Optimizer.values()));
        if (!(lr > 0) || !Double.isFinite(lr)) throw new IllegalArgumentException("lr must be finite and > 0, got " + lr);
    }

    /** By label, e.g. {@code new OptimizerSpec("Adam", 1e-3)} (see {@link Optimizer#parse}). */
    public OptimizerSpec(String name, double lr) {
        this(Optimizer.parse(name), lr);
    }

    /** The optimizer's display label, e.g. {@code "Adam"}. */
    public String name() {
        return optimizer.label();
    }

    /** The same optimizer with another learning rate. */
    public OptimizerSpec withLr(double lr) {
        return new OptimizerSpec(optimizer, lr);
    }

    /** Whether this is a first-order (per-step, per-tensor) rule. */
    public boolean isFirstOrder() {
        return optimizer.isFirstOrder();
    }

    /** The first-order rule for a {@code rows×cols} weight (see {@link Optimizer#firstOrder}). */
    public org.lowrank.optim.FirstOrder firstOrder(int rows, int cols) {
        return optimizer.firstOrder(lr, rows, cols);
    }

    /** Compact text for CSV keys. */
    public String key() {
        return optimizer.keyName() + "@" + lr;
    }
}
