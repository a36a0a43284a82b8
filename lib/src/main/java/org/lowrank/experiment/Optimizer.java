package org.lowrank.experiment;

import java.util.Arrays;
import java.util.Locale;

import org.lowrank.optim.*;

/**
 * The optimizers a run can use. First-order rules step every layer once per iteration; L-BFGS counts iterations;
 * CMA-ES and random search count function evaluations. Hyper-parameters other than the learning rate are fixed
 * defaults (below), so a run is fully described by (optimizer, lr).
 */
public enum Optimizer {
    SGD("SGD"), MOMENTUM("Momentum"), NESTEROV("Nesterov"), ADAM("Adam"), ADAMW("AdamW"), RMSPROP("RMSProp"),
    LION("Lion"), SIGNUM("Signum"), MUON("Muon"), SCALAR_ADAM("ScalarAdam"), LBFGS("LBFGS"), CMAES("CMAES"),
    RANDOM_SEARCH("RandomSearch");

    /** Heavy-ball / Nesterov / Signum momentum μ: the common default of torch examples and the papers. */
    public static final double MOMENTUM_COEFFICIENT = 0.9;
    /** Muon momentum μ: the value its authors recommend. */
    public static final double MUON_MOMENTUM = 0.95;
    /** AdamW decoupled decay λ: torch's default. */
    public static final double ADAMW_DECAY = 0.01;
    /** L-BFGS history size ({@link LBfgs#DEFAULT_HISTORY}). */
    public static final int LBFGS_HISTORY = LBfgs.DEFAULT_HISTORY;
    /** Random-search population per generation. */
    public static final int RANDOM_SEARCH_POPULATION = 50;

    private final String label;

    Optimizer(String label) {
        this.label = label;
    }

    /** The display name used in tables and CSV files, e.g. {@code "ScalarAdam"}. */
    public String label() {
        return label;
    }

    /** Whether this is a first-order (per-step, per-tensor) rule. */
    public boolean isFirstOrder() {
        return this != LBFGS && this != CMAES && this != RANDOM_SEARCH;
    }

    /**
     * The first-order rule at learning rate {@code lr} for a {@code rows×cols} weight: Momentum/Nesterov/Signum
     * μ = {@value #MOMENTUM_COEFFICIENT}; Adam/AdamW/ScalarAdam β = (0.9, 0.999), ε = 1e-8; AdamW λ =
     * {@value #ADAMW_DECAY}; RMSProp α = 0.99; Lion β = (0.9, 0.99), no decay; Muon μ = {@value #MUON_MOMENTUM}.
     *
     * @throws IllegalArgumentException for L-BFGS, CMA-ES and random search
     */
    public FirstOrder firstOrder(double lr, int rows, int cols) {
        return switch (this) {
            case SGD -> new Sgd(lr);
            case MOMENTUM -> new HeavyBall(lr, MOMENTUM_COEFFICIENT);
            case NESTEROV -> new Nesterov(lr, MOMENTUM_COEFFICIENT);
            case ADAM -> new Adam(lr);
            case ADAMW -> new AdamW(lr, ADAMW_DECAY);
            case RMSPROP -> new RmsProp(lr);
            case LION -> new Lion(lr);
            case SIGNUM -> new Signum(lr, MOMENTUM_COEFFICIENT);
            case MUON -> new Muon(lr, rows, cols);
            case SCALAR_ADAM -> new ScalarAdam(lr);
            case LBFGS, CMAES, RANDOM_SEARCH -> throw new IllegalArgumentException(label + " is not a first-order optimizer");
        };
    }

    /** The optimizer with this label or constant name, case-insensitive (for CSV files and notebook text). */
    public static Optimizer parse(String name) {
        if (name != null) {
            String n = name.trim();
            for (Optimizer o : values()) if (o.label.equalsIgnoreCase(n) || o.name().equalsIgnoreCase(n)) return o;
        }
        throw new IllegalArgumentException("optimizer name = '" + name + "'; allowed: " + Arrays.toString(labels()));
    }

    private static String[] labels() {
        return Arrays.stream(values()).map(Optimizer::label).toArray(String[]::new);
    }

    /** Lower-case label, for keys. */
    String keyName() {
        return label.toLowerCase(Locale.ROOT);
    }
}
