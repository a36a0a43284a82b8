package org.lowrank.experiment;

import java.util.Locale;
import org.lowrank.optim.*;

/**
 * Which optimizer a run uses, by name, with its learning rate (σ₀ for CMA-ES and random search). Other
 * hyper-parameters are fixed defaults (listed per name in {@link #firstOrder}), so a run is fully described by
 * (name, lr). Names: SGD, Momentum, Nesterov, Adam, AdamW, RMSProp, Lion, Signum, Muon, ScalarAdam (first order,
 * one step per iteration), LBFGS (one iteration = one L-BFGS iteration), CMAES, RandomSearch (budget = function
 * evaluations).
 *
 * @param name one of {@link #NAMES}
 * @param lr   learning rate or initial step size
 */
public record OptimizerSpec(String name, double lr) {
    /** Known names. */
    public static final java.util.List<String> NAMES = java.util.List.of("SGD", "Momentum", "Nesterov", "Adam", "AdamW",
            "RMSProp", "Lion", "Signum", "Muon", "ScalarAdam", "LBFGS", "CMAES", "RandomSearch");

    public OptimizerSpec {
        String canon = null;
        if (name != null) for (String n : NAMES) if (n.equalsIgnoreCase(name.trim())) canon = n;
        if (canon == null) throw new IllegalArgumentException("name must be one of " + NAMES + ", got '" + name + "'");
        name = canon;
        if (!(lr > 0) || !Double.isFinite(lr)) throw new IllegalArgumentException("lr must be finite and > 0, got " + lr);
    }

    /** The same optimizer with another learning rate. */
    public OptimizerSpec withLr(double lr) {
        return new OptimizerSpec(name, lr);
    }

    /** Whether this is a first-order (per-step, per-tensor) rule. */
    public boolean isFirstOrder() {
        return !(name.equals("LBFGS") || name.equals("CMAES") || name.equals("RandomSearch"));
    }

    /**
     * The first-order rule: Momentum/Nesterov μ = 0.9; Adam/AdamW/ScalarAdam β = (0.9, 0.999), ε = 1e-8;
     * AdamW λ = 0.01 (torch default); RMSProp α = 0.99; Lion β = (0.9, 0.99), no decay; Signum β = 0.9;
     * Muon μ = 0.95, 5 Newton–Schulz steps, DL4J block {@code rows×cols}.
     */
    public FirstOrder firstOrder(int rows, int cols) {
        switch (name) {
            case "SGD": return new Sgd(lr);
            case "Momentum": return new HeavyBall(lr, 0.9);
            case "Nesterov": return new Nesterov(lr, 0.9);
            case "Adam": return new Adam(lr);
            case "AdamW": return new AdamW(lr, 0.01);
            case "RMSProp": return new RmsProp(lr);
            case "Lion": return new Lion(lr);
            case "Signum": return new Signum(lr, 0.9);
            case "Muon": return new Muon(lr, rows, cols);
            case "ScalarAdam": return new ScalarAdam(lr);
            default: throw new IllegalArgumentException(name + " is not a first-order optimizer");
        }
    }

    /** Compact text for CSV keys. */
    public String key() {
        return name.toLowerCase(Locale.ROOT) + "@" + lr;
    }
}
